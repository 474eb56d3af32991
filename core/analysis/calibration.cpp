#include "core/analysis/calibration.h"

#include <algorithm>
#include <cmath>

#include "core/analysis/class_names.h"
#include "core/faces/face_pipeline.h"
#include "model/base/text.h"

namespace unilearn::core {
namespace {

void addTo(std::vector<float>& sum, const std::vector<float>& v) {
  if (sum.empty()) sum.assign(v.size(), 0.0f);
  if (v.size() != sum.size()) return;
  for (size_t i = 0; i < v.size(); ++i)
    sum[i] += v[i];
}

void divide(std::vector<float>& sum, int64_t n) {
  for (float& x : sum)
    x /= static_cast<float>(std::max<int64_t>(n, 1));
}

void rescore(WindowPrediction& w) {
  const auto top = std::max_element(w.probs.begin(), w.probs.end());
  if (top == w.probs.end()) return;
  w.top_class = static_cast<int>(top - w.probs.begin());
  w.confidence = *top;
  w.entropy = 0;
  for (float p : w.probs)
    if (p > 0) w.entropy -= static_cast<double>(p) * std::log(static_cast<double>(p));
}

}  // namespace

std::optional<BaselineProfile> baselineProfile(const Project& p, const Baseline& b) {
  const auto analysis = preferredAnalysis(p.analyses(b.media_id));
  if (!analysis) return std::nullopt;
  BaselineProfile out;
  out.baseline = b;
  out.classes = clipClassNames(p, *analysis);
  for (const auto& w : p.windows(analysis->id))
    if (w.track_id == b.track_id && w.start_frame <= b.end_frame && w.end_frame >= b.start_frame) {
      addTo(out.windows, w.probs);
      ++out.window_count;
    }
  for (const auto& f : p.frames(analysis->id, b.track_id))
    if (f.frame >= b.start_frame && f.frame <= b.end_frame) {
      addTo(out.frames, f.probs);
      ++out.frame_count;
    }
  divide(out.windows, out.window_count);
  divide(out.frames, out.frame_count);
  if (out.window_count == 0 && out.frame_count == 0) return std::nullopt;
  return out;
}

std::vector<float> relativeToBaseline(const std::vector<float>& probs,
                                      const std::vector<float>& baseline, size_t neutral) {
  if (probs.size() != baseline.size() || neutral >= probs.size()) return probs;
  std::vector<float> out(probs.size(), 0.0f);
  float expressive = 0;
  for (size_t c = 0; c < probs.size(); ++c) {
    if (c == neutral) continue;
    out[c] = std::max(0.0f, probs[c] - baseline[c]);
    expressive += out[c];
  }
  out[neutral] = std::max(0.0f, 1.0f - expressive);
  return out;
}

std::vector<std::string> calibrateTimeline(const Project& p, Timeline& t) {
  std::vector<std::string> notes;
  const auto& frame_classes = FacePipeline::expressionNames();
  const int frame_neutral = matchClassName("neutral", frame_classes);
  const int clip_neutral = matchClassName("neutral", t.classes);
  for (auto& tt : t.tracks) {
    const auto b = p.baseline(tt.track.id);
    if (!b) continue;
    const std::string who = personName(tt.track);
    std::string video = "video " + std::to_string(b->media_id);
    for (const auto& m : p.media())
      if (m.id == b->media_id) video = fileName(m.path);
    const std::string where = "frames " + std::to_string(b->start_frame) + "-" +
                              std::to_string(b->end_frame) + " of " + video;
    const auto profile = baselineProfile(p, *b);
    if (!profile) {
      notes.push_back(who + ": not calibrated: the baseline (" + where + ") was never analysed");
      continue;
    }
    std::vector<std::string> done, missing;
    if (!tt.windows.empty()) {
      const ClassMapping map = mapClassNames(t.classes, profile->classes);
      const bool all_mapped =
          std::none_of(map.to.begin(), map.to.end(), [](int i) { return i < 0; });
      if (profile->windows.empty())
        missing.push_back("clip windows (none in the baseline)");
      else if (clip_neutral < 0)
        missing.push_back("clip windows (the model has no neutral class)");
      else if (!all_mapped || profile->windows.size() != profile->classes.size())
        missing.push_back("clip windows (the baseline was analysed with other classes)");
      else {
        std::vector<float> base(t.classes.size());
        for (size_t c = 0; c < base.size(); ++c)
          base[c] = profile->windows[static_cast<size_t>(map.to[c])];
        for (auto& w : tt.windows) {
          w.probs = relativeToBaseline(w.probs, base, static_cast<size_t>(clip_neutral));
          rescore(w);
        }
        done.push_back("clip windows");
      }
    }
    if (!tt.frames.empty()) {
      if (profile->frames.size() != frame_classes.size() || frame_neutral < 0) {
        missing.push_back("per-frame curves (none in the baseline)");
      } else {
        const auto n = static_cast<size_t>(frame_neutral);
        for (auto& f : tt.frames) {
          f.probs = relativeToBaseline(f.probs, profile->frames, n);
          f.smoothed = relativeToBaseline(f.smoothed, profile->frames, n);
        }
        done.push_back("per-frame curves");
      }
    }
    std::string line = who + ": ";
    if (!done.empty()) {
      tt.baseline_note = (b->person.empty() ? who : b->person) + "'s baseline: " + where;
      line += "relative to " + tt.baseline_note + " (";
      for (size_t i = 0; i < done.size(); ++i)
        line += (i ? ", " : "") + done[i];
      line += ")";
    }
    for (size_t i = 0; i < missing.size(); ++i)
      line += std::string(done.empty() && i == 0 ? "not calibrated: " : "; not calibrated: ") +
              missing[i];
    notes.push_back(line);
  }
  return notes;
}

}  // namespace unilearn::core
