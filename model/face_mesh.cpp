#include "model/face_mesh.h"

#include <map>

#include <torch/torch.h>

#include "model/base/error.h"
#include "model/safetensors.h"

namespace unilearn {
namespace {

namespace F = torch::nn::functional;

// The file's tensors by name, in fp32, with a shape-checked lookup that names what is wrong.
class Weights {
 public:
  Weights(const std::string& path, const char* network) : path_(path) {
    SafetensorsFile file = readSafetensors(path);
    const std::string* kind = file.find("network");
    if (!kind || *kind != network)
      throw Error(Error::Kind::kFormat, path + " is not a converted MediaPipe " + network +
                                            " file (its metadata says network=" +
                                            (kind ? *kind : std::string("nothing")) +
                                            "); make it with scripts/mediapipe/convert.py");
    for (auto& [name, t] : file.tensors)
      tensors_[name] = t.to(torch::kFloat32).contiguous();
  }

  bool has(const std::string& name) const { return tensors_.count(name) > 0; }

  at::Tensor take(const std::string& name, std::vector<int64_t> shape) const {
    auto it = tensors_.find(name);
    if (it == tensors_.end())
      throw Error(Error::Kind::kFormat, path_ + ": tensor '" + name + "' is missing");
    for (size_t i = 0; i < shape.size(); ++i)
      if (shape[i] < 0) shape[i] = it->second.size(static_cast<int64_t>(i));
    if (it->second.sizes() != at::IntArrayRef(shape))
      throw Error(Error::Kind::kShape, path_ + ": tensor '" + name + "' has shape " +
                                           toString(it->second.sizes()) + ", expected " +
                                           toString(shape));
    return it->second;
  }

  at::Tensor takeAny(const std::string& name, int64_t dims) const {
    auto it = tensors_.find(name);
    if (it == tensors_.end())
      throw Error(Error::Kind::kFormat, path_ + ": tensor '" + name + "' is missing");
    if (it->second.dim() != dims)
      throw Error(Error::Kind::kShape, path_ + ": tensor '" + name + "' has " +
                                           std::to_string(it->second.dim()) + " dimensions");
    return it->second;
  }

 private:
  static std::string toString(at::IntArrayRef s) {
    std::string out = "[";
    for (size_t i = 0; i < s.size(); ++i)
      out += (i ? "," : "") + std::to_string(s[i]);
    return out + "]";
  }
  std::string path_;
  std::map<std::string, at::Tensor> tensors_;
};

at::Tensor conv(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b, int64_t stride,
                int64_t groups = 1) {
  const std::vector<int64_t> s = {stride, stride}, zero = {0, 0}, one = {1, 1};
  return torch::conv2d(x, w, b, s, zero, one, groups);
}

at::Tensor linear(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b) {
  return torch::nn::functional::linear(x, w, b);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
FaceMeshNet FaceMeshNet::load(const std::string& path) {
  Weights w(path, "face_mesh_v2");
  FaceMeshNet net;
  net.stem_w_ = w.take("stem.weight", {-1, 3, 3, 3});
  const int64_t stem_channels = net.stem_w_.size(0);
  net.stem_b_ = w.take("stem.bias", {stem_channels});
  net.stem_prelu_ = w.take("stem.prelu", {stem_channels});
  int64_t in = stem_channels;
  for (int i = 0; w.has("blocks." + std::to_string(i) + ".expand.weight"); ++i) {
    const std::string p = "blocks." + std::to_string(i) + ".";
    Block b;
    b.expand_w = w.takeAny(p + "expand.weight", 4);
    const int64_t mid = b.expand_w.size(0), kernel = b.expand_w.size(2);
    if (b.expand_w.size(1) != in || (kernel != 1 && kernel != 2) || b.expand_w.size(3) != kernel)
      throw Error(Error::Kind::kShape,
                  path + ": block " + std::to_string(i) + " does not continue the previous block");
    b.downsample = kernel == 2;
    b.expand_b = w.take(p + "expand.bias", {mid});
    b.expand_prelu = w.take(p + "expand.prelu", {mid});
    b.dw_w = w.take(p + "dw.weight", {mid, 1, 3, 3});
    b.dw_b = w.take(p + "dw.bias", {mid});
    b.project_w = w.takeAny(p + "project.weight", 4);
    const int64_t out = b.project_w.size(0);
    w.take(p + "project.weight", {out, mid, 1, 1});
    b.project_b = w.take(p + "project.bias", {out});
    b.prelu = w.take(p + "prelu", {out});
    if (out < in || (out != in && !b.downsample))
      throw Error(Error::Kind::kShape,
                  path + ": block " + std::to_string(i) + " changes width without downsampling");
    b.pad_channels = out - in;
    net.blocks_.push_back(std::move(b));
    in = out;
  }
  if (net.blocks_.empty())
    throw Error(Error::Kind::kFormat, path + ": no residual blocks (blocks.0.expand.weight)");
  net.landmarks_w_ = w.take("head.landmarks.weight", {kLandmarks * 3, in, 2, 2});
  net.landmarks_b_ = w.take("head.landmarks.bias", {kLandmarks * 3});
  net.presence_w_ = w.take("head.presence.weight", {1, in, 2, 2});
  net.presence_b_ = w.take("head.presence.bias", {1});
  return net;
}

FaceMeshNet::Output FaceMeshNet::forward(const at::Tensor& rgb) const {
  if (rgb.dim() != 4 || rgb.size(1) != kInputSize || rgb.size(2) != kInputSize || rgb.size(3) != 3)
    throw Error(Error::Kind::kShape, "FaceMeshNet wants [B,256,256,3] RGB in [0,1]");
  torch::NoGradGuard no_grad;
  auto x = rgb.to(torch::kFloat32).permute({0, 3, 1, 2}).contiguous();
  // TF "SAME" at stride 2 on an even size pads only right and bottom.
  x = conv(F::pad(x, F::PadFuncOptions({0, 1, 0, 1})), stem_w_, stem_b_, 2);
  x = torch::prelu(x, stem_prelu_);
  for (const Block& b : blocks_) {
    at::Tensor y, skip = x;
    if (b.downsample) {
      y = conv(x, b.expand_w, b.expand_b, 2);
      skip = torch::max_pool2d(x, {2, 2}, {2, 2});
      if (b.pad_channels > 0)
        skip = F::pad(skip, F::PadFuncOptions({0, 0, 0, 0, 0, b.pad_channels}));
    } else {
      y = conv(x, b.expand_w, b.expand_b, 1);
    }
    y = torch::prelu(y, b.expand_prelu);
    y = conv(F::pad(y, F::PadFuncOptions({1, 1, 1, 1})), b.dw_w, b.dw_b, 1, y.size(1));
    y = conv(y, b.project_w, b.project_b, 1);
    x = torch::prelu(y + skip, b.prelu);
  }
  if (x.size(2) != 2 || x.size(3) != 2)
    throw Error(Error::Kind::kShape, "FaceMeshNet: the blocks do not end on a 2x2 map");
  Output out;
  out.landmarks = conv(x, landmarks_w_, landmarks_b_, 1).reshape({x.size(0), kLandmarks, 3});
  out.presence = conv(x, presence_w_, presence_b_, 1).reshape({x.size(0)});
  return out;
}

int64_t FaceMeshNet::parameterCount() const {
  int64_t n = stem_w_.numel() + stem_b_.numel() + stem_prelu_.numel() + landmarks_w_.numel() +
              landmarks_b_.numel() + presence_w_.numel() + presence_b_.numel();
  for (const Block& b : blocks_)
    for (const auto* t : {&b.expand_w, &b.expand_b, &b.expand_prelu, &b.dw_w, &b.dw_b, &b.project_w,
                          &b.project_b, &b.prelu})
      n += t->numel();
  return n;
}

// ---------------------------------------------------------------------------------------------
const std::array<int, BlendshapeNet::kPoints>& BlendshapeNet::landmarkSubset() {
  static const std::array<int, kPoints> subset = {
      0,   1,   4,   5,   6,   7,   8,   10,  13,  14,  17,  21,  33,  37,  39,  40,  46,  52,  53,
      54,  55,  58,  61,  63,  65,  66,  67,  70,  78,  80,  81,  82,  84,  87,  88,  91,  93,  95,
      103, 105, 107, 109, 127, 132, 133, 136, 144, 145, 146, 148, 149, 150, 152, 153, 154, 155, 157,
      158, 159, 160, 161, 162, 163, 168, 172, 173, 176, 178, 181, 185, 191, 195, 197, 234, 246, 249,
      251, 263, 267, 269, 270, 276, 282, 283, 284, 285, 288, 291, 293, 295, 296, 297, 300, 308, 310,
      311, 312, 314, 317, 318, 321, 323, 324, 332, 334, 336, 338, 356, 361, 362, 365, 373, 374, 375,
      377, 378, 379, 380, 381, 382, 384, 385, 386, 387, 388, 389, 390, 397, 398, 400, 402, 405, 409,
      415, 454, 466, 468, 469, 470, 471, 472, 473, 474, 475, 476, 477};
  return subset;
}

const std::vector<std::string>& BlendshapeNet::names() {
  static const std::vector<std::string> names = {
      "_neutral",         "browDownLeft",      "browDownRight",      "browInnerUp",
      "browOuterUpLeft",  "browOuterUpRight",  "cheekPuff",          "cheekSquintLeft",
      "cheekSquintRight", "eyeBlinkLeft",      "eyeBlinkRight",      "eyeLookDownLeft",
      "eyeLookDownRight", "eyeLookInLeft",     "eyeLookInRight",     "eyeLookOutLeft",
      "eyeLookOutRight",  "eyeLookUpLeft",     "eyeLookUpRight",     "eyeSquintLeft",
      "eyeSquintRight",   "eyeWideLeft",       "eyeWideRight",       "jawForward",
      "jawLeft",          "jawOpen",           "jawRight",           "mouthClose",
      "mouthDimpleLeft",  "mouthDimpleRight",  "mouthFrownLeft",     "mouthFrownRight",
      "mouthFunnel",      "mouthLeft",         "mouthLowerDownLeft", "mouthLowerDownRight",
      "mouthPressLeft",   "mouthPressRight",   "mouthPucker",        "mouthRight",
      "mouthRollLower",   "mouthRollUpper",    "mouthShrugLower",    "mouthShrugUpper",
      "mouthSmileLeft",   "mouthSmileRight",   "mouthStretchLeft",   "mouthStretchRight",
      "mouthUpperUpLeft", "mouthUpperUpRight", "noseSneerLeft",      "noseSneerRight"};
  return names;
}

BlendshapeNet BlendshapeNet::load(const std::string& path) {
  Weights w(path, "face_blendshapes");
  BlendshapeNet net;
  auto lin = [&](const std::string& name, int64_t out, int64_t in) {
    return Linear{w.take(name + ".weight", {out, in}), w.take(name + ".bias", {out})};
  };
  net.input_scale_ = w.take("input_scale", {1});
  net.eps_ = w.take("norm_eps", {1}).item<double>();
  net.point_mixing_ = lin("point_mixing", -1, kPoints);
  const int64_t tokens = net.point_mixing_.w.size(0);
  net.embedding_ = lin("embedding", -1, 2);
  const int64_t channels = net.embedding_.w.size(0);
  net.cls_ = w.take("cls_token", {channels});
  for (int i = 0; w.has("blocks." + std::to_string(i) + ".norm1.weight"); ++i) {
    const std::string p = "blocks." + std::to_string(i) + ".";
    Block b;
    b.norm1 = w.take(p + "norm1.weight", {channels});
    b.norm2 = w.take(p + "norm2.weight", {channels});
    b.token1 = lin(p + "token_mlp.fc1", -1, tokens + 1);
    b.token2 = lin(p + "token_mlp.fc2", tokens + 1, b.token1.w.size(0));
    b.channel1 = lin(p + "channel_mlp.fc1", -1, channels);
    b.channel2 = lin(p + "channel_mlp.fc2", channels, b.channel1.w.size(0));
    net.blocks_.push_back(std::move(b));
  }
  if (net.blocks_.empty())
    throw Error(Error::Kind::kFormat, path + ": no mixer blocks (blocks.0.norm1.weight)");
  net.head_ = lin("head", kScores, channels);
  return net;
}

at::Tensor BlendshapeNet::forward(const at::Tensor& points) const {
  if (points.dim() != 3 || points.size(1) != kPoints || points.size(2) != 2)
    throw Error(Error::Kind::kShape, "BlendshapeNet wants [B,146,2] landmark x/y");
  torch::NoGradGuard no_grad;
  auto x = points.to(torch::kFloat32);
  const auto centred = x - x.mean({1}, true);
  const auto spread = centred.pow(2).sum({2}, true).sqrt().mean({1}, true);
  x = centred / spread * input_scale_;
  // Mix the points into tokens, then embed each token's x/y pair.
  x = linear(x.transpose(1, 2), point_mixing_.w, point_mixing_.b);    // [B,2,96]
  x = linear(x.transpose(1, 2), embedding_.w, embedding_.b);          // [B,96,64]
  x = torch::cat({cls_.expand({x.size(0), 1, cls_.size(0)}), x}, 1);  // [B,97,64]
  const std::vector<int64_t> norm_shape = {cls_.size(0)};
  for (const Block& b : blocks_) {
    auto y = torch::layer_norm(x, norm_shape, b.norm1, {}, eps_).transpose(1, 2);
    y = linear(torch::relu(linear(y, b.token1.w, b.token1.b)), b.token2.w, b.token2.b);
    x = x + y.transpose(1, 2);
    y = torch::layer_norm(x, norm_shape, b.norm2, {}, eps_);
    y = linear(torch::relu(linear(y, b.channel1.w, b.channel1.b)), b.channel2.w, b.channel2.b);
    x = x + y;
  }
  return torch::sigmoid(linear(x.select(1, 0), head_.w, head_.b));
}

int64_t BlendshapeNet::parameterCount() const {
  int64_t n = input_scale_.numel() + cls_.numel();
  for (const Linear* l : {&point_mixing_, &embedding_, &head_})
    n += l->w.numel() + l->b.numel();
  for (const Block& b : blocks_) {
    n += b.norm1.numel() + b.norm2.numel();
    for (const Linear* l : {&b.token1, &b.token2, &b.channel1, &b.channel2})
      n += l->w.numel() + l->b.numel();
  }
  return n;
}

}  // namespace unilearn
