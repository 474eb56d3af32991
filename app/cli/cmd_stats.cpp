// `unilearn stats P.ulproj [--video NAME] [--scheme S] [--from TIME] [--to TIME]
// [--epochs SCHEME] [--out F|-]`:
// per person and rater (the model, each annotator), time and share in each emotion, bouts and
// their mean length, latency to the first occurrence, as CSV.
#include <cstdio>
#include <iostream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/analysis/statistics.h"
#include "core/export/export_util.h"
#include "core/export/exporter.h"
#include "core/storage/project.h"
#include "model/base/atomic_file.h"
#include "model/base/error.h"

namespace unilearn::cli {

int runStats(const std::vector<std::string>& argv) {
  Args args(argv, {"video", "scheme", "from", "to", "out", "threads", "epochs"}, {});
  if (args.positional().size() != 1) throw UsageError{"stats needs one project file"};
  auto project = core::Project::open(args.positional()[0], false);
  core::ExportOptions pick;
  pick.video = args.get("video");
  const auto media = core::detail::selectedMedia(*project, pick);
  if (media.size() != 1)
    throw UsageError{media.empty() ? "the project has no video"
                                   : "choose a video with --video NAME"};
  const auto& m = media[0];
  const double fps = m.fps_num > 0 && m.fps_den > 0
                         ? static_cast<double>(m.fps_num) / static_cast<double>(m.fps_den)
                         : 25.0;
  core::StatisticsOptions o;
  o.scheme = args.get("scheme").value_or("DFEW-7");
  o.from = args.getFrame("from", fps);
  o.to = args.getFrame("to", fps);
  o.epochs_scheme = args.get("epochs").value_or("");
  const auto stats = core::sessionStatistics(*project, m.id, o);
  const std::string out = args.get("out").value_or("-");
  if (out == "-") {
    core::writeStatisticsCsv(stats, std::cout);
    return std::cout ? 0 : 1;
  }
  writeFileAtomically(
      out, [&](std::ostream& s) { core::writeStatisticsCsv(stats, s); },
      /*binary=*/false);
  std::printf("wrote %s (%zu rows)\n", out.c_str(), stats.size());
  return 0;
}

}  // namespace unilearn::cli
