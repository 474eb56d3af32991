#include <fstream>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "model/base/error.h"
#include "model/config.h"
#include "model/vit_moe.h"
#include "tests/test_util.h"

using unilearn::Error;
using unilearn::ModelConfig;

TEST(ModelConfig, PaperPresetMatchesTheOfficialModel) {
  ModelConfig c = ModelConfig::preset("unilearn-b16-160");
  EXPECT_EQ(
      c.toJson().dump(),
      R"({"img_size":160,"patch_size":16,"num_frames":16,"tubelet_size":2,"embed_dim":768,)"
      R"("depth":12,"num_heads":12,"mlp_ratio":4,"qkv_bias":true,"moe_layers":[6,7,8,9,10,11],)"
      R"("num_experts":8,"top_k":2,"capacity_factor":1,"image_classes":7,"video_classes":7,)"
      R"("image_class_names":["Neutral","Happy","Sad","Surprise","Fear","Disgust","Anger"],)"
      R"("video_class_names":["Happy","Sad","Neutral","Angry","Surprise","Disgust","Fear"]})");
  EXPECT_EQ(c.parameterCount(), 100513646);
  EXPECT_EQ(c.videoTokens(), 800);
  EXPECT_EQ(c.imageTokens(), 100);
  EXPECT_EQ(c.expertHidden(), 192);
}

TEST(ModelConfig, ReadsTheInterfaceJsonAndRoundTrips) {
  const std::string text =
      R"({"img_size":160,"patch_size":16,"num_frames":16,"tubelet_size":2,"embed_dim":768,"depth":12,)"
      R"("num_heads":12,"mlp_ratio":4.0,"qkv_bias":true,"moe_layers":[6,7,8,9,10,11],"num_experts":8,)"
      R"("top_k":2,"capacity_factor":1.0,"image_classes":7,"video_classes":11})";
  ModelConfig c = ModelConfig::fromJson(unilearn::json::parse(text));
  EXPECT_EQ(c.video_classes, 11);
  EXPECT_EQ(c.parameterCount(), 100516722);  // MAFW head (spec §1.6)
  const std::string path = unilearn::test::tempPath("config.json");
  c.toFile(path);
  EXPECT_TRUE(ModelConfig::fromFile(path) == c);
  EXPECT_TRUE(ModelConfig::fromNameOrFile(path) == c);
  // The crop margin: the authors' 0.25 unless said, written only when not that.
  EXPECT_EQ(c.face_margin, 0.25);
  EXPECT_EQ(c.toJson().find("face_margin"), nullptr);
  c.face_margin = 0;
  EXPECT_EQ(ModelConfig::fromJson(c.toJson()).face_margin, 0.0);
}

TEST(ModelConfig, RejectsUnknownKeysAndInconsistentValues) {
  auto bad = [](const std::string& text, const std::string& needle) {
    try {
      ModelConfig::fromJson(unilearn::json::parse(text));
      ADD_FAILURE() << "accepted " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), Error::Kind::kConfig) << e.what();
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  bad(R"({"embed_dims":768})", "unknown key 'embed_dims'");
  bad(R"({"embed_dim":100})", "divisible by num_heads");
  bad(R"({"moe_layers":[12]})", "outside 0..11");
  bad(R"({"top_k":9})", "top_k");
  bad(R"({"img_size":150})", "multiple of patch_size");
  bad(R"({"video_classes":3,"video_class_names":["a"]})", "video_class_names");
  bad(R"({"face_margin":1.5})", "face_margin");
  EXPECT_THROW(ModelConfig::fromNameOrFile("unilearn-x"), Error);
  EXPECT_THROW(ModelConfig::fromFile("/nonexistent/c.json"), Error);
}

TEST(ModelConfig, AnalyticParameterCountMatchesTheBuiltNetwork) {
  for (const auto& name : {"unilearn-s16-160", "unilearn-t16-160"}) {
    ModelConfig c = ModelConfig::preset(name);
    unilearn::VitMoE net(c);
    EXPECT_EQ(unilearn::parameterCount(*net), c.parameterCount()) << name;
  }
  ModelConfig tiny = unilearn::test::tinyConfig();
  tiny.qkv_bias = false;
  unilearn::VitMoE net(tiny);
  EXPECT_EQ(unilearn::parameterCount(*net), tiny.parameterCount());
}
