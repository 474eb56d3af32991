// Clip windows along a face track: which video frames feed each 16-frame UniLearn clip.
// A window starting at frame s samples s, s+sr, ..., s+15*sr (sr = sampling rate, 4 officially).
// Frames where the track was not seen are filled with the nearest earlier seen frame (the
// official test code pads with the last frame), or the window is skipped with a reason.
// Thread-safety: free functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace unilearn::core {

struct WindowOptions {
  int clip_frames = 16;
  int sampling_rate = 4;
  int hop = 16;  // video frames between consecutive window starts
  enum class Gaps { kPad, kSkip } gaps = Gaps::kPad;
  // With kPad, a window may still be skipped when more than this share of its frames is missing.
  double max_missing = 0.5;
};

struct ClipWindow {
  int64_t start_frame = 0;  // first video frame covered
  // Last video frame covered: start + (clip_frames-1) * sr, or the last frame the track was seen
  // in when that comes first (a short track's padding covers no frame after it).
  int64_t end_frame = 0;
  std::vector<int64_t> frames;  // clip_frames video frame indices, each one the track was seen in
  int missing = 0;              // how many of them were filled in from another frame
};

struct SkippedWindow {
  int64_t start_frame = 0, end_frame = 0;
  std::string reason;
};

// The window starting at `start`, filled from `seen` (ascending): each sampled frame that was not
// seen takes the nearest earlier seen frame (the first seen frame before the track starts).
ClipWindow windowAt(const std::vector<int64_t>& seen, int64_t start, const WindowOptions& options);

// How many sampled frames of `w` fall inside the track (<= last seen frame) but were not seen.
int windowGaps(const ClipWindow& w, int64_t last_seen, const WindowOptions& options);

// `seen` lists the frames the track was observed in, ascending. Windows start at the first seen
// frame and every `hop` frames after; a last window is aligned to the track's end so its tail is
// covered. A track shorter than one window gives one window padded with its last frame.
std::vector<ClipWindow> trackWindows(const std::vector<int64_t>& seen, const WindowOptions& options,
                                     std::vector<SkippedWindow>* skipped = nullptr);

}  // namespace unilearn::core
