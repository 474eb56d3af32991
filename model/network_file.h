// Loading and saving whole networks: a config plus weights from our safetensors model files or
// from the authors' torch.save checkpoints. Thread-safety: free functions; no shared state.
#pragma once

#include <optional>
#include <string>

#include "model/checkpoint.h"
#include "model/safetensors.h"
#include "model/vit_moe.h"

namespace unilearn {

struct LoadedNetwork {
  ModelConfig config;
  VitMoE network{nullptr};
  LoadReport report;
  std::string format;  // "safetensors" or "torch"
  Metadata metadata;   // safetensors metadata (provenance ...), empty for torch files
};

// Config: `config` when given; else the file's own (safetensors metadata "unilearn_config");
// else inferred from the tensor shapes (torch checkpoints). The network is in eval mode.
// Throws unilearn::Error as the readers and loadStateDict do.
LoadedNetwork loadNetwork(const std::string& path, const std::optional<ModelConfig>& config,
                          const LoadOptions& options = LoadOptions());

// Writes the network's state dict as safetensors with the config (and its class names) and the
// given provenance entries in the metadata.
void saveNetwork(const std::string& path, VitMoE& network, const Metadata& provenance = {});

// Whether a model file is ours (safetensors) or a torch.save file (zip or legacy pickle), by
// its first bytes, never by its name: the one place that decides. Throws unilearn::Error (kIo)
// when it cannot be opened.
bool isSafetensorsFile(const std::string& path);

StateDict stateDictOf(const torch::nn::Module& module);

}  // namespace unilearn
