#include "core/analysis/statistics.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

#include "core/storage/project.h"
#include "model/base/error.h"
#include "model/base/json.h"
#include "model/base/text.h"
#include "model/config.h"

namespace unilearn::core {
namespace {

// (person, rater) -> frame -> label
using Ratings = std::map<std::pair<std::string, std::string>, std::map<int64_t, std::string>>;

}  // namespace

std::vector<EmotionStatistics> sessionStatistics(const Project& p, int64_t media_id,
                                                 const StatisticsOptions& o) {
  if (!o.epochs_scheme.empty()) {
    std::vector<Annotation> epochs;
    for (const auto& a : p.annotations(media_id))
      if (a.scheme == o.epochs_scheme && a.end_frame >= o.from.value_or(0) &&
          a.start_frame <= o.to.value_or(INT64_MAX))
        epochs.push_back(a);
    if (epochs.empty())
      throw Error(Error::Kind::kArgument, "no epoch of the scheme '" + o.epochs_scheme +
                                              "' in this stretch: annotate the epochs first");
    std::stable_sort(epochs.begin(), epochs.end(),
                     [](const auto& a, const auto& b) { return a.start_frame < b.start_frame; });
    std::vector<EmotionStatistics> out;
    for (const auto& e : epochs) {
      StatisticsOptions one = o;
      one.epochs_scheme.clear();
      one.from = std::max(e.start_frame, o.from.value_or(0));
      one.to = std::min(e.end_frame, o.to.value_or(INT64_MAX));
      for (auto& s : sessionStatistics(p, media_id, one)) {
        s.epoch = e.label;
        s.epoch_start = *one.from;
        s.epoch_end = *one.to;
        out.push_back(std::move(s));
      }
    }
    return out;
  }
  std::optional<MediaRecord> media;
  for (const auto& m : p.media())
    if (m.id == media_id) media = m;
  if (!media) throw Error(Error::Kind::kArgument, "no video " + std::to_string(media_id));
  const double fps = media->fps_num > 0 && media->fps_den > 0
                         ? static_cast<double>(media->fps_num) / static_cast<double>(media->fps_den)
                         : 25.0;
  const int64_t from = o.from.value_or(0);
  const int64_t to = o.to.value_or(media->frame_count > 0 ? media->frame_count - 1 : INT64_MAX);
  if (to < from) throw Error(Error::Kind::kArgument, "the interval ends before it starts");
  std::map<int64_t, std::string> people;
  for (const auto& t : p.tracks(media_id))
    people[t.id] = personName(t);
  Ratings r;
  auto inside = [&](int64_t f) { return f >= from && f <= to; };
  // The model: the latest clip analysis, each frame from the latest window covering it.
  const AnalysisRecord* latest = nullptr;
  const auto analyses = p.analyses(media_id);
  for (const auto& a : analyses)
    if (a.kind == "clip" && a.model_id && a.status == "done") latest = &a;
  if (latest) {
    const ModelConfig c =
        ModelConfig::fromJson(json::parse(p.model(*latest->model_id)->config_json));
    for (const auto& w : p.windows(latest->id)) {
      if (static_cast<size_t>(w.top_class) >= c.video_class_names.size()) continue;
      auto& frames = r[{people[w.track_id], "model"}];
      for (int64_t f = std::max(w.start_frame, from); f <= std::min(w.end_frame, to); ++f)
        frames[f] = c.video_class_names[static_cast<size_t>(w.top_class)];
    }
  }
  for (const auto& a : p.annotations(media_id)) {
    if (a.scheme != o.scheme) continue;
    auto& frames = r[{a.track_id ? people[*a.track_id] : "whole video", a.annotator}];
    for (int64_t f = std::max(a.start_frame, from); f <= std::min(a.end_frame, to); ++f)
      if (inside(f)) frames[f] = a.label;
  }
  std::vector<EmotionStatistics> out;
  for (const auto& [key, frames] : r) {
    if (frames.empty()) continue;
    std::map<std::string, EmotionStatistics> by_label;
    int64_t previous = -2;
    std::string previous_label;
    for (const auto& [f, label] : frames) {
      auto& s = by_label[label];
      if (s.frames == 0) {
        s.person = key.first;
        s.rater = key.second;
        s.label = label;
        s.latency_seconds = static_cast<double>(f - from) / fps;
      }
      ++s.frames;
      if (!(f == previous + 1 && label == previous_label)) ++s.bouts;
      previous = f;
      previous_label = label;
    }
    for (auto& [label, s] : by_label) {
      s.seconds = static_cast<double>(s.frames) / fps;
      s.share = static_cast<double>(s.frames) / static_cast<double>(frames.size());
      s.mean_bout_seconds = s.seconds / s.bouts;
      out.push_back(s);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    const bool a_coder = a.rater != "model", b_coder = b.rater != "model";  // the model first
    return std::tie(a.person, a_coder, a.rater, a.label) <
           std::tie(b.person, b_coder, b.rater, b.label);
  });
  return out;
}

void writeStatisticsCsv(const std::vector<EmotionStatistics>& stats, std::ostream& out) {
  const bool epochs =
      std::any_of(stats.begin(), stats.end(), [](const auto& s) { return !s.epoch.empty(); });
  if (epochs) out << "epoch,epoch_start_frame,epoch_end_frame,";
  out << "person,rater,label,frames,seconds,share,bouts,mean_bout_s,latency_s\n";
  char buf[160];
  for (const auto& s : stats) {
    if (epochs) out << csvField(s.epoch) << ',' << s.epoch_start << ',' << s.epoch_end << ',';
    std::snprintf(buf, sizeof buf, ",%lld,%.3f,%.4f,%d,%.3f,", static_cast<long long>(s.frames),
                  s.seconds, s.share, s.bouts, s.mean_bout_seconds);
    out << csvField(s.person) << ',' << csvField(s.rater) << ',' << csvField(s.label) << buf;
    if (s.latency_seconds) {
      std::snprintf(buf, sizeof buf, "%.3f", *s.latency_seconds);
      out << buf;
    }
    out << '\n';
  }
}

}  // namespace unilearn::core
