#include "core/analysis/timeline.h"

#include <algorithm>
#include <map>

#include "model/base/error.h"
#include "model/base/json.h"
#include "model/config.h"

namespace unilearn::core {

std::vector<std::string> clipClassNames(const Project& p, const AnalysisRecord& a) {
  if (!a.model_id) return {};
  auto m = p.model(*a.model_id);
  if (!m) return {};
  ModelConfig c = ModelConfig::fromJson(json::parse(m->config_json));
  if (!c.video_class_names.empty()) return c.video_class_names;
  std::vector<std::string> names;
  for (int64_t i = 0; i < c.video_classes; ++i)
    names.push_back("class" + std::to_string(i));
  return names;
}

namespace {

void readAnnotations(const Project& p, Timeline& t) {
  t.annotations = p.annotations(t.media.id);
  t.schemes.clear();
  t.scheme_colors.clear();
  for (const auto& a : t.annotations)
    if (!t.schemes.count(a.scheme)) {
      t.schemes[a.scheme] = p.schemeLabels(a.scheme);
      t.scheme_colors[a.scheme] = p.schemeColors(a.scheme);
    }
}

}  // namespace

void reloadAnnotationsAndPeople(const Project& p, Timeline& t) {
  readAnnotations(p, t);
  std::map<int64_t, TrackRecord> now;
  for (const auto& track : p.tracks(t.media.id))
    now[track.id] = track;
  std::vector<TrackTimeline> kept;
  for (auto& tt : t.tracks) {
    auto it = now.find(tt.track.id);
    if (it == now.end()) continue;  // merged into another
    tt.track = it->second;
    kept.push_back(std::move(tt));
  }
  t.tracks = std::move(kept);
}

std::optional<AnalysisRecord> preferredAnalysis(const std::vector<AnalysisRecord>& analyses) {
  // Preference: finished clip, finished static, then the latest of any status.
  auto rank = [](const AnalysisRecord& a) {
    return (a.status == "done" ? 2 : 0) + (a.kind == "clip" ? 1 : 0);
  };
  std::optional<AnalysisRecord> best;
  for (const auto& a : analyses)  // ordered by id: later ones win ties
    if (!best || rank(a) >= rank(*best)) best = a;
  return best;
}

Timeline loadTimeline(const Project& p, int64_t media_id, std::optional<int64_t> analysis_id,
                      bool with_routing) {
  Timeline t;
  const auto media = p.media();
  auto m = std::find_if(media.begin(), media.end(),
                        [&](const MediaRecord& x) { return x.id == media_id; });
  if (m == media.end())
    throw Error(Error::Kind::kArgument,
                "no video with id " + std::to_string(media_id) + " in project '" + p.path() + "'");
  t.media = *m;
  const auto analyses = p.analyses(media_id);
  if (analysis_id) {
    for (const auto& a : analyses)
      if (a.id == *analysis_id) t.analysis = a;
    if (!t.analysis)
      throw Error(Error::Kind::kArgument,
                  "no analysis " + std::to_string(*analysis_id) + " of '" + m->path + "'");
  } else {
    t.analysis = preferredAnalysis(analyses);
  }
  readAnnotations(p, t);
  std::map<int64_t, size_t> index;
  for (const auto& track : p.tracks(media_id)) {
    index[track.id] = t.tracks.size();
    t.tracks.push_back({track, {}, {}, {}});
  }
  if (!t.analysis) return t;
  t.classes = clipClassNames(p, *t.analysis);
  if (t.analysis->model_id)
    if (auto m = p.model(*t.analysis->model_id))
      for (int64_t b : ModelConfig::fromJson(json::parse(m->config_json)).moe_layers)
        t.moe_blocks.push_back(static_cast<int>(b));
  for (auto& w : p.windows(t.analysis->id, with_routing))
    t.tracks[index.at(w.track_id)].windows.push_back(std::move(w));
  for (auto& tt : t.tracks)
    tt.frames = p.frames(t.analysis->id, tt.track.id);
  return t;
}

}  // namespace unilearn::core
