// Reading the authors' torch.save checkpoints and mapping them onto the network.
#include <fstream>

#include <caffe2/serialize/inline_container.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "model/base/error.h"
#include "model/checkpoint.h"
#include "model/network_file.h"
#include "model/vit_moe.h"
#include "tests/test_util.h"

using namespace unilearn;

TEST(Checkpoint, ReadsTheAuthorsLayoutWithOptimizerScalerAndNamespace) {
  TorchCheckpoint ck = readTorchCheckpoint(test::dataPath("tiny_authors_checkpoint.pth"));
  EXPECT_EQ(ck.state_dict_key, "model");
  EXPECT_EQ(ck.top_level_keys,
            (std::vector<std::string>{"model", "optimizer", "epoch", "scaler", "args"}));
  ASSERT_TRUE(ck.args.isObject());
  EXPECT_EQ(ck.args.find("model")->asString(), "vitmoe_tiny_test");
  EXPECT_EQ(ck.args.find("nb_classes")->asInt(), 5);
  EXPECT_DOUBLE_EQ(ck.args.find("lr")->asNumber(), 4e-5);
  EXPECT_EQ(ck.args.find("moe_layers")->asArray().size(), 2u);
  VitMoE net(test::tinyConfig());
  ASSERT_EQ(ck.state_dict.size(), net->named_parameters().size());
  LoadReport r = loadStateDict(*net, ck.state_dict);
  EXPECT_TRUE(r.complete());
  EXPECT_FALSE(r.pretrain);
  EXPECT_EQ(r.loaded.size(), ck.state_dict.size());
  // Values really copied.
  auto want = ck.state_dict.front().second;
  EXPECT_TRUE(torch::equal(net->named_parameters()[ck.state_dict.front().first], want));
}

TEST(Checkpoint, ReadsHalfBfloatIntegerBoolEmptyAndSharedStorageViews) {
  TorchCheckpoint ck = readTorchCheckpoint(test::dataPath("mixed_dtypes.pth"));
  EXPECT_EQ(ck.state_dict_key, "module");
  std::map<std::string, torch::Tensor> t(ck.state_dict.begin(), ck.state_dict.end());
  auto base = torch::arange(24, torch::kFloat);
  EXPECT_TRUE(torch::equal(t["f32"], base.view({4, 6})));
  EXPECT_TRUE(torch::equal(t["f32_view_t"], base.view({4, 6}).t()));
  EXPECT_TRUE(torch::equal(t["f32_slice"], base.slice(0, 6, 12)));
  // The three views share one storage, as in the file.
  EXPECT_EQ(t["f32"].data_ptr(), t["f32_view_t"].data_ptr());
  EXPECT_EQ(t["f32_slice"].storage().data(), t["f32"].storage().data());
  EXPECT_EQ(t["f16"].scalar_type(), torch::kHalf);
  EXPECT_TRUE(torch::allclose(t["f16"].to(torch::kFloat), torch::linspace(-2, 2, 10), 1e-3, 1e-3));
  EXPECT_EQ(t["bf16"].scalar_type(), torch::kBFloat16);
  EXPECT_EQ(t["bf16"].sizes(), (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(t["i64"][2].item<int64_t>(), int64_t{3} << 40);
  EXPECT_EQ(t["i64"][1].item<int64_t>(), -2);
  EXPECT_EQ(t["u8"][1].item<uint8_t>(), 255);
  EXPECT_TRUE(t["flag"][0].item<bool>());
  EXPECT_EQ(t["empty"].sizes(), (std::vector<int64_t>{0, 3}));
}

TEST(Checkpoint, PretrainCheckpointNeedsPartialLoadingAndIsReportedAsTheOfficialRemap) {
  TorchCheckpoint ck = readTorchCheckpoint(test::dataPath("tiny_pretrain_checkpoint.pth"));
  VitMoE net(test::tinyConfig());
  EXPECT_THROW(loadStateDict(*net, ck.state_dict), Error);
  LoadOptions partial;
  partial.allow_partial = true;
  LoadReport r = loadStateDict(*net, ck.state_dict, partial);
  EXPECT_TRUE(r.pretrain);
  EXPECT_TRUE(r.unexpected.empty());
  EXPECT_TRUE(r.mismatched.empty());
  // Routers, experts, fc_norm and heads keep their initial values (spec §1.7).
  for (const auto& k : r.missing) {
    const bool expected = k.find(".moe_layer.") != std::string::npos ||
                          k.rfind("fc_norm.", 0) == 0 || k.rfind("head.", 0) == 0;
    EXPECT_TRUE(expected) << k;
  }
  EXPECT_EQ(r.missing.size(), 2u * (4 + 4 * 4) + 2 + 4);
  EXPECT_EQ(r.unused.size(),
            5u);  // encoder.norm.{weight,bias}, encoder_to_decoder, mask_token, decoder
  EXPECT_EQ(r.loaded.size(), ck.state_dict.size() - r.unused.size());
  EXPECT_NE(r.summary().find("pre-training checkpoint"), std::string::npos);
}

TEST(Checkpoint, ShapeMismatchIsAnErrorThatNamesTheKeyAndLeavesTheModelUnchanged) {
  ModelConfig other = test::tinyConfig();
  other.video_classes = 11;
  VitMoE net(other);
  auto before = net->named_parameters()["blocks.0.attn.qkv.weight"].clone();
  TorchCheckpoint ck = readTorchCheckpoint(test::dataPath("tiny_authors_checkpoint.pth"));
  try {
    loadStateDict(*net, ck.state_dict);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), Error::Kind::kShape);
    EXPECT_NE(std::string(e.what()).find("head.video.weight is [5,32], model needs [11,32]"),
              std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(torch::equal(before, net->named_parameters()["blocks.0.attn.qkv.weight"]));
  LoadOptions partial;
  partial.allow_partial = true;
  LoadReport r = loadStateDict(*net, ck.state_dict, partial);
  EXPECT_EQ(r.mismatched.size(), 2u);
  EXPECT_FALSE(torch::equal(before, net->named_parameters()["blocks.0.attn.qkv.weight"]));
}

TEST(Checkpoint, InfersTheConfigFromShapes) {
  TorchCheckpoint ck = readTorchCheckpoint(test::dataPath("tiny_authors_checkpoint.pth"));
  ModelConfig c = inferConfig(ck.state_dict);
  EXPECT_EQ(c.embed_dim, 32);
  EXPECT_EQ(c.depth, 4);
  EXPECT_EQ(c.moe_layers, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(c.num_experts, 4);
  EXPECT_EQ(c.video_classes, 5);
  EXPECT_EQ(c.image_classes, 7);
}

TEST(Checkpoint, RefusesAFileThatWouldRunCodeAndNamesTheGlobal) {
  std::remove("/tmp/unilearn_hostile_ran");
  try {
    readTorchCheckpoint(test::dataPath("hostile_os_system.pth"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), Error::Kind::kUnsafe);
    EXPECT_NE(std::string(e.what()).find("'posix.system'"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::ifstream("/tmp/unilearn_hostile_ran").good());
}

TEST(Checkpoint, MissingEmptyAndForeignFilesGiveClearErrors) {
  auto kindOf = [](const std::string& path) {
    try {
      readTorchCheckpoint(path);
    } catch (const Error& e) {
      return e.kind();
    }
    return Error::Kind::kArgument;
  };
  EXPECT_EQ(kindOf("/nonexistent/model.pth"), Error::Kind::kIo);
  const std::string empty = test::tempPath("empty.pth");
  std::ofstream(empty).close();
  EXPECT_EQ(kindOf(empty), Error::Kind::kFormat);
  const std::string text = test::tempPath("text.pth");
  std::ofstream(text) << "hello, this is not a checkpoint";
  EXPECT_EQ(kindOf(text), Error::Kind::kFormat);
  const std::string legacy = test::tempPath("legacy.pth");
  std::ofstream(legacy) << "\x80\x02\x8a\x0alegacy";
  try {
    readTorchCheckpoint(legacy);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("legacy"), std::string::npos);
  }
  // A plain tensor is a torch file but not a checkpoint.
  EXPECT_EQ(kindOf(test::dataPath("tiny_video_input.pt")), Error::Kind::kFormat);
}

TEST(Checkpoint, LoadNetworkInfersTheConfigOfAnAuthorsCheckpoint) {
  LoadedNetwork net = loadNetwork(test::dataPath("tiny_authors_checkpoint.pth"), std::nullopt);
  EXPECT_EQ(net.format, "torch");
  EXPECT_EQ(net.config.num_heads, 1);  // inferred as embed_dim / 64: wrong for this tiny test model
  LoadedNetwork right =
      loadNetwork(test::dataPath("tiny_authors_checkpoint.pth"), test::tinyConfig());
  EXPECT_EQ(right.config.num_heads, 2);
  EXPECT_TRUE(right.report.complete());
}

TEST(Checkpoint, ReadsOnlyTheWeightsAndChecksumsThem) {
  // Damage the last storage record (optimizer state, written after the model's weights).
  const std::string src = test::dataPath("tiny_authors_checkpoint.pth");
  std::ifstream in(src, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  caffe2::serialize::PyTorchStreamReader reader(src);
  int last = -1;
  for (const auto& r : reader.getAllRecords())
    if (r.rfind("data/", 0) == 0) last = std::max(last, std::stoi(r.substr(5)));
  ASSERT_GT(last, 100);  // model (100 tensors) + AdamW state
  const size_t at = reader.getRecordOffset("data/" + std::to_string(last));
  bytes[at] ^= 0x40;
  const std::string damaged = test::tempPath("damaged_optimizer.pth");
  std::ofstream(damaged, std::ios::binary) << bytes;

  TorchCheckpoint ok = readTorchCheckpoint(damaged);
  TorchCheckpoint original = readTorchCheckpoint(src);
  ASSERT_EQ(ok.state_dict.size(), original.state_dict.size());
  for (size_t i = 0; i < ok.state_dict.size(); ++i)
    EXPECT_TRUE(torch::equal(ok.state_dict[i].second, original.state_dict[i].second));
  try {
    readTorchFile(damaged);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("fails its checksum"), std::string::npos) << e.what();
  }
}
