#include "core/analysis/clip_model.h"

#include <cmath>
#include <filesystem>
#include <map>
#include <mutex>

#include <torch/torch.h>

#include "core/content_hash.h"
#include "core/faces/face_aligner.h"
#include "core/library_errors.h"
#include "model/base/error.h"
#include "model/base/text.h"
#include "model/network_file.h"

namespace unilearn::core {

struct ClipModel::Impl {
  LoadedNetwork net;
  std::mutex run;  // one forward at a time per model (shared() hands it to several owners)
};

ClipModel::ClipModel() : impl_(std::make_unique<Impl>()) {}
ClipModel::~ClipModel() = default;

std::unique_ptr<ClipModel> ClipModel::load(const std::string& what, Precision precision) try {
  std::unique_ptr<ClipModel> m(new ClipModel());
  m->source_ = what;
  const bool preset = ModelConfig::isPreset(what) || endsWith(what, ".json");
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
  m->precision_ = usablePrecision(precision, &m->precision_note_);
  applyPrecision(*m->impl_->net.network, m->precision_);
  return m;
} catch (...) {
  rethrowAsError("loading the model '" + what + "'");
}

std::shared_ptr<ClipModel> ClipModel::shared(const std::string& what, Precision precision) {
  namespace fs = std::filesystem;
  // The key: the file as it is now (canonical path, size, modification time), or the preset's
  // name; and the precision asked for.
  std::string key = what;
  std::error_code ec;
  if (fs::is_regular_file(what, ec)) {
    const auto canonical = fs::canonical(what, ec);
    const auto size = fs::file_size(what, ec);
    const auto time = fs::last_write_time(what, ec).time_since_epoch().count();
    key =
        (ec ? what : canonical.string()) + "|" + std::to_string(size) + "|" + std::to_string(time);
  }
  key += std::string("|") + precisionName(precision);
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<ClipModel>> cache;
  const std::lock_guard<std::mutex> lock(mutex);  // held while loading: one load per key
  if (auto alive = cache[key].lock()) return alive;
  for (auto it = cache.begin(); it != cache.end();)  // forget the ones nobody holds
    it = it->second.expired() ? cache.erase(it) : std::next(it);
  std::shared_ptr<ClipModel> m = load(what, precision);
  cache[key] = m;
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

namespace {

void checkCrop(const cv::Mat& img, int64_t s) {
  if (img.rows != s || img.cols != s || img.type() != CV_8UC3)
    throw Error(Error::Kind::kShape, "clip frames must be " + std::to_string(s) + "x" +
                                         std::to_string(s) + " BGR crops");
}

// [B,3,T,S,S] from B clips of T aligned crops.
torch::Tensor clipBatch(const std::vector<std::vector<cv::Mat>>& clips, int64_t t, int64_t s) {
  const auto b = static_cast<int64_t>(clips.size());
  auto input = torch::empty({b, 3, t, s, s});
  std::vector<float> chw(static_cast<size_t>(3 * s * s));
  for (int64_t i = 0; i < b; ++i) {
    if (static_cast<int64_t>(clips[i].size()) != t)
      throw Error(Error::Kind::kShape, "a clip needs " + std::to_string(t) + " frames");
    for (int64_t f = 0; f < t; ++f) {
      checkCrop(clips[i][f], s);
      imageNetChw(clips[i][f], chw.data());
      input[i].select(1, f).copy_(torch::from_blob(chw.data(), {3, s, s}));
    }
  }
  return input;
}

TokenRouting tokenRouting(const ModelConfig& c, const ForwardOutput& y,
                          std::vector<std::string> classes) {
  TokenRouting r;
  r.video = y.video;
  r.classes = std::move(classes);
  auto p = y.logits[0].softmax(-1).contiguous();
  r.probs.assign(p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
  r.top_class = static_cast<int>(p.argmax().item<int64_t>());
  r.slices = y.video ? static_cast<int>(c.temporalSlices()) : 1;
  r.rows = r.cols = static_cast<int>(c.gridSize());
  r.top_k = static_cast<int>(c.top_k);
  r.experts = static_cast<int>(c.num_experts);
  for (const auto& layer : y.routing) {
    r.blocks.push_back(static_cast<int>(layer.block));
    auto idx = layer.indices[0].to(torch::kInt32).contiguous();
    auto gates = layer.gates[0].to(torch::kFloat).contiguous();
    r.expert.emplace_back(idx.data_ptr<int32_t>(), idx.data_ptr<int32_t>() + idx.numel());
    r.gate.emplace_back(gates.data_ptr<float>(), gates.data_ptr<float>() + gates.numel());
  }
  return r;
}

std::vector<std::string> names(const std::vector<std::string>& given, int64_t n) {
  if (!given.empty()) return given;
  std::vector<std::string> out;
  for (int64_t i = 0; i < n; ++i)
    out.push_back("class " + std::to_string(i));
  return out;
}

}  // namespace

std::vector<ClipResult> ClipModel::predict(const std::vector<std::vector<cv::Mat>>& clips) try {
  const std::lock_guard<std::mutex> lock(impl_->run);
  std::vector<ClipResult> out;
  if (clips.empty()) return out;
  const auto& c = impl_->net.config;
  const int64_t b = static_cast<int64_t>(clips.size());
  torch::InferenceMode inference;
  auto input = clipBatch(clips, c.num_frames, c.img_size);
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
} catch (...) {
  rethrowAsError("running " + name_ + " on a clip");
}

std::vector<std::vector<float>> ClipModel::predictImages(const std::vector<cv::Mat>& faces) try {
  const std::lock_guard<std::mutex> lock(impl_->run);
  std::vector<std::vector<float>> out;
  if (faces.empty()) return out;
  const auto& c = impl_->net.config;
  const int64_t plane = 3 * c.img_size * c.img_size;
  std::vector<float> chw(static_cast<size_t>(plane) * faces.size());
  for (size_t i = 0; i < faces.size(); ++i) {
    checkCrop(faces[i], c.img_size);
    imageNetChw(faces[i], chw.data() + static_cast<int64_t>(i) * plane);
  }
  torch::InferenceMode inference;
  auto input =
      torch::from_blob(chw.data(), {static_cast<int64_t>(faces.size()), 3, c.img_size, c.img_size});
  auto probs = impl_->net.network->forward(input).logits.softmax(-1).contiguous();
  for (int64_t i = 0; i < probs.size(0); ++i)
    out.emplace_back(probs[i].data_ptr<float>(), probs[i].data_ptr<float>() + probs.size(1));
  return out;
} catch (...) {
  rethrowAsError("running " + name_ + " on faces");
}

TokenRouting ClipModel::trace(const std::vector<cv::Mat>& clip) try {
  const std::lock_guard<std::mutex> lock(impl_->run);
  const auto& c = impl_->net.config;
  torch::InferenceMode inference;
  ForwardOptions options;
  options.trace_routing = true;
  TokenRouting r = tokenRouting(
      c, impl_->net.network->forward(clipBatch({clip}, c.num_frames, c.img_size), options),
      classNames());
  r.frames = clip;
  return r;
} catch (...) {
  rethrowAsError("tracing a clip through " + name_);
}

TokenRouting ClipModel::traceImage(const cv::Mat& face) try {
  const std::lock_guard<std::mutex> lock(impl_->run);
  const auto& c = impl_->net.config;
  checkCrop(face, c.img_size);
  torch::InferenceMode inference;
  std::vector<float> chw(static_cast<size_t>(3 * c.img_size * c.img_size));
  imageNetChw(face, chw.data());
  auto input = torch::from_blob(chw.data(), {1, 3, c.img_size, c.img_size});
  ForwardOptions options;
  options.trace_routing = true;
  TokenRouting r = tokenRouting(c, impl_->net.network->forward(input, options),
                                names(c.image_class_names, c.image_classes));
  r.frames = {face};
  return r;
} catch (...) {
  rethrowAsError("tracing a face through " + name_);
}

}  // namespace unilearn::core
