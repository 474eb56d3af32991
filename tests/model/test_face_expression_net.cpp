// face-api.js FaceExpressionNet on its real weights against the original TF.js outputs.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "model/base/error.h"
#include "model/face_expression_net.h"
#include "tests/test_util.h"

using namespace unilearn;

namespace {

const std::string kManifest = std::string(UNILEARN_RESOURCE_SOURCE_DIR) +
                              "/models/face_expression_model-weights_manifest.json";

void expectProbs(const torch::Tensor& got, const std::vector<float>& want) {
  ASSERT_EQ(got.numel(), static_cast<int64_t>(want.size()));
  for (size_t i = 0; i < want.size(); ++i)
    EXPECT_NEAR(got[i].item<float>(), want[i], 1e-4) << FaceExpressionNet::classNames()[i];
}

}  // namespace

TEST(FaceExpressionNet, LoadsTheRealWeights) {
  FaceExpressionNet net = FaceExpressionNet::load(kManifest);
  EXPECT_EQ(net.parameterCount(), 323687);
}

TEST(FaceExpressionNet, MatchesTheTfjsGoldenOutputs) {
  torch::NoGradGuard g;
  FaceExpressionNet net = FaceExpressionNet::load(kManifest);
  auto pattern = torch::empty({1, 112, 112, 3}, torch::kUInt8);
  auto a = pattern.accessor<uint8_t, 4>();
  for (int y = 0; y < 112; ++y)
    for (int x = 0; x < 112; ++x)
      for (int c = 0; c < 3; ++c)
        a[0][y][x][c] = static_cast<uint8_t>((7 * y + 3 * x + 11 * c) % 256);
  auto zeros = torch::zeros({1, 112, 112, 3}, torch::kUInt8);
  auto probs = net.predict(torch::cat({pattern, zeros}));
  expectProbs(probs[0],
              {0.508211f, 0.039215f, 0.143226f, 0.013533f, 0.026878f, 0.001956f, 0.266981f});
  expectProbs(probs[1],
              {0.529546f, 0.117685f, 0.337226f, 0.009212f, 0.000601f, 0.001291f, 0.00444f});
}

TEST(FaceExpressionNet, BadFilesAndShapesGiveClearErrors) {
  EXPECT_THROW(FaceExpressionNet::load("/nonexistent/manifest.json"), Error);
  const std::string truncated_dir = testing::TempDir() + "fen_trunc";
  std::system(("mkdir -p " + truncated_dir).c_str());
  std::system(("cp " + kManifest + " " + truncated_dir + "/m.json").c_str());
  std::system(("head -c 1000 " + std::string(UNILEARN_RESOURCE_SOURCE_DIR) +
               "/models/face_expression_model.bin > " + truncated_dir +
               "/face_expression_model.bin")
                  .c_str());
  try {
    FaceExpressionNet::load(truncated_dir + "/m.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
  }
  FaceExpressionNet net = FaceExpressionNet::load(kManifest);
  EXPECT_THROW(net.predict(torch::zeros({1, 100, 100, 3})), Error);
}
