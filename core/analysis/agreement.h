// Agreement between two raters (annotators, or an annotator and the model) frame by frame:
// Cohen's kappa, weighted kappa for ordinal label sets, per-class agreement, confusion matrix.
// Thread-safety: free functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace unilearn::core {

class Project;

struct Agreement {
  std::vector<std::string> labels;
  std::vector<std::vector<int64_t>> confusion;  // [label of a][label of b]
  int64_t items = 0;                            // frames both rated
  double observed = 0;                          // share of identical labels
  double kappa = 0;                             // Cohen's kappa
  double weighted_kappa = 0;                    // quadratic weights (meaningful for ordinal sets)
  bool ordinal = false;  // the scheme is an ordered scale: report weighted_kappa (else do not)
  std::vector<double> per_class;  // specific agreement 2 n_ii / (n_i. + n_.i)
  // With the model as a rater: its classes that match no label of the scheme (their frames are
  // left out), and how many frames that was.
  std::vector<std::string> unmatched;
  int64_t unmatched_frames = 0;
};

// a[i] and b[i] are label indices in [0, classes) or -1 (not rated); pairs with a -1 are left out.
Agreement cohensKappa(const std::vector<int>& a, const std::vector<int>& b,
                      const std::vector<std::string>& labels);

// Frame-by-frame agreement over everything both raters labelled in the project, per media and
// track. A rater is an annotator name or "model" (the top class of the latest clip analysis,
// matched to the scheme's labels by core::matchClassName: "fearful" is "Fear"). Throws
// unilearn::Error (kArgument) when the raters share no labelled frame. For the facial-event
// schemes (core/analysis/face_events.h) every frame with blendshapes that a rater left
// unlabelled counts as the scheme's background label ("No blink").
Agreement agreeInProject(const Project& project, const std::string& rater_a,
                         const std::string& rater_b, const std::string& scheme = "DFEW-7");

}  // namespace unilearn::core
