#include "core/analysis/face_events.h"

#include <algorithm>
#include <cstdio>

#include "core/analysis/analyzer.h"
#include "core/faces/action_units.h"
#include "model/base/error.h"

namespace unilearn::core {
namespace {

struct Sample {
  int64_t frame, ms;
  float score;
};

struct Segment {
  size_t first, last;  // sample indices
  float peak;
};

// Hysteresis: a segment starts at a sample >= on and lasts while samples stay >= off and the
// face is not unseen for longer than max_gap_ms.
std::vector<Segment> segments(const std::vector<Sample>& s, float on, float off,
                              int64_t max_gap_ms) {
  std::vector<Segment> out;
  bool active = false;
  Segment cur{0, 0, 0};
  for (size_t i = 0; i < s.size(); ++i) {
    if (active && s[i].ms - s[i - 1].ms > max_gap_ms) {
      out.push_back(cur);
      active = false;
    }
    if (!active) {
      if (s[i].score >= on) {
        cur = {i, i, s[i].score};
        active = true;
      }
    } else if (s[i].score >= off) {
      cur.last = i;
      cur.peak = std::max(cur.peak, s[i].score);
    } else {
      out.push_back(cur);
      active = false;
    }
  }
  if (active) out.push_back(cur);
  return out;
}

float mean2(const std::vector<float>& b, int i, int j) {
  return (b[static_cast<size_t>(i)] + b[static_cast<size_t>(j)]) / 2;
}

}  // namespace

const std::vector<EventScheme>& faceEventSchemes() {
  static const std::vector<EventScheme> schemes = {
      {"Blinks", {"No blink", "Blink", "Eyes closed"}},
      {"Smiles", {"No smile", "Smile", "Duchenne-like smile"}},
  };
  return schemes;
}

std::optional<std::string> faceEventBackground(const std::string& scheme) {
  for (const auto& s : faceEventSchemes())
    if (s.name == scheme) return s.labels.front();
  return std::nullopt;
}

std::vector<FaceEvent> detectFaceEvents(const std::vector<FramePrediction>& frames,
                                        const FaceEventOptions& o) {
  static const int blink_l = blendshapeIndex("eyeBlinkLeft"),
                   blink_r = blendshapeIndex("eyeBlinkRight"),
                   smile_l = blendshapeIndex("mouthSmileLeft"),
                   smile_r = blendshapeIndex("mouthSmileRight"),
                   cheek_l = blendshapeIndex("cheekSquintLeft"),
                   cheek_r = blendshapeIndex("cheekSquintRight"),
                   eye_l = blendshapeIndex("eyeSquintLeft"),
                   eye_r = blendshapeIndex("eyeSquintRight");
  std::vector<Sample> blink, smile;
  std::vector<float> eyes;  // narrowing per sample
  for (const auto& f : frames) {
    if (f.blendshapes.size() != static_cast<size_t>(kBlendshapes)) continue;
    blink.push_back({f.frame, f.ms, mean2(f.blendshapes, blink_l, blink_r)});
    smile.push_back({f.frame, f.ms, mean2(f.blendshapes, smile_l, smile_r)});
    eyes.push_back(
        std::max(mean2(f.blendshapes, cheek_l, cheek_r), mean2(f.blendshapes, eye_l, eye_r)));
  }
  std::vector<FaceEvent> out;
  for (const auto& g : segments(blink, o.blink_on, o.blink_off, o.max_gap_ms)) {
    const Sample &a = blink[g.first], &b = blink[g.last];
    const bool closure = b.ms - a.ms > o.blink_max_ms;
    out.push_back(
        {"Blinks", closure ? "Eyes closed" : "Blink", a.frame, b.frame, a.ms, b.ms, g.peak});
  }
  for (const auto& g : segments(smile, o.smile_on, o.smile_off, o.max_gap_ms)) {
    const Sample &a = smile[g.first], &b = smile[g.last];
    if (b.ms - a.ms < o.smile_min_ms) continue;
    size_t narrowed = 0;
    for (size_t i = g.first; i <= g.last; ++i)
      narrowed += eyes[i] >= o.duchenne_eyes;
    const bool duchenne = 2 * narrowed >= g.last - g.first + 1;
    out.push_back({"Smiles", duchenne ? "Duchenne-like smile" : "Smile", a.frame, b.frame, a.ms,
                   b.ms, g.peak});
  }
  return out;
}

std::vector<TrackEventSummary> writeFaceEvents(Project& p, const std::string& annotator,
                                               const FaceEventOptions& o, bool dry_run) {
  if (annotator.empty() || annotator == "model")
    throw Error(Error::Kind::kArgument, "the events need an annotator name other than 'model'");
  std::vector<TrackEventSummary> summaries;
  bool any = false;
  if (!dry_run) {
    const auto have = p.annotationSchemes();
    for (const auto& s : faceEventSchemes())
      if (std::find(have.begin(), have.end(), s.name) == have.end()) p.addScheme(s.name, s.labels);
  }
  for (const auto& m : p.media()) {
    const AnalysisRecord* latest = nullptr;
    const auto analyses = p.analyses(m.id);
    for (const auto& a : analyses)
      if (a.status == "done" && analysisHasBlendshapes(a)) latest = &a;
    if (!latest) continue;
    any = true;
    std::vector<Annotation> rows;
    for (const auto& t : p.tracks(m.id)) {
      const auto frames = p.frames(latest->id, t.id);
      TrackEventSummary s;
      s.media_id = m.id;
      s.track_id = t.id;
      s.person = personName(t);
      int64_t first = -1, last = -1;
      for (const auto& f : frames)
        if (!f.blendshapes.empty()) {
          if (first < 0) first = f.ms;
          last = f.ms;
        }
      if (first < 0) continue;
      s.seen_minutes = static_cast<double>(last - first) / 60000.0;
      for (const auto& e : detectFaceEvents(frames, o)) {
        if (e.label == "Blink") ++s.blinks;
        if (e.label == "Eyes closed") ++s.closures;
        if (e.scheme == "Smiles") {
          ++s.smiles;
          s.duchenne += e.label == "Duchenne-like smile";
          s.smile_seconds += static_cast<double>(e.end_ms - e.start_ms) / 1000.0;
        }
        char note[48];
        std::snprintf(note, sizeof note, "peak %.2f", static_cast<double>(e.peak));
        rows.push_back(Annotation{/*id=*/0, m.id, t.id, e.scheme, e.start_frame, e.end_frame,
                                  e.label, annotator, note});
      }
      if (s.seen_minutes >= 10.0 / 60.0)
        s.blinks_per_minute = static_cast<double>(s.blinks) / s.seen_minutes;
      summaries.push_back(s);
    }
    if (dry_run) continue;
    for (const auto& a : p.annotations(m.id))
      if (a.annotator == annotator && faceEventBackground(a.scheme)) p.deleteAnnotation(a.id);
    p.addAnnotations(rows);
  }
  if (!any)
    throw Error(Error::Kind::kArgument,
                "no finished analysis in this project has blendshapes: analyse with "
                "`unilearn analyze VIDEO --project P --blendshapes` first");
  return summaries;
}

}  // namespace unilearn::core
