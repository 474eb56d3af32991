// MediaPipe's face landmark and blendshape networks, ported to LibTorch, against reference
// outputs made by scripts/mediapipe/make_goldens.py: the TFLite originals run op by op in NumPy,
// and for the blendshapes also the third-party ONNX conversion run node by node from its
// initializers (tests/data/mediapipe_goldens.json).
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "model/base/error.h"
#include "model/base/json.h"
#include "model/face_mesh.h"
#include "tests/test_util.h"

using namespace unilearn;
using namespace unilearn::test;

namespace {

const std::string kMesh =
    std::string(UNILEARN_RESOURCE_SOURCE_DIR) + "/models/mediapipe-face-mesh.safetensors";
const std::string kBlendshapes =
    std::string(UNILEARN_RESOURCE_SOURCE_DIR) + "/models/mediapipe-blendshapes.safetensors";

const json::Value& goldens() {
  static const json::Value v = json::parse(fileBytes(dataPath("mediapipe_goldens.json")));
  return v;
}

std::vector<float> floats(const json::Value& array) {
  std::vector<float> out;
  for (const auto& x : array.asArray())
    out.push_back(static_cast<float>(x.asNumber()));
  return out;
}

const json::Value& entry(const char* list, const std::string& input) {
  for (const auto& e : goldens().find(list)->asArray())
    if (e.find("input")->asString() == input) return e;
  throw std::runtime_error(std::string("no golden for ") + input);
}

// The synthetic crop the goldens used: pixel (y, x, c) = (7y + 3x + 11c) % 256, over 255.
torch::Tensor pattern() {
  auto t = torch::empty({1, 256, 256, 3});
  auto a = t.accessor<float, 4>();
  for (int y = 0; y < 256; ++y)
    for (int x = 0; x < 256; ++x)
      for (int c = 0; c < 3; ++c)
        a[0][y][x][c] = static_cast<float>((7 * y + 3 * x + 11 * c) % 256) / 255.0f;
  return t;
}

}  // namespace

TEST(FaceMeshNet, LoadsTheConvertedWeights) {
  FaceMeshNet net = FaceMeshNet::load(kMesh);
  // 1,200,748 in the file, less the 513 of the unused head.aux.
  EXPECT_EQ(net.parameterCount(), 1200748 - 513);
  BlendshapeNet bs = BlendshapeNet::load(kBlendshapes);
  EXPECT_EQ(bs.parameterCount(), 450522 - 1);  // less the layer norms' shared epsilon
  EXPECT_EQ(BlendshapeNet::names().size(), 52u);
  EXPECT_EQ(BlendshapeNet::names()[9], "eyeBlinkLeft");
  EXPECT_EQ(BlendshapeNet::names()[44], "mouthSmileLeft");
  EXPECT_EQ(BlendshapeNet::landmarkSubset().back(), 477);
}

TEST(FaceMeshNet, MatchesTheTfliteOriginalOnASyntheticCrop) {
  FaceMeshNet net = FaceMeshNet::load(kMesh);
  const auto& g = entry("face_mesh", "pattern");
  auto out = net.forward(pattern());
  auto want = torch::tensor(floats(*g.find("landmarks"))).reshape({478, 3});
  const double worst = (out.landmarks[0] - want).abs().max().item<double>();
  EXPECT_LT(worst, 2e-3) << "crop pixels";  // the goldens are rounded to 1e-4
  EXPECT_NEAR(out.presence[0].item<double>(), g.find("presence_logit")->asNumber(), 1e-3);
}

TEST(FaceMeshNet, BatchesGiveTheSameAnswerAsSingles) {
  FaceMeshNet net = FaceMeshNet::load(kMesh);
  auto a = pattern();
  auto b = a.flip({2});
  auto both = net.forward(torch::cat({a, b}));
  EXPECT_TRUE(torch::allclose(both.landmarks[1], net.forward(b).landmarks[0], 1e-4, 1e-3));
}

TEST(BlendshapeNet, MatchesTheTfliteOriginalAndTheOnnxConversion) {
  BlendshapeNet net = BlendshapeNet::load(kBlendshapes);
  for (const char* input : {"grace_hopper", "astronaut", "random"}) {
    const auto& g = entry("blendshapes", input);
    auto points = torch::tensor(floats(*g.find("points"))).reshape({1, 146, 2});
    auto got = net.forward(points)[0];
    auto tflite = torch::tensor(floats(*g.find("tflite")));
    auto onnx = torch::tensor(floats(*g.find("onnx")));
    EXPECT_LT((got - tflite).abs().max().item<double>(), 2e-5) << input;
    EXPECT_LT((got - onnx).abs().max().item<double>(), 2e-5) << input;
    // Translation and uniform scale do not change the scores (the network normalises both).
    auto moved = net.forward(points * 3.0 + 40.0)[0];
    EXPECT_LT((moved - got).abs().max().item<double>(), 1e-4) << input;
  }
}

TEST(BlendshapeNet, SmilingFaceScoresHigherOnMouthSmileThanNeutralFace) {
  BlendshapeNet net = BlendshapeNet::load(kBlendshapes);
  auto scores = [&](const char* input) {
    const auto& g = entry("blendshapes", input);
    return net.forward(torch::tensor(floats(*g.find("points"))).reshape({1, 146, 2}))[0];
  };
  auto smiling = scores("astronaut"), neutral = scores("grace_hopper");
  for (int i : {44, 45}) {  // mouthSmileLeft, mouthSmileRight
    EXPECT_GT(smiling[i].item<float>(), 0.5f);
    EXPECT_LT(neutral[i].item<float>(), 0.1f);
  }
}

TEST(FaceMeshNet, WrongFilesGiveClearErrors) {
  EXPECT_THROW(FaceMeshNet::load("/nonexistent/mesh.safetensors"), Error);
  try {
    FaceMeshNet::load(kBlendshapes);
    FAIL() << "the blendshape file loaded as the landmark network";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("face_mesh_v2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(BlendshapeNet::load(kMesh), Error);
  BlendshapeNet net = BlendshapeNet::load(kBlendshapes);
  EXPECT_THROW(net.forward(torch::zeros({1, 478, 2})), Error);
  FaceMeshNet mesh = FaceMeshNet::load(kMesh);
  EXPECT_THROW(mesh.forward(torch::zeros({1, 3, 256, 256})), Error);
}
