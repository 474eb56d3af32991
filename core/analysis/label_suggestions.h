// "What to label next" (active learning): the stretches of a video where a person's label would
// teach the model most, ranked — first where coders disagree with each other (two annotators
// gave the same face different labels of one scheme at the same moment), then where the model
// is least sure (the smallest margin between its two likeliest classes in a clip window). Model
// stretches the annotator asking has already labelled are left out (disagreements stay until
// the coders agree), and suggestions never overlap on one face, so every row is a new stretch.
// Labels made from them go into the project, where the fine-tuning wizard reads them.
// Thread-safety: free function over a loaded Timeline.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/analysis/timeline.h"

namespace unilearn::core {

struct LabelSuggestion {
  enum class Reason { kCodersDisagree, kModelUnsure };
  Reason reason = Reason::kModelUnsure;
  int64_t track_id = -1;  // -1: the whole video (coders disagree on whole-video labels)
  int64_t start_frame = 0, end_frame = 0;  // inclusive
  int64_t start_ms = 0, end_ms = 0;
  // Higher first: 1 + share of the stretch's face time for a disagreement, else 1 - margin.
  double score = 0;
  // Model unsure: its two likeliest classes and their probabilities.
  std::string first_class, second_class;
  double first_prob = 0, second_prob = 0;
  // Coders disagree: "Anna: Sad", "Ben: Neutral" (one per annotator, in name order).
  std::vector<std::string> coder_labels;
};

struct SuggestionOptions {
  std::string scheme = "DFEW-7";
  std::string annotator;  // what this person already labelled is not suggested again
  size_t limit = 20;
  // A window counts as "unsure" when its top two classes are closer than this.
  double max_margin = 0.5;
  // A window counts as labelled when this share of its frames carries the annotator's label.
  double labelled_share = 0.5;
};

std::vector<LabelSuggestion> suggestLabels(const Timeline& timeline,
                                           const SuggestionOptions& options = {});

}  // namespace unilearn::core
