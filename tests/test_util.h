// Helpers shared by the test files.
#pragma once

#include <fstream>
#include <iterator>
#include <string>

#include <torch/torch.h>

#include "model/checkpoint.h"

namespace unilearn::test {

inline std::string dataPath(const std::string& name) {
  return std::string(UNILEARN_TEST_DATA) + "/" + name;
}

// A tensor stored under `key` in a torch.save dict file of the test data.
inline torch::Tensor golden(const std::string& file, const std::string& key) {
  static std::map<std::string, pickle::Value> cache;
  auto it = cache.find(file);
  if (it == cache.end()) it = cache.emplace(file, readTorchFile(dataPath(file))).first;
  const pickle::Value* v = it->second.get(key);
  if (!v || v->kind() != pickle::Value::Kind::kTensor) throw std::runtime_error("no golden " + key);
  return v->asTensor();
}

inline torch::Tensor tensorFile(const std::string& file) {
  return readTorchFile(dataPath(file)).asTensor();
}

// The tiny config the Python reference (scripts/reference) used for the goldens.
inline ModelConfig tinyConfig() {
  ModelConfig c;
  c.img_size = 48;
  c.patch_size = 16;
  c.num_frames = 4;
  c.embed_dim = 32;
  c.depth = 4;
  c.num_heads = 2;
  c.moe_layers = {2, 3};
  c.num_experts = 4;
  c.top_k = 2;
  c.image_classes = 7;
  c.video_classes = 5;
  return c;
}

inline std::string fileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline std::string tempPath(const std::string& name) {
  return testing::TempDir() + "unilearn_" + std::to_string(::getpid()) + "_" + name;
}

// A temporary path for a new project file, with any earlier file and its WAL removed.
inline std::string freshProjectPath(const std::string& name) {
  const std::string p = tempPath(name);
  for (const char* suffix : {"", "-wal", "-shm"})
    std::remove((p + suffix).c_str());
  return p;
}

}  // namespace unilearn::test
