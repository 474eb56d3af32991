// `unilearn export P.ulproj --format csv|json|tsv --out FILE [--video NAME] [--frames]`.
#include <cstdio>
#include <fstream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/export/exporter.h"
#include "core/storage/project.h"
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
  const std::string tmp = out_path + ".partial";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) throw Error(Error::Kind::kIo, "cannot write '" + out_path + "'");
    if (format == "csv")
      core::exportCsv(*project, out, options);
    else if (format == "json")
      core::exportJson(*project, out, options);
    else
      core::exportTsv(*project, out, options);
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      throw Error(Error::Kind::kIo, "writing '" + out_path + "' failed (disk full?)");
    }
  }
  if (std::rename(tmp.c_str(), out_path.c_str()) != 0)
    throw Error(Error::Kind::kIo, "cannot move the export into place at '" + out_path + "'");
  std::printf("wrote %s\n", out_path.c_str());
  return 0;
}

}  // namespace unilearn::cli
