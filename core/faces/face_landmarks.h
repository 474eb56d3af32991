// 478 face landmarks and 52 blendshape scores per face (MediaPipe Face Landmarker v2's networks,
// model/face_mesh.h), from the boxes and eye keypoints our detector and tracker give.
// The crop follows the landmark model's own convention (MediaPipe's face landmarker graph): a
// square of 1.5 x the box's longer side around the box centre, rotated so that the line from the
// right eye to the left eye is horizontal, resampled to 256 x 256 RGB in [0, 1], borders
// replicated. The blendshape network reads 146 of the landmarks, x/y in image pixels.
// No LibTorch types in this header. Thread-safety: run() may be called from several threads.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/faces/face_detector.h"

namespace unilearn::core {

constexpr int kMeshLandmarks = 478;
constexpr int kBlendshapes = 52;

struct FaceMesh {
  std::vector<cv::Point3f> landmarks;  // 478 (or empty); x, y image pixels, z relative depth
  float presence = 0.0f;               // probability that the crop holds a face
  std::array<float, kBlendshapes> blendshapes{};  // 0..1, in blendshapeNames() order
};

// The square crop around `face` that the landmark network reads: centre, side and rotation
// (radians, the angle that levels the eyes; MediaPipe's sign convention).
struct MeshCrop {
  cv::Point2f centre;
  float side = 0.0f;
  float rotation = 0.0f;
  // Crop pixel (0..256) -> image pixel.
  cv::Point2f toImage(cv::Point2f crop_px) const;
};
MeshCrop meshCrop(const FaceDetection& face);

// Landmark indices for the places people ask about (MediaPipe's canonical face mesh). "Right"
// is the person's right, on the image's left for a frontal face.
namespace mesh_points {
constexpr int kRightEyeOuter = 33, kRightEyeInner = 133, kLeftEyeInner = 362, kLeftEyeOuter = 263,
              kRightIris = 468, kLeftIris = 473, kNoseTip = 1, kMouthRight = 61, kMouthLeft = 291,
              kUpperLip = 13, kLowerLip = 14, kChin = 152;
}

class FaceLandmarker {
 public:
  // Loads resources/models/mediapipe-face-mesh.safetensors and mediapipe-blendshapes.safetensors
  // (`resources` as core::resourceDir()). Throws unilearn::Error when they are missing or wrong.
  explicit FaceLandmarker(const std::string& resources, bool blendshapes = true);
  ~FaceLandmarker();
  FaceLandmarker(FaceLandmarker&&) noexcept;
  FaceLandmarker& operator=(FaceLandmarker&&) noexcept;

  // One FaceMesh per face, in order (all faces of a frame in one batch).
  std::vector<FaceMesh> run(const cv::Mat& bgr, const std::vector<FaceDetection>& faces) const;

  // The 52 names in output order ("_neutral", "browDownLeft", ... ARKit's names).
  static const std::vector<std::string>& blendshapeNames();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace unilearn::core
