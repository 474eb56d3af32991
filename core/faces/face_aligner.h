// Face crops for the models: eyes levelled, square with a margin, resized (160 px for UniLearn,
// 112 px for the static model), and ImageNet normalisation as the official code uses (spec §2).
// Thread-safety: free functions.
#pragma once

#include <opencv2/core.hpp>

#include "core/faces/face_detector.h"

namespace unilearn::core {

struct AlignOptions {
  int size = 160;          // output side in pixels
  float margin = 0.25f;    // added on every side, as a fraction of the box's longer side
  bool level_eyes = true;  // rotate about the box centre so that the eyes are level
};

struct AlignedFace {
  cv::Mat bgr;          // size x size, 8-bit BGR
  cv::Matx23d to_crop;  // image pixel -> crop pixel
  double angle_deg = 0.0;
};

// Image areas outside the frame are black.
AlignedFace alignFace(const cv::Mat& image, const FaceDetection& face, const AlignOptions& options);

// RGB, [0,1], minus ImageNet mean (0.485, 0.456, 0.406), over std (0.229, 0.224, 0.225),
// channel-first: writes 3 * rows * cols floats to `out`.
void imageNetChw(const cv::Mat& bgr, float* out);

}  // namespace unilearn::core
