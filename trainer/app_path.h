// The app's own path for stills, for measuring how a model trained on tidy face crops (FER+'s
// tight 48×48 grey faces) does on what the analysis really feeds it: each still is placed in a
// larger frame, found by the face detector, aligned as the analysis aligns faces (eye-levelled
// square with a margin) and resized to the model's input. Thread-safety: free function.
#pragma once

#include <cstdint>
#include <string>

#include "trainer/dataset.h"

namespace unilearn::trainer {

// The size stills are scaled to before they are placed in the frame (a face of 144 px in a
// 480×360 frame, as `unilearn evaluate --app-path` places them by default).
constexpr int kAppPathFaceSize = 144;

struct AppPathOptions {
  int frame_width = 480, frame_height = 360;  // the still sits in the middle of such a frame
  float margin = 0.25f;                       // the analysis' crop margin (core::AlignOptions)
  bool level_eyes = true;  // false with margin 0: the static model's crop (face-api.js)
};

struct AppPathResult {
  Dataset crops;       // the detected faces, aligned at img_size (labels, soft targets kept)
  int64_t missed = 0;  // stills in which the detector found no face
};

// `stills` at any size not larger than the frame; `resources`: the folder with models/.
// Throws unilearn::Error when the detector's files are missing.
AppPathResult throughAppPath(const Dataset& stills, const std::string& resources, int img_size,
                             const AppPathOptions& options = {});

}  // namespace unilearn::trainer
