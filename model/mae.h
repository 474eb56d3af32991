// UniLearn's dual-modal masked-autoencoder pre-training network (spec §4), under the official
// key names so that the authors' pre-training checkpoints load one to one: `encoder.*` (patch
// embedding, dense blocks, final norm) runs on the visible tokens only; `encoder_to_decoder`
// (no bias) maps them to the decoder's width; `mask_token` fills the masked positions; the
// decoder (`decoder.blocks.*`, `decoder.norm`, `decoder.head`) predicts every token's pixels
// (tubelet × patch × patch × 3 values). Images enter as 2-frame clips (the frame repeated).
// The loss compares the masked tokens with per-patch, per-channel normalised targets.
// Thread-safety: as any torch module.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>

#include <optional>
#include <string>

#include "model/checkpoint.h"
#include "model/config.h"
#include "model/layers.h"
#include "model/safetensors.h"
#include "model/vit_moe.h"

namespace unilearn {

struct MaeConfig {
  ModelConfig encoder;  // its MoE fields are ignored: pre-training blocks are dense
  int64_t decoder_dim = 384, decoder_depth = 4, decoder_heads = 6;
  double image_mask_ratio = 0.9, video_mask_ratio = 0.95;
  int64_t pixelsPerToken() const {
    return encoder.tubelet_size * encoder.patch_size * encoder.patch_size * 3;
  }
  json::Value toJson() const;
  static MaeConfig fromJson(const json::Value& v);  // unknown keys are an error
};

class MaeEncoderImpl : public torch::nn::Module {
 public:
  explicit MaeEncoderImpl(const ModelConfig& config);
  PatchEmbed patch_embed{nullptr};
  torch::nn::ModuleList blocks{nullptr};
  torch::nn::LayerNorm norm{nullptr};
  std::vector<Block> block_list;
};
TORCH_MODULE(MaeEncoder);

class MaeDecoderImpl : public torch::nn::Module {
 public:
  MaeDecoderImpl(const ModelConfig& decoder, int64_t out_dim);
  torch::nn::ModuleList blocks{nullptr};
  torch::nn::LayerNorm norm{nullptr};
  torch::nn::Linear head{nullptr};
  std::vector<Block> block_list;
};
TORCH_MODULE(MaeDecoder);

class MaePretrainImpl : public torch::nn::Module {
 public:
  explicit MaePretrainImpl(const MaeConfig& config);

  // `input`: [B,3,T,H,W] clips or [B,3,H,W] stills (ImageNet-normalised); `mask`: [B,N] bool,
  // true = masked, the same count in every row. Returns [B, N, pixelsPerToken] predictions for
  // every token. Throws unilearn::Error (kShape) for inputs or masks of the wrong shape.
  torch::Tensor forward(const torch::Tensor& input, const torch::Tensor& mask);

  const MaeConfig& config() const { return config_; }

  MaeEncoder encoder{nullptr};
  torch::nn::Linear encoder_to_decoder{nullptr};
  torch::Tensor mask_token;  // [1, 1, decoder_dim]
  MaeDecoder decoder{nullptr};

 private:
  MaeConfig config_;
  torch::Tensor encoder_pos_, decoder_pos_;  // fixed sinusoid tables, not parameters
};
TORCH_MODULE(MaePretrain);

// Copies a state dict into `model` key by key, names unchanged (no pre-training remap): every
// parameter must be there with its shape. Throws unilearn::Error (kShape) naming the first
// missing or mismatched key, or an unexpected one.
void loadMaeState(MaePretrainImpl& model, const StateDict& state);

// An authors' pre-training checkpoint ({'model': {...}} as their trainer saves it) or our own
// pre-training file (safetensors with the config in its metadata). `config` may be omitted
// for our files; authors' files need it (the head counts cannot be read from shapes).
struct LoadedMae {
  MaeConfig config;
  MaePretrain network{nullptr};
};
LoadedMae loadMae(const std::string& path, const std::optional<MaeConfig>& config);

// Writes the network as safetensors under the official names, the MaeConfig in the metadata
// ("unilearn_mae_config") and the encoder's fine-tuning config ("unilearn_config"), so that
// `loadNetwork` (fine-tuning) reads it as a pre-training checkpoint.
void saveMae(const std::string& path, MaePretrainImpl& model, const Metadata& provenance = {});

// Random masking as the official code: for each sample exactly round(ratio × N) of its N tokens,
// chosen uniformly (videos: any (t, h, w), not tubes). Uses LibTorch's default generator.
torch::Tensor randomTokenMask(int64_t batch, int64_t tokens, double ratio);

// The targets: the input un-normalised (ImageNet statistics), cut into tokens of
// (tubelet, patch, patch, channel) values in that order, each token normalised per channel
// over its pixels: (x - mean) / sqrt(unbiased variance + 1e-6). [B, N, pixelsPerToken].
torch::Tensor maeTargets(const torch::Tensor& input, const ModelConfig& encoder);

// Mean over the masked tokens of the per-token mean squared error.
torch::Tensor maeLoss(const torch::Tensor& prediction, const torch::Tensor& target,
                      const torch::Tensor& mask);

}  // namespace unilearn
