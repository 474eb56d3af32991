// The classic masked-autoencoder picture for people checking a pre-training run: a face clip (or
// a still), the same with most of its patches hidden, and the pre-training network's
// reconstruction of the hidden patches. LibTorch stays behind the pimpl.
// Thread-safety: reconstruct() on one thread at a time per MaeModel.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "model/config.h"

namespace unilearn::core {

struct Reconstruction {
  // One image per tubelet (its first frame) for a clip, one for a still; img_size BGR.
  std::vector<cv::Mat> original, masked, reconstructed;
  double mask_ratio = 0;
  double loss = 0;  // the training loss of this sample (masked tokens, normalised targets)
};

class MaeModel {
 public:
  // Our pre-training file (safetensors with its config). Throws unilearn::Error.
  static std::unique_ptr<MaeModel> load(const std::string& path);
  ~MaeModel();

  const ModelConfig& encoder() const;
  // `crops`: num_frames aligned crops (a clip) or one (a still), img_size BGR. The mask is drawn
  // from `seed` with the official ratio of the modality. Hidden patches are shown with the
  // prediction scaled back by the patch's own mean and spread (the targets are normalised per
  // patch), as MAE pictures are made.
  Reconstruction reconstruct(const std::vector<cv::Mat>& crops, uint64_t seed);

 private:
  MaeModel();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace unilearn::core
