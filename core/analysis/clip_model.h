// The UniLearn video model as core/ uses it: aligned face clips in, class probabilities and a
// routing summary out. LibTorch stays behind the pimpl. Thread-safety: predict(), predictImages()
// and trace() may be called from several threads; on one ClipModel they run one at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "core/analysis/token_routing.h"
#include "model/config.h"
#include "model/precision.h"

namespace unilearn::core {

struct ClipResult {
  std::vector<float> probs;  // softmax over the video head's classes
  int top_class = 0;
  float confidence = 0;  // probability of the top class
  float entropy = 0;     // in nats
  // Per MoE layer: share of the token assignments each expert received (sums to 1), and the
  // mean gate weight of the assignments it received (0 when none).
  std::vector<std::vector<float>> expert_share, mean_gate;
};

class ClipModel {
 public:
  // A model file (.safetensors ours, or an authors' .pth) or a preset name (random weights:
  // for plumbing and speed tests only), run in `precision` (model/precision.h; bf16 falls back
  // to fp32 on a CPU without native bf16, see precisionNote()). Throws unilearn::Error.
  static std::unique_ptr<ClipModel> load(const std::string& file_or_preset,
                                         Precision precision = Precision::kFp32);
  // The same, from a process-wide cache: while anyone holds it, the same file (same path, size
  // and modification time) in the same precision is loaded and hashed once and shared (the app's
  // analysis, routing views and model list). A changed file is loaded anew.
  static std::shared_ptr<ClipModel> shared(const std::string& file_or_preset,
                                           Precision precision = Precision::kFp32);
  ~ClipModel();

  const ModelConfig& config() const;
  std::vector<std::string> classNames() const;  // the video head's, from the model
  const std::string& name() const { return name_; }
  const std::string& source() const { return source_; }  // what load() was given
  const std::string& weightsHash() const { return weights_hash_; }
  bool randomWeights() const { return random_; }
  Precision precision() const { return precision_; }
  const std::string& precisionNote() const { return precision_note_; }  // why it fell back

  // Each clip: config().num_frames aligned BGR crops of img_size. Deterministic numerics: a
  // clip's result does not depend on the others in the batch.
  std::vector<ClipResult> predict(const std::vector<std::vector<cv::Mat>>& clips);

  // Aligned face crops (img_size, BGR) through the image path (head.image): softmax over the
  // image head's classes, one row per face. Deterministic numerics.
  std::vector<std::vector<float>> predictImages(const std::vector<cv::Mat>& faces);

  // One clip through the video path, or one aligned face crop (img_size, BGR) through the image
  // path (a 2-frame clip of the still, head.image), with every token's routing kept.
  TokenRouting trace(const std::vector<cv::Mat>& clip);
  TokenRouting traceImage(const cv::Mat& face);

 private:
  ClipModel();
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string name_, source_, weights_hash_;
  bool random_ = false;
  Precision precision_ = Precision::kFp32;
  std::string precision_note_;
};

}  // namespace unilearn::core
