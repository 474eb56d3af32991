// The Mixture of Adapter Experts branch: noisy top-k router and bottleneck experts
// (`moe_layer.router.*`, `moe_layer.experts.{e}.*`, spec §1.2).
// Thread-safety: as any torch module (one forward at a time unless in inference mode).
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include "model/forward_options.h"
#include "model/layers.h"

namespace unilearn {

class NoisyTopkRouterImpl : public torch::nn::Module {
 public:
  NoisyTopkRouterImpl(int64_t dim, int64_t experts, int64_t top_k);

  struct Result {
    torch::Tensor noisy;    // [T, E] router logits (plus noise when enabled)
    torch::Tensor indices;  // [T, k] chosen experts, best first
    torch::Tensor gates;    // [T, k] softmax over the chosen logits
  };
  // x: [T, dim]. With `noise`, draws one randn_like([T,E]) from the default generator.
  Result route(const torch::Tensor& x, bool noise);

  torch::nn::Linear topkroute_linear{nullptr}, noise_linear{nullptr};

 private:
  int64_t top_k_;
};
TORCH_MODULE(NoisyTopkRouter);

class SparseMoEImpl : public torch::nn::Module {
 public:
  SparseMoEImpl(int64_t dim, int64_t hidden, int64_t num_experts, int64_t top_k,
                double capacity_factor);

  // x: [B, N, dim] -> [B, N, dim]. Tokens go to their top-k experts grouped per expert, so the
  // cost is close to the experts' own FLOPs. `trace`, when non-null, receives this layer's
  // routing; `aux`, when non-null, receives the load-balancing loss of spec §1.3.
  torch::Tensor forward(const torch::Tensor& x, const ForwardOptions& options, LayerRouting* trace,
                        torch::Tensor* aux);

  NoisyTopkRouter router{nullptr};
  torch::nn::ModuleList experts{nullptr};

 private:
  std::vector<Mlp> expert_mlps_;
  int64_t num_experts_, top_k_;
  double capacity_factor_;
};
TORCH_MODULE(SparseMoE);

}  // namespace unilearn
