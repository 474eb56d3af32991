// `unilearn bench-timeline P.ulproj [--video NAME] [--repeat R]`: how long opening a project and
// loading one video's timeline (windows with routing, per-frame curves, annotations) takes.
// `--synthesize HOURS` first writes a project of that length (30 fps, one face, hop-16 windows
// with a 6-layer x 8-expert routing summary, a static prediction on every frame) to measure
// without analysing an hour of video.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/analysis/timeline.h"
#include "core/analysis/timeline_stream.h"
#include "core/storage/project.h"
#include "model/base/error.h"

namespace unilearn::cli {
namespace {

void synthesize(const std::string& path, double hours) {
  if (std::filesystem::exists(path))
    throw Error(Error::Kind::kArgument, "'" + path + "' exists; --synthesize writes a new project");
  auto p = core::Project::open(path);
  const int64_t frames = static_cast<int64_t>(hours * 3600 * 30);
  const int64_t media = p->addMedia({0, "/synthetic/session.mp4", "synthetic", 640, 480, 30, 1, 1,
                                     15360, frames * 1000 / 30, frames});
  const int64_t track = p->track(media, 1);
  const int64_t model = p->addModel(
      {0, "synthetic",
       R"({"video_classes":7,"video_class_names":["Happy","Sad","Neutral","Angry","Surprise","Disgust","Fear"]})",
       "none", ""});
  const int64_t analysis = p->startAnalysis(media, model, "clip", "{}");
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  auto probs = [&](size_t n) {
    std::vector<float> v(n);
    float sum = 0;
    for (auto& x : v)
      sum += (x = u(rng));
    for (auto& x : v)
      x /= sum;
    return v;
  };
  std::vector<core::FramePrediction> batch;
  for (int64_t f = 0; f < frames; ++f) {
    batch.push_back({analysis, track, f, f * 1000 / 30, probs(7), probs(7)});
    if (batch.size() == 1024 || f + 1 == frames) {
      p->addFrames(batch);
      batch.clear();
    }
  }
  for (int64_t s = 0; s + 61 <= frames; s += 16) {
    // A 61-frame window every 16 frames, as the analysis writes them.
    core::WindowPrediction w{
        /*id=*/0, analysis, track, s, s + 60, s * 1000 / 30, (s + 60) * 1000 / 30, probs(7)};
    w.top_class =
        static_cast<int>(std::max_element(w.probs.begin(), w.probs.end()) - w.probs.begin());
    w.confidence = w.probs[static_cast<size_t>(w.top_class)];
    for (int l = 0; l < 6; ++l) {
      w.expert_share.push_back(probs(8));
      w.mean_gate.push_back(probs(8));
    }
    p->addWindow(w);
  }
  p->finishAnalysis(analysis, "done");
}

}  // namespace

int runBenchTimeline(const std::vector<std::string>& argv) {
  Args args(argv, {"video", "repeat", "synthesize", "threads"}, {});
  if (args.positional().size() != 1) throw UsageError{"bench-timeline needs one project file"};
  const std::string path = args.positional()[0];
  if (auto hours = args.get("synthesize")) {
    const auto t0 = std::chrono::steady_clock::now();
    synthesize(path, std::stod(*hours));
    std::printf("synthesized %s hour(s) into %s in %.1f s (%.0f MB)\n", hours->c_str(),
                path.c_str(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                static_cast<double>(std::filesystem::file_size(path)) / 1e6);
  }
  const int repeat = static_cast<int>(args.getInt("repeat", 5));
  std::vector<double> ms;
  core::Timeline t;
  for (int r = 0; r < repeat; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    auto p = core::Project::open(path, false);
    const auto media = p->media();
    auto m = std::find_if(media.begin(), media.end(), [&](const core::MediaRecord& x) {
      const auto name = args.get("video");
      return !name || x.path == *name ||
             std::filesystem::path(x.path).filename() == std::filesystem::path(*name).filename();
    });
    if (m == media.end()) throw Error(Error::Kind::kArgument, "no such video in '" + path + "'");
    t = core::loadTimeline(*p, m->id);
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  size_t windows = 0, frames = 0;
  for (const auto& tt : t.tracks) {
    windows += tt.windows.size();
    frames += tt.frames.size();
  }
  std::sort(ms.begin(), ms.end());
  // What a running analysis costs the app instead of a read: a copy of its TimelineStream plus
  // the annotations and names read again (MainWindow's loader, every second while it runs).
  core::TimelineStream stream;
  stream.reset(t);
  std::vector<double> copy_ms;
  for (int r = 0; r < repeat; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    auto copy = stream.snapshot();
    auto p = core::Project::open(path, false);
    core::reloadAnnotationsAndPeople(*p, *copy);
    copy_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(copy_ms.begin(), copy_ms.end());
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  std::printf(
      "timeline of %s: %zu tracks, %zu windows (with routing), %zu frame predictions, "
      "%zu annotations\n",
      t.media.path.c_str(), t.tracks.size(), windows, frames, t.annotations.size());
  std::printf(
      "open + load: median %.0f ms, min %.0f ms, max %.0f ms over %d runs; max RSS %.0f MB\n",
      ms[ms.size() / 2], ms.front(), ms.back(), repeat, static_cast<double>(u.ru_maxrss) / 1024.0);
  std::printf("while an analysis runs (stream copy + annotations and names): median %.0f ms\n",
              copy_ms[copy_ms.size() / 2]);
  return 0;
}

}  // namespace unilearn::cli
