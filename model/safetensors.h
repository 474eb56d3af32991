// Our model file format: safetensors (an 8-byte header length, a JSON header, raw little-endian
// tensor data), written and parsed here. Metadata carries the model config, class names and
// provenance. Thread-safety: free functions; no shared state.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/checkpoint.h"

namespace unilearn {

using Metadata = std::vector<std::pair<std::string, std::string>>;

struct SafetensorsFile {
  StateDict tensors;  // in file order
  Metadata metadata;  // the "__metadata__" string map
  const std::string* find(const std::string& key) const;
};

// Writes atomically (a temporary file renamed over `path`), so a full disk or a killed process
// never leaves a half-written model behind. Throws unilearn::Error (kIo).
void writeSafetensors(const std::string& path, const StateDict& tensors, const Metadata& metadata);

// Validates the header (dtypes, shapes, offsets inside the data, no overlaps) before reading.
// Throws unilearn::Error: kIo, or kFormat naming what is wrong.
SafetensorsFile readSafetensors(const std::string& path);

}  // namespace unilearn
