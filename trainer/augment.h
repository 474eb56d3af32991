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
  // Not in the official recipe: the share of grey stills and clips (FER+'s faces) given a skin
  // tone drawn by drawSkinTone, so that a model trained on grey faces also meets colour ones.
  double skin_tone = 0;
};

// A face colour as YCrCb chroma (OpenCV's 8-bit scale, 128 = none).
struct SkinTone {
  double cr = 128, cb = 128;
};

// A tone from the range real faces' skin takes in photographs (Cr 140–175, Cb 95–120: the
// bundled portraits' faces measure 151/110 and 174/99, tests/trainer/test_skin_tone.cpp).
SkinTone drawSkinTone(std::mt19937_64& rng);

// Whether every pixel of a BGR image has equal channels (within `tolerance`).
bool isGrey(const cv::Mat& bgr, int tolerance = 2);

// `bgr` with its chroma set to `tone` and its luma kept; the chroma fades out in the darkest and
// brightest pixels (eyes, highlights), as it does in photographs. Any BGR image is accepted;
// callers give it grey ones.
cv::Mat giveSkinTone(const cv::Mat& bgr, const SkinTone& tone);

// Clip: skin tone (p skin_tone, grey clips only, same on all frames) → RandAugment (same ops on
// all frames) → random resized crop (scale 0.08–1, ratio 3/4–4/3)
// → horizontal flip (p 0.5) → random erasing (p 0.25, random pixels, same box on all frames).
std::vector<cv::Mat> augmentClip(const std::vector<cv::Mat>& frames, int img_size,
                                 std::mt19937_64& rng, const AugmentOptions& options);

// Still: skin tone (p skin_tone, grey stills only) → resize to 1.2 × img_size → random crop
// img_size → flip (p 0.5) → RandAugment → erasing.
cv::Mat augmentImage(const cv::Mat& face, int img_size, std::mt19937_64& rng,
                     const AugmentOptions& options);

}  // namespace unilearn::trainer
