#include "model/moe.h"

#include <torch/nn/functional/activation.h>
#include <torch/torch.h>

namespace unilearn {

NoisyTopkRouterImpl::NoisyTopkRouterImpl(int64_t dim, int64_t experts, int64_t top_k)
    : top_k_(top_k) {
  topkroute_linear = register_module("topkroute_linear", torch::nn::Linear(dim, experts));
  noise_linear = register_module("noise_linear", torch::nn::Linear(dim, experts));
}

NoisyTopkRouterImpl::Result NoisyTopkRouterImpl::route(const torch::Tensor& x, bool noise) {
  Result r;
  r.noisy = topkroute_linear->forward(x);
  if (noise) {
    auto noise_scale = torch::softplus(noise_linear->forward(x));
    r.noisy = r.noisy + torch::randn_like(r.noisy) * noise_scale;
  }
  auto [values, indices] = r.noisy.topk(top_k_, /*dim=*/-1);
  r.indices = indices;
  r.gates = values.softmax(-1);
  return r;
}

SparseMoEImpl::SparseMoEImpl(int64_t dim, int64_t hidden, int64_t num_experts, int64_t top_k,
                             double capacity_factor)
    : num_experts_(num_experts), top_k_(top_k), capacity_factor_(capacity_factor) {
  router = register_module("router", NoisyTopkRouter(dim, num_experts, top_k));
  experts = register_module("experts", torch::nn::ModuleList());
  for (int64_t e = 0; e < num_experts_; ++e) {
    Mlp m(dim, hidden);
    experts->push_back(m);
    expert_mlps_.push_back(m);
  }
}

torch::Tensor SparseMoEImpl::forward(const torch::Tensor& x, const ForwardOptions& options,
                                     LayerRouting* trace, torch::Tensor* aux) {
  const int64_t b = x.size(0), n = x.size(1), c = x.size(2);
  const int64_t tokens = b * n;
  auto flat = x.reshape({tokens, c});
  // The router may be kept in fp32 while the experts run in bf16 (model/precision.h).
  const auto router_type = router->topkroute_linear->weight.scalar_type();
  auto routed = router->route(flat.scalar_type() == router_type ? flat : flat.to(router_type),
                              options.routerNoise());

  // Assignments in token-major order; a stable sort by expert keeps each expert's tokens in
  // ascending flat order, which is the order the official capacity rule keeps them in.
  auto expert_of = routed.indices.reshape({-1});
  auto token_of =
      torch::arange(tokens, flat.options().dtype(torch::kLong)).repeat_interleave(top_k_);
  auto gate_of = routed.gates.reshape({-1}).to(flat.scalar_type());
  auto sorted = torch::sort(expert_of, /*stable=*/true, /*dim=*/0, /*descending=*/false);
  auto order = std::get<1>(sorted);
  auto sorted_expert = std::get<0>(sorted);
  auto load = torch::bincount(expert_of, {}, num_experts_);

  int64_t capacity = -1;
  auto kept = load;
  if (options.enforceCapacity()) {
    capacity = static_cast<int64_t>(static_cast<double>(tokens * top_k_) / num_experts_ *
                                    capacity_factor_);
    auto starts = torch::cumsum(load, 0) - load;
    auto position =
        torch::arange(expert_of.size(0), load.options()) - starts.index_select(0, sorted_expert);
    auto keep = position.lt(capacity);
    order = order.masked_select(keep);
    sorted_expert = sorted_expert.masked_select(keep);
    kept = load.clamp_max(capacity);
  }

  auto sel_token = token_of.index_select(0, order);
  auto sel_gate = gate_of.index_select(0, order);
  auto gathered = flat.index_select(0, sel_token);
  auto counts = kept.to(torch::kCPU);
  const int64_t* count = counts.data_ptr<int64_t>();
  std::vector<torch::Tensor> outs;
  outs.reserve(num_experts_);
  int64_t start = 0;
  for (int64_t e = 0; e < num_experts_; ++e) {
    if (count[e] == 0) continue;
    outs.push_back(expert_mlps_[e]->forward(gathered.narrow(0, start, count[e])));
    start += count[e];
  }
  auto out = torch::zeros_like(flat);
  if (!outs.empty()) {
    auto weighted = torch::cat(outs, 0) * sel_gate.unsqueeze(1);
    out.index_add_(0, sel_token, weighted);
  }

  if (trace) {
    trace->indices = routed.indices.reshape({b, n, top_k_});
    trace->gates = routed.gates.reshape({b, n, top_k_});
    trace->load = load;
    trace->kept = kept;
    trace->capacity = capacity;
  }
  if (aux) {
    // f: share of tokens choosing each expert; P: mean raw (noisy) router logits (spec §1.3).
    auto one_hot = torch::zeros({tokens, num_experts_}, routed.noisy.options())
                       .scatter_(1, routed.indices, 1.0);
    auto f = one_hot.view({b, n, num_experts_}).mean(1);
    auto p = routed.noisy.view({b, n, num_experts_}).mean(1);
    *aux = (f * p).mean() * static_cast<double>(num_experts_ * num_experts_);
  }
  return out.view({b, n, c});
}

}  // namespace unilearn
