// The UniLearn fine-tuning network (`vitmoe_*_patch16_160`, spec §1): patch embedding, fixed
// sinusoid positions, 12 blocks of which the MoE ones run the expert mixture beside the dense MLP,
// mean pooling + fc_norm, and two heads (`head.image`, `head.video`).
// Thread-safety: one forward at a time per instance, or concurrent eval under InferenceMode.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/moduledict.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>

#include "model/config.h"
#include "model/forward_options.h"
#include "model/layers.h"
#include "model/moe.h"

namespace unilearn {

class BlockImpl : public torch::nn::Module {
 public:
  BlockImpl(const ModelConfig& config, bool moe);
  torch::Tensor forward(const torch::Tensor& x, const ForwardOptions& options, LayerRouting* trace,
                        torch::Tensor* aux);

  torch::nn::LayerNorm norm1{nullptr}, norm2{nullptr};
  Attention attn{nullptr};
  SparseMoE moe_layer{nullptr};  // null in dense blocks
  Mlp mlp{nullptr};
};
TORCH_MODULE(Block);

// Fixed sinusoid table [1, n_position, dim] (float64 angles, cast to float32). Not a parameter.
torch::Tensor sinusoidTable(int64_t n_position, int64_t dim);

class VitMoEImpl : public torch::nn::Module {
 public:
  explicit VitMoEImpl(const ModelConfig& config);

  // [B,3,T,H,W] runs the video head, [B,3,H,W] the image head (padded to a 2-frame clip).
  // Throws unilearn::Error (kShape) for any other shape.
  ForwardOutput forward(const torch::Tensor& input,
                        const ForwardOptions& options = ForwardOptions());

  const ModelConfig& config() const { return config_; }
  // The one setting that is not the network's shape: the crop margin its inputs are cut with.
  // Throws unilearn::Error (kConfig) outside [0, 1].
  void setFaceMargin(double margin) {
    ModelConfig c = config_;
    c.face_margin = margin;
    c.validate();
    config_ = c;
  }

  PatchEmbed patch_embed{nullptr};
  torch::nn::ModuleList blocks{nullptr};
  torch::nn::LayerNorm fc_norm{nullptr};
  torch::nn::ModuleDict head{nullptr};

 private:
  void checkInput(const torch::Tensor& input) const;

  ModelConfig config_;
  std::vector<Block> block_list_;
  torch::nn::Linear image_head_{nullptr}, video_head_{nullptr};
  torch::Tensor pos_embed_;  // plain tensor: not in the state dict, as officially
};
TORCH_MODULE(VitMoE);

int64_t parameterCount(const torch::nn::Module& module);

}  // namespace unilearn
