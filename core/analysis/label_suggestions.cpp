#include "core/analysis/label_suggestions.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace unilearn::core {
namespace {

using Interval = std::pair<int64_t, int64_t>;  // inclusive frames

// Sorted, merged intervals.
std::vector<Interval> merged(std::vector<Interval> v) {
  std::sort(v.begin(), v.end());
  std::vector<Interval> out;
  for (const auto& i : v)
    if (!out.empty() && i.first <= out.back().second + 1)
      out.back().second = std::max(out.back().second, i.second);
    else
      out.push_back(i);
  return out;
}

int64_t coveredFrames(const std::vector<Interval>& sorted, int64_t from, int64_t to) {
  int64_t n = 0;
  for (const auto& [s, e] : sorted) {
    if (s > to) break;
    const int64_t a = std::max(s, from), b = std::min(e, to);
    if (b >= a) n += b - a + 1;
  }
  return n;
}

int64_t frameMs(const MediaRecord& m, int64_t frame) {
  if (m.fps_num <= 0) return 0;
  return frame * 1000 * std::max<int64_t>(m.fps_den, 1) / m.fps_num;
}

bool overlaps(const LabelSuggestion& a, const LabelSuggestion& b) {
  return a.track_id == b.track_id && a.start_frame <= b.end_frame && b.start_frame <= a.end_frame;
}

std::vector<LabelSuggestion> disagreements(const Timeline& t, const std::string& scheme) {
  // Per face, by start: only annotations that overlap are compared (imports can be large, and
  // this runs on the GUI thread after each timeline load).
  std::vector<const Annotation*> in_scheme;
  for (const auto& a : t.annotations)
    if (a.scheme == scheme) in_scheme.push_back(&a);
  std::sort(in_scheme.begin(), in_scheme.end(), [](const Annotation* a, const Annotation* b) {
    const int64_t ta = a->track_id.value_or(-1), tb = b->track_id.value_or(-1);
    return ta != tb ? ta < tb : a->start_frame < b->start_frame;
  });
  std::vector<LabelSuggestion> out;
  for (size_t i = 0; i < in_scheme.size(); ++i)
    for (size_t j = i + 1; j < in_scheme.size(); ++j) {
      const Annotation& a = *in_scheme[i];
      const Annotation& b = *in_scheme[j];
      if (a.track_id.value_or(-1) != b.track_id.value_or(-1) || b.start_frame > a.end_frame)
        break;  // sorted: nothing later on this face starts inside `a`
      if (a.annotator == b.annotator || a.label == b.label) continue;
      const int64_t from = b.start_frame;
      const int64_t to = std::min(a.end_frame, b.end_frame);
      LabelSuggestion s;
      s.reason = LabelSuggestion::Reason::kCodersDisagree;
      s.track_id = a.track_id.value_or(-1);
      s.start_frame = from;
      s.end_frame = to;
      s.start_ms = frameMs(t.media, from);
      s.end_ms = frameMs(t.media, to + 1);
      const double seconds = static_cast<double>(s.end_ms - s.start_ms) / 1000.0;
      s.score = 1.0 + seconds / (seconds + 1.0);  // longer disagreements first
      s.coder_labels = {a.annotator + ": " + a.label, b.annotator + ": " + b.label};
      std::sort(s.coder_labels.begin(), s.coder_labels.end());
      out.push_back(std::move(s));
    }
  return out;
}

std::vector<LabelSuggestion> unsureWindows(const Timeline& t, const SuggestionOptions& o) {
  // What the annotator asking already labelled, per face; whole-video labels count for all.
  std::map<int64_t, std::vector<Interval>> labelled;
  std::vector<Interval> whole;
  for (const auto& a : t.annotations) {
    if (a.scheme != o.scheme || a.annotator != o.annotator) continue;
    (a.track_id ? labelled[*a.track_id] : whole).push_back({a.start_frame, a.end_frame});
  }
  auto className = [&](size_t c) {
    return c < t.classes.size() ? t.classes[c] : "class " + std::to_string(c);
  };
  std::vector<LabelSuggestion> out;
  for (const auto& track : t.tracks) {
    std::vector<Interval> done = labelled[track.track.id];
    done.insert(done.end(), whole.begin(), whole.end());
    done = merged(std::move(done));
    for (const auto& w : track.windows) {
      if (w.probs.size() < 2) continue;
      std::vector<size_t> order(w.probs.size());
      for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
      std::partial_sort(order.begin(), order.begin() + 2, order.end(),
                        [&](size_t a, size_t b) { return w.probs[a] > w.probs[b]; });
      const double margin = w.probs[order[0]] - w.probs[order[1]];
      if (margin >= o.max_margin) continue;
      const int64_t length = w.end_frame - w.start_frame + 1;
      if (static_cast<double>(coveredFrames(done, w.start_frame, w.end_frame)) >=
          o.labelled_share * static_cast<double>(length))
        continue;
      LabelSuggestion s;
      s.reason = LabelSuggestion::Reason::kModelUnsure;
      s.track_id = track.track.id;
      s.start_frame = w.start_frame;
      s.end_frame = w.end_frame;
      s.start_ms = w.start_ms;
      s.end_ms = w.end_ms;
      s.score = 1.0 - margin;
      s.first_class = className(order[0]);
      s.second_class = className(order[1]);
      s.first_prob = w.probs[order[0]];
      s.second_prob = w.probs[order[1]];
      out.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace

std::vector<LabelSuggestion> suggestLabels(const Timeline& t, const SuggestionOptions& o) {
  std::vector<LabelSuggestion> all = disagreements(t, o.scheme);
  auto unsure = unsureWindows(t, o);
  all.insert(all.end(), std::make_move_iterator(unsure.begin()),
             std::make_move_iterator(unsure.end()));
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.track_id != b.track_id) return a.track_id < b.track_id;
    return a.start_frame < b.start_frame;
  });
  // Best first; a stretch overlapping one already chosen on the same face adds nothing new.
  std::vector<LabelSuggestion> out;
  for (auto& s : all) {
    if (out.size() >= o.limit) break;
    if (std::any_of(out.begin(), out.end(), [&](const auto& kept) { return overlaps(kept, s); }))
      continue;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace unilearn::core
