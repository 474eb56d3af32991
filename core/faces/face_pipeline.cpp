#include "core/faces/face_pipeline.h"

#include <chrono>

#include <torch/torch.h>
#include <opencv2/imgproc.hpp>

#include "core/faces/face_aligner.h"
#include "core/library_errors.h"
#include "model/face_expression_net.h"

namespace unilearn::core {
namespace {

double msSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

struct FacePipeline::Impl {
  FaceDetector detector;
  FaceTracker tracker;
  std::unique_ptr<FaceExpressionNet> expression;
  std::unique_ptr<FaceLandmarker> landmarker;
  Impl(const std::string& resources, const PipelineOptions& o)
      : detector(resources + "/models", o.detector), tracker(o.tracker) {
    if (o.landmarks || o.blendshapes)
      landmarker = std::make_unique<FaceLandmarker>(resources, o.blendshapes);
    if (o.static_model)
      expression = std::make_unique<FaceExpressionNet>(FaceExpressionNet::load(
          resources + "/models/face_expression_model-weights_manifest.json"));
  }
};

FacePipeline::FacePipeline(const std::string& resources, PipelineOptions options)
    : impl_(std::make_unique<Impl>(resources, options)) {}

FacePipeline::~FacePipeline() = default;

const std::vector<std::string>& FacePipeline::expressionNames() {
  return FaceExpressionNet::classNames();
}

std::vector<FaceResult> FacePipeline::process(int64_t frame_index, const cv::Mat& bgr,
                                              bool expressions) try {
  auto t0 = std::chrono::steady_clock::now();
  const auto faces = impl_->detector.detect(bgr);
  times_.detect += msSince(t0);
  t0 = std::chrono::steady_clock::now();
  const auto tracked = impl_->tracker.update(frame_index, faces);
  times_.track += msSince(t0);
  std::vector<FaceResult> out;
  for (const auto& t : tracked)
    out.push_back({t.track_id, t.face, {}, {}});
  if (expressions && impl_->expression && !out.empty()) {
    t0 = std::chrono::steady_clock::now();
    torch::InferenceMode inference;
    AlignOptions crop;  // face-api.js preprocessing: tight box padded to a centred square
    crop.size = FaceExpressionNet::kInputSize;
    crop.margin = 0.0f;
    crop.level_eyes = false;
    auto batch = torch::empty({static_cast<int64_t>(out.size()), 112, 112, 3}, torch::kUInt8);
    for (size_t i = 0; i < out.size(); ++i) {
      cv::Mat rgb(112, 112, CV_8UC3, batch[static_cast<int64_t>(i)].data_ptr());
      cv::cvtColor(alignFace(bgr, out[i].face, crop).bgr, rgb, cv::COLOR_BGR2RGB);
    }
    auto probs = impl_->expression->predict(batch).contiguous();
    for (size_t i = 0; i < out.size(); ++i)
      for (int c = 0; c < 7; ++c)
        out[i].expression[c] = probs[static_cast<int64_t>(i)][c].item<float>();
    times_.expression += msSince(t0);
  }
  if (expressions && impl_->landmarker && !out.empty()) {
    t0 = std::chrono::steady_clock::now();
    std::vector<FaceDetection> boxes;
    for (const auto& f : out)
      boxes.push_back(f.face);
    auto meshes = impl_->landmarker->run(bgr, boxes);
    for (size_t i = 0; i < out.size(); ++i)
      out[i].mesh = std::move(meshes[i]);
    times_.landmarks += msSince(t0);
  }
  ++times_.frames;
  times_.faces += static_cast<int64_t>(out.size());
  return out;
} catch (...) {
  rethrowAsError("finding faces in frame " + std::to_string(frame_index));
}

void drawFaces(cv::Mat& bgr, const std::vector<FaceResult>& faces) {
  const auto& names = FaceExpressionNet::classNames();
  for (const auto& f : faces) {
    const cv::Scalar colour =
        cv::Scalar(60 + 50 * (f.track_id % 4), 200 - 40 * (f.track_id % 3), 255);
    cv::rectangle(bgr, f.face.box, colour, 2);
    for (const auto& p : f.mesh.landmarks)
      cv::circle(bgr, cv::Point2f(p.x, p.y), 1, cv::Scalar(80, 255, 80), cv::FILLED);
    for (const auto& k : f.face.keypoints)
      cv::circle(bgr, k, 2, colour, cv::FILLED);
    int best = 0;
    for (int c = 1; c < 7; ++c)
      if (f.expression[c] > f.expression[best]) best = c;
    char label[96];
    std::snprintf(label, sizeof label, "#%lld %s %.0f%%", static_cast<long long>(f.track_id),
                  names[best].c_str(), 100.0 * f.expression[best]);
    const cv::Point at(static_cast<int>(f.face.box.x),
                       std::max(14, static_cast<int>(f.face.box.y) - 6));
    cv::putText(bgr, label, at, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(0, 0, 0), 3);
    cv::putText(bgr, label, at, cv::FONT_HERSHEY_SIMPLEX, 0.5, colour, 1);
  }
}

}  // namespace unilearn::core
