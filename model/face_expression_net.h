// face-api.js FaceExpressionNet in LibTorch: a small static (per-frame) expression classifier,
// 112x112 RGB in, 7 classes out (neutral, happy, sad, angry, fearful, disgusted, surprised).
// Loads the real weights of the npm package @vladmandic/face-api (TF.js manifest + binary).
// Thread-safety: forward() only reads the weights; it may run on several threads at once.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <ATen/Tensor.h>

namespace unilearn {

class FaceExpressionNet {
 public:
  static constexpr int kInputSize = 112;

  // Throws unilearn::Error when the files are missing, truncated or of another network.
  static FaceExpressionNet load(const std::string& manifest_path);

  // The class names, in output order.
  static const std::vector<std::string>& classNames();

  // rgb: [B,112,112,3] with values 0..255 (uint8 or float), already the padded square crop.
  // Returns [B,7] softmax probabilities.
  at::Tensor predict(const at::Tensor& rgb) const;
  // Normalised NCHW [B,3,112,112] in (as predict's preprocessing makes it) -> [B,7] logits.
  at::Tensor logits(const at::Tensor& normalized) const;
  // [B,112,112,3] 0..255 -> normalised NCHW: (RGB - [122.782, 117.001, 104.298]) / 255.
  static at::Tensor preprocess(const at::Tensor& rgb);

  int64_t parameterCount() const;

 private:
  struct SeparableConv {
    at::Tensor depthwise, pointwise, bias;
  };
  struct DenseBlock {
    at::Tensor conv0_filters, conv0_bias;  // first block only: a plain convolution
    SeparableConv conv[4];                 // conv[0] unused in the first block
    bool first = false;
  };
  at::Tensor block(const DenseBlock& b, const at::Tensor& x) const;

  DenseBlock blocks_[4];
  at::Tensor fc_weight_, fc_bias_;
};

}  // namespace unilearn
