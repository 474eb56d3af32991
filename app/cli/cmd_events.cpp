// `unilearn events P.ulproj [--annotator NAME] [--dry-run]`: blinks, smiles and Duchenne-like
// smiles from the blendshapes of the project's analyses (analyze --blendshapes), written as
// annotations of the "Blinks" and "Smiles" schemes (replacing that annotator's earlier ones),
// with a per-person summary: blinks per minute, smiles, time smiling.
#include <cstdio>
#include <filesystem>
#include <map>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/analysis/face_events.h"
#include "core/storage/project.h"
#include "core/storage/project_lock.h"

namespace unilearn::cli {

int runEvents(const std::vector<std::string>& argv) {
  Args args(argv, {"annotator", "threads"}, {"dry-run"});
  if (args.positional().size() != 1) throw UsageError{"events needs one project file"};
  const std::string path = args.positional()[0];
  const bool dry_run = args.has("dry-run");
  std::unique_ptr<core::ProjectLock> lock;
  if (!dry_run) lock = core::ProjectLock::acquire(path, "unilearn events");
  auto project = core::Project::open(path, false);
  const std::string annotator = args.get("annotator").value_or("blendshapes");
  const auto summaries = core::writeFaceEvents(*project, annotator, {}, dry_run);
  std::map<int64_t, std::string> videos;
  for (const auto& m : project->media())
    videos[m.id] = std::filesystem::path(m.path).filename().string();
  std::printf("%-16s %-14s %8s %6s %10s %6s %6s %8s %9s\n", "video", "person", "seen min", "blinks",
              "per minute", "closed", "smiles", "Duchenne", "smiling s");
  for (const auto& s : summaries) {
    // A rate needs at least 10 s of face: shorter, say so rather than print a misleading 0.
    char rate[16] = "  (< 10 s)";
    if (s.seen_minutes >= 10.0 / 60.0)
      std::snprintf(rate, sizeof rate, "%10.1f", s.blinks_per_minute);
    std::printf("%-16s %-14s %8.2f %6lld %10s %6lld %6lld %8lld %9.1f\n",
                videos[s.media_id].c_str(), s.person.c_str(), s.seen_minutes,
                static_cast<long long>(s.blinks), rate, static_cast<long long>(s.closures),
                static_cast<long long>(s.smiles), static_cast<long long>(s.duchenne),
                s.smile_seconds);
  }
  std::printf("%s annotator '%s' in the schemes Blinks and Smiles%s\n",
              dry_run ? "would write as" : "written as", annotator.c_str(),
              dry_run ? ""
                      : " (compare with a coder: unilearn agree P --a CODER --b NAME "
                        "--scheme Blinks)");
  return 0;
}

}  // namespace unilearn::cli
