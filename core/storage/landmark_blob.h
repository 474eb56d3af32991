// How a face's 478 landmarks are stored in a project (frame_predictions.landmarks): int16
// quarter pixels (x, y, z), 2.9 kB a face a frame instead of 5.7, exact to 0.125 px within
// +-8191 px. The one place that packs and unpacks them. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace unilearn::core {

void packLandmarks(const std::vector<float>& xyz, std::vector<int16_t>& out);
std::vector<float> unpackLandmarks(const std::string& blob);

}  // namespace unilearn::core
