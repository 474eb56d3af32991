#include "trainer/finetune.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <tuple>

#include <torch/torch.h>

#include "core/clip_sampling.h"
#include "core/faces/face_aligner.h"
#include "model/error.h"
#include "model/network_file.h"
#include "model/runtime.h"
#include "trainer/schedule.h"

namespace unilearn::trainer {

namespace fs = std::filesystem;

namespace {

// ---- configuration ----

const char* const kKeys[] = {"base_model",
                             "train",
                             "expert_init",
                             "epochs",
                             "video_batch",
                             "image_batch",
                             "image_ratio",
                             "balanced_clips",
                             "lr",
                             "min_lr",
                             "weight_decay",
                             "layer_decay",
                             "warmup_epochs",
                             "label_smoothing",
                             "mixup",
                             "cutmix",
                             "mix_probability",
                             "aux_loss",
                             "aux_coefficient",
                             "augment",
                             "sampling_rate",
                             "seed",
                             "device",
                             "threads",
                             "out_dir",
                             "model_name",
                             "resume"};

}  // namespace

json::Value FinetuneConfig::toJson() const {
  json::Value v = json::Value::object();
  v.set("base_model", base_model);
  v.set("train", train);
  v.set("expert_init", expert_init);
  v.set("epochs", epochs);
  v.set("video_batch", video_batch);
  v.set("image_batch", image_batch);
  v.set("image_ratio", image_ratio);
  v.set("balanced_clips", balanced_clips);
  v.set("lr", lr);
  v.set("min_lr", min_lr);
  v.set("weight_decay", weight_decay);
  v.set("layer_decay", layer_decay);
  v.set("warmup_epochs", warmup_epochs);
  v.set("label_smoothing", label_smoothing);
  v.set("mixup", mixup);
  v.set("cutmix", cutmix);
  v.set("mix_probability", mix_probability);
  v.set("aux_loss", aux_loss);
  v.set("aux_coefficient", aux_coefficient);
  v.set("augment", augment.enabled);
  v.set("sampling_rate", sampling_rate);
  v.set("seed", static_cast<int64_t>(seed));
  v.set("device", device);
  v.set("threads", threads);
  v.set("out_dir", out_dir);
  v.set("model_name", model_name);
  v.set("resume", resume);
  return v;
}

FinetuneConfig FinetuneConfig::fromJson(const json::Value& v) {
  FinetuneConfig c;
  for (const auto& [key, value] : v.asObject("training config")) {
    if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
      throw Error(Error::Kind::kConfig, "unknown training setting '" + key + "'");
    (void)value;
  }
  auto num = [&](const char* k, auto& field) {
    if (const auto* x = v.find(k))
      field = static_cast<std::decay_t<decltype(field)>>(x->asNumber(k));
  };
  auto str = [&](const char* k, std::string& field) {
    if (const auto* x = v.find(k)) field = x->asString(k);
  };
  auto flag = [&](const char* k, bool& field) {
    if (const auto* x = v.find(k)) field = x->asBool(k);
  };
  str("base_model", c.base_model);
  str("train", c.train);
  str("expert_init", c.expert_init);
  num("epochs", c.epochs);
  num("video_batch", c.video_batch);
  num("image_batch", c.image_batch);
  num("image_ratio", c.image_ratio);
  flag("balanced_clips", c.balanced_clips);
  num("lr", c.lr);
  num("min_lr", c.min_lr);
  num("weight_decay", c.weight_decay);
  num("layer_decay", c.layer_decay);
  num("warmup_epochs", c.warmup_epochs);
  num("label_smoothing", c.label_smoothing);
  num("mixup", c.mixup);
  num("cutmix", c.cutmix);
  num("mix_probability", c.mix_probability);
  flag("aux_loss", c.aux_loss);
  num("aux_coefficient", c.aux_coefficient);
  flag("augment", c.augment.enabled);
  num("sampling_rate", c.sampling_rate);
  num("seed", c.seed);
  str("device", c.device);
  num("threads", c.threads);
  str("out_dir", c.out_dir);
  str("model_name", c.model_name);
  flag("resume", c.resume);
  if (c.train != "all" && c.train != "experts" && c.train != "heads")
    throw Error(Error::Kind::kConfig, "train must be all, experts or heads, not '" + c.train + "'");
  if (c.expert_init != "random" && c.expert_init != "zero")
    throw Error(Error::Kind::kConfig, "expert_init must be random or zero");
  if (c.epochs < 1 || c.video_batch < 1 || c.image_batch < 1 || c.sampling_rate < 1)
    throw Error(Error::Kind::kConfig, "epochs, batches and sampling_rate must be at least 1");
  return c;
}

namespace {

// ---- tensors ----

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

std::string deviceName(const torch::Device& d) {
  if (d.is_cuda()) return "CUDA GPU 0";
  return "CPU (" + std::to_string(runtimeThreads()) + " threads)";
}

double peakMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// ---- the network ----

struct Built {
  ModelConfig config;
  VitMoE net{nullptr};
  std::string report;
};

bool isConfigSpec(const std::string& s) {
  return ModelConfig::isPreset(s) || (s.size() > 5 && s.substr(s.size() - 5) == ".json");
}

Built buildNetwork(const FinetuneConfig& c, const std::vector<std::string>& classes) {
  Built b;
  StateDict base;
  std::vector<std::string> file_missing;
  ModelConfig base_config;
  if (isConfigSpec(c.base_model)) {
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

bool trainable(const std::string& name, const std::string& what) {
  if (what == "all") return true;
  if (name.rfind("head.", 0) == 0) return true;
  return what == "experts" && name.find("moe_layer.") != std::string::npos;
}

struct Optimizer {
  std::unique_ptr<torch::optim::AdamW> adamw;
  std::vector<double> scales;  // layer-wise lr scale per group
  int64_t trainable_parameters = 0;
};

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

// ---- mixing ----

double betaSample(std::mt19937_64& rng, double a) {
  std::gamma_distribution<double> g(a, 1.0);
  const double x = g(rng), y = g(rng);
  return x + y > 0 ? x / (x + y) : 0.5;
}

torch::Tensor smoothOneHot(const torch::Tensor& y, int64_t classes, double smoothing) {
  const double off = smoothing / static_cast<double>(classes);
  auto t = torch::full({y.size(0), classes}, off);
  t.scatter_(1, y.unsqueeze(1), 1.0 - smoothing + off);
  return t;
}

// Batch-mode mixup or cutmix as timm's Mixup (the cutmix box is the same on every frame).
torch::Tensor mix(torch::Tensor& x, const torch::Tensor& y, int64_t classes,
                  const FinetuneConfig& c, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  double lam = 1.0;
  const bool any = (c.mixup > 0 || c.cutmix > 0) && x.size(0) > 1;
  if (any && u(rng) < c.mix_probability) {
    const bool cut = c.cutmix > 0 && (c.mixup <= 0 || u(rng) < 0.5);
    lam = betaSample(rng, cut ? c.cutmix : c.mixup);
    if (cut) {
      const int64_t h = x.size(-2), w = x.size(-1);
      const double r = std::sqrt(1 - lam);
      const int64_t ch = static_cast<int64_t>(h * r), cw = static_cast<int64_t>(w * r);
      const int64_t cy = std::uniform_int_distribution<int64_t>(0, h - 1)(rng);
      const int64_t cx = std::uniform_int_distribution<int64_t>(0, w - 1)(rng);
      const int64_t y0 = std::clamp<int64_t>(cy - ch / 2, 0, h),
                    y1 = std::clamp<int64_t>(cy + ch / 2, 0, h);
      const int64_t x0 = std::clamp<int64_t>(cx - cw / 2, 0, w),
                    x1 = std::clamp<int64_t>(cx + cw / 2, 0, w);
      using torch::indexing::Slice;
      auto flipped = x.flip(0);
      x.index_put_({"...", Slice(y0, y1), Slice(x0, x1)},
                   flipped.index({"...", Slice(y0, y1), Slice(x0, x1)}));
      lam = 1.0 - static_cast<double>((y1 - y0) * (x1 - x0)) / static_cast<double>(h * w);
    } else {
      x = x * lam + x.flip(0) * (1 - lam);
    }
  }
  return smoothOneHot(y, classes, c.label_smoothing) * lam +
         smoothOneHot(y.flip(0), classes, c.label_smoothing) * (1 - lam);
}

// ---- evaluation ----

Evaluation evaluateNetwork(VitMoE& net, const Dataset& data, const std::vector<int>& to_model,
                           int sampling_rate, const torch::Device& device) {
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
    auto probs =
        net->forward(clipTensor(batch, cfg.img_size).to(device)).logits.softmax(-1).mean(0);
    e.clip_predictions.push_back(static_cast<int>(probs.argmax().item<int64_t>()));
    truth.push_back(to_model[static_cast<size_t>(clip.label)]);
  }
  e.clips = computeMetrics(truth, e.clip_predictions, static_cast<int>(cfg.video_classes));
  truth.clear();
  for (size_t i = 0; i < data.images.size(); i += 32) {
    std::vector<cv::Mat> faces;
    for (size_t j = i; j < std::min(data.images.size(), i + 32); ++j) {
      faces.push_back(data.images[j].face);
      truth.push_back(to_model[static_cast<size_t>(data.images[j].label)]);
    }
    auto pred = net->forward(imageTensor(faces, cfg.img_size).to(device)).logits.argmax(-1).cpu();
    for (int64_t j = 0; j < pred.size(0); ++j)
      e.image_predictions.push_back(static_cast<int>(pred[j].item<int64_t>()));
  }
  e.images = computeMetrics(truth, e.image_predictions, static_cast<int>(cfg.image_classes));
  net->train();
  return e;
}

// ---- checkpoints ----

struct Saved {
  int epoch = -1;
  int best_epoch = -1;
  double best_war = -1, best_uar = -1, best_still_war = -1;
  std::vector<EpochReport> history;
};

json::Value metricsJson(const Metrics& m) {
  json::Value v = json::Value::object();
  v.set("war", m.war);
  v.set("uar", m.uar);
  v.set("samples", m.samples);
  json::Value recall = json::Value::array();
  for (double r : m.recall)
    recall.push(r);
  v.set("recall", recall);
  return v;
}

void writeState(const fs::path& dir, const Saved& s) {
  json::Value v = json::Value::object();
  v.set("epoch", s.epoch);
  v.set("best_epoch", s.best_epoch);
  v.set("best_war", s.best_war);
  v.set("best_uar", s.best_uar);
  v.set("best_still_war", s.best_still_war);
  json::Value h = json::Value::array();
  for (const auto& e : s.history) {
    json::Value x = json::Value::object();
    x.set("epoch", e.epoch);
    x.set("loss", e.loss);
    x.set("train_accuracy", e.train_accuracy);
    x.set("seconds", e.seconds);
    x.set("steps_per_second", e.steps_per_second);
    x.set("best", e.best);
    x.set("val", metricsJson(e.val));
    x.set("val_stills", metricsJson(e.val_stills));
    h.push(x);
  }
  v.set("history", h);
  const fs::path tmp = dir / "state.json.tmp";
  {
    std::ofstream out(tmp);
    out << v.dump(2);
    if (!out.flush())
      throw Error(Error::Kind::kIo, "cannot write '" + tmp.string() + "' (disk full?)");
  }
  fs::rename(tmp, dir / "state.json");
}

Saved readState(const fs::path& dir) {
  Saved s;
  std::ifstream in(dir / "state.json");
  if (!in) return s;
  std::stringstream ss;
  ss << in.rdbuf();
  const json::Value v = json::parse(ss.str());
  s.epoch = static_cast<int>(v.find("epoch")->asInt());
  s.best_epoch = static_cast<int>(v.find("best_epoch")->asInt());
  s.best_war = v.find("best_war")->asNumber();
  s.best_uar = v.find("best_uar")->asNumber();
  s.best_still_war = v.find("best_still_war")->asNumber();
  for (const auto& x : v.find("history")->asArray()) {
    EpochReport e;
    e.epoch = static_cast<int>(x.find("epoch")->asInt());
    e.loss = x.find("loss")->asNumber();
    e.train_accuracy = x.find("train_accuracy")->asNumber();
    e.seconds = x.find("seconds")->asNumber();
    e.steps_per_second = x.find("steps_per_second")->asNumber();
    e.best = x.find("best")->asBool();
    const json::Value* m = x.find("val");
    e.val.war = m->find("war")->asNumber();
    e.val.uar = m->find("uar")->asNumber();
    e.val.samples = m->find("samples")->asInt();
    for (const auto& r : m->find("recall")->asArray())
      e.val.recall.push_back(r.asNumber());
    const json::Value* st = x.find("val_stills");
    e.val_stills.war = st->find("war")->asNumber();
    e.val_stills.uar = st->find("uar")->asNumber();
    e.val_stills.samples = st->find("samples")->asInt();
    s.history.push_back(e);
  }
  return s;
}

std::string epochFile(const fs::path& dir, int epoch, const char* what) {
  return (dir / ("epoch-" + std::to_string(epoch) + "." + what + ".pt")).string();
}

void saveCheckpoint(const fs::path& dir, int epoch, VitMoE& net, torch::optim::AdamW& opt) {
  torch::serialize::OutputArchive model, optim;
  net->save(model);
  opt.save(optim);
  model.save_to(epochFile(dir, epoch, "model"));
  optim.save_to(epochFile(dir, epoch, "optim"));
}

void loadCheckpoint(const fs::path& dir, int epoch, VitMoE& net, torch::optim::AdamW& opt,
                    const torch::Device& device) {
  torch::serialize::InputArchive model, optim;
  model.load_from(epochFile(dir, epoch, "model"), device);
  net->load(model);
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

std::string today() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

}  // namespace

FinetuneResult finetune(const FinetuneConfig& c, const Dataset& train, const Dataset& val,
                        const FinetuneCallbacks& cb) {
  if (train.clips.empty())
    throw Error(Error::Kind::kArgument, "no training clips: label some segments first");
  if (train.classes.size() < 2)
    throw Error(Error::Kind::kArgument, "fine-tuning needs at least two classes");
  if (c.out_dir.empty()) throw Error(Error::Kind::kArgument, "the training config needs out_dir");
  const fs::path dir(c.out_dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir, ec))
    throw Error(Error::Kind::kIo, "cannot create the output folder '" + dir.string() + "'");
  if (c.threads > 0) torch::set_num_threads(c.threads);
  const torch::Device device = pickDevice(c.device);
  const auto& classes = train.classes;
  const auto n_classes = static_cast<int64_t>(classes.size());

  FinetuneResult result;
  result.device = deviceName(device);
  result.classes = classes;
  Built built = buildNetwork(c, classes);
  result.load_report = built.report;
  VitMoE& net = built.net;
  net->to(device);
  net->train();
  Optimizer opt = makeOptimizer(net, c);
  const int64_t s = built.config.img_size, t = built.config.num_frames;

  // Steps per epoch (constant, so the schedule and a resumed run line up).
  const size_t vb = std::min<size_t>(static_cast<size_t>(c.video_batch), train.clips.size());
  const int64_t video_steps = static_cast<int64_t>(train.clips.size() / vb);
  const size_t ib = train.images.empty()
                        ? 1
                        : std::min<size_t>(static_cast<size_t>(c.image_batch), train.images.size());
  const int64_t image_steps =
      train.images.empty()
          ? 0
          : static_cast<int64_t>(static_cast<double>(train.images.size() / ib) * c.image_ratio);
  const int64_t steps = video_steps + image_steps;
  CosineSchedule schedule;
  schedule.base_lr = c.lr;
  schedule.min_lr = c.min_lr;
  schedule.epochs = c.epochs;
  schedule.warmup_epochs = std::min(c.warmup_epochs, c.epochs - 1);
  schedule.steps_per_epoch = steps;
  const std::vector<double> lr = schedule.perStep();

  std::vector<int> identity(classes.size());
  for (size_t i = 0; i < identity.size(); ++i)
    identity[i] = static_cast<int>(i);

  Saved saved;
  if (c.resume) {
    saved = readState(dir);
    if (saved.epoch >= 0) {
      loadCheckpoint(dir, saved.epoch, net, *opt.adamw, device);
      result.resumed_after_epoch = saved.epoch;
    }
  }
  result.epochs = saved.history;
  const fs::path model_path = dir / (c.model_name + ".safetensors");
  result.model_path = model_path.string();

  // Class-balanced draws: weight 1 / class count (with replacement), as the official images.
  auto balancedOrder = [&](const std::vector<int>& labels, size_t n, std::mt19937_64& rng) {
    std::vector<double> count(classes.size());
    for (int l : labels)
      count[static_cast<size_t>(l)] += 1;
    std::vector<double> w;
    for (int l : labels)
      w.push_back(1.0 / count[static_cast<size_t>(l)]);
    std::discrete_distribution<size_t> pick(w.begin(), w.end());
    std::vector<size_t> order;
    for (size_t i = 0; i < n; ++i)
      order.push_back(pick(rng));
    return order;
  };
  std::vector<int> clip_labels, image_labels;
  for (const auto& x : train.clips)
    clip_labels.push_back(x.label);
  for (const auto& x : train.images)
    image_labels.push_back(x.label);

  for (int epoch = saved.epoch + 1; epoch < c.epochs; ++epoch) {
    // Everything random in an epoch derives from (seed, epoch): a resumed run repeats it exactly.
    const uint64_t epoch_seed = c.seed * 1000003ULL + static_cast<uint64_t>(epoch);
    std::mt19937_64 rng(epoch_seed);
    torch::manual_seed(epoch_seed);
    std::vector<int> kinds(static_cast<size_t>(video_steps), 0);
    kinds.insert(kinds.end(), static_cast<size_t>(image_steps), 1);
    std::shuffle(kinds.begin(), kinds.end(), rng);
    std::vector<size_t> clip_order;
    if (c.balanced_clips) {
      clip_order = balancedOrder(clip_labels, static_cast<size_t>(video_steps) * vb, rng);
    } else {
      clip_order.resize(train.clips.size());
      for (size_t i = 0; i < clip_order.size(); ++i)
        clip_order[i] = i;
      std::shuffle(clip_order.begin(), clip_order.end(), rng);
    }
    const auto image_order =
        train.images.empty()
            ? std::vector<size_t>{}
            : balancedOrder(image_labels, static_cast<size_t>(image_steps) * ib, rng);
    size_t next_clip = 0, next_image = 0;
    double loss_sum = 0, correct = 0, seen = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int64_t step = 0; step < steps; ++step) {
      if (cb.cancelled && cb.cancelled()) {
        result.cancelled = true;
        return result;
      }
      const bool video = kinds[static_cast<size_t>(step)] == 0;
      std::vector<int64_t> labels;
      torch::Tensor x;
      if (video) {
        std::vector<std::vector<cv::Mat>> batch;
        for (size_t i = 0; i < vb; ++i) {
          const ClipItem& clip = train.clips[clip_order[next_clip++]];
          std::vector<cv::Mat> frames;
          for (int64_t f :
               core::trainClip(static_cast<int64_t>(clip.frames.size()), c.sampling_rate, rng, t))
            frames.push_back(clip.frames[static_cast<size_t>(f)]);
          batch.push_back(augmentClip(frames, static_cast<int>(s), rng, c.augment));
          labels.push_back(clip.label);
        }
        x = clipTensor(batch, s);
      } else {
        std::vector<cv::Mat> faces;
        for (size_t i = 0; i < ib; ++i) {
          const ImageItem& img = train.images[image_order[next_image++]];
          faces.push_back(augmentImage(img.face, static_cast<int>(s), rng, c.augment));
          labels.push_back(img.label);
        }
        x = imageTensor(faces, s);
      }
      const auto y = torch::tensor(labels, torch::kLong);
      auto target = mix(x, y, n_classes, c, rng).to(device);
      const int64_t global = static_cast<int64_t>(epoch) * steps + step;
      for (size_t g = 0; g < opt.scales.size(); ++g)
        static_cast<torch::optim::AdamWOptions&>(opt.adamw->param_groups()[g].options())
            .lr(lr[static_cast<size_t>(global)] * opt.scales[g]);
      ForwardOptions fo = ForwardOptions::official();  // router noise and capacity, as trained
      fo.aux_loss = c.aux_loss;
      try {
        ForwardOutput out = net->forward(x.to(device), fo);
        auto loss = torch::sum(-target * torch::log_softmax(out.logits, -1), -1).mean();
        if (c.aux_loss && out.aux_loss.defined()) loss = loss + c.aux_coefficient * out.aux_loss;
        clearGradients(*opt.adamw);
        loss.backward();
        opt.adamw->step();
        const double l = loss.item<double>();
        if (!std::isfinite(l))
          throw Error(Error::Kind::kConfig, "the training loss became " + std::to_string(l) +
                                                ": lower the learning rate (lr) and start again");
        loss_sum += l;
        correct += out.logits.argmax(-1).cpu().eq(target.argmax(-1).cpu()).sum().item<double>();
        seen += static_cast<double>(labels.size());
        if (cb.progress)
          cb.progress(
              {epoch, c.epochs, step + 1, steps, l, lr[static_cast<size_t>(global)], video});
      } catch (const c10::Error& e) {
        if (std::string(e.what()).find("out of memory") != std::string::npos)
          outOfMemory("training step");
        throw Error(Error::Kind::kArgument, std::string("training step failed: ") + e.what());
      }
    }
    EpochReport report;
    report.epoch = epoch;
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    report.steps_per_second = static_cast<double>(steps) / std::max(1e-9, report.seconds);
    report.loss = loss_sum / static_cast<double>(std::max<int64_t>(1, steps));
    report.train_accuracy = seen > 0 ? correct / seen : 0;
    if (!val.clips.empty()) {
      const Evaluation e = evaluateNetwork(net, val, identity, c.sampling_rate, device);
      report.val = e.clips;
      report.val_stills = e.images;
    }
    // Best by validation WAR of the clips (the official criterion), then their UAR, then the
    // stills' WAR; without validation clips the last epoch.
    const auto score = std::make_tuple(report.val.war, report.val.uar, report.val_stills.war);
    const bool better = val.clips.empty() || score > std::make_tuple(saved.best_war, saved.best_uar,
                                                                     saved.best_still_war);
    if (better) {
      report.best = true;
      saved.best_epoch = epoch;
      saved.best_war = report.val.war;
      saved.best_uar = report.val.uar;
      saved.best_still_war = report.val_stills.war;
      Metadata meta = {{"base_model", c.base_model},
                       {"trained", today()},
                       {"epoch", std::to_string(epoch)},
                       {"train_data", std::to_string(train.clips.size()) + " clips, " +
                                          std::to_string(train.images.size()) + " stills"},
                       {"val_data", std::to_string(val.clips.size()) + " clips"},
                       {"val_metrics", metricsJson(report.val).dump()},
                       {"training_config", c.toJson().dump()}};
      if (device.is_cuda()) net->to(torch::kCPU);  // saveNetwork reads CPU tensors
      saveNetwork(model_path.string(), net, meta);
      if (device.is_cuda()) net->to(device);
    }
    saveCheckpoint(dir, epoch, net, *opt.adamw);
    saved.epoch = epoch;
    saved.history.push_back(report);
    writeState(dir, saved);
    removeOlderCheckpoints(dir, epoch);
    result.epochs.push_back(report);
    if (cb.epoch_done) cb.epoch_done(report);
  }
  result.best_epoch = saved.best_epoch;
  for (const auto& e : result.epochs)
    if (e.epoch == saved.best_epoch) result.best = e.val;
  return result;
}

Evaluation evaluateModel(const std::string& model, const Dataset& data, int sampling_rate,
                         const std::string& device_name) {
  const torch::Device device = pickDevice(device_name);
  LoadedNetwork l = loadNetwork(model, std::nullopt);
  l.network->to(device);
  // Map the data's classes onto the model's by name (the model's order wins).
  const auto& names = l.config.video_class_names;
  std::vector<int> to_model;
  for (size_t i = 0; i < data.classes.size(); ++i) {
    int m = static_cast<int>(i);
    if (!names.empty()) {
      auto it = std::find(names.begin(), names.end(), data.classes[i]);
      if (it == names.end())
        throw Error(Error::Kind::kArgument, "the model has no class '" + data.classes[i] + "'");
      m = static_cast<int>(it - names.begin());
    }
    to_model.push_back(m);
  }
  return evaluateNetwork(l.network, data, to_model, sampling_rate, device);
}

StepBench benchTrainSteps(const std::string& config, const std::string& what, int video_batch,
                          int image_batch, int steps, const std::string& device_name) {
  const torch::Device device = pickDevice(device_name);
  FinetuneConfig c;
  c.base_model = config;
  c.train = what;
  ModelConfig mc = ModelConfig::fromNameOrFile(config);
  std::vector<std::string> classes;
  for (int64_t i = 0; i < mc.video_classes; ++i)
    classes.push_back("c" + std::to_string(i));
  Built b = buildNetwork(c, classes);
  b.net->to(device);
  b.net->train();
  Optimizer opt = makeOptimizer(b.net, c);
  StepBench r;
  r.trainable_parameters = opt.trainable_parameters;
  auto step = [&](const torch::Tensor& x, const torch::Tensor& y) {
    try {
      ForwardOutput out = b.net->forward(x, ForwardOptions::official());
      auto loss = torch::nn::functional::cross_entropy(out.logits, y);
      clearGradients(*opt.adamw);
      loss.backward();
      opt.adamw->step();
    } catch (const c10::Error& e) {
      if (std::string(e.what()).find("out of memory") != std::string::npos)
        outOfMemory("benchmark step");
      throw;
    }
  };
  // Steps per second over `n` steps after one warm-up step.
  auto run = [&](const torch::Tensor& x, int n) {
    const auto y = torch::randint(mc.video_classes, {x.size(0)}, torch::kLong).to(device);
    step(x, y);
    if (device.is_cuda()) torch::cuda::synchronize();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i)
      step(x, y);
    if (device.is_cuda()) torch::cuda::synchronize();
    return n / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  torch::manual_seed(0);
  r.video_steps_per_second = run(
      torch::randn({video_batch, 3, mc.num_frames, mc.img_size, mc.img_size}).to(device), steps);
  r.image_steps_per_second =
      run(torch::randn({image_batch, 3, mc.img_size, mc.img_size}).to(device), steps);
  r.peak_mb = peakMb();
  return r;
}

}  // namespace unilearn::trainer
