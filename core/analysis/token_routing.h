// Per-token routing of one clip (or one still) through UniLearn's MoE layers, as plain data for
// the routing views (issue 6): for every token of every MoE layer its top-k experts, best first,
// with their gate weights. Tokens are numbered as the patch embedding flattens them: temporal
// slice slowest, then patch row, then patch column. Also the aggregate views' numbers (expert
// usage per window, expert × class matrix over a project) and the rebuilding of a stored
// window's aligned face crops from the video.
// Thread-safety: plain values and free functions (one thread per Project).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "core/clip_windows.h"
#include "core/storage/project.h"

namespace unilearn::core {

struct TokenRouting {
  bool video = true;  // the clip path (head.video) or the image path (head.image, one slice)
  std::vector<std::string> classes;
  std::vector<float> probs;  // of the head that ran
  int top_class = 0;
  int slices = 0, rows = 0, cols = 0;  // token grid: 8 × 10 × 10 for a 160 px clip
  int top_k = 0, experts = 0;
  std::vector<int> blocks;  // transformer block of each MoE layer
  // [layer][token * top_k + j]: the j-th choice of a token and its gate weight.
  std::vector<std::vector<int32_t>> expert;
  std::vector<std::vector<float>> gate;
  std::vector<cv::Mat> frames;  // the aligned BGR crops that went in (16 for a clip, 1 for a still)

  int layers() const { return static_cast<int>(expert.size()); }
  int tokens() const { return slices * rows * cols; }
  int token(int slice, int row, int col) const { return (slice * rows + row) * cols + col; }
  int expertAt(int layer, int token, int j = 0) const;
  float gateAt(int layer, int token, int j = 0) const;
  // Per layer: each expert's share of the token assignments (top-k counted; sums to 1) and the
  // mean gate weight of the assignments it received (0 when none). `slice` < 0: all slices.
  std::vector<std::vector<float>> expertShare(int slice = -1) const;
  std::vector<std::vector<float>> meanGate(int slice = -1) const;
  // One row per layer, token and choice: layer,block,slice,row,col,rank,expert,gate.
  std::string toCsv() const;
};

// How far apart two routings' expert usage is in each layer: total variation distance between
// their expert shares (0 = the same experts in the same proportions, 1 = disjoint experts).
std::vector<float> routingDistance(const std::vector<std::vector<float>>& a,
                                   const std::vector<std::vector<float>>& b);

// analysisWindowOptions (the windows an analysis was made with) is in analyzer.h, beside the
// writer of the parameters it reads.

// The aligned face crops (img_size px, BGR) that the analysis fed the clip model for `window`,
// rebuilt from the video and the face boxes and keypoints the analysis stored with its frames
// (exact when the static model ran on every frame; otherwise frames without a stored face take
// the nearest earlier one). Throws unilearn::Error: kIo/kFormat for an unreadable video, kArgument
// when the track has no stored faces (a project of schema version 1).
std::vector<cv::Mat> windowCrops(const Project& project, const AnalysisRecord& analysis,
                                 const WindowPrediction& window, int img_size);

// Aligned crops (img_size px, BGR) of `frames` of a track, from the video and the faces the
// analysis stored; a frame without a stored face uses the nearest earlier one (else the first).
// Throws as windowCrops.
std::vector<cv::Mat> trackCrops(const Project& project, const AnalysisRecord& analysis,
                                int64_t track_id, const std::vector<int64_t>& frames, int img_size);

// What to give ClipModel::load to get the model an analysis used: the stored path of its model,
// else the file of that name in `<project>-models/`, else the preset of that name; empty when
// none of these exists.
std::string analysisModelSpec(const Project& project, const AnalysisRecord& analysis);

// Which experts each MoE layer uses for the clips of each class, over every finished clip
// analysis of a project: the mean of the windows' expert shares per class.
struct ExpertClassMatrix {
  std::vector<std::string> classes;
  int experts = 0;
  std::vector<int64_t> windows;                        // per class: how many windows
  std::vector<std::vector<std::vector<float>>> share;  // [layer][class][expert]
  std::string toCsv() const;                           // layer,class,windows,expert,share
};
// `by`: "predicted" (the window's top class) or "annotated" (the label of the annotation that
// covers the window's middle frame for its person or the whole video; `annotator` empty: any).
ExpertClassMatrix expertClassMatrix(const Project& project, const std::string& by,
                                    const std::string& annotator = {});

}  // namespace unilearn::core
