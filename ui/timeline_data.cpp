#include "ui/timeline_data.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <map>

#include "core/analysis/analyzer.h"
#include "core/faces/action_units.h"
#include "core/faces/face_pipeline.h"
#include "core/faces/face_quality.h"
#include "model/base/text.h"

namespace unilearn::ui {
namespace {

// The static model's class (FaceExpressionNet) that means the same as a clip class, or -1.
int staticClassFor(const std::string& clip_class) {
  static const std::map<std::string, std::string> kSame = {
      {"happy", "happy"}, {"happiness", "happy"},    {"sad", "sad"},
      {"sadness", "sad"}, {"neutral", "neutral"},    {"angry", "angry"},
      {"anger", "angry"}, {"surprise", "surprised"}, {"disgust", "disgusted"},
      {"fear", "fearful"}};
  auto it = kSame.find(lowerAscii(clip_class));
  if (it == kSame.end()) return -1;
  const auto& names = core::FacePipeline::expressionNames();
  auto n = std::find(names.begin(), names.end(), it->second);
  return n == names.end() ? -1 : static_cast<int>(n - names.begin());
}

// Index range of samples in [t0, t1] plus one on either side.
std::pair<size_t, size_t> span(const Series& s, double t0, double t1) {
  auto lo = std::lower_bound(s.ms.begin(), s.ms.end(), t0,
                             [](int64_t a, double b) { return static_cast<double>(a) < b; });
  auto hi = std::upper_bound(s.ms.begin(), s.ms.end(), t1,
                             [](double a, int64_t b) { return a < static_cast<double>(b); });
  size_t a = static_cast<size_t>(lo - s.ms.begin()), b = static_cast<size_t>(hi - s.ms.begin());
  if (a > 0) --a;
  if (b < s.size()) ++b;
  return {a, b};
}

}  // namespace

const std::vector<FaceMovement>& faceMovements() {
  static const std::vector<FaceMovement> m = {{"smile (AU12)", 12, "#e0a000"},
                                              {"brows up (AU1)", 1, "#8e44ad"},
                                              {"brows down (AU4)", 4, "#5d2e0c"},
                                              {"jaw (AU26)", 26, "#138d75"},
                                              {"blink (AU45)", 45, "#7f8c8d"}};
  return m;
}

TimelineData timelineData(const core::Timeline& t) {
  TimelineData d;
  d.classes = t.classes;
  d.duration_ms = std::max<int64_t>(t.media.duration_ms, 0);
  if (t.analysis) d.frame_model = core::frameEngineName(core::analysisFrameEngine(*t.analysis));
  if (d.classes.empty()) {  // static-only analysis: the static model's classes
    for (const auto& n : core::FacePipeline::expressionNames())
      d.classes.push_back(n);
  }
  if (t.media.fps_num > 0 && t.media.fps_den > 0) {
    d.fps_num = t.media.fps_num;
    d.fps_den = t.media.fps_den;
  }
  auto frameMs = [&](int64_t frame) { return frame * 1000 * d.fps_den / d.fps_num; };
  for (const auto& a : t.annotations)
    if (std::find(d.annotators.begin(), d.annotators.end(), a.annotator) == d.annotators.end())
      d.annotators.push_back(a.annotator);
  const size_t n = d.classes.size();
  std::vector<int> static_of(n);
  for (size_t c = 0; c < n; ++c)
    static_of[c] = t.classes.empty() ? static_cast<int>(c) : staticClassFor(d.classes[c]);
  std::vector<int> au_index;  // faceMovements() -> position in core::actionUnits()
  for (const auto& m : faceMovements()) {
    const auto& units = core::actionUnits();
    au_index.push_back(static_cast<int>(
        std::find_if(units.begin(), units.end(),
                     [&](const core::ActionUnit& u) { return u.number == m.action_unit; }) -
        units.begin()));
  }
  for (const auto& tt : t.tracks) {
    Lane lane;
    lane.track_id = tt.track.id;
    lane.person = core::personName(tt.track);
    if (!tt.baseline_note.empty()) lane.person += " · relative to baseline";
    lane.probs.resize(n);
    lane.static_probs.resize(n);
    for (const auto& w : tt.windows) {
      const int64_t mid = (w.start_ms + w.end_ms) / 2;
      for (size_t c = 0; c < n && c < w.probs.size(); ++c) {
        lane.probs[c].ms.push_back(mid);
        lane.probs[c].value.push_back(w.probs[c]);
      }
      lane.confidence.ms.push_back(mid);
      lane.confidence.value.push_back(static_cast<float>(w.confidence));
      // Windows overlap; the band shows each window's class from its start to the next start.
      if (!lane.top.empty() && lane.top.back().label == w.top_class) {
        lane.top.back().end_ms = std::max(lane.top.back().end_ms, w.end_ms);
      } else {
        if (!lane.top.empty())
          lane.top.back().end_ms = std::min(lane.top.back().end_ms, w.start_ms);
        lane.top.push_back({w.start_ms, w.end_ms, w.top_class});
      }
      d.duration_ms = std::max(d.duration_ms, w.end_ms);
    }
    const auto& mids = lane.confidence.ms;
    for (size_t i = 0; i < tt.windows.size() && i < mids.size(); ++i) {
      if (tt.windows[i].confidence >= kUnsure) continue;
      const int64_t a = i == 0 ? tt.windows[i].start_ms : (mids[i - 1] + mids[i]) / 2;
      const int64_t b = i + 1 == mids.size() ? tt.windows[i].end_ms : (mids[i] + mids[i + 1]) / 2;
      if (!lane.unsure.empty() && lane.unsure.back().second >= a)
        lane.unsure.back().second = std::max(lane.unsure.back().second, b);
      else
        lane.unsure.emplace_back(a, b);
    }
    for (const auto& f : tt.frames) {
      for (size_t c = 0; c < n; ++c) {
        const int s = static_of[c];
        if (s < 0 || static_cast<size_t>(s) >= f.smoothed.size()) continue;
        lane.static_probs[c].ms.push_back(f.ms);
        lane.static_probs[c].value.push_back(f.smoothed[static_cast<size_t>(s)]);
      }
      d.duration_ms = std::max(d.duration_ms, f.ms);
    }
    for (size_t i = 0; i < tt.frames.size(); ++i) {
      const auto face = core::unpackFace(tt.frames[i].face);
      if (!face || !core::faceQuality(*face).poor) continue;
      const int64_t ms = tt.frames[i].ms;
      const int64_t a = i == 0 ? ms : (tt.frames[i - 1].ms + ms) / 2;
      const int64_t b = i + 1 == tt.frames.size() ? ms : (ms + tt.frames[i + 1].ms) / 2;
      if (!lane.poor_face.empty() && lane.poor_face.back().second >= a)
        lane.poor_face.back().second = std::max(lane.poor_face.back().second, b);
      else
        lane.poor_face.emplace_back(a, b);
    }
    if (t.classes.empty()) lane.probs = lane.static_probs;  // the only curves there are
    lane.movements.resize(faceMovements().size());
    for (const auto& f : tt.frames) {
      if (f.blendshapes.size() != static_cast<size_t>(core::kBlendshapes)) continue;
      std::array<float, core::kBlendshapes> b{};
      std::copy(f.blendshapes.begin(), f.blendshapes.end(), b.begin());
      const auto units = core::actionUnitScores(b);
      for (size_t k = 0; k < faceMovements().size(); ++k) {
        lane.movements[k].ms.push_back(f.ms);
        lane.movements[k].value.push_back(units[static_cast<size_t>(au_index[k])]);
      }
    }
    for (const auto& a : t.annotations) {
      if (a.track_id && *a.track_id != tt.track.id) continue;
      Mark m;
      m.id = a.id;
      m.start_ms = frameMs(a.start_frame);
      m.end_ms = frameMs(a.end_frame + 1);
      m.label_name = a.label;
      m.annotator = a.annotator;
      m.note = a.note;
      auto scheme = t.schemes.find(a.scheme);
      if (scheme != t.schemes.end()) {
        auto it = std::find(scheme->second.begin(), scheme->second.end(), a.label);
        m.label = static_cast<int>(it - scheme->second.begin());
        auto colors = t.scheme_colors.find(a.scheme);
        if (colors != t.scheme_colors.end() && static_cast<size_t>(m.label) < colors->second.size())
          m.color = colors->second[static_cast<size_t>(m.label)];
      }
      lane.marks.push_back(m);
    }
    d.lanes.push_back(std::move(lane));
  }
  return d;
}

std::vector<std::pair<double, float>> visiblePoints(const Series& s, double t0, double t1,
                                                    int columns) {
  std::vector<std::pair<double, float>> out;
  if (s.size() == 0 || columns <= 0 || t1 <= t0) return out;
  const auto [a, b] = span(s, t0, t1);
  if (b - a <= static_cast<size_t>(2 * columns)) {
    for (size_t i = a; i < b; ++i)
      out.emplace_back(static_cast<double>(s.ms[i]), s.value[i]);
    return out;
  }
  out.reserve(static_cast<size_t>(2 * columns + 2));
  const double width = (t1 - t0) / columns;
  size_t i = a;
  while (i < b) {
    const double col = std::floor((static_cast<double>(s.ms[i]) - t0) / width);
    size_t j = i, lo = i, hi = i;
    while (j < b && std::floor((static_cast<double>(s.ms[j]) - t0) / width) == col) {
      if (s.value[j] < s.value[lo]) lo = j;
      if (s.value[j] > s.value[hi]) hi = j;
      ++j;
    }
    // The extremes in time order: a column costs at most two points, and the vertical stroke
    // between them covers everything the column holds.
    out.emplace_back(static_cast<double>(s.ms[std::min(lo, hi)]), s.value[std::min(lo, hi)]);
    if (lo != hi)
      out.emplace_back(static_cast<double>(s.ms[std::max(lo, hi)]), s.value[std::max(lo, hi)]);
    i = j;
  }
  return out;
}

std::vector<std::pair<double, float>> visibleMeans(const Series& s, double t0, double t1,
                                                   int columns) {
  std::vector<std::pair<double, float>> out;
  if (s.size() == 0 || columns <= 0 || t1 <= t0) return out;
  const auto [a, b] = span(s, t0, t1);
  if (b - a <= static_cast<size_t>(columns)) {
    for (size_t i = a; i < b; ++i)
      out.emplace_back(static_cast<double>(s.ms[i]), s.value[i]);
    return out;
  }
  const double width = (t1 - t0) / columns;
  for (size_t i = a; i < b;) {
    const double col = std::floor((static_cast<double>(s.ms[i]) - t0) / width);
    double sum = 0, at = 0;
    size_t j = i;
    while (j < b && std::floor((static_cast<double>(s.ms[j]) - t0) / width) == col) {
      sum += s.value[j];
      at += static_cast<double>(s.ms[j]);
      ++j;
    }
    const double k = static_cast<double>(j - i);
    out.emplace_back(at / k, static_cast<float>(sum / k));
    i = j;
  }
  return out;
}

}  // namespace unilearn::ui
