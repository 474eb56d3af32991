#include "model/vit_moe.h"

#include <cmath>
#include <sstream>

#include <torch/torch.h>

#include "model/base/error.h"

namespace unilearn {

BlockImpl::BlockImpl(const ModelConfig& config, bool moe) {
  const int64_t dim = config.embed_dim;
  norm1 = register_module("norm1", makeLayerNorm(dim));
  attn = register_module("attn", Attention(dim, config.num_heads, config.qkv_bias));
  norm2 = register_module("norm2", makeLayerNorm(dim));
  if (moe) {
    moe_layer =
        register_module("moe_layer", SparseMoE(dim, config.expertHidden(), config.num_experts,
                                               config.top_k, config.capacity_factor));
  }
  mlp = register_module("mlp", Mlp(dim, config.mlpHidden()));
}

torch::Tensor BlockImpl::forward(const torch::Tensor& x_in, const ForwardOptions& options,
                                 LayerRouting* trace, torch::Tensor* aux) {
  auto x = x_in + attn->forward(norm1->forward(x_in));
  auto x1 = norm2->forward(x);
  if (!moe_layer) return x + mlp->forward(x1);
  // Dense MLP and expert mixture in parallel on the same input, one residual (spec §1.1 step 5).
  return x + mlp->forward(x1) + moe_layer->forward(x1, options, trace, aux);
}

torch::Tensor sinusoidTable(int64_t n_position, int64_t dim) {
  auto table = torch::empty({n_position, dim}, torch::kFloat64);
  auto acc = table.accessor<double, 2>();
  for (int64_t pos = 0; pos < n_position; ++pos) {
    for (int64_t j = 0; j < dim; ++j) {
      const double angle =
          static_cast<double>(pos) / std::pow(10000.0, 2.0 * static_cast<double>(j / 2) / dim);
      acc[pos][j] = (j % 2 == 0) ? std::sin(angle) : std::cos(angle);
    }
  }
  return table.to(torch::kFloat32).unsqueeze(0);
}

VitMoEImpl::VitMoEImpl(const ModelConfig& config) : config_(config) {
  config_.validate();
  const int64_t dim = config_.embed_dim;
  patch_embed =
      register_module("patch_embed", PatchEmbed(dim, config_.patch_size, config_.tubelet_size));
  blocks = register_module("blocks", torch::nn::ModuleList());
  for (int64_t i = 0; i < config_.depth; ++i) {
    Block b(config_, config_.isMoeLayer(i));
    blocks->push_back(b);
    block_list_.push_back(b);
  }
  fc_norm = register_module("fc_norm", makeLayerNorm(dim));
  image_head_ = torch::nn::Linear(dim, config_.image_classes);
  video_head_ = torch::nn::Linear(dim, config_.video_classes);
  head = register_module(
      "head", torch::nn::ModuleDict(std::vector<std::pair<std::string, std::shared_ptr<Module>>>{
                  {"image", image_head_.ptr()}, {"video", video_head_.ptr()}}));
  initOfficial(*this);
  pos_embed_ = sinusoidTable(config_.videoTokens(), dim);
}

void VitMoEImpl::checkInput(const torch::Tensor& input) const {
  auto fail = [&](const std::string& why) {
    std::ostringstream shape;
    shape << input.sizes();
    throw Error(Error::Kind::kShape, "input of shape " + shape.str() + " " + why);
  };
  const int64_t s = config_.img_size;
  if (input.dim() == 5) {
    if (input.size(1) != 3 || input.size(2) != config_.num_frames || input.size(3) != s ||
        input.size(4) != s)
      fail("does not match the video input [B,3," + std::to_string(config_.num_frames) + "," +
           std::to_string(s) + "," + std::to_string(s) + "]");
  } else if (input.dim() == 4) {
    if (input.size(1) != 3 || input.size(2) != s || input.size(3) != s)
      fail("does not match the image input [B,3," + std::to_string(s) + "," + std::to_string(s) +
           "]");
  } else {
    fail("is neither a video [B,3,T,H,W] nor an image [B,3,H,W]");
  }
  if (input.size(0) == 0) fail("has an empty batch");
  if (!input.is_floating_point()) fail("is not a floating-point tensor");
}

ForwardOutput VitMoEImpl::forward(const torch::Tensor& input, const ForwardOptions& options) {
  checkInput(input);
  ForwardOutput out;
  out.video = input.dim() == 5;
  auto param = fc_norm->weight;
  torch::Tensor clip = input.to(param.device(), param.scalar_type());
  if (!out.video) clip = clip.unsqueeze(2).repeat({1, 1, config_.tubelet_size, 1, 1});

  auto x = patch_embed->forward(clip);
  auto pos = pos_embed_.to(x.device(), x.scalar_type());
  if (!out.video) pos = pos.narrow(1, 0, config_.imageTokens());  // first temporal slice
  x = x + pos;

  torch::Tensor aux_total;
  for (int64_t i = 0; i < config_.depth; ++i) {
    LayerRouting* trace = nullptr;
    torch::Tensor aux;
    const bool moe = static_cast<bool>(block_list_[i]->moe_layer);
    if (moe && options.trace_routing) {
      out.routing.emplace_back();
      out.routing.back().block = i;
      trace = &out.routing.back();
    }
    x = block_list_[i]->forward(x, options, trace, (moe && options.aux_loss) ? &aux : nullptr);
    if (aux.defined()) aux_total = aux_total.defined() ? aux_total + aux : aux;
  }
  out.features = fc_norm->forward(x.mean(1));
  out.logits = (out.video ? video_head_ : image_head_)->forward(out.features);
  if (out.logits.scalar_type() != torch::kFloat32) {  // a bf16 network answers in fp32 too
    out.logits = out.logits.to(torch::kFloat32);
    out.features = out.features.to(torch::kFloat32);
  }
  if (options.aux_loss)
    out.aux_loss = aux_total.defined() ? aux_total : torch::zeros({}, out.logits.options());
  return out;
}

int64_t parameterCount(const torch::nn::Module& module) {
  int64_t n = 0;
  for (const auto& p : module.parameters())
    n += p.numel();
  return n;
}

}  // namespace unilearn
