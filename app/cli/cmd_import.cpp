// `unilearn import P.ulproj --eaf FILE | --tsv FILE | --csv FILE [--annotator NAME]
// [--scheme NAME]`.
#include <cstdio>
#include <filesystem>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/export/eaf.h"
#include "core/export/importer.h"
#include "core/storage/project.h"
#include "core/storage/project_lock.h"
#include "model/error.h"

namespace unilearn::cli {

int runImport(const std::vector<std::string>& argv) {
  Args args(argv, {"tsv", "csv", "eaf", "annotator", "scheme", "threads"}, {});
  if (args.positional().size() != 1) throw UsageError{"import needs one project file"};
  const auto eaf = args.get("eaf"), tsv = args.get("tsv"), csv = args.get("csv");
  if (static_cast<int>(static_cast<bool>(eaf)) + static_cast<bool>(tsv) + static_cast<bool>(csv) !=
      1)
    throw UsageError{"give one of --eaf FILE, --tsv FILE or --csv FILE"};
  if (!std::filesystem::exists(args.positional()[0]))
    throw Error(Error::Kind::kIo, "project '" + args.positional()[0] + "' does not exist");
  const auto lock = core::ProjectLock::acquire(args.positional()[0], "unilearn import");
  auto project = core::Project::open(args.positional()[0], false);
  const std::string annotator = args.get("annotator").value_or("");
  const std::string scheme = args.get("scheme").value_or("DFEW-7");
  const auto report = eaf   ? core::importEaf(*project, *eaf, annotator, scheme)
                      : tsv ? core::importTsv(*project, *tsv, annotator, scheme)
                            : core::importCsv(*project, *csv, annotator, scheme);
  std::printf("%d annotations imported, %d already in the project, %zu rows skipped\n",
              report.imported, report.duplicates, report.skipped.size());
  for (const auto& s : report.skipped)
    std::printf("  skipped %s\n", s.c_str());
  return 0;
}

}  // namespace unilearn::cli
