// Dense building blocks of the UniLearn ViT, registered under the official module names so that
// state-dict keys match the authors' checkpoints one to one (spec §1.6).
// Thread-safety: a module may run forward on one thread at a time, or concurrently in eval mode
// under torch::InferenceMode.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/any.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include <memory>

namespace unilearn {

class Int8Linear;

// `patch_embed.proj`: Conv3d(3 -> dim, kernel = stride = (tubelet, patch, patch)), computed as a
// reshape plus one matrix product (identical arithmetic, no im2col). Images are padded to
// 2-frame clips by repeating the frame (PadIm2Video).
class PatchEmbedImpl : public torch::nn::Module {
 public:
  PatchEmbedImpl(int64_t dim, int64_t patch, int64_t tubelet);
  // [B,3,T,H,W] -> [B, T/tubelet * H/patch * W/patch, dim], token = t*(gh*gw) + h*gw + w.
  torch::Tensor forward(const torch::Tensor& video);

  torch::nn::Conv3d proj{nullptr};

 private:
  int64_t dim_, patch_, tubelet_;
};
TORCH_MODULE(PatchEmbed);

// Multi-head self-attention with `q_bias` and `v_bias` and no key bias.
class AttentionImpl : public torch::nn::Module {
 public:
  AttentionImpl(int64_t dim, int64_t heads, bool qkv_bias);
  torch::Tensor forward(const torch::Tensor& x);

  torch::Tensor q_bias, v_bias;  // undefined when qkv_bias is false
  torch::nn::Linear qkv{nullptr}, proj{nullptr};

  // Inference from now on with int8 copies of qkv and proj (model/precision.h).
  void quantizeInt8();

 private:
  int64_t heads_;
  double scale_;
  std::shared_ptr<Int8Linear> qkv_int8_, proj_int8_;
};
TORCH_MODULE(Attention);

// fc1 -> exact (erf) GELU -> fc2, no skip connection.
class MlpImpl : public torch::nn::Module {
 public:
  MlpImpl(int64_t in, int64_t hidden);
  torch::Tensor forward(const torch::Tensor& x);

  torch::nn::Linear fc1{nullptr}, fc2{nullptr};

  // Inference from now on with int8 copies of fc1 and fc2 (model/precision.h).
  void quantizeInt8();

 private:
  std::shared_ptr<Int8Linear> fc1_int8_, fc2_int8_;
};
TORCH_MODULE(Mlp);

torch::nn::LayerNorm makeLayerNorm(int64_t dim);  // eps 1e-6, as everywhere in the official code

// Official initialisation (spec §1.5): Linear weights truncated normal (std .02, bounds ±2),
// biases 0; LayerNorm (1, 0). Applied to every Linear and LayerNorm below `module`.
void initOfficial(torch::nn::Module& module);

}  // namespace unilearn
