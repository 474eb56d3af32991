#include "core/clip_sampling.h"

#include <algorithm>
#include <stdexcept>

namespace unilearn::core {

std::vector<int64_t> linspaceInt(double start, double stop, int64_t num) {
  std::vector<int64_t> out;
  if (num <= 0) return out;
  if (num == 1) return {static_cast<int64_t>(start)};
  const double step = (stop - start) / static_cast<double>(num - 1);
  for (int64_t i = 0; i < num; ++i)
    out.push_back(
        static_cast<int64_t>(i == num - 1 ? stop : start + step * static_cast<double>(i)));
  return out;
}

std::vector<std::vector<int64_t>> testViews(int64_t frame_count, int64_t sampling_rate,
                                            int64_t clip_frames, int64_t views) {
  if (frame_count < 1 || sampling_rate < 1 || clip_frames < 1 || views < 1)
    throw std::invalid_argument("testViews: counts and rates must be positive");
  std::vector<int64_t> frames;
  for (int64_t f = 0; f < frame_count; f += sampling_rate)
    frames.push_back(f);
  while (static_cast<int64_t>(frames.size()) < clip_frames)
    frames.push_back(frames.back());
  const int64_t span = static_cast<int64_t>(frames.size()) - clip_frames;
  std::vector<std::vector<int64_t>> out;
  for (int64_t v = 0; v < views; ++v) {
    const int64_t start =
        views == 1 ? 0 : static_cast<int64_t>(static_cast<double>(span) * v / (views - 1));
    out.emplace_back(frames.begin() + start, frames.begin() + start + clip_frames);
  }
  return out;
}

std::vector<int64_t> trainClip(int64_t frame_count, int64_t sampling_rate, std::mt19937_64& rng,
                               int64_t clip_frames) {
  if (frame_count < 1 || sampling_rate < 1 || clip_frames < 1)
    throw std::invalid_argument("trainClip: counts and rates must be positive");
  const int64_t span = clip_frames * sampling_rate;
  std::vector<int64_t> idx;
  if (frame_count <= span) {
    idx = linspaceInt(0.0, static_cast<double>(frame_count), frame_count / sampling_rate);
    while (static_cast<int64_t>(idx.size()) < clip_frames)
      idx.push_back(frame_count);
  } else {
    std::uniform_int_distribution<int64_t> pick(span, frame_count - 1);
    const int64_t end = pick(rng);
    idx = linspaceInt(static_cast<double>(end - span), static_cast<double>(end), clip_frames);
  }
  for (auto& i : idx)
    i = std::clamp<int64_t>(i, 0, frame_count - 1);
  return idx;
}

}  // namespace unilearn::core
