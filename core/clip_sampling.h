// Which frames of a video make a model clip, as the official code samples them (spec §3).
// Pure index arithmetic, no I/O. Thread-safety: free functions.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace unilearn::core {

// Official test protocol: frames 0, sr, 2sr, ... (padded with the last one to at least
// `clip_frames`), then `views` temporal views of `clip_frames` consecutive entries, the first
// starting at 0 and the last at L - clip_frames (evenly spaced between). Each view lists frame
// indices into the video. frame_count must be >= 1.
std::vector<std::vector<int64_t>> testViews(int64_t frame_count, int64_t sampling_rate,
                                            int64_t clip_frames = 16, int64_t views = 2);

// Official training sampling: if the video is short (<= clip_frames * sr frames), an even spread
// over the whole video padded with the end; otherwise a random end in [clip_frames*sr, len) and
// `clip_frames` evenly spaced frames over the preceding clip_frames*sr frames. Indices are
// clipped to the last frame.
std::vector<int64_t> trainClip(int64_t frame_count, int64_t sampling_rate, std::mt19937_64& rng,
                               int64_t clip_frames = 16);

// numpy.linspace(start, stop, num) truncated to integers, as the official loaders use it.
std::vector<int64_t> linspaceInt(double start, double stop, int64_t num);

}  // namespace unilearn::core
