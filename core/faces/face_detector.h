// Face detection with MediaPipe BlazeFace (ONNX, run by OpenCV's dnn module): boxes, scores and
// six keypoints (right eye, left eye, nose, mouth, right ear, left ear; "right" is the person's
// right, on the image's left). The 128 px front model suits close faces (webcam), the 256 px
// back model smaller faces (group shots, rooms). Thread-safety: one thread at a time per
// detector (cv::dnn::Net keeps state); use one detector per thread.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core/types.hpp>
#include <opencv2/dnn/dnn.hpp>
#include <opencv2/objdetect.hpp>

namespace unilearn::core {

struct FaceDetection {
  cv::Rect2f box;  // image pixels
  float score = 0.0f;
  std::array<cv::Point2f, 6> keypoints;  // image pixels
  enum Keypoint { kRightEye, kLeftEye, kNose, kMouth, kRightEar, kLeftEar };
};

// A detection as a project stores it with each frame (FramePrediction::face): box x, y, w, h,
// score, then the six keypoints' x, y — 17 floats. The one place that packs and unpacks it.
constexpr size_t kPackedFaceFloats = 17;
std::vector<float> packFace(const FaceDetection& face);
// Nothing when `packed` holds no face (projects of schema version 1 stored none).
std::optional<FaceDetection> unpackFace(const std::vector<float>& packed);

struct DetectorOptions {
  // kAuto runs the 128 model and, when it finds no face or only small ones, the 256 model too.
  // kHaar is OpenCV's Haar cascade (Debian opencv-data): a fallback only, with keypoints
  // estimated from the box; it is used automatically when the BlazeFace files are missing.
  enum class Model { kFront128, kBack256, kAuto, kHaar } model = Model::kAuto;
  float score_threshold = 0.65f;
  float nms_iou = 0.3f;
};

class FaceDetector {
 public:
  // `models_dir` holds face_detection_{front_128x128,back_256x256}_barracuda.onnx. When they
  // are missing the Haar cascade is used if installed (fallbackReason() says why); otherwise, or
  // when a model is unreadable, throws unilearn::Error (kIo/kFormat).
  explicit FaceDetector(const std::string& models_dir, DetectorOptions options = {});

  // Non-empty when the detector fell back to the Haar cascade.
  const std::string& fallbackReason() const { return fallback_reason_; }

  // Faces in a BGR image, best first. An empty image gives no faces.
  std::vector<FaceDetection> detect(const cv::Mat& bgr);

  const DetectorOptions& options() const { return options_; }

 private:
  struct Model {
    cv::dnn::Net net;
    int size = 0;
    std::vector<std::string> outputs;
  };
  std::vector<FaceDetection> run(Model& model, const cv::Mat& bgr);
  std::vector<FaceDetection> runHaar(const cv::Mat& bgr);

  DetectorOptions options_;
  Model front_, back_;
  std::unique_ptr<cv::CascadeClassifier> haar_;
  std::string fallback_reason_;
};

// Non-maximum suppression: keeps the best of overlapping detections (IoU above `iou`).
std::vector<FaceDetection> suppressOverlaps(std::vector<FaceDetection> faces, float iou);

float iou(const cv::Rect2f& a, const cv::Rect2f& b);

// Debian's opencv-data location of the frontal-face Haar cascade.
extern const char* const kHaarCascadePath;

}  // namespace unilearn::core
