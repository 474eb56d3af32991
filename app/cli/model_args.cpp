#include "app/cli/model_args.h"

#include <torch/torch.h>

namespace unilearn::cli {

std::optional<ModelConfig> configOption(const Args& args) {
  if (auto name = args.get("config")) return ModelConfig::fromNameOrFile(*name);
  return std::nullopt;
}

LoadedNetwork networkFromArgs(const Args& args, bool allow_partial) {
  auto config = configOption(args);
  if (auto weights = args.get("weights")) {
    LoadOptions options;
    options.allow_partial = allow_partial;
    return loadNetwork(*weights, config, options);
  }
  LoadedNetwork out;
  out.config = config ? *config : ModelConfig::preset("unilearn-b16-160");
  out.network = VitMoE(out.config);
  out.network->eval();
  out.format = "random initialisation";
  return out;
}

}  // namespace unilearn::cli
