// MediaPipe Face Landmarker v2's two networks in LibTorch, loading the safetensors files that
// scripts/mediapipe/convert.py makes from Google's TFLite originals (Apache-2.0):
//
// FaceMeshNet (FaceMesh V2): a 256x256 RGB crop in [0,1] -> 478 landmarks (x, y in crop pixels
//   0..256, z relative depth in the same units) and a face-presence logit. A stem (3x3 conv,
//   stride 2, TF "SAME" padding, PReLU) and residual blocks: 1x1 (or 2x2 stride-2) expand conv,
//   PReLU, 3x3 depthwise, 1x1 project, + the input (max-pooled and zero-padded in channels in
//   the stride-2 blocks), PReLU; 2x2 heads on the final 2x2 map (the file also keeps a third
//   one-value head, head.aux, that nothing here uses).
// BlendshapeNet (MediaPipe's "GhumMarkerPoser" MLP-Mixer): 146 of the 478 landmarks, x/y in image
//   pixels -> 52 ARKit-style blendshape scores in [0,1]. Centres the points, divides by their
//   mean distance from the centre, mixes 146 points into 96 tokens, embeds x/y into 64 channels,
//   prepends a learned token, four mixer blocks (layer norm without bias, token MLP 97->384->97,
//   layer norm, channel MLP 64->256->64, ReLU, residuals), a linear head on the learned token,
//   sigmoid.
// Thread-safety: forward() only reads the weights; it may run on several threads at once.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <ATen/Tensor.h>

namespace unilearn {

class FaceMeshNet {
 public:
  static constexpr int kInputSize = 256;
  static constexpr int kLandmarks = 478;

  // Throws unilearn::Error when the file is missing, not this network, or has wrong shapes.
  static FaceMeshNet load(const std::string& path);

  struct Output {
    at::Tensor landmarks;  // [B,478,3] crop pixels
    at::Tensor presence;   // [B] logit; sigmoid > 0.5 is a face
  };
  // rgb: [B,256,256,3] float in [0,1] (NHWC, as the crop is made).
  Output forward(const at::Tensor& rgb) const;
  int64_t parameterCount() const;

 private:
  struct Block {
    at::Tensor expand_w, expand_b, expand_prelu, dw_w, dw_b, project_w, project_b, prelu;
    bool downsample = false;
    int64_t pad_channels = 0;
  };
  at::Tensor stem_w_, stem_b_, stem_prelu_;
  std::vector<Block> blocks_;
  at::Tensor landmarks_w_, landmarks_b_, presence_w_, presence_b_;
};

class BlendshapeNet {
 public:
  static constexpr int kPoints = 146;
  static constexpr int kScores = 52;

  static BlendshapeNet load(const std::string& path);

  // The landmarks (of the 478) the network reads, in its input order: MediaPipe's
  // kLandmarksSubsetIdxs (face_blendshapes_graph.cc).
  static const std::array<int, kPoints>& landmarkSubset();
  // Output names in order (MediaPipe's kBlendshapeNames): "_neutral", "browDownLeft", ...
  static const std::vector<std::string>& names();

  // points: [B,146,2] image pixels -> [B,52] scores.
  at::Tensor forward(const at::Tensor& points) const;
  int64_t parameterCount() const;

 private:
  struct Linear {
    at::Tensor w, b;
  };
  struct Block {
    at::Tensor norm1, norm2;
    Linear token1, token2, channel1, channel2;
  };
  at::Tensor input_scale_, cls_;
  double eps_ = 1e-6;
  Linear point_mixing_, embedding_, head_;
  std::vector<Block> blocks_;
};

}  // namespace unilearn
