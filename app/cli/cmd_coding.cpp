// Help for coding a session from the command line:
// `unilearn suggest P.ulproj [--video NAME] [--annotator NAME] [--scheme S] [--limit N]`: what
// to label next (core/analysis/label_suggestions.h), ranked;
// `unilearn baseline P.ulproj --person NAME [--video NAME] --from TIME --to TIME | --clear`: a
// person's neutral baseline (core/analysis/calibration.h), with what the model reads in it.
#include <algorithm>
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/analysis/calibration.h"
#include "core/analysis/label_suggestions.h"
#include "core/analysis/timeline.h"
#include "core/export/export_util.h"
#include "core/media/frame_time.h"
#include "core/storage/project.h"
#include "core/storage/project_lock.h"

namespace unilearn::cli {
namespace {

core::MediaRecord oneVideo(const core::Project& project, const Args& args) {
  core::ExportOptions pick;
  pick.video = args.get("video");
  const auto media = core::detail::selectedMedia(project, pick);
  if (media.size() != 1)
    throw UsageError{media.empty() ? "the project has no such video"
                                   : "choose a video with --video NAME"};
  return media[0];
}

}  // namespace

int runSuggest(const std::vector<std::string>& argv) {
  Args args(argv, {"video", "annotator", "scheme", "limit", "threads"}, {});
  if (args.positional().size() != 1) throw UsageError{"suggest needs one project file"};
  auto project = core::Project::open(args.positional()[0], false);
  const auto media = oneVideo(*project, args);
  const core::Timeline t = core::loadTimeline(*project, media.id, std::nullopt, false);
  core::SuggestionOptions o;
  o.annotator = args.get("annotator").value_or("");
  o.scheme = args.get("scheme").value_or("DFEW-7");
  o.limit = static_cast<size_t>(std::max(1LL, args.getInt("limit", 20)));
  const auto out = core::suggestLabels(t, o);
  std::printf("%4s  %-14s %-11s %-11s  %s\n", "rank", "person", "from", "to", "why");
  int rank = 0;
  for (const auto& s : out) {
    std::string person = "whole video";
    for (const auto& tt : t.tracks)
      if (tt.track.id == s.track_id) person = core::personName(tt.track);
    std::string why;
    if (s.reason == core::LabelSuggestion::Reason::kCodersDisagree) {
      why = "coders disagree:";
      for (const auto& c : s.coder_labels)
        why += " " + c;
    } else {
      char text[160];
      std::snprintf(text, sizeof text, "model unsure: %s %.0f %% or %s %.0f %%",
                    s.first_class.c_str(), s.first_prob * 100, s.second_class.c_str(),
                    s.second_prob * 100);
      why = text;
    }
    std::printf("%4d  %-14s %-11s %-11s  %s\n", ++rank, person.c_str(),
                core::clockText(s.start_ms).c_str(), core::clockText(s.end_ms).c_str(),
                why.c_str());
  }
  if (out.empty())
    std::printf(
        "nothing to suggest: the model is sure wherever %s has not labelled, and no "
        "coders disagree\n",
        o.annotator.empty() ? "nobody" : o.annotator.c_str());
  return 0;
}

int runBaseline(const std::vector<std::string>& argv) {
  Args args(argv, {"person", "video", "from", "to", "threads"}, {"clear"});
  if (args.positional().size() != 1) throw UsageError{"baseline needs one project file"};
  const std::string path = args.positional()[0];
  const auto lock = core::ProjectLock::acquire(path, "unilearn baseline");
  auto project = core::Project::open(path, false);
  const auto media = oneVideo(*project, args);
  const std::string person = args.require("person");
  std::optional<core::TrackRecord> track;
  for (const auto& t : project->tracks(media.id))
    if (core::personName(t) == person) track = t;
  if (!track) throw UsageError{"nobody called '" + person + "' in that video"};
  if (args.has("clear")) {
    const bool had = project->clearBaseline(track->id);
    std::printf(had ? "%s has no baseline now\n" : "%s had no baseline\n", person.c_str());
    return 0;
  }
  const double fps = media.fps_num > 0 && media.fps_den > 0
                         ? static_cast<double>(media.fps_num) / static_cast<double>(media.fps_den)
                         : 25.0;
  const auto from = args.getFrame("from", fps), to = args.getFrame("to", fps);
  if (!from || !to) throw UsageError{"baseline needs --from and --to (or --clear)"};
  project->setBaseline(track->id, *from, *to);
  std::printf("%s's neutral baseline: frames %lld-%lld\n", person.c_str(),
              static_cast<long long>(*from), static_cast<long long>(*to));
  const auto profile = core::baselineProfile(*project, *project->baseline(track->id));
  if (!profile) {
    std::printf("not analysed there yet: analyse the video to use it\n");
    return 0;
  }
  if (!profile->windows.empty()) {
    std::printf("the clip model reads at rest (%lld windows):",
                static_cast<long long>(profile->window_count));
    for (size_t c = 0; c < profile->windows.size() && c < profile->classes.size(); ++c)
      std::printf(" %s %.1f %%", profile->classes[c].c_str(), profile->windows[c] * 100);
    std::printf("\n");
  }
  return 0;
}

}  // namespace unilearn::cli
