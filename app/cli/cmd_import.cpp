// `unilearn import P.ulproj --eaf FILE | --tsv FILE | --csv FILE [--annotator NAME]
// [--scheme NAME] [--subjects "Client=face 1,Therapist=face 2"] [--dry-run]`.
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/export/eaf.h"
#include "core/export/importer.h"
#include "core/storage/project.h"
#include "core/storage/project_lock.h"
#include "model/base/error.h"

namespace unilearn::cli {

int runImport(const std::vector<std::string>& argv) {
  Args args(argv, {"tsv", "csv", "eaf", "annotator", "scheme", "subjects", "threads"}, {"dry-run"});
  if (args.positional().size() != 1) throw UsageError{"import needs one project file"};
  const auto eaf = args.get("eaf"), tsv = args.get("tsv"), csv = args.get("csv");
  if (static_cast<int>(static_cast<bool>(eaf)) + static_cast<bool>(tsv) + static_cast<bool>(csv) !=
      1)
    throw UsageError{"give one of --eaf FILE, --tsv FILE or --csv FILE"};
  if (!std::filesystem::exists(args.positional()[0]))
    throw Error(Error::Kind::kIo, "project '" + args.positional()[0] + "' does not exist");
  const auto lock = core::ProjectLock::acquire(args.positional()[0], "unilearn import");
  auto project = core::Project::open(args.positional()[0], false);
  core::ImportOptions o;
  o.annotator = args.get("annotator").value_or("");
  o.scheme = args.get("scheme").value_or("DFEW-7");
  o.dry_run = args.has("dry-run");
  // "Client=face 1,Therapist=" : the file's people onto the project's ("" leaves one out).
  if (const auto map = args.get("subjects")) {
    std::string item;
    std::istringstream in(*map);
    while (std::getline(in, item, ',')) {
      const auto eq = item.find('=');
      if (eq == std::string::npos || eq == 0)
        throw UsageError{"--subjects takes FILE_NAME=PERSON pairs separated by commas, not '" +
                         item + "'"};
      o.subjects[item.substr(0, eq)] = item.substr(eq + 1);
    }
  }
  const auto report = eaf   ? core::importEaf(*project, *eaf, o)
                      : tsv ? core::importTsv(*project, *tsv, o)
                            : core::importCsv(*project, *csv, o);
  std::printf("%d annotations %s, %d already in the project, %zu rows skipped\n", report.imported,
              o.dry_run ? "would be imported (dry run)" : "imported", report.duplicates,
              report.skipped.size());
  for (const auto& s : report.skipped)
    std::printf("  skipped %s\n", s.c_str());
  if (!report.unmatched_subjects.empty()) {
    std::string people, tracks;
    for (const auto& t : project->tracks(project->media().empty() ? -1 : project->media()[0].id))
      tracks += std::string(tracks.empty() ? "" : ", ") + core::personName(t);
    for (const auto& s : report.unmatched_subjects)
      people += (people.empty() ? "" : ",") + s + "=PERSON";
    std::printf("note: map the file's people onto the project's with --subjects \"%s\"%s\n",
                people.c_str(), tracks.empty() ? "" : (" (people here: " + tracks + ")").c_str());
  }
  return 0;
}

}  // namespace unilearn::cli
