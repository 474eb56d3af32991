// `unilearn info`: config, parameter count, and optionally every state-dict key.
#include <cstdio>

#include <torch/torch.h>

#include "app/cli/commands.h"
#include "app/cli/model_args.h"

namespace unilearn::cli {

int runInfo(const std::vector<std::string>& argv) {
  Args args(argv, {"config", "weights", "threads"}, {"keys", "partial"});
  if (!args.positional().empty())
    throw UsageError{"unexpected argument '" + args.positional()[0] + "'"};
  torch::NoGradGuard no_grad;
  LoadedNetwork net = networkFromArgs(args, /*allow_partial=*/true);

  if (args.has("keys")) {
    for (const auto& item : net.network->named_parameters(true)) {
      std::string shape;
      for (int64_t d : item.value().sizes())
        shape += (shape.empty() ? "" : ",") + std::to_string(d);
      std::printf("%s %s\n", item.key().c_str(), shape.c_str());
    }
    return 0;
  }
  const ModelConfig& c = net.config;
  const auto params = net.network->named_parameters(true);
  std::printf("UniLearn ViT-MoE (Mixture of Adapter Experts), %s\n", net.format.c_str());
  if (auto w = args.get("weights")) std::printf("weights:     %s\n", w->c_str());
  std::printf("parameters:  %lld in %zu tensors\n",
              static_cast<long long>(parameterCount(*net.network)), params.size());
  std::printf(
      "input:       video [B,3,%lld,%lld,%lld] -> %lld tokens; image [B,3,%lld,%lld] -> %lld "
      "tokens\n",
      (long long)c.num_frames, (long long)c.img_size, (long long)c.img_size,
      (long long)c.videoTokens(), (long long)c.img_size, (long long)c.img_size,
      (long long)c.imageTokens());
  std::string moe;
  for (int64_t l : c.moe_layers)
    moe += (moe.empty() ? "" : ",") + std::to_string(l);
  std::printf("experts:     %lld per MoE block (blocks %s), top-%lld routing, hidden %lld\n",
              (long long)c.num_experts, moe.c_str(), (long long)c.top_k,
              (long long)c.expertHidden());
  auto names = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& n : v)
      s += (s.empty() ? "" : ", ") + n;
    return s.empty() ? std::string("unnamed") : s;
  };
  std::printf("image head:  %lld classes (%s)\n", (long long)c.image_classes,
              names(c.image_class_names).c_str());
  std::printf("video head:  %lld classes (%s)\n", (long long)c.video_classes,
              names(c.video_class_names).c_str());
  if (args.get("weights")) std::printf("loading:     %s\n", net.report.summary().c_str());
  for (const auto& [k, v] : net.metadata)
    if (k != "unilearn_config" && k != "format")
      std::printf("%-12s %s\n", (k + ":").c_str(), v.c_str());
  std::printf("config:      %s\n", c.toJson().dump().c_str());
  return 0;
}

}  // namespace unilearn::cli
