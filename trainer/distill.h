// Building blocks for distilling a UniLearn model from the static expression model (issue 9),
// where no emotion-labelled data exists: every face found in real images, aligned for the
// student, with the teacher's probabilities as its soft target; and clips synthesised from such
// stills (pan, zoom, small rotations, lighting changes, a blend between two faces of one person)
// so that the clip head and the routing get trained too. Thread-safety: free functions.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "trainer/dataset.h"

namespace unilearn::trainer {

// Faces of `images` (files), aligned to img_size, labelled with the static model's 7
// probabilities (classes: its names). Each face is its own group (identity), so a split holds
// out faces.
// Files without a face are listed in `notes`. Throws unilearn::Error for unreadable files.
Dataset teacherLabelledStills(const std::vector<std::string>& images, const std::string& resources,
                              int img_size, std::vector<std::string>* notes = nullptr);

struct SynthOptions {
  int frames = 24;
  double max_pan = 0.08;        // of the side, over the clip
  double max_zoom = 0.15;       // relative scale change over the clip
  double max_rotation_deg = 6;  // over the clip
  double max_light = 0.25;      // brightness change over the clip
};

// One synthetic clip from a still: a smooth camera move and lighting change; with `other`, the
// face blends from `face` into `other` over the clip (two expressions of one person).
std::vector<cv::Mat> synthesizeClip(const cv::Mat& face, const cv::Mat* other, std::mt19937_64& rng,
                                    const SynthOptions& options = {});

// `per_still` synthetic clips for every still of `stills` (soft target: the still's), plus, for
// each group with several stills, blends between them (soft target: the mean of the two).
Dataset synthesizeClips(const Dataset& stills, int per_still, uint64_t seed,
                        const SynthOptions& options = {});

}  // namespace unilearn::trainer
