// `unilearn analyze VIDEO... --project P.ulproj [--model FILE|NAME] [--static-only] [--again]
// [--every N] [--hop FRAMES] [--blendshapes] [--landmarks]
// [--frame-model static|unilearn|combined]`: faces, per-frame expressions (and blendshapes,
// landmarks) and UniLearn windows into a project. `unilearn analyze --camera ID --project P.ulproj
// [--seconds N] [--stats-every S] ...`: the same, live, until Ctrl-C or N seconds; every S seconds
// a line of throughput and memory (what a soak test watches).
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/analysis/analyzer.h"
#include "core/analysis/clip_model.h"
#include "core/media/frame_source.h"
#include "core/resources.h"
#include "core/storage/project.h"
#include "core/storage/project_lock.h"
#include "model/base/error.h"
#include "model/face_expression_net.h"
#include "model/precision.h"

namespace unilearn::cli {
namespace {

std::string clock(double seconds) {
  char buf[32];
  const int s = static_cast<int>(seconds);
  std::snprintf(buf, sizeof buf, "%d:%02d", s / 60, s % 60);
  return buf;
}

std::atomic<bool> g_interrupted{false};

// This process's resident memory in MB (Linux), or -1 where /proc is not there.
double residentMb() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      double kb = -1;
      status >> kb;
      return kb / 1024.0;
    }
    status.ignore(1 << 16, '\n');
  }
  return -1;
}

// Live: prints each clip window as it is stored; Ctrl-C (or --seconds) ends the session cleanly.
int analyzeCamera(const Args& args, const std::string& camera, core::Project& project,
                  core::ClipModel* model, const core::AnalysisOptions& options) {
  auto source = std::make_unique<core::CameraSource>(camera);
  const double fps = source->fps();
  core::LiveCapture capture(std::move(source));
  capture.start([](core::LiveCapture::Event e, const std::string& what) {
    if (e == core::LiveCapture::Event::kLost)
      std::fprintf(stderr, "camera lost (%s); waiting for it to come back\n", what.c_str());
    if (e == core::LiveCapture::Event::kRecovered) std::fprintf(stderr, "camera back\n");
  });
  signal(SIGINT, [](int) { g_interrupted = true; });
  const double seconds = std::stod(args.get("seconds").value_or("0"));
  const double stats_every = std::stod(args.get("stats-every").value_or("0"));
  const auto t0 = std::chrono::steady_clock::now();
  core::LiveCallbacks cb;
  const auto& names = FaceExpressionNet::classNames();
  bool first_face = true;
  int64_t frames = 0, windows = 0, frames_then = 0;
  uint64_t dropped_then = 0;
  double stats_at = stats_every, stats_then = 0;
  cb.on_frame = [&](int64_t, int64_t ms, const std::vector<core::FaceResult>& faces,
                    const cv::Mat&) {
    ++frames;
    const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (stats_every > 0 && t >= stats_at) {
      const uint64_t dropped = capture.dropped();
      std::fprintf(stderr,
                   "stats: %.0f s, %lld frames (%.1f/s since the last line), %llu dropped "
                   "(+%llu), %lld windows, %.0f MB resident\n",
                   t, static_cast<long long>(frames),
                   static_cast<double>(frames - frames_then) / (t - stats_then),
                   static_cast<unsigned long long>(dropped),
                   static_cast<unsigned long long>(dropped - dropped_then),
                   static_cast<long long>(windows), residentMb());
      frames_then = frames;
      dropped_then = dropped;
      stats_then = t;
      stats_at += stats_every;
    }
    if (!first_face || faces.empty()) return;
    first_face = false;
    const auto& e = faces.front().expression;
    const auto top = std::max_element(e.begin(), e.end()) - e.begin();
    std::printf("%.1f s: first face (track %lld), static model: %s\n", ms / 1000.0,
                static_cast<long long>(faces.front().track_id),
                names[static_cast<size_t>(top)].c_str());
    std::fflush(stdout);
  };
  const auto classes = model ? model->config().video_class_names : std::vector<std::string>{};
  cb.on_window = [&](const core::WindowPrediction& w) {
    ++windows;
    const std::string label = static_cast<size_t>(w.top_class) < classes.size()
                                  ? classes[static_cast<size_t>(w.top_class)]
                                  : std::to_string(w.top_class);
    std::printf("%.1f-%.1f s: track %lld %s (%.2f)\n", w.start_ms / 1000.0, w.end_ms / 1000.0,
                static_cast<long long>(w.track_id), label.c_str(), w.confidence);
    std::fflush(stdout);
  };
  auto stop = [&] {
    return g_interrupted.load() ||
           (seconds > 0 &&
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() >=
                seconds);
  };
  const auto s = core::analyzeLive(project, capture, "camera " + camera, fps, model,
                                   core::resourceDir(), options, cb, stop);
  capture.stop();
  std::printf(
      "live session: %lld frames analysed, %llu dropped by the capture, %lld tracks, "
      "%lld windows -> analysis %lld\n",
      static_cast<long long>(s.frames), static_cast<unsigned long long>(capture.dropped()),
      static_cast<long long>(s.tracks), static_cast<long long>(s.windows),
      static_cast<long long>(s.analysis_id));
  return 0;
}

}  // namespace

int runAnalyze(const std::vector<std::string>& argv) {
  Args args(argv,
            {"project", "model", "every", "hop", "batch", "threads", "camera", "seconds",
             "stats-every", "precision", "frame-model"},
            {"static-only", "again", "blendshapes", "landmarks"});
  const auto camera = args.get("camera");
  if (args.positional().empty() && !camera)
    throw UsageError{"analyze needs at least one VIDEO, or --camera ID"};
  const std::string project_path = args.require("project");
  core::AnalysisOptions options;
  options.every = static_cast<int>(args.getInt("every", 1));
  options.landmarks = args.has("landmarks");
  options.blendshapes = args.has("blendshapes") || options.landmarks;
  options.windows.hop = static_cast<int>(args.getInt("hop", 16));
  options.again = args.has("again");
  options.batch = static_cast<int>(args.getInt("batch", 4));
  if (options.every < 1 || options.windows.hop < 1 || options.batch < 1)
    throw UsageError{"--every, --hop and --batch must be >= 1"};
  // Which model gives the per-frame curves: the static FaceExpressionNet, UniLearn's image head,
  // or both combined. Without --frame-model: combined where the UniLearn model's image head has
  // the seven expressions (the more accurate, docs/performance.md), else the static model.
  const auto chosen = args.get("frame-model");
  const std::string frame_model = chosen.value_or(args.has("static-only") ? "static" : "combined");
  if (frame_model != "static" && frame_model != "unilearn" && frame_model != "combined")
    throw UsageError{
        "--frame-model must be static, unilearn (the UniLearn model's image head) or combined "
        "(both)"};
  if (frame_model != "static" && args.has("static-only"))
    throw UsageError{"--frame-model " + frame_model +
                     " needs the UniLearn model: drop --static-only"};
  options.frame_engine = frame_model == "unilearn"   ? core::FrameEngine::kImageHead
                         : frame_model == "combined" ? core::FrameEngine::kCombined
                                                     : core::FrameEngine::kStatic;
  std::unique_ptr<core::ClipModel> model;
  if (!args.has("static-only")) {
    auto name = args.get("model");
    if (!name && !core::shippedClipModel().empty()) {
      name = core::shippedClipModel();
      std::printf(
          "model: the shipped UniLearn-T, trained on FER+'s labelled faces (its card: %s)\n",
          core::shippedModelCard().c_str());
    }
    if (!name)
      throw UsageError{
          "give --model FILE|PRESET (a UniLearn model file, or a preset name for "
          "random weights), or --static-only"};
    model = core::ClipModel::load(*name, parsePrecision(args.get("precision").value_or("fp32")));
    if (!model->precisionNote().empty())
      std::fprintf(stderr, "note: %s\n", model->precisionNote().c_str());
    if (model->randomWeights())
      std::fprintf(stderr, "note: %s has random weights: its clip predictions are meaningless\n",
                   name->c_str());
    std::string why;
    if (!chosen)
      options.frame_engine = core::usableFrameEngine(options.frame_engine, model.get(), &why);
    if (!why.empty()) std::fprintf(stderr, "note: %s\n", why.c_str());
  }
  const auto lock = core::ProjectLock::acquire(project_path, "unilearn analyze");
  auto project = core::Project::open(project_path);
  if (camera) return analyzeCamera(args, *camera, *project, model.get(), options);
  const std::string resources = core::resourceDir();
  const bool tty = isatty(fileno(stderr));
  int failed = 0;
  for (const auto& video : args.positional()) {
    try {
      auto report = [&](const core::AnalysisProgress& p) {
        const double pct = p.frame_count > 0 ? 100.0 * p.frame / p.frame_count : 0.0;
        const double eta =
            p.frames_per_second > 0 ? (p.frame_count - p.frame) / p.frames_per_second : 0;
        if (tty)
          std::fprintf(stderr, "\r%s  %5.1f%%  %6.1f frames/s  %lld windows  ETA %s   ",
                       video.c_str(), pct, p.frames_per_second, static_cast<long long>(p.windows),
                       clock(eta).c_str());
        else
          std::fprintf(stderr, "%s: %.1f%% (%lld of %lld frames, %.1f frames/s, %lld windows)\n",
                       video.c_str(), pct, static_cast<long long>(p.frame),
                       static_cast<long long>(p.frame_count), p.frames_per_second,
                       static_cast<long long>(p.windows));
      };
      const auto s = core::analyzeVideo(*project, video, model.get(), resources, options, report);
      if (tty) std::fprintf(stderr, "\n");
      if (s.already_done) {
        std::printf(
            "%s: already analysed with this model and these settings (analysis %lld); kept "
            "as it is (--again analyses it anew)\n",
            video.c_str(), static_cast<long long>(s.analysis_id));
        continue;
      }
      std::printf(
          "%s: %lld frames, %lld tracks, %lld faces, %lld windows (+%lld resumed, %lld "
          "skipped) -> analysis %lld\n",
          video.c_str(), static_cast<long long>(s.frames), static_cast<long long>(s.tracks),
          static_cast<long long>(s.faces), static_cast<long long>(s.windows),
          static_cast<long long>(s.windows_resumed), static_cast<long long>(s.windows_skipped),
          static_cast<long long>(s.analysis_id));
      for (const auto& p : s.problems)
        std::fprintf(stderr, "%s: warning: %s\n", video.c_str(), p.c_str());
    } catch (const Error& e) {
      if (tty) std::fprintf(stderr, "\n");
      std::fprintf(stderr, "unilearn analyze: skipped %s: %s\n", video.c_str(), e.what());
      ++failed;
    }
  }
  return failed ? 1 : 0;
}

}  // namespace unilearn::cli
