#include "core/clip_windows.h"

#include <algorithm>

namespace unilearn::core {
ClipWindow windowAt(const std::vector<int64_t>& seen, int64_t start, const WindowOptions& o) {
  ClipWindow w;
  w.start_frame = start;
  w.end_frame = start + static_cast<int64_t>(o.clip_frames - 1) * o.sampling_rate;
  // Padding after the last seen frame repeats that frame: the window covers no later frame.
  if (!seen.empty()) w.end_frame = std::min(w.end_frame, std::max(start, seen.back()));
  for (int i = 0; i < o.clip_frames; ++i) {
    const int64_t want = start + static_cast<int64_t>(i) * o.sampling_rate;
    auto it = std::upper_bound(seen.begin(), seen.end(), want);
    int64_t use = it == seen.begin() ? seen.front() : *(it - 1);
    if (use != want) ++w.missing;
    w.frames.push_back(use);
  }
  return w;
}

int windowGaps(const ClipWindow& w, int64_t last, const WindowOptions& o) {
  int gaps = 0;
  for (int i = 0; i < o.clip_frames; ++i) {
    const int64_t want = w.start_frame + static_cast<int64_t>(i) * o.sampling_rate;
    if (want <= last && w.frames[static_cast<size_t>(i)] != want) ++gaps;
  }
  return gaps;
}

std::vector<ClipWindow> trackWindows(const std::vector<int64_t>& seen, const WindowOptions& o,
                                     std::vector<SkippedWindow>* skipped) {
  std::vector<ClipWindow> out;
  if (seen.empty() || o.clip_frames < 1 || o.sampling_rate < 1 || o.hop < 1) return out;
  const int64_t first = seen.front(), last = seen.back();
  const int64_t span = static_cast<int64_t>(o.clip_frames - 1) * o.sampling_rate;
  std::vector<int64_t> starts;
  for (int64_t s = first; s + span <= last; s += o.hop)
    starts.push_back(s);
  if (starts.empty()) {
    starts.push_back(first);  // short track: one padded window
  } else if (starts.back() + span < last) {
    starts.push_back(last - span);  // cover the tail
  }
  for (int64_t s : starts) {
    ClipWindow w = windowAt(seen, s, o);
    const int gaps = windowGaps(w, last, o);  // frames after the track's end are padding
    const bool too_sparse = gaps > o.max_missing * o.clip_frames;
    if ((o.gaps == WindowOptions::Gaps::kSkip && gaps > 0) || too_sparse) {
      if (skipped)
        skipped->push_back({w.start_frame, w.end_frame,
                            "the face is not seen in " + std::to_string(gaps) + " of the " +
                                std::to_string(o.clip_frames) + " frames of this window"});
      continue;
    }
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace unilearn::core
