// Reading PyTorch `torch.save` files (zip format) safely, and loading state dicts into the
// network with a report of what matched. Thread-safety: free functions; no shared state.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <ATen/Tensor.h>
#include <torch/nn/module.h>

#include "model/base/json.h"
#include "model/config.h"
#include "model/pickle.h"

namespace unilearn {

using StateDict = std::vector<std::pair<std::string, at::Tensor>>;

// Reads the object stored in a torch.save zip file with the restricted unpickler.
// Throws unilearn::Error: kIo (missing/unreadable), kFormat (not a torch.save zip file, legacy
// format, truncated or corrupt), kUnsafe (a global a weights file never needs).
pickle::Value readTorchFile(const std::string& path);

struct TorchCheckpoint {
  StateDict state_dict;
  std::string state_dict_key;               // "model", "module", "state_dict" or "" (top level)
  std::vector<std::string> top_level_keys;  // e.g. model, optimizer, scaler, epoch, args
  json::Value args;                         // argparse.Namespace attributes, when present
};

// A checkpoint as the authors write it: {'model': OrderedDict, 'optimizer': ..., 'args':
// Namespace, ...}, or `module`, or a bare state dict. Throws as readTorchFile, and kFormat when no
// state dict of tensors is found.
TorchCheckpoint readTorchCheckpoint(const std::string& path);

struct LoadReport {
  struct Mismatch {
    std::string key;
    std::vector<int64_t> expected, got;
  };
  bool pretrain = false;  // keys came from a pre-training checkpoint (`encoder.` prefix)
  std::vector<std::string> loaded;
  std::vector<std::string> missing;     // model keys not in the file: left at initial values
  std::vector<std::string> unexpected;  // file keys the model has no place for
  std::vector<std::string> unused;      // pre-training-only keys (decoder, mask token ...)
  std::vector<Mismatch> mismatched;     // same key, different shape: not loaded
  bool complete() const { return missing.empty() && unexpected.empty() && mismatched.empty(); }
  std::string summary() const;  // one paragraph for people; lists the first few of each kind
};

struct LoadOptions {
  // Accept missing, unexpected and shape-mismatched keys (reported, not loaded). Off: any of
  // them is an error and the model is left unchanged.
  bool allow_partial = false;
};

// Maps keys onto `model` (stripping `module.`; for pre-training checkpoints `encoder.` and
// `backbone.`, spec §1.7), converts dtypes, copies values. Throws unilearn::Error (kShape) when
// not complete and partial loading is not allowed.
LoadReport loadStateDict(torch::nn::Module& model, const StateDict& state,
                         const LoadOptions& options = LoadOptions());

// Guesses the config of a state dict from its shapes: embed_dim, depth, MoE blocks, experts,
// expert count and both heads' classes; heads = embed_dim / 64 (all presets use head_dim 64).
ModelConfig inferConfig(const StateDict& state);

}  // namespace unilearn
