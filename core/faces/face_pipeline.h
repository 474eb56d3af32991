// Per-frame face analysis: detection, identity tracking and the static expression model
// (FaceExpressionNet on the tight box), optionally landmarks and blendshapes. Used by `unilearn
// faces`, the benchmark and, later, the analysis engine. No LibTorch types in this header.
// Thread-safety: one thread at a time.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "core/faces/face_detector.h"
#include "core/faces/face_landmarks.h"
#include "core/faces/face_tracker.h"

namespace unilearn::core {

struct FaceResult {
  int64_t track_id = -1;
  FaceDetection face;
  std::array<float, 7> expression{};  // FaceExpressionNet probabilities (see expressionNames())
  FaceMesh mesh;  // landmarks and blendshapes when PipelineOptions::landmarks, else empty
};

struct PipelineOptions {
  DetectorOptions detector;
  TrackerOptions tracker;
  bool static_model = true;
  bool landmarks = false;    // 478 landmarks per face (MediaPipe FaceMesh V2)
  bool blendshapes = false;  // and the 52 blendshape scores (implies landmarks)
};

struct PipelineTimes {  // accumulated milliseconds
  double detect = 0, track = 0, expression = 0, landmarks = 0;
  int64_t frames = 0, faces = 0;
};

class FacePipeline {
 public:
  // `resources` holds models/ (core::resourceDir()). Throws unilearn::Error when models are
  // missing or unreadable.
  FacePipeline(const std::string& resources, PipelineOptions options = {});
  ~FacePipeline();

  // Detects and tracks; runs the static model, and the landmarks and blendshapes when the
  // options ask for them, when `expressions` (else expression stays 0 and mesh empty).
  std::vector<FaceResult> process(int64_t frame_index, const cv::Mat& bgr, bool expressions = true);

  static const std::vector<std::string>& expressionNames();
  const PipelineTimes& times() const { return times_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  PipelineTimes times_;
};

// Draws boxes, keypoints, landmarks (when present), track ids and the top expression onto `bgr`.
void drawFaces(cv::Mat& bgr, const std::vector<FaceResult>& faces);

}  // namespace unilearn::core
