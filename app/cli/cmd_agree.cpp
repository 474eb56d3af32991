// `unilearn agree P.ulproj --a NAME --b NAME|model [--scheme NAME] [--ordinal]`: Cohen's kappa
// frame by frame; the quadratic weighted kappa only for ordinal schemes (--ordinal), where the
// order of the labels means something.
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/analysis/agreement.h"
#include "core/storage/project.h"

namespace unilearn::cli {

int runAgree(const std::vector<std::string>& argv) {
  Args args(argv, {"a", "b", "scheme", "threads"}, {"ordinal"});
  if (args.positional().size() != 1) throw UsageError{"agree needs one project file"};
  auto project = core::Project::open(args.positional()[0], false);
  const auto r = core::agreeInProject(*project, args.require("a"), args.require("b"),
                                      args.get("scheme").value_or("DFEW-7"));
  std::printf("frames rated by both: %lld\n", static_cast<long long>(r.items));
  std::printf("observed agreement:   %.4f\n", r.observed);
  std::printf("Cohen's kappa:        %.4f\n", r.kappa);
  if (r.ordinal || args.has("ordinal"))
    std::printf("weighted kappa (quadratic): %.4f\n", r.weighted_kappa);
  if (!r.unmatched.empty()) {
    std::string names;
    for (const auto& n : r.unmatched)
      names += (names.empty() ? "" : ", ") + n;
    std::printf("note: the model's %s match no label of the scheme: %lld frames left out\n",
                names.c_str(), static_cast<long long>(r.unmatched_frames));
  }
  std::printf("\nper class (specific agreement):\n");
  for (size_t i = 0; i < r.labels.size(); ++i)
    std::printf("  %-16s %.4f\n", r.labels[i].c_str(), r.per_class[i]);
  std::printf("\nconfusion (rows: %s, columns: %s):\n%-16s", args.require("a").c_str(),
              args.require("b").c_str(), "");
  for (const auto& l : r.labels)
    std::printf(" %9.9s", l.c_str());
  std::printf("\n");
  for (size_t i = 0; i < r.labels.size(); ++i) {
    std::printf("%-16s", r.labels[i].c_str());
    for (int64_t n : r.confusion[i])
      std::printf(" %9lld", static_cast<long long>(n));
    std::printf("\n");
  }
  return 0;
}

}  // namespace unilearn::cli
