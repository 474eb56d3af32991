// FACS-like action units from MediaPipe's blendshape scores, for people who think in action
// units. Each AU is the blendshape (or the mean of its left and right pair) nearest to it in
// meaning. These are NOT certified FACS codes and not FACS intensities (A-E): they are blendshape
// scores in 0..1 under AU names, so that scripts written for OpenFace's columns (AU12_r, ...)
// can read them. docs/action-units.md lists the mapping and its limits.
// Thread-safety: pure functions over constant tables.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/faces/face_landmarks.h"

namespace unilearn::core {

struct ActionUnit {
  int number;                            // FACS number: 1, 2, 4, 5, 6, 7, 9, ...
  const char* name;                      // FACS name: "inner brow raiser", ...
  std::vector<std::string> blendshapes;  // averaged
  std::string column() const;            // OpenFace style: "AU01_r"
};

// The mapped set, in AU number order.
const std::vector<ActionUnit>& actionUnits();

// Scores of actionUnits() for one face's blendshapes.
std::vector<float> actionUnitScores(const std::array<float, kBlendshapes>& blendshapes);

// Index of a blendshape by name ("eyeBlinkLeft"), or -1.
int blendshapeIndex(const std::string& name);

}  // namespace unilearn::core
