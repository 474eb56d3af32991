#include "model/mae.h"

#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include <torch/nn/init.h>
#include <torch/torch.h>

#include "model/base/error.h"
#include "model/base/json_fields.h"
#include "model/mae_fields.h"
#include "model/network_file.h"

namespace unilearn {

// The encoder as a nested field (found by json_fields.h next to ModelConfig; static, so other
// files may give their own).
static json::Value toJsonValue(const ModelConfig& c) {
  return c.toJson();
}
static void fromJsonValue(const json::Value& v, const std::string&, ModelConfig& c) {
  c = ModelConfig::fromJson(v);
}

namespace {

template <class C, class F>
void visitFields(C& c, F& f) {  // model/base/json_fields.h
  f("encoder", c.encoder);
  visitMaeFields(c, f);
}

}  // namespace

json::Value MaeConfig::toJson() const {
  return json::writeFields(*this, [](auto& x, auto& f) { visitFields(x, f); });
}

MaeConfig MaeConfig::fromJson(const json::Value& v) {
  MaeConfig c;
  json::readFields(v, "pre-training config", "unknown pre-training setting", c,
                   [](auto& x, auto& f) { visitFields(x, f); });
  if (c.decoder_dim % c.decoder_heads != 0)
    throw Error(Error::Kind::kConfig, "decoder_dim must be a multiple of decoder_heads");
  return c;
}

namespace {

ModelConfig denseCopy(ModelConfig c) {
  c.moe_layers.clear();
  return c;
}

// Official pre-training initialisation: xavier-uniform Linear weights, zero biases, LayerNorm
// (1, 0); the patch embedding keeps PyTorch's default.
void initMae(torch::nn::Module& module) {
  torch::NoGradGuard no_grad;
  for (auto& m : module.modules(/*include_self=*/false)) {
    if (auto* linear = m->as<torch::nn::Linear>()) {
      torch::nn::init::xavier_uniform_(linear->weight);
      if (linear->bias.defined()) linear->bias.zero_();
    } else if (auto* ln = m->as<torch::nn::LayerNorm>()) {
      ln->weight.fill_(1.0);
      ln->bias.zero_();
    }
  }
}

}  // namespace

MaeEncoderImpl::MaeEncoderImpl(const ModelConfig& c) {
  const ModelConfig dense = denseCopy(c);
  patch_embed =
      register_module("patch_embed", PatchEmbed(c.embed_dim, c.patch_size, c.tubelet_size));
  blocks = register_module("blocks", torch::nn::ModuleList());
  for (int64_t i = 0; i < c.depth; ++i) {
    block_list.emplace_back(dense, false);
    blocks->push_back(block_list.back());
  }
  norm = register_module("norm", makeLayerNorm(c.embed_dim));
}

MaeDecoderImpl::MaeDecoderImpl(const ModelConfig& d, int64_t out_dim) {
  blocks = register_module("blocks", torch::nn::ModuleList());
  for (int64_t i = 0; i < d.depth; ++i) {
    block_list.emplace_back(d, false);
    blocks->push_back(block_list.back());
  }
  norm = register_module("norm", makeLayerNorm(d.embed_dim));
  head = register_module("head", torch::nn::Linear(d.embed_dim, out_dim));
}

MaePretrainImpl::MaePretrainImpl(const MaeConfig& config) : config_(config) {
  const ModelConfig& e = config.encoder;
  ModelConfig d = denseCopy(e);
  d.embed_dim = config.decoder_dim;
  d.depth = config.decoder_depth;
  d.num_heads = config.decoder_heads;
  encoder = register_module("encoder", MaeEncoder(e));
  encoder_to_decoder = register_module(
      "encoder_to_decoder",
      torch::nn::Linear(torch::nn::LinearOptions(e.embed_dim, config.decoder_dim).bias(false)));
  mask_token = register_parameter("mask_token", torch::zeros({1, 1, config.decoder_dim}));
  decoder = register_module("decoder", MaeDecoder(d, config.pixelsPerToken()));
  initMae(*this);
  {
    // Truncated normal (std .02, bounds ±.02) by redrawing what falls outside.
    torch::NoGradGuard no_grad;
    mask_token.normal_(0.0, 0.02);
    for (auto out = mask_token.abs() > 0.02; out.any().item<bool>(); out = mask_token.abs() > 0.02)
      mask_token.masked_scatter_(out, torch::randn({out.sum().item<int64_t>()}) * 0.02);
  }
  encoder_pos_ = sinusoidTable(e.videoTokens(), e.embed_dim);
  decoder_pos_ = sinusoidTable(e.videoTokens(), config.decoder_dim);
}

torch::Tensor MaePretrainImpl::forward(const torch::Tensor& input, const torch::Tensor& mask) {
  const ModelConfig& e = config_.encoder;
  const bool video = input.dim() == 5;
  const int64_t n = video ? e.videoTokens() : e.imageTokens();
  const int64_t b = input.size(0);
  if ((input.dim() != 4 && input.dim() != 5) || input.size(1) != 3 ||
      input.size(-1) != e.img_size || input.size(-2) != e.img_size ||
      (video && input.size(2) != e.num_frames)) {
    std::ostringstream s;
    s << input.sizes();
    throw Error(Error::Kind::kShape, "pre-training input of shape " + s.str() +
                                         " is neither a clip [B,3," + std::to_string(e.num_frames) +
                                         "," + std::to_string(e.img_size) + "," +
                                         std::to_string(e.img_size) + "] nor a still");
  }
  if (mask.dim() != 2 || mask.size(0) != b || mask.size(1) != n)
    throw Error(Error::Kind::kShape, "the mask must be [B, " + std::to_string(n) + "]");
  auto clip = input.to(mask_token.device(), mask_token.scalar_type());
  if (!video) clip = clip.unsqueeze(2).repeat({1, 1, e.tubelet_size, 1, 1});
  auto x = encoder->patch_embed->forward(clip);
  x = x + encoder_pos_.narrow(1, 0, n).to(x.device(), x.scalar_type());
  const auto keep = mask.logical_not().to(x.device());
  const int64_t visible = keep[0].sum().item<int64_t>();
  x = x.index({keep}).reshape({b, visible, e.embed_dim});  // visible tokens only
  ForwardOptions dense;
  for (auto& block : encoder->block_list)
    x = block->forward(x, dense, nullptr, nullptr);
  x = encoder->norm->forward(x);
  auto v = encoder_to_decoder->forward(x);  // [B, visible, D]
  // Mask tokens at the masked positions, the visible tokens back at theirs.
  auto full = mask_token.expand({b, n, config_.decoder_dim}).clone();
  full.index_put_({keep}, v.reshape({-1, config_.decoder_dim}));
  full = full + decoder_pos_.narrow(1, 0, n).to(full.device(), full.scalar_type());
  for (auto& block : decoder->block_list)
    full = block->forward(full, dense, nullptr, nullptr);
  return decoder->head->forward(decoder->norm->forward(full));
}

void loadMaeState(MaePretrainImpl& model, const StateDict& state) {
  std::map<std::string, at::Tensor> by_name(state.begin(), state.end());
  torch::NoGradGuard no_grad;
  std::set<std::string> used;
  for (auto& p : model.named_parameters()) {
    auto it = by_name.find(p.key());
    if (it == by_name.end())
      throw Error(Error::Kind::kShape, "the pre-training checkpoint has no '" + p.key() + "'");
    if (it->second.sizes() != p.value().sizes()) {
      std::ostringstream a, b;
      a << it->second.sizes();
      b << p.value().sizes();
      throw Error(Error::Kind::kShape, "'" + p.key() + "' is " + a.str() + " in the file but " +
                                           b.str() + " in this network: a different config");
    }
    p.value().copy_(it->second.to(p.value().scalar_type()));
    used.insert(p.key());
  }
  for (const auto& [key, value] : state)
    if (!used.count(key))
      throw Error(Error::Kind::kShape, "the pre-training checkpoint has '" + key +
                                           "', which this network does not: a different config");
}

LoadedMae loadMae(const std::string& path, const std::optional<MaeConfig>& config) {
  LoadedMae out;
  StateDict state;
  if (isSafetensorsFile(path)) {
    SafetensorsFile f = readSafetensors(path);
    state = f.tensors;
    std::string json_text;
    for (const auto& [k, v] : f.metadata)
      if (k == "unilearn_mae_config") json_text = v;
    if (config)
      out.config = *config;
    else if (!json_text.empty())
      out.config = MaeConfig::fromJson(json::parse(json_text));
    else
      throw Error(Error::Kind::kConfig, "'" + path + "' has no pre-training config: give one");
  } else {
    if (!config)
      throw Error(Error::Kind::kConfig,
                  "an authors' pre-training checkpoint needs its config (encoder and decoder "
                  "sizes): give one");
    state = readTorchCheckpoint(path).state_dict;
    out.config = *config;
  }
  out.network = MaePretrain(out.config);
  loadMaeState(*out.network, state);
  return out;
}

void saveMae(const std::string& path, MaePretrainImpl& model, const Metadata& provenance) {
  Metadata meta = provenance;
  meta.emplace_back("unilearn_mae_config", model.config().toJson().dump());
  meta.emplace_back("unilearn_config", model.config().encoder.toJson().dump());
  StateDict state;
  for (const auto& p : model.named_parameters())
    state.emplace_back(p.key(), p.value().detach().to(torch::kCPU).contiguous());
  writeSafetensors(path, state, meta);
}

torch::Tensor randomTokenMask(int64_t batch, int64_t tokens, double ratio) {
  const int64_t masked = static_cast<int64_t>(std::llround(ratio * static_cast<double>(tokens)));
  auto noise = torch::rand({batch, tokens});
  auto order = noise.argsort(/*dim=*/int64_t{1});
  auto mask = torch::zeros({batch, tokens}, torch::kBool);
  mask.scatter_(1, order.narrow(1, 0, masked), true);
  return mask;
}

torch::Tensor maeTargets(const torch::Tensor& input, const ModelConfig& e) {
  auto clip = input;
  if (clip.dim() == 4) clip = clip.unsqueeze(2).repeat({1, 1, e.tubelet_size, 1, 1});
  const auto opts = clip.options();
  const auto mean = torch::tensor({0.485, 0.456, 0.406}, opts).view({1, 3, 1, 1, 1});
  const auto std = torch::tensor({0.229, 0.224, 0.225}, opts).view({1, 3, 1, 1, 1});
  auto x = clip * std + mean;  // back to [0, 1]
  const int64_t b = x.size(0), t = x.size(2) / e.tubelet_size, g = e.img_size / e.patch_size;
  const int64_t p = e.patch_size, tu = e.tubelet_size;
  // [B,C,T,H,W] -> [B, t, g, g, tu, p, p, C] -> [B, N, tu*p*p, C]
  x = x.reshape({b, 3, t, tu, g, p, g, p}).permute({0, 2, 4, 6, 3, 5, 7, 1});
  x = x.reshape({b, t * g * g, tu * p * p, 3});
  const auto m = x.mean(-2, true);
  const auto var = x.var(-2, /*unbiased=*/true, /*keepdim=*/true);
  x = (x - m) / (var + 1e-6).sqrt();
  return x.reshape({b, t * g * g, tu * p * p * 3});
}

torch::Tensor maeLoss(const torch::Tensor& prediction, const torch::Tensor& target,
                      const torch::Tensor& mask) {
  const auto per_token = (prediction - target).pow(2).mean(-1);  // [B, N]
  const auto m = mask.to(per_token.scalar_type());
  return (per_token * m).sum() / m.sum();
}

}  // namespace unilearn
