#include "core/faces/face_detector.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>

#include "model/base/error.h"

namespace unilearn::core {
namespace {

cv::dnn::Net loadNet(const std::string& path) {
  if (!std::ifstream(path).good())
    throw Error(Error::Kind::kIo, "face detection model '" + path + "' is missing");
  try {
    cv::dnn::Net net = cv::dnn::readNetFromONNX(path);
    net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    return net;
  } catch (const cv::Exception& e) {
    throw Error(Error::Kind::kFormat,
                "cannot read face detection model '" + path + "': " + e.what());
  }
}

float sigmoid(float x) {
  return 1.0f / (1.0f + std::exp(-x));
}

}  // namespace

float iou(const cv::Rect2f& a, const cv::Rect2f& b) {
  const float inter = (a & b).area();
  const float uni = a.area() + b.area() - inter;
  return uni > 0.0f ? inter / uni : 0.0f;
}

std::vector<FaceDetection> suppressOverlaps(std::vector<FaceDetection> faces, float threshold) {
  std::sort(faces.begin(), faces.end(),
            [](const FaceDetection& a, const FaceDetection& b) { return a.score > b.score; });
  std::vector<FaceDetection> kept;
  for (const auto& f : faces) {
    bool overlaps = false;
    for (const auto& k : kept)
      overlaps = overlaps || iou(f.box, k.box) > threshold;
    if (!overlaps) kept.push_back(f);
  }
  return kept;
}

const char* const kHaarCascadePath =
    "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

FaceDetector::FaceDetector(const std::string& dir, DetectorOptions options) : options_(options) {
  using M = DetectorOptions::Model;
  const std::string front = dir + "/face_detection_front_128x128_barracuda.onnx";
  const std::string back = dir + "/face_detection_back_256x256_barracuda.onnx";
  if (options_.model != M::kHaar && !(std::ifstream(front).good() && std::ifstream(back).good()) &&
      std::ifstream(kHaarCascadePath).good()) {
    fallback_reason_ = "BlazeFace models not found in '" + dir + "'; using the Haar cascade";
    options_.model = M::kHaar;
  }
  if (options_.model == M::kHaar) {
    haar_ = std::make_unique<cv::CascadeClassifier>();
    if (!haar_->load(kHaarCascadePath))
      throw Error(Error::Kind::kIo, std::string("Haar cascade '") + kHaarCascadePath +
                                        "' is missing (Debian package opencv-data)");
    return;
  }
  if (options_.model != M::kBack256) {
    front_.net = loadNet(front);
    front_.size = 128;
    front_.outputs = front_.net.getUnconnectedOutLayersNames();
  }
  if (options_.model != M::kFront128) {
    back_.net = loadNet(back);
    back_.size = 256;
    back_.outputs = back_.net.getUnconnectedOutLayersNames();
  }
  for (const Model* m : {&front_, &back_})
    if (m->size && m->outputs.size() != 4)
      throw Error(Error::Kind::kFormat, "face detection model has " +
                                            std::to_string(m->outputs.size()) +
                                            " outputs, BlazeFace has 4");
}

std::vector<FaceDetection> FaceDetector::run(Model& m, const cv::Mat& bgr) {
  const int s = m.size;
  // Letterbox into a square (image centred), then to the model's NHWC [-1, 1] RGB input.
  const int side = std::max(bgr.cols, bgr.rows);
  const int ox = (side - bgr.cols) / 2, oy = (side - bgr.rows) / 2;
  cv::Mat square(side, side, CV_8UC3, cv::Scalar::all(0));
  bgr.copyTo(square(cv::Rect(ox, oy, bgr.cols, bgr.rows)));
  cv::Mat small, rgb, input;
  cv::resize(square, small, cv::Size(s, s), 0, 0, cv::INTER_LINEAR);
  cv::cvtColor(small, rgb, cv::COLOR_BGR2RGB);
  rgb.convertTo(input, CV_32FC3, 1.0 / 127.5, -1.0);
  const int dims[] = {1, s, s, 3};
  m.net.setInput(cv::Mat(4, dims, CV_32F, input.data));
  std::vector<cv::Mat> out;
  m.net.forward(out, m.outputs);
  // Outputs: scores [1,512,1], [1,384,1]; regressors [1,512,16], [1,384,16].
  std::vector<FaceDetection> faces;
  const float scale = static_cast<float>(side);
  const struct { int scores, boxes, grid, anchors; } heads[] = {{0, 2, 16, 2}, {1, 3, 8, 6}};
  for (const auto& h : heads) {
    const cv::Mat& sc = out[h.scores];
    const cv::Mat& bx = out[h.boxes];
    const int n = sc.size[1];
    if (n != h.grid * h.grid * h.anchors || bx.size[1] != n || bx.size[2] != 16)
      throw Error(Error::Kind::kFormat, "unexpected BlazeFace output shape");
    const float* scores = sc.ptr<float>();
    const float* boxes = bx.ptr<float>();
    for (int i = 0; i < n; ++i) {
      const float score = sigmoid(scores[i]);
      if (score < options_.score_threshold) continue;
      const int cell = i / h.anchors;
      const float ax = (static_cast<float>(cell % h.grid) + 0.5f) / static_cast<float>(h.grid);
      const float ay = (static_cast<float>(cell / h.grid) + 0.5f) / static_cast<float>(h.grid);
      const float* b = boxes + static_cast<ptrdiff_t>(i) * 16;
      const float fs = static_cast<float>(s);
      const float cx = ax + b[0] / fs, cy = ay + b[1] / fs, w = b[2] / fs, hgt = b[3] / fs;
      FaceDetection f;
      f.score = score;
      f.box = cv::Rect2f((cx - w / 2) * scale - static_cast<float>(ox),
                         (cy - hgt / 2) * scale - static_cast<float>(oy), w * scale, hgt * scale);
      for (int k = 0; k < 6; ++k)
        f.keypoints[k] = cv::Point2f((ax + b[4 + 2 * k] / fs) * scale - static_cast<float>(ox),
                                     (ay + b[5 + 2 * k] / fs) * scale - static_cast<float>(oy));
      faces.push_back(f);
    }
  }
  return faces;
}

std::vector<FaceDetection> FaceDetector::runHaar(const cv::Mat& bgr) {
  cv::Mat gray;
  cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  cv::equalizeHist(gray, gray);
  std::vector<cv::Rect> boxes;
  std::vector<int> neighbours;
  const int min_side = std::max(24, std::min(bgr.cols, bgr.rows) / 12);
  haar_->detectMultiScale(gray, boxes, neighbours, 1.1, 5, 0, cv::Size(min_side, min_side));
  std::vector<FaceDetection> faces;
  for (size_t i = 0; i < boxes.size(); ++i) {
    const cv::Rect2f b(boxes[i]);
    FaceDetection f;
    f.box = b;
    f.score = std::min(1.0f, 0.5f + 0.02f * static_cast<float>(neighbours[i]));
    // No landmarks from a cascade: typical positions within a frontal face box.
    const float rel[6][2] = {{0.30f, 0.38f}, {0.70f, 0.38f}, {0.50f, 0.58f},
                             {0.50f, 0.78f}, {0.05f, 0.45f}, {0.95f, 0.45f}};
    for (int k = 0; k < 6; ++k)
      f.keypoints[k] = {b.x + rel[k][0] * b.width, b.y + rel[k][1] * b.height};
    faces.push_back(f);
  }
  return faces;
}

std::vector<FaceDetection> FaceDetector::detect(const cv::Mat& bgr) {
  if (bgr.empty()) return {};
  CV_Assert(bgr.type() == CV_8UC3);
  using M = DetectorOptions::Model;
  if (options_.model == M::kHaar) return suppressOverlaps(runHaar(bgr), options_.nms_iou);
  std::vector<FaceDetection> faces;
  if (options_.model != M::kBack256) faces = run(front_, bgr);
  if (options_.model == M::kBack256) {
    faces = run(back_, bgr);
  } else if (options_.model == M::kAuto) {
    // Faces under ~1/6 of the frame are where the 128 model starts to miss.
    const float small = static_cast<float>(std::max(bgr.cols, bgr.rows)) / 6.0f;
    bool any_large = false;
    for (const auto& f : faces)
      any_large = any_large || f.box.width >= small;
    if (!any_large) {
      auto more = run(back_, bgr);
      faces.insert(faces.end(), more.begin(), more.end());
    }
  }
  return suppressOverlaps(std::move(faces), options_.nms_iou);
}

std::vector<float> packFace(const FaceDetection& f) {
  std::vector<float> out = {f.box.x, f.box.y, f.box.width, f.box.height, f.score};
  out.reserve(kPackedFaceFloats);
  for (const auto& k : f.keypoints) {
    out.push_back(k.x);
    out.push_back(k.y);
  }
  return out;
}

std::optional<FaceDetection> unpackFace(const std::vector<float>& p) {
  if (p.size() < kPackedFaceFloats) return std::nullopt;
  FaceDetection d;
  d.box = cv::Rect2f(p[0], p[1], p[2], p[3]);
  d.score = p[4];
  for (size_t k = 0; k < 6; ++k)
    d.keypoints[k] = cv::Point2f(p[5 + 2 * k], p[6 + 2 * k]);
  return d;
}

}  // namespace unilearn::core
