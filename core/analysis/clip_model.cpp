#include "core/analysis/clip_model.h"

#include <cmath>

#include <torch/torch.h>

#include "core/analysis/analyzer.h"
#include "core/faces/face_aligner.h"
#include "model/error.h"
#include "model/network_file.h"

namespace unilearn::core {

struct ClipModel::Impl {
  LoadedNetwork net;
};

ClipModel::ClipModel() : impl_(std::make_unique<Impl>()) {}
ClipModel::~ClipModel() = default;

std::unique_ptr<ClipModel> ClipModel::load(const std::string& what) {
  std::unique_ptr<ClipModel> m(new ClipModel());
  const bool preset =
      ModelConfig::isPreset(what) || (what.size() > 5 && what.substr(what.size() - 5) == ".json");
  if (preset) {
    m->impl_->net.config = ModelConfig::fromNameOrFile(what);
    torch::manual_seed(0);  // the same random weights every time
    m->impl_->net.network = VitMoE(m->impl_->net.config);
    m->impl_->net.network->eval();
    m->name_ = what;
    m->weights_hash_ = "random-seed-0";
    m->random_ = true;
  } else {
    m->impl_->net = loadNetwork(what, std::nullopt);
    m->name_ = what.substr(what.find_last_of('/') + 1);
    m->weights_hash_ = contentHash(what);
  }
  return m;
}

const ModelConfig& ClipModel::config() const {
  return impl_->net.config;
}

std::vector<std::string> ClipModel::classNames() const {
  const auto& c = impl_->net.config;
  if (!c.video_class_names.empty()) return c.video_class_names;
  std::vector<std::string> names;
  for (int64_t i = 0; i < c.video_classes; ++i)
    names.push_back("class " + std::to_string(i));
  return names;
}

std::vector<ClipResult> ClipModel::predict(const std::vector<std::vector<cv::Mat>>& clips) {
  std::vector<ClipResult> out;
  if (clips.empty()) return out;
  const auto& c = impl_->net.config;
  const int64_t t = c.num_frames, s = c.img_size, b = static_cast<int64_t>(clips.size());
  torch::InferenceMode inference;
  auto input = torch::empty({b, 3, t, s, s});
  std::vector<float> chw(static_cast<size_t>(3 * s * s));
  for (int64_t i = 0; i < b; ++i) {
    if (static_cast<int64_t>(clips[i].size()) != t)
      throw Error(Error::Kind::kShape, "a clip needs " + std::to_string(t) + " frames");
    for (int64_t f = 0; f < t; ++f) {
      const cv::Mat& img = clips[i][f];
      if (img.rows != s || img.cols != s || img.type() != CV_8UC3)
        throw Error(Error::Kind::kShape, "clip frames must be " + std::to_string(s) + "x" +
                                             std::to_string(s) + " BGR crops");
      imageNetChw(img, chw.data());
      input[i].select(1, f).copy_(torch::from_blob(chw.data(), {3, s, s}));
    }
  }
  ForwardOptions options;
  options.trace_routing = true;
  ForwardOutput y = impl_->net.network->forward(input, options);
  auto probs = y.logits.softmax(-1).contiguous();
  for (int64_t i = 0; i < b; ++i) {
    ClipResult r;
    auto p = probs[i];
    r.probs.assign(p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
    r.top_class = static_cast<int>(p.argmax().item<int64_t>());
    r.confidence = r.probs[static_cast<size_t>(r.top_class)];
    for (float v : r.probs)
      if (v > 0) r.entropy -= v * std::log(v);
    for (const auto& layer : y.routing) {
      const int64_t experts = c.num_experts;
      auto idx = layer.indices[i].reshape({-1});
      auto gates = layer.gates[i].reshape({-1});
      auto counts = torch::bincount(idx, {}, experts).to(torch::kFloat);
      auto gate_sum = torch::zeros({experts}).index_add_(0, idx, gates);
      auto share = counts / counts.sum();
      auto mean = gate_sum / counts.clamp_min(1);
      r.expert_share.emplace_back(share.data_ptr<float>(), share.data_ptr<float>() + experts);
      r.mean_gate.emplace_back(mean.data_ptr<float>(), mean.data_ptr<float>() + experts);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace unilearn::core
