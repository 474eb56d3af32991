#include <gtest/gtest.h>

#include "trainer/schedule.h"

using namespace unilearn::trainer;

TEST(Schedule, WarmsUpLinearlyFromZeroThenFollowsACosineToMinLr) {
  CosineSchedule s;
  s.base_lr = 4e-5;
  s.min_lr = 1.25e-7;
  s.epochs = 10;
  s.warmup_epochs = 2;
  s.steps_per_epoch = 5;
  auto lr = s.perStep();
  ASSERT_EQ(lr.size(), 50u);
  EXPECT_DOUBLE_EQ(lr[0], 0.0);
  EXPECT_DOUBLE_EQ(lr[5], 2e-5);
  EXPECT_DOUBLE_EQ(lr[10], 4e-5);
  for (size_t i = 11; i < lr.size(); ++i)
    EXPECT_LT(lr[i], lr[i - 1]);
  EXPECT_GT(lr.back(), s.min_lr);
  EXPECT_NEAR(lr.back(), s.min_lr, 1e-7);
}

TEST(Schedule, LayerDecayFollowsTheOfficialLayerIds) {
  EXPECT_EQ(layerId("patch_embed.proj.weight", 12), 0);
  EXPECT_EQ(layerId("blocks.0.attn.qkv.weight", 12), 1);
  EXPECT_EQ(layerId("blocks.11.moe_layer.experts.3.fc1.weight", 12), 12);
  EXPECT_EQ(layerId("fc_norm.weight", 12), 13);
  EXPECT_EQ(layerId("head.video.bias", 12), 13);
  EXPECT_DOUBLE_EQ(layerScale("head.video.weight", 12), 1.0);
  EXPECT_DOUBLE_EQ(layerScale("blocks.11.mlp.fc1.weight", 12), 0.75);
  EXPECT_NEAR(layerScale("patch_embed.proj.weight", 12), 0.023757, 1e-6);  // 0.75^13
}

TEST(Schedule, NoWeightDecayForBiasesNormsAndPositions) {
  EXPECT_TRUE(skipsWeightDecay("blocks.0.attn.q_bias", 1));
  EXPECT_TRUE(skipsWeightDecay("blocks.0.norm1.weight", 1));
  EXPECT_TRUE(skipsWeightDecay("head.video.bias", 1));
  EXPECT_FALSE(skipsWeightDecay("blocks.0.attn.qkv.weight", 2));
  EXPECT_FALSE(skipsWeightDecay("patch_embed.proj.weight", 5));
}
