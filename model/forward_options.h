// Options and results of one forward pass of the UniLearn network.
// Plain data over LibTorch tensors; produced and consumed on the caller's thread.
#pragma once

#include <cstdint>
#include <vector>

#include <ATen/Tensor.h>

namespace unilearn {

// How the MoE layers compute (docs/numerics.md).
//  - deterministic: no router noise and no per-expert capacity, so a clip's output never depends
//    on the rest of its batch. The default for inference.
//  - official: router noise drawn from LibTorch's default generator in the official call order
//    (one randn_like per MoE layer, blocks in ascending order) and capacity dropping in flat token
//    order, exactly as the authors' code; seeding identically gives the authors' outputs.
enum class Numerics { kDeterministic, kOfficial };

struct ForwardOptions {
  Numerics numerics = Numerics::kDeterministic;
  // Record per-layer routing (indices, gates, load). Off by default; costs nothing when off.
  bool trace_routing = false;
  // Compute the load-balancing auxiliary loss of spec §1.3 (training only).
  bool aux_loss = false;

  static ForwardOptions deterministic() { return {}; }
  static ForwardOptions official() {
    ForwardOptions o;
    o.numerics = Numerics::kOfficial;
    return o;
  }
  bool routerNoise() const { return numerics == Numerics::kOfficial; }
  bool enforceCapacity() const { return numerics == Numerics::kOfficial; }
};

// Routing of one MoE layer for one forward pass.
struct LayerRouting {
  int64_t block = 0;      // index of the transformer block (6..11 in the paper's model)
  at::Tensor indices;     // [B, N, k] int64: chosen experts per token, best first
  at::Tensor gates;       // [B, N, k] float: gate weights of those experts; each row sums to 1
  at::Tensor load;        // [E] int64: assignments routed to each expert (before capacity)
  at::Tensor kept;        // [E] int64: assignments the expert actually processed (after capacity)
  int64_t capacity = -1;  // per-expert capacity in force, -1 when not enforced
};

struct ForwardOutput {
  at::Tensor logits;    // [B, classes] of the head that ran
  at::Tensor features;  // [B, embed_dim]: fc_norm(mean of tokens)
  bool video = true;    // which head ran: video ([B,3,T,H,W] input) or image ([B,3,H,W])
  std::vector<LayerRouting> routing;  // one entry per MoE layer when trace_routing is on
  at::Tensor aux_loss;                // scalar sum over MoE layers when aux_loss is on
};

}  // namespace unilearn
