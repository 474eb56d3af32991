// Reads TensorFlow.js "layers"/"graph" weight files: a JSON manifest listing tensors (name, shape,
// dtype, optional uint8 quantization) and binary shards holding them back to back.
// Thread-safety: free function; no shared state.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <ATen/Tensor.h>

namespace unilearn {

// Name -> float32 tensor in the manifest's (TensorFlow) layout, dequantised (q * scale + min).
// Shards are found next to the manifest. Throws unilearn::Error (kIo, kFormat) naming the problem
// (missing shard, size mismatch, unsupported dtype).
std::vector<std::pair<std::string, at::Tensor>> readTfjsWeights(const std::string& manifest_path);

}  // namespace unilearn
