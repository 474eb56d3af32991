// The network against the spec: key names and shapes, and numerical parity with the independent
// Python reference (scripts/reference) in both numerics modes.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "model/base/error.h"
#include "model/checkpoint.h"
#include "model/vit_moe.h"
#include "tests/test_util.h"

using namespace unilearn;
using unilearn::test::golden;
using unilearn::test::tensorFile;

namespace {

VitMoE tinyNetwork() {
  VitMoE net(test::tinyConfig());
  loadStateDict(*net,
                readTorchCheckpoint(test::dataPath("tiny_authors_checkpoint.pth")).state_dict);
  net->eval();
  return net;
}

void expectClose(const torch::Tensor& got, const torch::Tensor& want, double atol = 1e-5) {
  ASSERT_EQ(got.sizes(), want.sizes());
  const double diff = (got - want).abs().max().item<double>();
  EXPECT_LE(diff, atol) << "max abs difference " << diff;
}

}  // namespace

TEST(Network, PaperPresetHasTheOfficialKeysShapesAndOrder) {
  VitMoE net(ModelConfig::preset("unilearn-b16-160"));
  std::ifstream in(test::dataPath("keys_unilearn-b16-160.txt"));
  std::vector<std::string> want;
  for (std::string line; std::getline(in, line);)
    want.push_back(line);
  std::vector<std::string> got;
  for (const auto& item : net->named_parameters(true)) {
    std::string shape;
    for (int64_t d : item.value().sizes())
      shape += (shape.empty() ? "" : ",") + std::to_string(d);
    got.push_back(item.key() + " " + shape);
  }
  ASSERT_EQ(want.size(), 380u);
  EXPECT_EQ(got, want);
  EXPECT_EQ(parameterCount(*net), 100513646);
  EXPECT_EQ(net->named_buffers().size(), 0u);  // pos_embed is not part of the state dict
}

TEST(Network, SinusoidTableFollowsTheOfficialFormula) {
  auto t = sinusoidTable(800, 768);
  ASSERT_EQ(t.sizes(), (std::vector<int64_t>{1, 800, 768}));
  EXPECT_FLOAT_EQ(t[0][0][0].item<float>(), 0.0f);
  EXPECT_FLOAT_EQ(t[0][0][1].item<float>(), 1.0f);
  const double angle = 5.0 / std::pow(10000.0, 2.0 * 3 / 768);  // j = 6 and 7 share j//2 = 3
  EXPECT_FLOAT_EQ(t[0][5][6].item<float>(), static_cast<float>(std::sin(angle)));
  EXPECT_FLOAT_EQ(t[0][5][7].item<float>(), static_cast<float>(std::cos(angle)));
}

TEST(Network, DeterministicModeMatchesThePythonReference) {
  torch::NoGradGuard g;
  VitMoE net = tinyNetwork();
  auto video = net->forward(tensorFile("tiny_video_input.pt"));
  EXPECT_TRUE(video.video);
  expectClose(video.logits, golden("golden_tiny.pt", "det_video_logits"));
  expectClose(video.features, golden("golden_tiny.pt", "det_video_features"));
  auto image = net->forward(tensorFile("tiny_image_input.pt"));
  EXPECT_FALSE(image.video);
  EXPECT_EQ(image.logits.size(1), 7);
  expectClose(image.logits, golden("golden_tiny.pt", "det_image_logits"));
  expectClose(image.features, golden("golden_tiny.pt", "det_image_features"));
}

TEST(Network, OfficialModeMatchesThePythonReferenceUnderTheSameSeed) {
  torch::NoGradGuard g;
  VitMoE net = tinyNetwork();
  torch::manual_seed(1234);
  auto video = net->forward(tensorFile("tiny_video_input.pt"), ForwardOptions::official());
  expectClose(video.logits, golden("golden_tiny.pt", "off_video_logits"));
  expectClose(video.features, golden("golden_tiny.pt", "off_video_features"));
  torch::manual_seed(99);
  auto image = net->forward(tensorFile("tiny_image_input.pt"), ForwardOptions::official());
  expectClose(image.logits, golden("golden_tiny.pt", "off_image_logits"));
  // Router noise is really drawn: a different seed gives different outputs.
  torch::manual_seed(5);
  auto other = net->forward(tensorFile("tiny_image_input.pt"), ForwardOptions::official());
  EXPECT_GT((other.logits - image.logits).abs().max().item<double>(), 1e-4);
}

TEST(Network, OfficialModeDropsTokensOverCapacityInFlatOrder) {
  torch::NoGradGuard g;
  VitMoE net = tinyNetwork();
  ForwardOptions o = ForwardOptions::official();
  o.trace_routing = true;
  torch::manual_seed(1234);
  auto out = net->forward(tensorFile("tiny_video_input.pt"), o);
  ASSERT_EQ(out.routing.size(), 2u);
  bool dropped = false;
  for (const auto& r : out.routing) {
    EXPECT_EQ(r.capacity, 3 * 18 * 2 / 4);  // int(B*N*k/E)
    EXPECT_TRUE(torch::equal(r.kept, r.load.clamp_max(r.capacity)));
    dropped = dropped || (r.load > r.kept).any().item<bool>();
  }
  // The golden run exercises capacity dropping, so the parity test above covers it.
  EXPECT_TRUE(dropped);
}

TEST(Network, DeterministicOutputDoesNotDependOnTheBatch) {
  torch::NoGradGuard g;
  VitMoE net = tinyNetwork();
  auto video = tensorFile("tiny_video_input.pt");
  auto alone = net->forward(video.narrow(0, 2, 1));
  expectClose(alone.logits, golden("golden_tiny.pt", "det_video_logits_sample2_alone"));
  auto batch = net->forward(video);
  expectClose(alone.logits, batch.logits.narrow(0, 2, 1));
  auto reordered = net->forward(torch::cat({video.narrow(0, 2, 1), video.narrow(0, 0, 2)}));
  expectClose(reordered.logits.narrow(0, 0, 1), batch.logits.narrow(0, 2, 1));
}

TEST(Network, RoutingTraceHasOneEntryPerMoeLayerAndGatesSumToOne) {
  torch::NoGradGuard g;
  VitMoE net = tinyNetwork();
  ForwardOptions o;
  o.trace_routing = true;
  auto out = net->forward(tensorFile("tiny_video_input.pt"), o);
  ASSERT_EQ(out.routing.size(), 2u);
  EXPECT_EQ(out.routing[0].block, 2);
  EXPECT_EQ(out.routing[1].block, 3);
  for (const auto& r : out.routing) {
    EXPECT_EQ(r.indices.sizes(), (std::vector<int64_t>{3, 18, 2}));
    EXPECT_EQ(r.gates.sizes(), (std::vector<int64_t>{3, 18, 2}));
    EXPECT_TRUE(torch::allclose(r.gates.sum(-1), torch::ones({3, 18})));
    EXPECT_TRUE((r.indices >= 0).all().item<bool>() && (r.indices < 4).all().item<bool>());
    EXPECT_TRUE((r.indices.select(2, 0) != r.indices.select(2, 1)).all().item<bool>());
    EXPECT_EQ(r.load.sum().item<int64_t>(), 3 * 18 * 2);
    EXPECT_EQ(r.capacity, -1);
  }
  EXPECT_TRUE(
      torch::equal(out.routing[0].indices, golden("golden_tiny.pt", "det_video_indices_block2")));
  expectClose(out.routing[0].gates, golden("golden_tiny.pt", "det_video_gates_block2"));
  // Off by default: no trace, same numbers.
  auto plain = net->forward(tensorFile("tiny_video_input.pt"));
  EXPECT_TRUE(plain.routing.empty());
  EXPECT_TRUE(torch::equal(plain.logits, out.logits));
}

TEST(Network, AuxLossIsFiniteAndDifferentiableWhenRequested) {
  VitMoE net = tinyNetwork();
  net->train();
  ForwardOptions o = ForwardOptions::official();
  o.aux_loss = true;
  auto out = net->forward(tensorFile("tiny_image_input.pt"), o);
  ASSERT_TRUE(out.aux_loss.defined());
  EXPECT_TRUE(std::isfinite(out.aux_loss.item<double>()));
  (out.logits.sum() + out.aux_loss).backward();
  auto grad = net->named_parameters()["blocks.2.moe_layer.router.topkroute_linear.weight"].grad();
  ASSERT_TRUE(grad.defined());
  EXPECT_GT(grad.abs().sum().item<double>(), 0.0);
  // Experts receive gradients through the gated dispatch.
  auto egrad = net->named_parameters()["blocks.3.moe_layer.experts.0.fc1.weight"].grad();
  ASSERT_TRUE(egrad.defined());
}

TEST(Network, WrongInputShapesGiveAClearError) {
  VitMoE net = tinyNetwork();
  for (auto shape : std::vector<std::vector<int64_t>>{
           {1, 3, 4, 32, 32}, {1, 1, 48, 48}, {1, 3, 5, 48, 48}, {3, 48, 48}, {0, 3, 48, 48}}) {
    try {
      net->forward(torch::zeros(shape));
      ADD_FAILURE() << "accepted shape " << shape.size();
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), Error::Kind::kShape);
      EXPECT_NE(std::string(e.what()).find("input of shape"), std::string::npos);
    }
  }
}
