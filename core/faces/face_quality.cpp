#include "core/faces/face_quality.h"

#include <cmath>

namespace unilearn::core {

FaceQuality faceQuality(const FaceDetection& face) {
  FaceQuality q;
  q.score = face.score;
  q.size_px = face.box.height;
  const cv::Point2f right = face.keypoints[FaceDetection::kRightEye];
  const cv::Point2f left = face.keypoints[FaceDetection::kLeftEye];
  const cv::Point2f nose = face.keypoints[FaceDetection::kNose];
  const cv::Point2f eyes = left - right;
  const float eye_distance = std::hypot(eyes.x, eyes.y);
  if (eye_distance > 1e-3f) {
    // The nose tip stands about 0.6 eye distances in front of the eyes' plane: turned by yaw,
    // it moves 0.6·sin(yaw) along the eye line while the eyes close up by cos(yaw).
    const cv::Point2f along = eyes / eye_distance;
    const cv::Point2f offset = nose - (left + right) * 0.5f;
    const float r = (offset.x * along.x + offset.y * along.y) / eye_distance;
    q.yaw_deg = static_cast<float>(std::atan(r / 0.6f) * 180.0 / M_PI);
  }
  auto add = [&](const char* why) {
    q.poor = true;
    q.why += (q.why.empty() ? "" : ", ") + std::string(why);
  };
  if (q.size_px < kSmallFacePx) add("small");
  if (std::abs(q.yaw_deg) > kTurnedFaceDeg) add("turned");
  if (q.score < kPoorFaceScore) add("doubtful detection");
  return q;
}

}  // namespace unilearn::core
