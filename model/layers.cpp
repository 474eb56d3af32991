#include "model/layers.h"

#include <cmath>

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/linear.h>
#include <torch/nn/init.h>

#include "model/int8_linear.h"

namespace unilearn {

PatchEmbedImpl::PatchEmbedImpl(int64_t dim, int64_t patch, int64_t tubelet)
    : dim_(dim), patch_(patch), tubelet_(tubelet) {
  proj = register_module("proj",
                         torch::nn::Conv3d(torch::nn::Conv3dOptions(3, dim, {tubelet, patch, patch})
                                               .stride({tubelet, patch, patch})));
}

torch::Tensor PatchEmbedImpl::forward(const torch::Tensor& video) {
  const int64_t b = video.size(0), c = video.size(1), t = video.size(2), h = video.size(3),
                w = video.size(4);
  const int64_t gt = t / tubelet_, gh = h / patch_, gw = w / patch_;
  // [B,C,gt,pt,gh,ph,gw,pw] -> [B,gt,gh,gw,C,pt,ph,pw]: each row is one tubelet in the
  // (c, t, h, w) order of the Conv3d weight.
  auto patches = video.reshape({b, c, gt, tubelet_, gh, patch_, gw, patch_})
                     .permute({0, 2, 4, 6, 1, 3, 5, 7})
                     .reshape({b, gt * gh * gw, c * tubelet_ * patch_ * patch_});
  return torch::addmm(proj->bias, patches.reshape({-1, patches.size(2)}),
                      proj->weight.reshape({dim_, -1}).t())
      .view({b, gt * gh * gw, dim_});
}

AttentionImpl::AttentionImpl(int64_t dim, int64_t heads, bool qkv_bias)
    : heads_(heads), scale_(1.0 / std::sqrt(static_cast<double>(dim / heads))) {
  qkv =
      register_module("qkv", torch::nn::Linear(torch::nn::LinearOptions(dim, dim * 3).bias(false)));
  if (qkv_bias) {
    q_bias = register_parameter("q_bias", torch::zeros({dim}));
    v_bias = register_parameter("v_bias", torch::zeros({dim}));
  }
  proj = register_module("proj", torch::nn::Linear(dim, dim));
}

namespace {

// The qkv layer's bias: q_bias, zeros for the keys, v_bias (undefined without qkv_bias).
torch::Tensor qkvBias(const torch::Tensor& q_bias, const torch::Tensor& v_bias) {
  if (!q_bias.defined()) return {};
  return torch::cat({q_bias, torch::zeros_like(v_bias), v_bias});
}

}  // namespace

void AttentionImpl::quantizeInt8() {
  qkv_int8_ = std::make_shared<Int8Linear>(qkv->weight, qkvBias(q_bias, v_bias));
  proj_int8_ = std::make_shared<Int8Linear>(proj->weight, proj->bias);
}

torch::Tensor AttentionImpl::forward(const torch::Tensor& x) {
  const int64_t b = x.size(0), n = x.size(1), c = x.size(2);
  const torch::Tensor qkv_out =
      qkv_int8_ ? qkv_int8_->forward(x)
                : torch::nn::functional::linear(x, qkv->weight, qkvBias(q_bias, v_bias));
  auto parts = qkv_out.reshape({b, n, 3, heads_, c / heads_}).permute({2, 0, 3, 1, 4});
  auto q = parts[0] * scale_;
  auto k = parts[1];
  auto v = parts[2];
  auto attn = torch::matmul(q, k.transpose(-2, -1)).softmax(-1);
  auto out = torch::matmul(attn, v).transpose(1, 2).reshape({b, n, c});
  return proj_int8_ ? proj_int8_->forward(out) : proj->forward(out);
}

MlpImpl::MlpImpl(int64_t in, int64_t hidden) {
  fc1 = register_module("fc1", torch::nn::Linear(in, hidden));
  fc2 = register_module("fc2", torch::nn::Linear(hidden, in));
}

void MlpImpl::quantizeInt8() {
  fc1_int8_ = std::make_shared<Int8Linear>(fc1->weight, fc1->bias);
  fc2_int8_ = std::make_shared<Int8Linear>(fc2->weight, fc2->bias);
}

torch::Tensor MlpImpl::forward(const torch::Tensor& x) {
  if (fc1_int8_) return fc2_int8_->forward(torch::gelu(fc1_int8_->forward(x)));
  return fc2->forward(torch::gelu(fc1->forward(x)));
}

torch::nn::LayerNorm makeLayerNorm(int64_t dim) {
  return torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-6));
}

namespace {

// Truncated normal by inverse CDF, with absolute bounds [lo, hi].
void truncNormal(torch::Tensor& t, double std, double lo, double hi) {
  torch::NoGradGuard guard;
  auto cdf = [](double x) { return (1.0 + std::erf(x / std::sqrt(2.0))) / 2.0; };
  const double l = cdf(lo / std), u = cdf(hi / std);
  t.uniform_(2 * l - 1, 2 * u - 1);
  t.erfinv_();
  t.mul_(std * std::sqrt(2.0));
  t.clamp_(lo, hi);
}

}  // namespace

void initOfficial(torch::nn::Module& module) {
  torch::NoGradGuard guard;
  for (auto& m : module.modules(/*include_self=*/false)) {
    if (auto* lin = m->as<torch::nn::Linear>()) {
      truncNormal(lin->weight, 0.02, -2.0, 2.0);
      if (lin->bias.defined()) lin->bias.zero_();
    } else if (auto* ln = m->as<torch::nn::LayerNorm>()) {
      ln->weight.fill_(1.0);
      ln->bias.zero_();
    }
  }
}

}  // namespace unilearn
