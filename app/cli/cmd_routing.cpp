// `unilearn routing VIDEO --project P.ulproj --out routing.csv [--model FILE|NAME]`: per clip
// window and MoE layer, each expert's share of the tokens and its mean gate weight. With
// `--model`, a video not analysed yet is analysed first (as `unilearn analyze` would).
#include <cstdio>
#include <filesystem>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/analysis/analyzer.h"
#include "core/analysis/clip_model.h"
#include "core/export/exporter.h"
#include "core/resources.h"
#include "core/storage/project.h"
#include "core/storage/project_lock.h"
#include "model/base/atomic_file.h"
#include "model/base/error.h"

namespace unilearn::cli {

int runRouting(const std::vector<std::string>& argv) {
  Args args(argv, {"project", "out", "model", "threads"}, {});
  if (args.positional().size() != 1) throw UsageError{"routing needs one VIDEO"};
  const std::string video = args.positional()[0], out_path = args.require("out");
  // Analysing the video first writes to the project: as any writer, only when no other has it.
  std::unique_ptr<core::ProjectLock> lock;
  if (args.get("model"))
    lock = core::ProjectLock::acquire(args.require("project"), "unilearn routing");
  auto project = core::Project::open(args.require("project"), args.get("model").has_value());
  const std::string path = std::filesystem::absolute(video).lexically_normal().string();
  auto clipAnalysed = [&] {
    for (const auto& m : project->media())
      if (m.path == path)
        for (const auto& a : project->analyses(m.id))
          if (a.kind == "clip" && a.status == "done") return true;
    return false;
  };
  if (!clipAnalysed()) {
    const auto model = args.get("model");
    if (!model)
      throw Error(Error::Kind::kArgument,
                  "'" + video +
                      "' has no UniLearn analysis in this project; give --model FILE "
                      "to analyse it now, or run `unilearn analyze` first");
    auto clip = core::ClipModel::load(*model);
    const auto s = core::analyzeVideo(*project, video, clip.get(), core::resourceDir(), {});
    std::printf("analysed %s: %lld windows\n", video.c_str(), static_cast<long long>(s.windows));
  }
  core::ExportOptions options;
  options.video = path;
  writeFileAtomically(
      out_path, [&](std::ostream& out) { core::exportRoutingCsv(*project, out, options); },
      /*binary=*/false);
  std::printf("wrote %s\n", out_path.c_str());
  return 0;
}

}  // namespace unilearn::cli
