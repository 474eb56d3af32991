#include "core/storage/landmark_blob.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace unilearn::core {

void packLandmarks(const std::vector<float>& xyz, std::vector<int16_t>& out) {
  out.resize(xyz.size());
  for (size_t i = 0; i < xyz.size(); ++i)
    out[i] = static_cast<int16_t>(std::clamp(std::lround(xyz[i] * 4.0f), -32767L, 32767L));
}

std::vector<float> unpackLandmarks(const std::string& blob) {
  std::vector<float> out(blob.size() / sizeof(int16_t));
  for (size_t i = 0; i < out.size(); ++i) {
    int16_t v;
    std::memcpy(&v, blob.data() + i * sizeof(int16_t), sizeof v);
    out[i] = static_cast<float>(v) / 4.0f;
  }
  return out;
}

}  // namespace unilearn::core
