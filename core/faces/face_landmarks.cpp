#include "core/faces/face_landmarks.h"

#include <cmath>

#include <torch/torch.h>
#include <opencv2/imgproc.hpp>

#include "core/library_errors.h"
#include "model/base/error.h"
#include "model/face_mesh.h"

namespace unilearn::core {
namespace {

constexpr float kCropScale = 1.5f;  // MediaPipe's face landmarker: the ROI is 1.5 x the box
constexpr float kSize = static_cast<float>(FaceMeshNet::kInputSize);

}  // namespace

cv::Point2f MeshCrop::toImage(cv::Point2f p) const {
  const float c = std::cos(rotation), s = std::sin(rotation);
  const float x = (p.x / kSize - 0.5f) * side, y = (p.y / kSize - 0.5f) * side;
  return {centre.x + c * x - s * y, centre.y + s * x + c * y};
}

MeshCrop meshCrop(const FaceDetection& face) {
  MeshCrop crop;
  crop.centre = {face.box.x + face.box.width / 2, face.box.y + face.box.height / 2};
  crop.side = kCropScale * std::max(face.box.width, face.box.height);
  // MediaPipe: rotation = target angle (0) - atan2(-(y1 - y0), x1 - x0), keypoint 0 the right
  // eye and 1 the left eye; positive turns the crop's x axis clockwise on screen.
  const cv::Point2f right = face.keypoints[0], left = face.keypoints[1];
  crop.rotation = -std::atan2(-(left.y - right.y), left.x - right.x);
  return crop;
}

struct FaceLandmarker::Impl {
  FaceMeshNet mesh;
  std::unique_ptr<BlendshapeNet> blendshapes;
};

FaceLandmarker::FaceLandmarker(const std::string& resources, bool blendshapes)
    : impl_(std::make_unique<Impl>(Impl{
          FaceMeshNet::load(resources + "/models/mediapipe-face-mesh.safetensors"), nullptr})) {
  if (blendshapes)
    impl_->blendshapes = std::make_unique<BlendshapeNet>(
        BlendshapeNet::load(resources + "/models/mediapipe-blendshapes.safetensors"));
}

FaceLandmarker::~FaceLandmarker() = default;
FaceLandmarker::FaceLandmarker(FaceLandmarker&&) noexcept = default;
FaceLandmarker& FaceLandmarker::operator=(FaceLandmarker&&) noexcept = default;

const std::vector<std::string>& FaceLandmarker::blendshapeNames() {
  return BlendshapeNet::names();
}

std::vector<FaceMesh> FaceLandmarker::run(const cv::Mat& bgr,
                                          const std::vector<FaceDetection>& faces) const try {
  std::vector<FaceMesh> out(faces.size());
  if (faces.empty()) return out;
  if (bgr.type() != CV_8UC3)
    throw Error(Error::Kind::kArgument, "face landmarks need an 8-bit BGR image");
  torch::InferenceMode inference;
  const int size = FaceMeshNet::kInputSize;
  const auto n = static_cast<int64_t>(faces.size());
  auto batch = torch::empty({n, size, size, 3});
  std::vector<MeshCrop> crops;
  cv::Mat warped;
  for (int64_t i = 0; i < n; ++i) {
    const MeshCrop crop = meshCrop(faces[static_cast<size_t>(i)]);
    crops.push_back(crop);
    // Crop pixel (u, v), centre at u + 0.5, -> image: the inverse map warpAffine wants.
    const double s = crop.side / kSize, c = std::cos(crop.rotation), sn = std::sin(crop.rotation);
    const cv::Point2f origin = crop.toImage({0.5f, 0.5f});
    const cv::Matx23d m(c * s, -sn * s, origin.x, sn * s, c * s, origin.y);
    cv::warpAffine(bgr, warped, m, cv::Size(size, size), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                   cv::BORDER_REPLICATE);
    cv::cvtColor(warped, warped, cv::COLOR_BGR2RGB);
    cv::Mat dst(size, size, CV_32FC3, batch[i].data_ptr<float>());
    warped.convertTo(dst, CV_32FC3, 1.0 / 255.0);
  }
  const auto result = impl_->mesh.forward(batch);
  const auto points = result.landmarks.contiguous();
  const auto presence = torch::sigmoid(result.presence).contiguous();
  auto subset = torch::empty({n, BlendshapeNet::kPoints, 2});
  const auto& index = BlendshapeNet::landmarkSubset();
  for (int64_t i = 0; i < n; ++i) {
    FaceMesh& f = out[static_cast<size_t>(i)];
    const MeshCrop& crop = crops[static_cast<size_t>(i)];
    const float* p = points[i].data_ptr<float>();
    f.landmarks.resize(kMeshLandmarks);
    for (int k = 0; k < kMeshLandmarks; ++k) {
      const cv::Point2f xy = crop.toImage({p[3 * k], p[3 * k + 1]});
      f.landmarks[k] = {xy.x, xy.y, p[3 * k + 2] / kSize * crop.side};
    }
    f.presence = presence[i].item<float>();
    float* q = subset[i].data_ptr<float>();
    for (int k = 0; k < BlendshapeNet::kPoints; ++k) {
      q[2 * k] = f.landmarks[index[k]].x;
      q[2 * k + 1] = f.landmarks[index[k]].y;
    }
  }
  if (impl_->blendshapes) {
    const auto scores = impl_->blendshapes->forward(subset).contiguous();
    for (int64_t i = 0; i < n; ++i) {
      const float* s = scores[i].data_ptr<float>();
      std::copy(s, s + kBlendshapes, out[static_cast<size_t>(i)].blendshapes.begin());
    }
  }
  return out;
} catch (...) {
  rethrowAsError("finding face landmarks");
}

}  // namespace unilearn::core
