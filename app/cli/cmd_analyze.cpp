// `unilearn analyze VIDEO... --project P.ulproj [--model FILE|NAME] [--static-only] [--every N]
// [--hop FRAMES]`: faces, static expressions and UniLearn windows into a project.
#include <unistd.h>

#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/analysis/analyzer.h"
#include "core/analysis/clip_model.h"
#include "core/resources.h"
#include "core/storage/project.h"
#include "model/error.h"

namespace unilearn::cli {
namespace {

std::string clock(double seconds) {
  char buf[32];
  const int s = static_cast<int>(seconds);
  std::snprintf(buf, sizeof buf, "%d:%02d", s / 60, s % 60);
  return buf;
}

}  // namespace

int runAnalyze(const std::vector<std::string>& argv) {
  Args args(argv, {"project", "model", "every", "hop", "batch", "threads"}, {"static-only"});
  if (args.positional().empty()) throw UsageError{"analyze needs at least one VIDEO"};
  const std::string project_path = args.require("project");
  core::AnalysisOptions options;
  options.every = static_cast<int>(args.getInt("every", 1));
  options.windows.hop = static_cast<int>(args.getInt("hop", 16));
  options.batch = static_cast<int>(args.getInt("batch", 4));
  if (options.every < 1 || options.windows.hop < 1 || options.batch < 1)
    throw UsageError{"--every, --hop and --batch must be >= 1"};
  std::unique_ptr<core::ClipModel> model;
  if (!args.has("static-only")) {
    const auto name = args.get("model");
    if (!name)
      throw UsageError{
          "give --model FILE|PRESET (a UniLearn model file, or a preset name for "
          "random weights), or --static-only"};
    model = core::ClipModel::load(*name);
    if (model->randomWeights())
      std::fprintf(stderr, "note: %s has random weights: its clip predictions are meaningless\n",
                   name->c_str());
  }
  auto project = core::Project::open(project_path);
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
