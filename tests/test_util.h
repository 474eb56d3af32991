// Helpers shared by the test files.
#pragma once

#include <algorithm>
#include <fstream>
#include <iterator>
#include <random>
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

// A damaged copy of `src` for fuzzing, by round: a truncation, 1-4 flipped bits, or up to 64
// bytes of garbage.
inline std::string mutate(const std::string& src, std::mt19937& rng, int round) {
  std::string m = src;
  std::uniform_int_distribution<size_t> pos(0, src.size() - 1);
  switch (round % 3) {
    case 0:
      m.resize(pos(rng));
      break;
    case 1:
      for (int i = 0; i < 1 + round % 4; ++i)
        m[pos(rng)] ^= static_cast<char>(1 << (rng() % 8));
      break;
    default: {
      size_t at = pos(rng), n = std::min<size_t>(1 + rng() % 64, m.size() - at);
      for (size_t i = 0; i < n; ++i)
        m[at + i] = static_cast<char>(rng());
    }
  }
  return m;
}

}  // namespace unilearn::test
