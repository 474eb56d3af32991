// `unilearn export P.ulproj --format csv|annotations|json|eaf|tsv --out FILE|- [--video NAME]
// [--frames]`.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/export/eaf.h"
#include "core/export/exporter.h"
#include "core/storage/project.h"
#include "model/base/atomic_file.h"
#include "model/base/error.h"

namespace unilearn::cli {

int runExport(const std::vector<std::string>& argv) {
  Args args(argv, {"format", "out", "video", "threads"}, {"frames"});
  if (args.positional().size() != 1) throw UsageError{"export needs one project file"};
  const std::string format = args.require("format");
  const std::string out_path = args.require("out");
  const core::ExportFormat* chosen = nullptr;
  try {
    chosen = &core::exportFormat(format);
  } catch (const Error& e) {
    throw UsageError{e.what()};
  }
  const std::string project_path = args.positional()[0];
  std::error_code ec;
  if (out_path != "-" && std::filesystem::exists(out_path, ec) &&
      std::filesystem::equivalent(out_path, project_path, ec))
    throw UsageError{"--out names the project itself: choose another file for the export"};
  for (const char* side : {"-wal", "-shm", "-journal"})
    if (out_path == project_path + side)
      throw UsageError{"--out names one of the project's own files: choose another file"};
  auto project = core::Project::open(project_path, false);
  core::ExportOptions options;
  options.video = args.get("video");
  options.frames = args.has("frames");
  options.document_dir = std::filesystem::absolute(out_path).parent_path().string();
  const auto write = [&](std::ostream& out) { chosen->write(*project, out, options); };
  if (out_path == "-") {  // standard output
    write(std::cout);
    std::cout.flush();
    return std::cout ? 0 : 1;
  }
  writeFileAtomically(out_path, write, /*binary=*/false);
  std::printf("wrote %s\n", out_path.c_str());
  return 0;
}

}  // namespace unilearn::cli
