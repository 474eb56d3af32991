#include "trainer/pretrain.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>

#include <torch/torch.h>

#include "core/clip_sampling.h"
#include "model/base/error.h"
#include "model/base/json_fields.h"
#include "model/mae.h"
#include "model/mae_fields.h"
#include "trainer/augment.h"
#include "trainer/data_parallel.h"
#include "trainer/finetune.h"
#include "trainer/run_fields.h"
#include "trainer/schedule.h"
#include "trainer/train_session.h"

namespace unilearn::trainer {

namespace fs = std::filesystem;
using namespace detail;

namespace {

template <class C, class F>
void visitFields(C& c, F& f) {  // the one list toJson and fromJson share (json_fields.h)
  f("model", c.model);
  f("init_from", c.init_from);
  visitMaeFields(c, f);
  f("epochs", c.epochs);
  f("video_batch", c.video_batch);
  f("image_batch", c.image_batch);
  f("video_ratio", c.video_ratio);
  f("lr", c.lr);
  f("min_lr", c.min_lr);
  f("warmup_fraction", c.warmup_fraction);
  f("weight_decay", c.weight_decay);
  f("augment", c.augment);
  visitRunFields(c, f);
  f("rank", c.rank);
  f("world_size", c.world_size);
  f("rendezvous", c.rendezvous);
}

}  // namespace

json::Value PretrainConfig::toJson() const {
  return json::writeFields(*this, [](auto& x, auto& f) { visitFields(x, f); });
}

PretrainConfig PretrainConfig::fromJson(const json::Value& v) {
  PretrainConfig c;
  json::readFields(v, "pre-training config", "unknown pre-training setting", c,
                   [](auto& x, auto& f) { visitFields(x, f); });
  c.validate();
  return c;
}

void PretrainConfig::validate() const {
  auto fail = [](const std::string& what) { throw Error(Error::Kind::kConfig, what); };
  if (epochs < 1 || epochs > 100000 || video_batch < 1 || image_batch < 1 || video_batch > 65536 ||
      image_batch > 65536)
    fail("epochs and batches must be at least 1 (and not absurdly large)");
  if (!(image_mask_ratio > 0 && image_mask_ratio < 1 && video_mask_ratio > 0 &&
        video_mask_ratio < 1))
    fail("mask ratios must lie between 0 and 1");
  if (decoder_dim < 1 || decoder_dim > 8192 || decoder_depth < 1 || decoder_depth > 64 ||
      decoder_heads < 1 || decoder_dim % decoder_heads != 0)
    fail(
        "the decoder needs decoder_depth 1–64, decoder_heads >= 1 and decoder_dim (1–8192) "
        "divisible by decoder_heads");
  if (!(lr > 0 && lr < 1) || !(min_lr >= 0 && min_lr <= lr) ||
      !(warmup_fraction >= 0 && warmup_fraction < 1) || !(weight_decay >= 0 && weight_decay < 10))
    fail("lr must lie in (0, 1), min_lr in [0, lr], warmup_fraction in [0, 1), weight_decay >= 0");
  if (!(video_ratio >= 0 && video_ratio <= 100) || sampling_rate < 1 || sampling_rate > 64)
    fail("video_ratio must lie in [0, 100] and sampling_rate in 1–64");
  if (threads < 0 || threads > 256) fail("threads must lie in 0–256 (0: all cores)");
  if (device != "auto" && device != "cpu" && device != "cuda")
    fail("device must be auto, cpu or cuda (the first GPU), not '" + device + "'");
  if (world_size < 1 || world_size > 1024) fail("world_size must lie in 1–1024");
  if (rank < 0 || rank >= world_size)
    fail("rank must lie in 0 .. world_size - 1 (rank " + std::to_string(rank) + ", world_size " +
         std::to_string(world_size) + ")");
}

namespace {

MaePretrain buildMae(const PretrainConfig& c, MaeConfig* out) {
  MaeConfig mc;
  mc.encoder = ModelConfig::fromNameOrFile(c.model);
  mc.decoder_dim = c.decoder_dim;
  mc.decoder_depth = c.decoder_depth;
  mc.decoder_heads = c.decoder_heads;
  mc.image_mask_ratio = c.image_mask_ratio;
  mc.video_mask_ratio = c.video_mask_ratio;
  *out = mc;
  if (c.init_from.empty()) {
    torch::manual_seed(c.seed);
    return MaePretrain(mc);
  }
  // Continue from a pre-training file (ours, or the authors' .pth with these sizes).
  return loadMae(c.init_from, mc).network;
}

std::unique_ptr<torch::optim::AdamW> maeOptimizer(MaePretrain& net, const PretrainConfig& c) {
  std::vector<torch::Tensor> decay, no_decay;
  for (auto& p : net->named_parameters())
    (skipsWeightDecay(p.key(), p.value().dim()) ? no_decay : decay).push_back(p.value());
  std::vector<torch::optim::OptimizerParamGroup> groups;
  auto options = [&](double wd) {
    auto o = std::make_unique<torch::optim::AdamWOptions>(c.lr);
    o->betas({0.9, 0.95}).weight_decay(wd);
    return o;
  };
  groups.emplace_back(decay, options(c.weight_decay));
  groups.emplace_back(no_decay, options(0.0));
  return std::make_unique<torch::optim::AdamW>(groups, torch::optim::AdamWOptions(c.lr));
}

// The masked autoencoder `c` describes (new, or continued from c.init_from), in training mode on
// `device`, with its optimizer.
struct MaeRun {
  MaeConfig config;
  MaePretrain net{nullptr};
  std::unique_ptr<torch::optim::AdamW> opt;
};

MaeRun startMae(const PretrainConfig& c, const torch::Device& device) {
  MaeRun mae;
  mae.net = buildMae(c, &mae.config);
  mae.net->to(device);
  mae.net->train();
  mae.opt = maeOptimizer(mae.net, c);
  return mae;
}

// Linear warm-up from 1e-6 over `warmup_fraction` of all steps, then cosine to min_lr.
double lrAt(const PretrainConfig& c, int64_t step, int64_t total) {
  const int64_t warm = static_cast<int64_t>(c.warmup_fraction * static_cast<double>(total));
  if (step < warm)
    return 1e-6 + (c.lr - 1e-6) * static_cast<double>(step) / static_cast<double>(warm);
  const double pi = std::acos(-1.0);
  const double t =
      static_cast<double>(step - warm) / static_cast<double>(std::max<int64_t>(1, total - warm));
  return c.min_lr + 0.5 * (c.lr - c.min_lr) * (1 + std::cos(pi * t));
}

}  // namespace

PretrainResult pretrain(const PretrainConfig& c, const Dataset& data, const PretrainCallbacks& cb) {
  if (data.clips.empty() && data.images.empty())
    throw Error(Error::Kind::kArgument, "no faces to pre-train on");
  const fs::path dir(c.out_dir);
  const torch::Device device = startRun(c.out_dir, c.threads, c.device);
  PretrainResult result;
  result.device = deviceName(device);
  MaeRun mae = startMae(c, device);
  MaePretrain net = mae.net;  // a shared handle
  auto& opt = mae.opt;
  const MaeConfig& mc = mae.config;
  const ModelConfig& e = mc.encoder;
  const int size = static_cast<int>(e.img_size);
  DataParallel dp(c.rank, c.world_size, c.rendezvous);
  if (std::min(c.video_batch, c.image_batch) < dp.world())
    throw Error(Error::Kind::kArgument,
                "each batch must hold at least one sample per process (world_size " +
                    std::to_string(dp.world()) + ")");
  const bool leader = dp.leader();

  const size_t vb = data.clips.empty() ? 1 : std::min<size_t>(c.video_batch, data.clips.size());
  const size_t ib = data.images.empty() ? 1 : std::min<size_t>(c.image_batch, data.images.size());
  const int64_t video_steps =
      data.clips.empty()
          ? 0
          : std::max<int64_t>(1, static_cast<int64_t>(c.video_ratio * (data.clips.size() / vb)));
  const int64_t image_steps = static_cast<int64_t>(data.images.size() / ib);
  const int64_t steps = video_steps + image_steps;
  const int64_t total = steps * c.epochs;

  Saved saved;
  if (c.resume) {
    saved = readState(dir);
    if (saved.epoch >= 0) {
      loadCheckpoint(dir, saved.epoch, *net, *opt, device);
      result.resumed_after_epoch = saved.epoch;
    }
  }
  dp.broadcastParameters(*net);  // every process starts from rank 0's weights
  for (const auto& h : saved.history)
    result.epochs.push_back({h.epoch, h.loss, h.seconds, h.steps_per_second});
  result.model_path = (dir / (c.model_name + ".safetensors")).string();
  AugmentOptions aug;
  aug.enabled = c.augment;
  aug.clip_ops = aug.image_ops = 0;  // crops and flips only, as the official pre-training
  aug.crop_scale_min = 0.2;
  aug.erase_probability = 0;

  for (int epoch = saved.epoch + 1; epoch < c.epochs; ++epoch) {
    const uint64_t epoch_seed = c.seed * 1000003ULL + static_cast<uint64_t>(epoch);
    std::mt19937_64 rng(epoch_seed);  // the step order: the same on every process
    torch::manual_seed(epoch_seed + 7919ULL * static_cast<uint64_t>(dp.rank()));  // masks
    const std::vector<int> kinds = stepKinds(video_steps, image_steps, rng);
    const std::vector<size_t> clip_order = shuffledOrder(data.clips.size(), rng);
    const std::vector<size_t> image_order = shuffledOrder(data.images.size(), rng);
    size_t next_clip = 0, next_image = 0;
    double loss_sum = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int64_t step = 0; step < steps; ++step) {
      if (stopRequested(cb.cancelled, result)) return result;
      const bool video = kinds[static_cast<size_t>(step)] == 0;
      torch::Tensor x, mask;
      const int64_t global = static_cast<int64_t>(epoch) * steps + step;
      // Each sample has its own generator, so a process can draw its share of the batch alone.
      auto sampleRng = [&](size_t i) {
        return std::mt19937_64(epoch_seed ^ (static_cast<uint64_t>(global) * 0x9E3779B97F4A7C15ULL +
                                             static_cast<uint64_t>(i) * 0xBF58476D1CE4E5B9ULL));
      };
      const auto world = static_cast<size_t>(dp.world()), rank = static_cast<size_t>(dp.rank());
      if (video) {
        std::vector<std::vector<cv::Mat>> batch;
        for (size_t i = 0; i < vb; ++i, ++next_clip) {
          if (i % world != rank) continue;
          const ClipItem& clip = data.clips[clip_order[next_clip % clip_order.size()]];
          auto item_rng = sampleRng(i);
          std::vector<cv::Mat> frames;
          for (int64_t f : core::trainClip(static_cast<int64_t>(clip.frames.size()),
                                           c.sampling_rate, item_rng, e.num_frames))
            frames.push_back(clip.frames[static_cast<size_t>(f)]);
          batch.push_back(augmentClip(frames, size, item_rng, aug));
        }
        x = clipTensor(batch, size);
        mask = randomTokenMask(x.size(0), e.videoTokens(), mc.video_mask_ratio);
      } else {
        std::vector<cv::Mat> faces;
        for (size_t i = 0; i < ib; ++i, ++next_image) {
          if (i % world != rank) continue;
          auto item_rng = sampleRng(i);
          faces.push_back(
              augmentImage(data.images[image_order[next_image]].face, size, item_rng, aug));
        }
        x = imageTensor(faces, size);
        mask = randomTokenMask(x.size(0), e.imageTokens(), mc.image_mask_ratio);
      }
      const double lr = lrAt(c, global, total);
      for (auto& g : opt->param_groups())
        static_cast<torch::optim::AdamWOptions&>(g.options()).lr(lr);
      try {
        x = x.to(device);
        mask = mask.to(device);
        auto loss = maeLoss(net->forward(x, mask), maeTargets(x, e), mask);
        clearGradients(*opt);
        loss.backward();
        dp.averageGradients(*net);
        opt->step();
        const double l = loss.item<double>();
        if (!std::isfinite(l))
          throw Error(Error::Kind::kConfig, "the reconstruction loss became " + std::to_string(l) +
                                                ": lower the learning rate (lr) and start again");
        loss_sum += l;
        if (cb.progress) cb.progress({epoch, c.epochs, step + 1, steps, l, lr, video});
      } catch (const c10::Error& err) {
        stepFailed(err, "pre-training step");
      }
    }
    const EpochReport report = epochReport(epoch, start, steps, loss_sum);
    if (!leader) {  // rank 0 writes the files
      result.epochs.push_back({epoch, report.loss, report.seconds, report.steps_per_second});
      if (cb.epoch_done) cb.epoch_done(result.epochs.back());
      continue;
    }
    if (device.is_cuda()) net->to(torch::kCPU);
    saveMae(result.model_path, *net,
            {{"trained_epochs", std::to_string(epoch + 1)},
             {"data", std::to_string(data.clips.size()) + " clips, " +
                          std::to_string(data.images.size()) + " stills"},
             {"pretraining_config", c.toJson().dump()}});
    if (device.is_cuda()) net->to(device);
    saveCheckpoint(dir, epoch, *net, *opt);
    saved.epoch = epoch;
    saved.history.push_back(report);
    writeState(dir, saved);
    removeOlderCheckpoints(dir, epoch);
    result.epochs.push_back({epoch, report.loss, report.seconds, report.steps_per_second});
    if (cb.epoch_done) cb.epoch_done(result.epochs.back());
  }
  dp.barrier();
  for (const auto& p : net->parameters())
    result.weights_checksum += p.abs().sum().item<double>();
  return result;
}

PretrainBench benchPretrainSteps(const std::string& config, int video_batch, int image_batch,
                                 int steps, const std::string& device_name) {
  const torch::Device device = pickDevice(device_name);
  PretrainConfig c;
  c.model = config;
  MaeRun mae = startMae(c, device);
  MaePretrain net = mae.net;  // a shared handle
  auto& opt = mae.opt;
  const MaeConfig& mc = mae.config;
  const ModelConfig& e = mc.encoder;
  auto rate = [&](const torch::Tensor& x, int64_t tokens, double ratio) {
    auto run = [&] {
      auto mask = randomTokenMask(x.size(0), tokens, ratio).to(device);
      auto loss = maeLoss(net->forward(x, mask), maeTargets(x, e), mask);
      clearGradients(*opt);
      loss.backward();
      opt->step();
    };
    run();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < steps; ++i)
      run();
    if (device.is_cuda()) torch::cuda::synchronize();
    return steps / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  PretrainBench b;
  torch::manual_seed(0);
  b.video_steps_per_second =
      rate(torch::randn({video_batch, 3, e.num_frames, e.img_size, e.img_size}).to(device),
           e.videoTokens(), mc.video_mask_ratio);
  b.image_steps_per_second = rate(torch::randn({image_batch, 3, e.img_size, e.img_size}).to(device),
                                  e.imageTokens(), mc.image_mask_ratio);
  b.finetune_video_steps_per_second =
      benchTrainSteps(config, "all", video_batch, image_batch, steps, device_name)
          .video_steps_per_second;
  b.peak_mb = peakMb();
  return b;
}

}  // namespace unilearn::trainer
