#include "trainer/finetune.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <tuple>

#include <torch/torch.h>

#include "core/clip_sampling.h"
#include "core/faces/face_aligner.h"
#include "model/base/error.h"
#include "model/base/text.h"
#include "model/network_file.h"
#include "model/runtime.h"
#include "trainer/schedule.h"
#include "trainer/train_session.h"

namespace unilearn::trainer {

namespace fs = std::filesystem;
using namespace detail;

namespace {

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

// The targets of a batch: a teacher's probabilities where an item has them (distillation),
// else the label one-hot with smoothing.
torch::Tensor batchTargets(const std::vector<int64_t>& labels,
                           const std::vector<const std::vector<float>*>& soft, int64_t classes,
                           double smoothing) {
  auto t = smoothOneHot(torch::tensor(labels, torch::kLong), classes, smoothing);
  for (size_t i = 0; i < soft.size(); ++i) {
    if (soft[i]->empty()) continue;
    if (static_cast<int64_t>(soft[i]->size()) != classes)
      throw Error(Error::Kind::kArgument, "a soft target has " + std::to_string(soft[i]->size()) +
                                              " probabilities for " + std::to_string(classes) +
                                              " classes");
    t[static_cast<int64_t>(i)].copy_(torch::tensor(*soft[i]));
  }
  return t;
}

// Batch-mode mixup or cutmix as timm's Mixup (the cutmix box is the same on every frame).
torch::Tensor mix(torch::Tensor& x, const torch::Tensor& targets, const FinetuneConfig& c,
                  std::mt19937_64& rng) {
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
  return targets * lam + targets.flip(0) * (1 - lam);
}

}  // namespace

std::vector<size_t> classWeightedDraws(const std::vector<int>& labels, size_t classes, size_t n,
                                       double power, std::mt19937_64& rng) {
  std::vector<double> count(classes);
  for (int l : labels)
    count[static_cast<size_t>(l)] += 1;
  std::vector<double> w;
  for (int l : labels)
    w.push_back(std::pow(count[static_cast<size_t>(l)], -power));
  std::discrete_distribution<size_t> pick(w.begin(), w.end());
  std::vector<size_t> order;
  for (size_t i = 0; i < n; ++i)
    order.push_back(pick(rng));
  return order;
}

FinetuneResult finetune(const FinetuneConfig& c, const Dataset& train, const Dataset& val,
                        const FinetuneCallbacks& cb) {
  // Stills alone train head.image only (head.video keeps its weights): the image-only arm of
  // the paper's joint-training ablation.
  if (train.clips.empty() && train.images.empty())
    throw Error(Error::Kind::kArgument, "no training clips: label some segments first");
  if (train.classes.size() < 2)
    throw Error(Error::Kind::kArgument, "fine-tuning needs at least two classes");
  const fs::path dir(c.out_dir);
  const torch::Device device = startRun(c.out_dir, c.threads, c.device);
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
  const size_t vb =
      std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(c.video_batch), train.clips.size()));
  const int64_t video_steps = static_cast<int64_t>(train.clips.size() / vb);
  const size_t ib = train.images.empty()
                        ? 1
                        : std::min<size_t>(static_cast<size_t>(c.image_batch), train.images.size());
  const int64_t image_steps =
      train.images.empty()
          ? 0
          : static_cast<int64_t>(static_cast<double>(train.images.size() / ib) * c.image_ratio);
  const int64_t steps = video_steps + image_steps;
  if (steps == 0)
    throw Error(Error::Kind::kArgument,
                "no training steps: without clips the stills need an image_ratio above 0");
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
      loadCheckpoint(dir, saved.epoch, *net, *opt.adamw, device);
      result.resumed_after_epoch = saved.epoch;
    }
  }
  result.epochs = saved.history;
  const fs::path model_path = dir / (c.model_name + ".safetensors");
  result.model_path = model_path.string();

  auto balancedOrder = [&](const std::vector<int>& labels, size_t n, std::mt19937_64& rng) {
    return classWeightedDraws(labels, classes.size(), n, c.balance_power, rng);
  };
  // Uniform draws with replacement (the data's own class mix; distillation uses it).
  auto uniformOrder = [](size_t items, size_t n, std::mt19937_64& rng) {
    std::uniform_int_distribution<size_t> pick(0, items - 1);
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
    const std::vector<int> kinds = stepKinds(video_steps, image_steps, rng);
    const std::vector<size_t> clip_order =
        c.balanced_clips ? balancedOrder(clip_labels, static_cast<size_t>(video_steps) * vb, rng)
                         : shuffledOrder(train.clips.size(), rng);
    const auto image_order =
        train.images.empty()
            ? std::vector<size_t>{}
            : (c.balanced_stills
                   ? balancedOrder(image_labels, static_cast<size_t>(image_steps) * ib, rng)
                   : uniformOrder(train.images.size(), static_cast<size_t>(image_steps) * ib, rng));
    size_t next_clip = 0, next_image = 0;
    double loss_sum = 0, correct = 0, seen = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int64_t step = 0; step < steps; ++step) {
      if (stopRequested(cb.cancelled, result)) return result;
      const bool video = kinds[static_cast<size_t>(step)] == 0;
      std::vector<int64_t> labels;
      std::vector<const std::vector<float>*> soft;
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
          soft.push_back(&clip.soft);
        }
        x = clipTensor(batch, s);
      } else {
        std::vector<cv::Mat> faces;
        for (size_t i = 0; i < ib; ++i) {
          const ImageItem& img = train.images[image_order[next_image++]];
          faces.push_back(augmentImage(img.face, static_cast<int>(s), rng, c.augment));
          labels.push_back(img.label);
          soft.push_back(&img.soft);
        }
        x = imageTensor(faces, s);
      }
      auto target =
          mix(x, batchTargets(labels, soft, n_classes, c.label_smoothing), c, rng).to(device);
      const int64_t global = static_cast<int64_t>(epoch) * steps + step;
      for (size_t g = 0; g < opt.scales.size(); ++g)
        static_cast<torch::optim::AdamWOptions&>(opt.adamw->param_groups()[g].options())
            .lr(lr[static_cast<size_t>(global)] * opt.scales[g]);
      // Router noise and capacity as the authors train, unless asked otherwise.
      ForwardOptions fo =
          c.routing == "official" ? ForwardOptions::official() : ForwardOptions::deterministic();
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
        stepFailed(e, "training step");
      }
    }
    EpochReport report = epochReport(epoch, start, steps, loss_sum);
    report.train_accuracy = seen > 0 ? correct / seen : 0;
    const bool by_uar = c.select_by == "stills_uar";
    const bool by_stills = c.select_by == "stills" || by_uar;
    const bool validated = by_stills ? !val.images.empty() : !val.clips.empty();
    if (!val.clips.empty() || !val.images.empty()) {
      const Evaluation e = evaluateNetwork(net, val, identity, c.sampling_rate, device);
      report.val = e.clips;
      report.val_stills = e.images;
    }
    // Best by validation WAR of the clips (the official criterion), then their UAR, then the
    // stills' WAR (or the stills' WAR or UAR first with select_by "stills" / "stills_uar");
    // without validation data the last epoch.
    const auto score =
        by_uar      ? std::make_tuple(report.val_stills.uar, report.val_stills.war, report.val.war)
        : by_stills ? std::make_tuple(report.val_stills.war, report.val_stills.uar, report.val.war)
                    : std::make_tuple(report.val.war, report.val.uar, report.val_stills.war);
    const auto best =
        by_uar      ? std::make_tuple(saved.best_still_uar, saved.best_still_war, saved.best_war)
        : by_stills ? std::make_tuple(saved.best_still_war, saved.best_still_uar, saved.best_war)
                    : std::make_tuple(saved.best_war, saved.best_uar, saved.best_still_war);
    const bool better = !validated || score > best;
    if (better) {
      report.best = true;
      saved.best_epoch = epoch;
      saved.best_war = report.val.war;
      saved.best_uar = report.val.uar;
      saved.best_still_war = report.val_stills.war;
      saved.best_still_uar = report.val_stills.uar;
      Metadata meta = {{"base_model", c.base_model},
                       {"trained", nowText("%Y-%m-%dT%H:%M:%SZ", TimeZone::kUtc)},
                       {"epoch", std::to_string(epoch)},
                       {"train_data", std::to_string(train.clips.size()) + " clips, " +
                                          std::to_string(train.images.size()) + " stills"},
                       {"val_data", std::to_string(val.clips.size()) + " clips"},
                       {"val_metrics", metricsJson(report.val).dump()},
                       {"val_still_metrics", metricsJson(report.val_stills).dump()},
                       {"training_config", c.toJson().dump()}};
      if (device.is_cuda()) net->to(torch::kCPU);  // saveNetwork reads CPU tensors
      saveNetwork(model_path.string(), net, meta);
      if (device.is_cuda()) net->to(device);
    }
    saveCheckpoint(dir, epoch, *net, *opt.adamw);
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

}  // namespace unilearn::trainer
