// Shared option handling of the model subcommands: which config, which weights.
#pragma once

#include <optional>
#include <string>

#include "app/cli/args.h"
#include "model/network_file.h"

namespace unilearn::cli {

// --config NAME|FILE.json, when given.
std::optional<ModelConfig> configOption(const Args& args);

// The network from --weights (with --config when given, else the file's own or inferred config)
// or, without --weights, a randomly initialised network of --config (default: the paper's).
LoadedNetwork networkFromArgs(const Args& args, bool allow_partial);

}  // namespace unilearn::cli
