// The official training augmentations (spec §3) on aligned BGR crops, driven by a caller's seeded
// generator so that a run is reproducible. A clip gets the same operations, crop, flip and erased
// box on every frame. Thread-safety: free functions.
#pragma once

#include <random>
#include <vector>

#include <opencv2/core/mat.hpp>

namespace unilearn::trainer {

struct AugmentOptions {
  bool enabled = true;
  int clip_ops = 4, image_ops = 2;                 // RandAugment: operations per sample
  double clip_magnitude = 7, image_magnitude = 9;  // of 10, with a 0.5 std jitter
  double crop_scale_min = 0.08;                    // random resized crop (clips)
  double erase_probability = 0.25;
};

// Clip: RandAugment (same ops on all frames) → random resized crop (scale 0.08–1, ratio 3/4–4/3)
// → horizontal flip (p 0.5) → random erasing (p 0.25, random pixels, same box on all frames).
std::vector<cv::Mat> augmentClip(const std::vector<cv::Mat>& frames, int img_size,
                                 std::mt19937_64& rng, const AugmentOptions& options);

// Still: resize to 1.2 × img_size → random crop img_size → flip (p 0.5) → RandAugment → erasing.
cv::Mat augmentImage(const cv::Mat& face, int img_size, std::mt19937_64& rng,
                     const AugmentOptions& options);

}  // namespace unilearn::trainer
