#include "model/face_expression_net.h"

#include <torch/torch.h>

#include "model/base/error.h"
#include "model/tfjs_weights.h"

namespace unilearn {
namespace {

namespace F = torch::nn::functional;

// TensorFlow "SAME" padding for a 3x3 kernel: stride 1 pads one pixel on every side; stride 2
// on an even size pads only right and bottom.
at::Tensor padSame(const at::Tensor& x, int64_t stride) {
  if (stride == 1) return F::pad(x, F::PadFuncOptions({1, 1, 1, 1}));
  return F::pad(x, F::PadFuncOptions({0, 1, 0, 1}));
}

at::Tensor conv(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b, int64_t stride,
                int64_t groups = 1) {
  const std::vector<int64_t> s = {stride, stride}, zero = {0, 0}, one = {1, 1};
  return torch::conv2d(x, w, b, s, zero, one, groups);
}

at::Tensor separable(const at::Tensor& x, const at::Tensor& depthwise, const at::Tensor& pointwise,
                     const at::Tensor& bias, int64_t stride) {
  auto y = conv(padSame(x, stride), depthwise, at::Tensor(), stride, x.size(1));
  return conv(y, pointwise, bias, 1);
}

}  // namespace

const std::vector<std::string>& FaceExpressionNet::classNames() {
  static const std::vector<std::string> names = {"neutral", "happy",     "sad",      "angry",
                                                 "fearful", "disgusted", "surprised"};
  return names;
}

FaceExpressionNet FaceExpressionNet::load(const std::string& manifest_path) {
  std::map<std::string, at::Tensor> w;
  for (auto& [name, t] : readTfjsWeights(manifest_path))
    w[name] = t;
  auto take = [&](const std::string& name, std::vector<int64_t> shape) {
    auto it = w.find(name);
    if (it == w.end())
      throw Error(Error::Kind::kFormat,
                  manifest_path + " is not FaceExpressionNet: tensor '" + name + "' is missing");
    if (it->second.sizes() != at::IntArrayRef(shape))
      throw Error(Error::Kind::kShape,
                  manifest_path + ": tensor '" + name + "' has the wrong shape");
    return it->second;
  };
  FaceExpressionNet net;
  const int64_t channels[4] = {32, 64, 128, 256};
  int64_t in = 3;
  for (int b = 0; b < 4; ++b) {
    const int64_t c = channels[b];
    const std::string p = "dense" + std::to_string(b) + "/";
    DenseBlock& blk = net.blocks_[b];
    blk.first = b == 0;
    if (blk.first) {
      blk.conv0_filters =
          take(p + "conv0/filters", {3, 3, in, c}).permute({3, 2, 0, 1}).contiguous();
      blk.conv0_bias = take(p + "conv0/bias", {c});
    }
    for (int k = blk.first ? 1 : 0; k < 4; ++k) {
      const std::string q = p + "conv" + std::to_string(k) + "/";
      const int64_t cin = k == 0 ? in : c;
      blk.conv[k].depthwise =
          take(q + "depthwise_filter", {3, 3, cin, 1}).permute({2, 3, 0, 1}).contiguous();
      blk.conv[k].pointwise =
          take(q + "pointwise_filter", {1, 1, cin, c}).permute({3, 2, 0, 1}).contiguous();
      blk.conv[k].bias = take(q + "bias", {c});
    }
    in = c;
  }
  net.fc_weight_ = take("fc/weights", {256, 7}).t().contiguous();
  net.fc_bias_ = take("fc/bias", {7});
  return net;
}

at::Tensor FaceExpressionNet::block(const DenseBlock& b, const at::Tensor& x) const {
  at::Tensor out1 = b.first
                        ? torch::conv2d(padSame(x, 2), b.conv0_filters, b.conv0_bias, 2)
                        : separable(x, b.conv[0].depthwise, b.conv[0].pointwise, b.conv[0].bias, 2);
  out1 = torch::relu(out1);
  auto out2 = separable(out1, b.conv[1].depthwise, b.conv[1].pointwise, b.conv[1].bias, 1);
  auto out3 = separable(torch::relu(out1 + out2), b.conv[2].depthwise, b.conv[2].pointwise,
                        b.conv[2].bias, 1);
  auto out4 = separable(torch::relu(out1 + out2 + out3), b.conv[3].depthwise, b.conv[3].pointwise,
                        b.conv[3].bias, 1);
  return torch::relu(out1 + out2 + out3 + out4);
}

at::Tensor FaceExpressionNet::preprocess(const at::Tensor& rgb) {
  if (rgb.dim() != 4 || rgb.size(1) != kInputSize || rgb.size(2) != kInputSize || rgb.size(3) != 3)
    throw Error(Error::Kind::kShape, "FaceExpressionNet needs [B,112,112,3] RGB input");
  auto mean = torch::tensor({122.782f, 117.001f, 104.298f});
  return ((rgb.to(torch::kFloat) - mean) / 255.0f).permute({0, 3, 1, 2}).contiguous();
}

at::Tensor FaceExpressionNet::logits(const at::Tensor& x) const {
  auto y = x;
  for (const auto& b : blocks_)
    y = block(b, y);
  y = F::avg_pool2d(y, F::AvgPool2dFuncOptions(7).stride(2));  // 7x7 -> 1x1
  return torch::addmm(fc_bias_, y.flatten(1), fc_weight_.t());
}

at::Tensor FaceExpressionNet::predict(const at::Tensor& rgb) const {
  return logits(preprocess(rgb)).softmax(-1);
}

int64_t FaceExpressionNet::parameterCount() const {
  int64_t n = fc_weight_.numel() + fc_bias_.numel();
  for (const auto& b : blocks_) {
    if (b.first) n += b.conv0_filters.numel() + b.conv0_bias.numel();
    for (int k = b.first ? 1 : 0; k < 4; ++k)
      n += b.conv[k].depthwise.numel() + b.conv[k].pointwise.numel() + b.conv[k].bias.numel();
  }
  return n;
}

}  // namespace unilearn
