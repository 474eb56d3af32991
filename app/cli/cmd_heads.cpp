// `unilearn heads P.ulproj [--video NAME]`: do UniLearn's two heads tell the same story on real
// video? For every clip window of each video's latest clip analysis, the image head runs on each
// of the window's face crops (rebuilt from the video) and its probabilities are averaged; the
// window's top class by the clip head is compared with that average's. Prints the class shares by
// both heads and how often they agree.
#include <cstdio>
#include <filesystem>
#include <map>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/analysis/clip_model.h"
#include "core/analysis/token_routing.h"
#include "core/storage/project.h"
#include "model/base/error.h"

namespace unilearn::cli {

int runHeads(const std::vector<std::string>& argv) {
  Args args(argv, {"video", "threads"}, {});
  if (args.positional().size() != 1) throw UsageError{"heads needs one project file"};
  auto project = core::Project::open(args.positional()[0], false);
  const auto only = args.get("video");
  std::map<std::string, std::unique_ptr<core::ClipModel>> models;
  int64_t all = 0, all_agree = 0;
  for (const auto& media : project->media()) {
    const std::string name = std::filesystem::path(media.path).filename().string();
    if (only && *only != name && *only != media.path) continue;
    std::optional<core::AnalysisRecord> latest;
    for (const auto& a : project->analyses(media.id))
      if (a.kind == "clip" && a.status == "done" && (!latest || a.id > latest->id)) latest = a;
    if (!latest) continue;
    const std::string spec = core::analysisModelSpec(*project, *latest);
    if (spec.empty()) throw Error(Error::Kind::kIo, "the model that analysed " + name + " is gone");
    auto& model = models[spec];
    if (!model) model = core::ClipModel::load(spec);
    const auto classes = model->classNames();
    std::vector<int64_t> clip_counts(classes.size()), image_counts(classes.size());
    int64_t n = 0, agree = 0;
    for (const auto& w : project->windows(latest->id)) {
      const auto crops =
          core::windowCrops(*project, *latest, w, static_cast<int>(model->config().img_size));
      std::vector<double> mean(classes.size());
      for (const auto& p : model->predictImages(crops))
        for (size_t c = 0; c < mean.size() && c < p.size(); ++c)
          mean[c] += p[c] / static_cast<double>(crops.size());
      const int image_top =
          static_cast<int>(std::max_element(mean.begin(), mean.end()) - mean.begin());
      ++clip_counts[static_cast<size_t>(w.top_class)];
      ++image_counts[static_cast<size_t>(image_top)];
      agree += image_top == w.top_class;
      ++n;
    }
    if (n == 0) continue;
    std::printf("%s: %lld windows (%s); heads agree on the top class in %.1f %%\n", name.c_str(),
                static_cast<long long>(n), model->name().c_str(),
                100.0 * static_cast<double>(agree) / static_cast<double>(n));
    for (size_t c = 0; c < classes.size(); ++c)
      if (clip_counts[c] || image_counts[c])
        std::printf("  %-10s clip head %5.1f %%   image head (frames averaged) %5.1f %%\n",
                    classes[c].c_str(), 100.0 * static_cast<double>(clip_counts[c]) / n,
                    100.0 * static_cast<double>(image_counts[c]) / n);
    all += n;
    all_agree += agree;
  }
  if (all == 0) throw Error(Error::Kind::kArgument, "no clip windows to compare: analyse first");
  std::printf("all: %lld windows, heads agree in %.1f %%\n", static_cast<long long>(all),
              100.0 * static_cast<double>(all_agree) / static_cast<double>(all));
  return 0;
}

}  // namespace unilearn::cli
