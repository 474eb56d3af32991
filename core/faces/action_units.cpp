#include "core/faces/action_units.h"

#include <cstdio>

#include "model/base/error.h"

namespace unilearn::core {

std::string ActionUnit::column() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "AU%02d_r", number);
  return buf;
}

const std::vector<ActionUnit>& actionUnits() {
  static const std::vector<ActionUnit> units = {
      {1, "inner brow raiser", {"browInnerUp"}},
      {2, "outer brow raiser", {"browOuterUpLeft", "browOuterUpRight"}},
      {4, "brow lowerer", {"browDownLeft", "browDownRight"}},
      {5, "upper lid raiser", {"eyeWideLeft", "eyeWideRight"}},
      {6, "cheek raiser", {"cheekSquintLeft", "cheekSquintRight"}},
      {7, "lid tightener", {"eyeSquintLeft", "eyeSquintRight"}},
      {9, "nose wrinkler", {"noseSneerLeft", "noseSneerRight"}},
      {10, "upper lip raiser", {"mouthUpperUpLeft", "mouthUpperUpRight"}},
      {12, "lip corner puller", {"mouthSmileLeft", "mouthSmileRight"}},
      {14, "dimpler", {"mouthDimpleLeft", "mouthDimpleRight"}},
      {15, "lip corner depressor", {"mouthFrownLeft", "mouthFrownRight"}},
      {17, "chin raiser", {"mouthShrugLower"}},
      {18, "lip pucker", {"mouthPucker"}},
      {20, "lip stretcher", {"mouthStretchLeft", "mouthStretchRight"}},
      {22, "lip funneler", {"mouthFunnel"}},
      {24, "lip pressor", {"mouthPressLeft", "mouthPressRight"}},
      {26, "jaw drop", {"jawOpen"}},
      {28, "lip suck", {"mouthRollLower", "mouthRollUpper"}},
      {45, "blink", {"eyeBlinkLeft", "eyeBlinkRight"}},
  };
  return units;
}

int blendshapeIndex(const std::string& name) {
  const auto& names = FaceLandmarker::blendshapeNames();
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i);
  return -1;
}

std::vector<float> actionUnitScores(const std::array<float, kBlendshapes>& blendshapes) {
  // Indices resolved once; a name missing from the table is a programming error.
  static const std::vector<std::vector<int>> indices = [] {
    std::vector<std::vector<int>> all;
    for (const auto& au : actionUnits()) {
      std::vector<int> idx;
      for (const auto& b : au.blendshapes) {
        const int i = blendshapeIndex(b);
        if (i < 0) throw Error(Error::Kind::kConfig, "unknown blendshape '" + b + "'");
        idx.push_back(i);
      }
      all.push_back(idx);
    }
    return all;
  }();
  std::vector<float> out;
  out.reserve(indices.size());
  for (const auto& idx : indices) {
    float sum = 0;
    for (int i : idx)
      sum += blendshapes[static_cast<size_t>(i)];
    out.push_back(sum / static_cast<float>(idx.size()));
  }
  return out;
}

}  // namespace unilearn::core
