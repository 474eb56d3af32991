// `unilearn import P.ulproj --tsv FILE | --csv FILE [--annotator NAME] [--scheme NAME]`.
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/export/importer.h"
#include "core/storage/project.h"
#include "model/error.h"

namespace unilearn::cli {

int runImport(const std::vector<std::string>& argv) {
  Args args(argv, {"tsv", "csv", "eaf", "annotator", "scheme", "threads"}, {});
  if (args.positional().size() != 1) throw UsageError{"import needs one project file"};
  if (args.get("eaf"))
    throw Error(Error::Kind::kArgument,
                "ELAN (eaf) import is not available yet; use --tsv or --csv");
  const auto tsv = args.get("tsv"), csv = args.get("csv");
  if (static_cast<bool>(tsv) == static_cast<bool>(csv))
    throw UsageError{"give one of --tsv FILE or --csv FILE"};
  auto project = core::Project::open(args.positional()[0], false);
  const std::string annotator = args.get("annotator").value_or("");
  const std::string scheme = args.get("scheme").value_or("DFEW-7");
  const auto report = tsv ? core::importTsv(*project, *tsv, annotator, scheme)
                          : core::importCsv(*project, *csv, annotator, scheme);
  std::printf("%d annotations imported, %zu rows skipped\n", report.imported,
              report.skipped.size());
  for (const auto& s : report.skipped)
    std::printf("  skipped %s\n", s.c_str());
  return 0;
}

}  // namespace unilearn::cli
