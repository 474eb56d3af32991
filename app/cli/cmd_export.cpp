// `unilearn export P.ulproj --format csv|json|tsv --out FILE [--video NAME] [--frames]`.
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/export/exporter.h"
#include "core/storage/project.h"
#include "model/atomic_file.h"
#include "model/error.h"

namespace unilearn::cli {

int runExport(const std::vector<std::string>& argv) {
  Args args(argv, {"format", "out", "video", "threads"}, {"frames"});
  if (args.positional().size() != 1) throw UsageError{"export needs one project file"};
  const std::string format = args.require("format");
  const std::string out_path = args.require("out");
  if (format == "eaf")
    throw Error(Error::Kind::kArgument,
                "ELAN (eaf) export is not available yet; use csv, json or tsv");
  if (format != "csv" && format != "json" && format != "tsv")
    throw UsageError{"--format must be csv, json or tsv"};
  auto project = core::Project::open(args.positional()[0], false);
  core::ExportOptions options;
  options.video = args.get("video");
  options.frames = args.has("frames");
  writeFileAtomically(
      out_path,
      [&](std::ostream& out) {
        if (format == "csv")
          core::exportCsv(*project, out, options);
        else if (format == "json")
          core::exportJson(*project, out, options);
        else
          core::exportTsv(*project, out, options);
      },
      /*binary=*/false);
  std::printf("wrote %s\n", out_path.c_str());
  return 0;
}

}  // namespace unilearn::cli
