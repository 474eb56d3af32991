// Participant calibration, as FaceReader offers it: a person's neutral baseline (an interval
// marked in one of their sessions, kept in the project and applied to every track with their
// name) and their expressions relative to it. What the model already reads in that person's
// resting face — a neutral face read as 30 % sad — is taken as neutral: each other class keeps
// only the probability it shows above the baseline, and neutral gets the rest.
// Thread-safety: free functions over a Project (one thread per Project) or plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/analysis/timeline.h"
#include "core/storage/project.h"

namespace unilearn::core {

struct BaselineProfile {
  Baseline baseline;
  std::vector<std::string> classes;  // the clip model's classes of `windows`
  std::vector<float> windows;        // mean clip-window probabilities over the interval (or empty)
  std::vector<float> frames;         // mean per-frame probabilities, the static classes (or empty)
  int64_t window_count = 0, frame_count = 0;
};

// The baseline's mean probabilities in the analysis loadTimeline would show for its video
// (windows overlapping the interval, frames inside it). None when nothing there was analysed.
std::optional<BaselineProfile> baselineProfile(const Project& project, const Baseline& baseline);

// `probs` relative to `baseline` (same size; `neutral` indexes both): p'_c = max(0, p_c - b_c)
// for every class but neutral, and neutral takes 1 - their sum, so the baseline itself reads as
// fully neutral and a distribution stays a distribution.
std::vector<float> relativeToBaseline(const std::vector<float>& probs,
                                      const std::vector<float>& baseline, size_t neutral);

// Applies each track's baseline (Project::baseline) to a loaded timeline in place: window
// probabilities with their top class, confidence and entropy, and frame probabilities (raw and
// smoothed). Tracks it could calibrate get a `baseline_note`; the returned lines say, per person
// with a baseline, what was done or why not (no neutral class, classes that do not match, an
// unanalysed baseline interval).
std::vector<std::string> calibrateTimeline(const Project& project, Timeline& timeline);

}  // namespace unilearn::core
