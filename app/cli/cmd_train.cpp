// `unilearn train JOB.json`, `unilearn evaluate MODEL --data LIST [--split S]` and
// `unilearn bench-train --config NAME [--train all|experts|heads]`: fine-tuning from the command
// line with progress lines, the official test protocol on a list, and training-step speed.
#include <atomic>
#include <csignal>
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "model/error.h"
#include "trainer/finetune.h"
#include "trainer/pretrain.h"
#include "trainer/train_job.h"

namespace unilearn::cli {
namespace {

std::atomic<bool> g_stop{false};

void onInterrupt(int) {
  g_stop = true;
}

}  // namespace

int runTrain(const std::vector<std::string>& argv) {
  Args args(argv, {"threads"}, {"restart"});
  if (args.positional().size() != 1) throw UsageError{"train needs one JOB.json"};
  trainer::TrainJob job = trainer::TrainJob::fromFile(args.positional()[0]);
  if (args.has("restart")) job.training.resume = false;
  std::printf("reading the data...\n");
  const trainer::JobData data = trainer::loadJobData(job);
  std::printf("classes: ");
  const auto clips = data.train.clipCounts(), stills = data.train.imageCounts();
  for (size_t c = 0; c < data.train.classes.size(); ++c)
    std::printf("%s%s %lld/%lld", c ? ", " : "", data.train.classes[c].c_str(),
                static_cast<long long>(clips[c]), static_cast<long long>(stills[c]));
  std::printf(" (clips/stills); validation: %zu clips, %zu stills\n", data.val.clips.size(),
              data.val.images.size());
  for (const auto& n : data.notes)
    std::printf("note: %s\n", n.c_str());
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
  trainer::FinetuneCallbacks cb;
  int64_t last_printed = -1;
  cb.progress = [&](const trainer::TrainProgress& p) {
    if (p.step == p.steps || p.step - last_printed >= std::max<int64_t>(1, p.steps / 10)) {
      std::printf("epoch %d/%d step %lld/%lld loss %.4f lr %.3g\n", p.epoch + 1, p.epochs,
                  static_cast<long long>(p.step), static_cast<long long>(p.steps), p.loss, p.lr);
      std::fflush(stdout);
      last_printed = p.step == p.steps ? -1 : p.step;
    }
  };
  cb.epoch_done = [&](const trainer::EpochReport& e) {
    std::printf("epoch %d done in %.1f s (%.2f steps/s): loss %.4f; validation %s%s\n", e.epoch + 1,
                e.seconds, e.steps_per_second, e.loss, e.val.summary(data.train.classes).c_str(),
                e.best ? " (best so far)" : "");
    std::fflush(stdout);
  };
  cb.cancelled = [] { return g_stop.load(); };
  const auto r = trainer::finetune(job.training, data.train, data.val, cb);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (r.resumed_after_epoch >= 0)
    std::printf("(resumed after epoch %d)\n", r.resumed_after_epoch + 1);
  if (r.cancelled) {
    std::printf(
        "stopped; the last finished epoch is kept in %s: run the same command again to "
        "resume\n",
        job.training.out_dir.c_str());
    return 130;
  }
  std::printf("device: %s; base model: %s\n", r.device.c_str(), r.load_report.c_str());
  std::printf("best epoch %d: %s\nwrote %s\n", r.best_epoch + 1, r.best.summary(r.classes).c_str(),
              r.model_path.c_str());
  if (job.register_model && !job.data.project.empty()) {
    trainer::registerModel(job.data.project, r.model_path);
    std::printf("added to the models of %s\n", job.data.project.c_str());
  }
  return 0;
}

int runEvaluate(const std::vector<std::string>& argv) {
  Args args(argv, {"data", "split", "sampling-rate", "threads", "device"}, {});
  if (args.positional().size() != 1) throw UsageError{"evaluate needs one MODEL"};
  const std::string model = args.positional()[0];
  const trainer::Dataset data = trainer::loadList(
      args.require("data"), {}, trainer::baseImageSize(model), args.get("split").value_or(""));
  const auto e =
      trainer::evaluateModel(model, data, static_cast<int>(args.getInt("sampling-rate", 4)),
                             args.get("device").value_or("auto"));
  std::printf("clips (head.video, 2 temporal views): %s\n", e.clips.summary({}).c_str());
  if (e.images.samples > 0) std::printf("stills (head.image): %s\n", e.images.summary({}).c_str());
  std::printf("confusion (rows: true class, columns: predicted, model order):\n");
  for (const auto& row : e.clips.confusion) {
    for (int64_t v : row)
      std::printf(" %5lld", static_cast<long long>(v));
    std::printf("\n");
  }
  return 0;
}

int runBenchTrain(const std::vector<std::string>& argv) {
  Args args(argv, {"config", "train", "video-batch", "image-batch", "steps", "threads", "device"},
            {});
  const std::string config = args.get("config").value_or("unilearn-t16-160");
  const std::string what = args.get("train").value_or("all");
  const auto r = trainer::benchTrainSteps(
      config, what, static_cast<int>(args.getInt("video-batch", 2)),
      static_cast<int>(args.getInt("image-batch", 4)), static_cast<int>(args.getInt("steps", 3)),
      args.get("device").value_or("auto"));
  std::printf(
      "%s, train %s: %lld trainable parameters; %.3f video steps/s (batch %lld), %.3f "
      "image steps/s (batch %lld); peak memory %.0f MB\n",
      config.c_str(), what.c_str(), static_cast<long long>(r.trainable_parameters),
      r.video_steps_per_second, args.getInt("video-batch", 2), r.image_steps_per_second,
      args.getInt("image-batch", 4), r.peak_mb);
  return 0;
}

int runPretrain(const std::vector<std::string>& argv) {
  Args args(argv, {"threads", "rank", "world-size", "rendezvous"}, {"restart"});
  if (args.positional().size() != 1) throw UsageError{"pretrain needs one JOB.json"};
  trainer::PretrainJob job = trainer::PretrainJob::fromFile(args.positional()[0]);
  if (args.has("restart")) job.training.resume = false;
  auto& t = job.training;
  t.rank = static_cast<int>(args.getInt("rank", t.rank));
  t.world_size = static_cast<int>(args.getInt("world-size", t.world_size));
  t.rendezvous = args.get("rendezvous").value_or(t.rendezvous);
  std::printf("reading the faces...\n");
  const trainer::Dataset data = trainer::loadPretrainData(job);
  std::printf("%zu clips, %zu stills\n", data.clips.size(), data.images.size());
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
  trainer::PretrainCallbacks cb;
  int64_t last = -1;
  cb.progress = [&](const trainer::PretrainProgress& p) {
    if (p.step == p.steps || p.step - last >= std::max<int64_t>(1, p.steps / 10)) {
      std::printf("epoch %d/%d step %lld/%lld %s loss %.4f lr %.3g\n", p.epoch + 1, p.epochs,
                  static_cast<long long>(p.step), static_cast<long long>(p.steps),
                  p.video ? "clips " : "stills", p.loss, p.lr);
      std::fflush(stdout);
      last = p.step == p.steps ? -1 : p.step;
    }
  };
  cb.epoch_done = [](const trainer::PretrainEpoch& e) {
    std::printf("epoch %d done in %.1f s (%.2f steps/s): reconstruction loss %.4f\n", e.epoch + 1,
                e.seconds, e.steps_per_second, e.loss);
    std::fflush(stdout);
  };
  cb.cancelled = [] { return g_stop.load(); };
  const auto r = trainer::pretrain(job.training, data, cb);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (r.resumed_after_epoch >= 0)
    std::printf("(resumed after epoch %d)\n", r.resumed_after_epoch + 1);
  if (r.cancelled) {
    std::printf("stopped; run the same command again to resume\n");
    return 130;
  }
  std::printf("device: %s; process %d of %d; weights checksum %.17g\n", r.device.c_str(), t.rank,
              t.world_size, r.weights_checksum);
  if (t.rank == 0)
    std::printf("wrote %s (use it as base_model in `unilearn train`)\n", r.model_path.c_str());
  return 0;
}

int runBenchPretrain(const std::vector<std::string>& argv) {
  Args args(argv, {"config", "video-batch", "image-batch", "steps", "threads", "device"}, {});
  const std::string config = args.get("config").value_or("unilearn-t16-160");
  const auto r = trainer::benchPretrainSteps(
      config, static_cast<int>(args.getInt("video-batch", 2)),
      static_cast<int>(args.getInt("image-batch", 4)), static_cast<int>(args.getInt("steps", 3)),
      args.get("device").value_or("auto"));
  std::printf(
      "%s pre-training: %.3f clip steps/s (batch %lld, 95 %% masked), %.3f still steps/s "
      "(batch %lld, 90 %% masked); fine-tuning the same clips: %.3f steps/s, so a "
      "pre-training clip step costs %.2f of a fine-tuning one; peak memory %.0f MB\n",
      config.c_str(), r.video_steps_per_second, args.getInt("video-batch", 2),
      r.image_steps_per_second, args.getInt("image-batch", 4), r.finetune_video_steps_per_second,
      r.finetune_video_steps_per_second / r.video_steps_per_second, r.peak_mb);
  return 0;
}

}  // namespace unilearn::cli
