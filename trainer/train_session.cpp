#include "trainer/train_session.h"

#include <sys/resource.h>

#include <algorithm>
#include <map>

#include "core/clip_sampling.h"
#include "core/faces/face_aligner.h"
#include "model/base/atomic_file.h"
#include "model/base/error.h"
#include "model/base/json_fields.h"
#include "model/runtime.h"
#include "trainer/schedule.h"

namespace unilearn::trainer::detail {

namespace fs = std::filesystem;

namespace {

bool trainable(const std::string& name, const std::string& what) {
  if (what == "all") return true;
  if (name.rfind("head.", 0) == 0) return true;
  return what == "experts" && name.find("moe_layer.") != std::string::npos;
}

std::string epochFile(const fs::path& dir, int epoch, const char* what) {
  return (dir / ("epoch-" + std::to_string(epoch) + "." + what + ".pt")).string();
}

}  // namespace

torch::Tensor clipTensor(const std::vector<std::vector<cv::Mat>>& clips, int64_t s) {
  const auto b = static_cast<int64_t>(clips.size()), t = static_cast<int64_t>(clips[0].size());
  auto x = torch::empty({b, 3, t, s, s});
  std::vector<float> chw(static_cast<size_t>(3 * s * s));
  for (int64_t i = 0; i < b; ++i)
    for (int64_t f = 0; f < t; ++f) {
      core::imageNetChw(clips[i][f], chw.data());
      x[i].select(1, f).copy_(torch::from_blob(chw.data(), {3, s, s}));
    }
  return x;
}

torch::Tensor imageTensor(const std::vector<cv::Mat>& faces, int64_t s) {
  auto x = torch::empty({static_cast<int64_t>(faces.size()), 3, s, s});
  std::vector<float> chw(static_cast<size_t>(3 * s * s));
  for (size_t i = 0; i < faces.size(); ++i) {
    core::imageNetChw(faces[i], chw.data());
    x[static_cast<int64_t>(i)].copy_(torch::from_blob(chw.data(), {3, s, s}));
  }
  return x;
}

torch::Device pickDevice(const std::string& wanted) {
  if (wanted == "cuda" && !torch::cuda::is_available())
    throw Error(Error::Kind::kArgument,
                "device 'cuda' asked for, but this LibTorch has no usable CUDA GPU");
  if (wanted != "cpu" && torch::cuda::is_available()) return torch::Device(torch::kCUDA, 0);
  return torch::Device(torch::kCPU);
}

torch::Device startRun(const std::string& out_dir, int threads, const std::string& device) {
  if (out_dir.empty()) throw Error(Error::Kind::kArgument, "the training job needs out_dir");
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (!fs::is_directory(out_dir, ec))
    throw Error(Error::Kind::kIo, "cannot create the output folder '" + out_dir + "'");
  if (threads > 0) torch::set_num_threads(threads);
  return pickDevice(device);
}

std::string deviceName(const torch::Device& d) {
  if (d.is_cuda()) return "CUDA GPU 0";
  return "CPU (" + std::to_string(runtimeThreads()) + " threads)";
}

double peakMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

Built buildNetwork(const FinetuneConfig& c, const std::vector<std::string>& classes) {
  Built b;
  StateDict base;
  std::vector<std::string> file_missing;
  ModelConfig base_config;
  if (isPresetOrJson(c.base_model)) {
    base_config = ModelConfig::fromNameOrFile(c.base_model);
    b.report = "started from random weights (" + c.base_model + ")";
  } else {
    LoadOptions partial;
    partial.allow_partial = true;
    LoadedNetwork l = loadNetwork(c.base_model, std::nullopt, partial);
    base_config = l.config;
    base = stateDictOf(*l.network);
    file_missing = l.report.missing;
    b.report = l.report.summary();
    // Heads whose classes are not the data's start afresh.
    auto drop = [&](const std::string& prefix) {
      for (auto it = base.begin(); it != base.end();)
        it = it->first.rfind(prefix, 0) == 0 ? base.erase(it) : std::next(it);
    };
    if (base_config.video_class_names != classes) drop("head.video");
    if (base_config.image_class_names != classes) drop("head.image");
  }
  b.config = base_config;
  b.config.video_classes = b.config.image_classes = static_cast<int64_t>(classes.size());
  b.config.video_class_names = b.config.image_class_names = classes;
  torch::manual_seed(c.seed);
  b.net = VitMoE(b.config);
  if (!base.empty()) {
    LoadOptions partial;
    partial.allow_partial = true;
    const LoadReport r = loadStateDict(*b.net, base, partial);
    if (!r.missing.empty())
      b.report += " New for these classes: " + std::to_string(r.missing.size()) + " tensors (" +
                  r.missing.front() + (r.missing.size() > 1 ? ", ..." : "") + ").";
  }
  const bool experts_missing =
      base.empty() || std::any_of(file_missing.begin(), file_missing.end(), [](const auto& k) {
        return k.find("moe_layer.experts") != std::string::npos;
      });
  if (c.expert_init == "zero" && experts_missing) {
    // Adapter-style start: each new expert's output is zero, so the pretrained network's
    // function is unchanged at step 0 and the experts grow from there.
    torch::NoGradGuard no_grad;
    for (auto& p : b.net->named_parameters())
      if (p.key().find("moe_layer.experts") != std::string::npos &&
          p.key().find(".fc2.") != std::string::npos)
        p.value().zero_();
    b.report += " New experts start at zero output.";
  }
  return b;
}

Optimizer makeOptimizer(VitMoE& net, const FinetuneConfig& c) {
  Optimizer o;
  std::map<std::pair<double, double>, std::vector<torch::Tensor>> groups;  // (scale, wd)
  for (auto& p : net->named_parameters()) {
    const bool on = trainable(p.key(), c.train);
    p.value().set_requires_grad(on);
    if (!on) continue;
    o.trainable_parameters += p.value().numel();
    const double scale = layerScale(p.key(), net->config().depth, c.layer_decay);
    const double wd = skipsWeightDecay(p.key(), p.value().dim()) ? 0.0 : c.weight_decay;
    groups[{scale, wd}].push_back(p.value());
  }
  std::vector<torch::optim::OptimizerParamGroup> pgs;
  for (auto& [key, params] : groups) {
    auto options = std::make_unique<torch::optim::AdamWOptions>(c.lr);
    options->weight_decay(key.second).betas({0.9, 0.999}).eps(1e-8);
    pgs.emplace_back(params, std::move(options));
    o.scales.push_back(key.first);
  }
  o.adamw = std::make_unique<torch::optim::AdamW>(pgs, torch::optim::AdamWOptions(c.lr));
  return o;
}

void appendProbabilities(const torch::Tensor& probs, std::vector<std::vector<float>>& rows,
                         std::vector<int>& predictions) {
  const auto p = probs.to(torch::kCPU, torch::kFloat).contiguous();
  const int64_t classes = p.size(1);
  const auto top = p.argmax(-1);
  for (int64_t i = 0; i < p.size(0); ++i) {
    const float* row = p.data_ptr<float>() + i * classes;
    rows.emplace_back(row, row + classes);
    predictions.push_back(static_cast<int>(top[i].item<int64_t>()));
  }
}

Evaluation evaluateNetwork(VitMoE& net, const Dataset& data, const std::vector<int>& to_model,
                           int sampling_rate, const torch::Device& device,
                           const std::vector<int>& to_model_images) {
  const auto& image_map = to_model_images.empty() ? to_model : to_model_images;
  Evaluation e;
  torch::NoGradGuard no_grad;
  net->eval();
  const auto& cfg = net->config();
  std::vector<int> truth;
  for (const auto& clip : data.clips) {
    const auto views =
        core::testViews(static_cast<int64_t>(clip.frames.size()), sampling_rate, cfg.num_frames, 2);
    std::vector<std::vector<cv::Mat>> batch;
    for (const auto& v : views) {
      std::vector<cv::Mat> frames;
      for (int64_t f : v)
        frames.push_back(clip.frames[static_cast<size_t>(f)]);
      batch.push_back(std::move(frames));
    }
    auto probs = net->forward(clipTensor(batch, cfg.img_size).to(device))
                     .logits.softmax(-1)
                     .mean(0)
                     .to(torch::kCPU, torch::kFloat);
    e.clip_predictions.push_back(static_cast<int>(probs.argmax().item<int64_t>()));
    e.clip_probabilities.emplace_back(probs.data_ptr<float>(),
                                      probs.data_ptr<float>() + probs.numel());
    truth.push_back(to_model[static_cast<size_t>(clip.label)]);
  }
  e.clips = computeMetrics(truth, e.clip_predictions, static_cast<int>(cfg.video_classes));
  e.clip_truth = std::move(truth);
  truth.clear();
  for (size_t i = 0; i < data.images.size(); i += 32) {
    std::vector<cv::Mat> faces;
    for (size_t j = i; j < std::min(data.images.size(), i + 32); ++j) {
      faces.push_back(data.images[j].face);
      truth.push_back(image_map[static_cast<size_t>(data.images[j].label)]);
    }
    const auto probs = net->forward(imageTensor(faces, cfg.img_size).to(device)).logits.softmax(-1);
    appendProbabilities(probs, e.image_probabilities, e.image_predictions);
  }
  e.images = computeMetrics(truth, e.image_predictions, static_cast<int>(cfg.image_classes));
  e.image_truth = std::move(truth);
  e.clip_classes = cfg.video_class_names;
  e.image_classes = cfg.image_class_names;
  net->train();
  return e;
}

namespace {

// The fields of state.json, one list each for writing and reading (model/base/json_fields.h).
template <class C, class F>
void visitMetrics(C& m, F& f) {
  f("war", m.war);
  f("uar", m.uar);
  f("samples", m.samples);
  f("recall", m.recall);
}

template <class C, class F>
void visitEpoch(C& e, F& f) {
  f("epoch", e.epoch);
  f("loss", e.loss);
  f("train_accuracy", e.train_accuracy);
  f("seconds", e.seconds);
  f("steps_per_second", e.steps_per_second);
  f("best", e.best);
  f("val", e.val);
  f("val_stills", e.val_stills);
}

template <class C, class F>
void visitSaved(C& s, F& f) {
  f("epoch", s.epoch);
  f("best_epoch", s.best_epoch);
  f("best_war", s.best_war);
  f("best_uar", s.best_uar);
  f("best_still_war", s.best_still_war);
  f("best_still_uar", s.best_still_uar);
  f("history", s.history);
}

constexpr const char* kUnknown = "unknown entry in state.json:";

}  // namespace

}  // namespace unilearn::trainer::detail

// Metrics and epoch reports as nested fields of state.json (found by json_fields.h next to the
// types).
namespace unilearn::trainer {

static json::Value toJsonValue(const Metrics& m) {
  return json::writeFields(m, [](auto& x, auto& f) { detail::visitMetrics(x, f); });
}
static void fromJsonValue(const json::Value& v, const std::string& key, Metrics& m) {
  json::readFields(v, key, detail::kUnknown, m,
                   [](auto& x, auto& f) { detail::visitMetrics(x, f); });
}
static json::Value toJsonValue(const EpochReport& e) {
  return json::writeFields(e, [](auto& x, auto& f) { detail::visitEpoch(x, f); });
}
static void fromJsonValue(const json::Value& v, const std::string& key, EpochReport& e) {
  json::readFields(v, key, detail::kUnknown, e, [](auto& x, auto& f) { detail::visitEpoch(x, f); });
}

}  // namespace unilearn::trainer

namespace unilearn::trainer::detail {

std::vector<int> stepKinds(int64_t video_steps, int64_t image_steps, std::mt19937_64& rng) {
  std::vector<int> kinds(static_cast<size_t>(video_steps), 0);
  kinds.insert(kinds.end(), static_cast<size_t>(image_steps), 1);
  std::shuffle(kinds.begin(), kinds.end(), rng);
  return kinds;
}

std::vector<size_t> shuffledOrder(size_t n, std::mt19937_64& rng) {
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i)
    order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  return order;
}

json::Value metricsJson(const Metrics& m) {
  return toJsonValue(m);
}

void writeState(const fs::path& dir, const Saved& s) {
  const json::Value v = json::writeFields(s, [](auto& x, auto& f) { visitSaved(x, f); });
  writeFileAtomically((dir / "state.json").string(), [&](std::ostream& out) { out << v.dump(2); },
                      false);
}

Saved readState(const fs::path& dir) {
  Saved s;
  const fs::path path = dir / "state.json";
  if (!fs::exists(path)) return s;  // a new run
  const std::string text = readFile(path.string(), "training state");
  try {
    json::readFields(json::parse(text), "state.json", kUnknown, s,
                     [](auto& x, auto& f) { visitSaved(x, f); });
  } catch (const Error& e) {
    throw Error(Error::Kind::kFormat, "the training state '" + path.string() + "' is damaged (" +
                                          e.what() + "); delete it to start the run afresh");
  }
  return s;
}

void saveCheckpoint(const fs::path& dir, int epoch, torch::nn::Module& net,
                    torch::optim::AdamW& opt) {
  torch::serialize::OutputArchive model, optim;
  net.save(model);
  opt.save(optim);
  model.save_to(epochFile(dir, epoch, "model"));
  optim.save_to(epochFile(dir, epoch, "optim"));
}

void loadCheckpoint(const fs::path& dir, int epoch, torch::nn::Module& net,
                    torch::optim::AdamW& opt, const torch::Device& device) {
  torch::serialize::InputArchive model, optim;
  model.load_from(epochFile(dir, epoch, "model"), device);
  net.load(model);
  optim.load_from(epochFile(dir, epoch, "optim"), device);
  opt.load(optim);
}

void removeOlderCheckpoints(const fs::path& dir, int keep) {
  std::error_code ec;
  for (int e = 0; e < keep; ++e)
    for (const char* what : {"model", "optim"})
      fs::remove(epochFile(dir, e, what), ec);
}

// Gradients set to none, not to zero (PyTorch 2's default): the head a step does not use gets no
// gradient, so AdamW leaves it alone — and a resumed run, whose gradients start as none, takes the
// same steps as an uninterrupted one.
void clearGradients(torch::optim::Optimizer& opt) {
  for (auto& group : opt.param_groups())
    for (auto& p : group.params())
      p.mutable_grad() = torch::Tensor();
}

[[noreturn]] void outOfMemory(const std::string& what) {
  throw Error(Error::Kind::kArgument,  // the batch or the choice of what to train is too big
              "the " + what +
                  " ran out of memory: use smaller batches (video_batch, image_batch), train only "
                  "the experts and heads (train: experts), or a smaller model");
}

void stepFailed(const c10::Error& e, const std::string& what) {
  if (std::string(e.what()).find("out of memory") != std::string::npos) outOfMemory(what);
  throw Error(Error::Kind::kArgument, what + " failed: " + e.what());
}

EpochReport epochReport(int epoch, std::chrono::steady_clock::time_point start, int64_t steps,
                        double loss_sum) {
  EpochReport r;
  r.epoch = epoch;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.steps_per_second = static_cast<double>(steps) / std::max(1e-9, r.seconds);
  r.loss = loss_sum / static_cast<double>(std::max<int64_t>(1, steps));
  return r;
}

}  // namespace unilearn::trainer::detail
