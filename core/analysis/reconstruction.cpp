#include "core/analysis/reconstruction.h"

#include <torch/torch.h>
#include <opencv2/imgproc.hpp>

#include "core/faces/face_aligner.h"
#include "model/base/error.h"
#include "model/mae.h"

namespace unilearn::core {

struct MaeModel::Impl {
  LoadedMae mae;
};

MaeModel::MaeModel() : impl_(std::make_unique<Impl>()) {}
MaeModel::~MaeModel() = default;

std::unique_ptr<MaeModel> MaeModel::load(const std::string& path) {
  std::unique_ptr<MaeModel> m(new MaeModel());
  m->impl_->mae = loadMae(path, std::nullopt);
  m->impl_->mae.network->eval();
  return m;
}

const ModelConfig& MaeModel::encoder() const {
  return impl_->mae.config.encoder;
}

namespace {

cv::Mat toBgr(const torch::Tensor& rgb01) {  // [3, H, W] in [0, 1]
  auto hwc = (rgb01.clamp(0, 1) * 255).round().to(torch::kUInt8).permute({1, 2, 0}).contiguous();
  cv::Mat rgb(static_cast<int>(hwc.size(0)), static_cast<int>(hwc.size(1)), CV_8UC3,
              hwc.data_ptr<uint8_t>());
  cv::Mat bgr;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  return bgr;
}

}  // namespace

Reconstruction MaeModel::reconstruct(const std::vector<cv::Mat>& crops, uint64_t seed) {
  const MaeConfig& mc = impl_->mae.config;
  const ModelConfig& e = mc.encoder;
  const bool video = crops.size() > 1;
  const int64_t s = e.img_size;
  if (video && static_cast<int64_t>(crops.size()) != e.num_frames)
    throw Error(Error::Kind::kShape, "a clip needs " + std::to_string(e.num_frames) + " frames");
  torch::InferenceMode inference;
  std::vector<float> chw(static_cast<size_t>(3 * s * s));
  auto input = torch::empty({1, 3, video ? e.num_frames : 1, s, s});
  for (size_t f = 0; f < crops.size(); ++f) {
    if (crops[f].rows != s || crops[f].cols != s || crops[f].type() != CV_8UC3)
      throw Error(Error::Kind::kShape, "crops must be " + std::to_string(s) + " px BGR");
    imageNetChw(crops[f], chw.data());
    input[0].select(1, static_cast<int64_t>(f)).copy_(torch::from_blob(chw.data(), {3, s, s}));
  }
  if (!video) input = input.squeeze(2);
  const int64_t n = video ? e.videoTokens() : e.imageTokens();
  Reconstruction r;
  r.mask_ratio = video ? mc.video_mask_ratio : mc.image_mask_ratio;
  torch::manual_seed(seed);
  const auto mask = randomTokenMask(1, n, r.mask_ratio);
  const auto pred = impl_->mae.network->forward(input, mask);  // [1, N, tu*p*p*3]
  r.loss = maeLoss(pred, maeTargets(input, e), mask).item<double>();

  // Pixels in [0,1] as tokens [N, tu*p*p, 3]; the prediction scaled by each patch's statistics.
  auto clip = input.dim() == 4 ? input.unsqueeze(2).repeat({1, 1, e.tubelet_size, 1, 1}) : input;
  const auto mean = torch::tensor({0.485, 0.456, 0.406}).view({1, 3, 1, 1, 1});
  const auto sd = torch::tensor({0.229, 0.224, 0.225}).view({1, 3, 1, 1, 1});
  auto pix = clip * sd + mean;
  const int64_t tu = e.tubelet_size, p = e.patch_size, g = s / p, t = pix.size(2) / tu;
  auto tokens = pix.reshape({1, 3, t, tu, g, p, g, p})
                    .permute({0, 2, 4, 6, 3, 5, 7, 1})
                    .reshape({n, tu * p * p, 3});
  const auto m = tokens.mean(1, true), v = tokens.var(1, true, true);
  auto guess = pred.reshape({n, tu * p * p, 3}) * (v + 1e-6).sqrt() + m;
  const auto hidden = mask[0].view({n, 1, 1});
  auto shown = torch::where(hidden, guess, tokens);
  auto grey = torch::where(hidden, torch::full_like(tokens, 0.5), tokens);
  auto back = [&](const torch::Tensor& tok) {  // [N, tu*p*p, 3] -> [3, T, H, W]
    return tok.reshape({t, g, g, tu, p, p, 3})
        .permute({6, 0, 3, 1, 4, 2, 5})
        .reshape({3, t * tu, g * p, g * p});
  };
  const auto a = back(tokens), b = back(grey), c = back(shown);
  for (int64_t k = 0; k < t; ++k) {
    r.original.push_back(toBgr(a.select(1, k * tu)));
    r.masked.push_back(toBgr(b.select(1, k * tu)));
    r.reconstructed.push_back(toBgr(c.select(1, k * tu)));
  }
  return r;
}

}  // namespace unilearn::core
