// Issue 9's building blocks: teacher-labelled real faces, synthetic clips from stills, and
// fine-tuning on soft targets.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numeric>
#include <sstream>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/analysis/analyzer.h"
#include "core/analysis/clip_model.h"
#include "core/faces/face_pipeline.h"
#include "model/base/error.h"
#include "model/base/json.h"
#include "model/safetensors.h"
#include "tests/test_util.h"
#include "tests/trainer/trainer_fixtures.h"
#include "trainer/distill.h"
#include "trainer/finetune.h"

using namespace unilearn;
namespace fs = std::filesystem;

TEST(Distill, RealFacesGetTheStaticModelsProbabilities) {
  std::vector<std::string> notes;
  const auto d = trainer::teacherLabelledStills(
      {test::dataPath("faces/astronaut.jpg"), test::dataPath("faces/grace_hopper.jpg")},
      UNILEARN_RESOURCE_SOURCE_DIR, 64, &notes);
  EXPECT_TRUE(notes.empty());
  ASSERT_EQ(d.images.size(), 2u);
  EXPECT_EQ(d.classes.size(), 7u);
  for (const auto& img : d.images) {
    EXPECT_EQ(img.face.size(), cv::Size(64, 64));
    ASSERT_EQ(img.soft.size(), 7u);
    EXPECT_NEAR(std::accumulate(img.soft.begin(), img.soft.end(), 0.0), 1.0, 1e-4);
  }
  EXPECT_EQ(d.classes[static_cast<size_t>(d.images[0].label)], "happy");    // the astronaut
  EXPECT_EQ(d.classes[static_cast<size_t>(d.images[1].label)], "neutral");  // Grace Hopper
  EXPECT_NE(d.images[0].group, d.images[1].group);
  EXPECT_THROW(
      trainer::teacherLabelledStills({"/nonexistent.jpg"}, UNILEARN_RESOURCE_SOURCE_DIR, 64),
      Error);
}

TEST(Distill, SyntheticClipsMoveSmoothlyAndBlendBetweenStills) {
  std::mt19937_64 make(1);
  const auto a = test::learnableClip(0, 1, 64, make)[0], b = test::learnableClip(1, 1, 64, make)[0];
  std::mt19937_64 r1(9), r2(9);
  trainer::SynthOptions o;
  o.frames = 12;
  const auto x = trainer::synthesizeClip(a, nullptr, r1, o),
             y = trainer::synthesizeClip(a, nullptr, r2, o);
  ASSERT_EQ(x.size(), 12u);
  EXPECT_EQ(cv::norm(x[0], a, cv::NORM_INF), 0);  // starts at the still
  for (size_t f = 0; f < 12; ++f)
    EXPECT_EQ(cv::norm(x[f], y[f], cv::NORM_INF), 0);  // seeded
  EXPECT_GT(cv::norm(x[11], x[0], cv::NORM_L1), 0);    // and moves
  std::mt19937_64 r3(9);
  const auto blend = trainer::synthesizeClip(a, &b, r3, o);
  EXPECT_EQ(cv::norm(blend[0], a, cv::NORM_INF), 0);
  // The last frame is the other face under the same move: closer to it than to the first.
  std::mt19937_64 r4(9);
  const auto moved_b = trainer::synthesizeClip(b, nullptr, r4, o);
  EXPECT_LT(cv::norm(blend[11], moved_b[11], cv::NORM_L1), cv::norm(blend[11], x[11], cv::NORM_L1));

  trainer::Dataset stills;
  stills.classes = {"x", "y"};
  stills.images.push_back({a, 0, "p1", "a", {0.9f, 0.1f}});
  stills.images.push_back({b, 1, "p1", "b", {0.2f, 0.8f}});
  stills.images.push_back({b, 1, "p2", "c", {}});
  const auto clips = trainer::synthesizeClips(stills, 2, 4, o);
  ASSERT_EQ(clips.clips.size(), 3u * 2 + 1);  // two moves per still, one blend within p1
  const auto& mixed = clips.clips.back();
  ASSERT_EQ(mixed.soft.size(), 2u);
  EXPECT_FLOAT_EQ(mixed.soft[0], 0.55f);
  EXPECT_EQ(mixed.group, "p1");
}

TEST(Distill, FineTuningFollowsSoftTargets) {
  // The learnable set with soft targets that put 0.8 on the true class: the run learns it, and
  // a soft target of the wrong size is a clear error.
  auto train = test::learnableSet(8, 41), val = test::learnableSet(3, 42);
  for (auto& clip : train.clips) {
    clip.soft.assign(3, 0.1f);
    clip.soft[static_cast<size_t>(clip.label)] = 0.8f;
  }
  trainer::FinetuneConfig c;
  c.base_model = test::tinyTrainConfig();
  c.epochs = 8;
  c.video_batch = 6;
  c.image_batch = 12;
  c.lr = 2e-3;
  c.mixup = c.cutmix = 0;
  c.augment.enabled = false;
  c.sampling_rate = 2;
  c.threads = 2;
  c.out_dir = test::tempPath("distill_soft");
  fs::remove_all(c.out_dir);
  c.resume = false;
  const auto r = trainer::finetune(c, train, val);
  EXPECT_GE(r.best.war, 0.9) << r.best.summary(train.classes);
  train.clips[0].soft = {1.0f};
  c.out_dir = test::tempPath("distill_bad");
  fs::remove_all(c.out_dir);
  EXPECT_THROW(trainer::finetune(c, train, val), Error);
}

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST(Distill, TheRecipeRunsEndToEndAtAReducedSize) {
  // The shipped model's recipe (scripts/distill) on the two portraits of tests/data, with the
  // tiny network and one epoch: faces, teacher, split, clips, training, agreement, fp16, card.
  const fs::path dir = test::tempPath("distill_recipe");
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "job.json")
      << R"({"images": [")" << test::dataPath("faces/astronaut.jpg") << R"(", ")"
      << test::dataPath("faces/grace_hopper.jpg")
      << R"("], "holdout_every": 2, "clips_per_face": 2, "clip_frames": 8, "training": {)"
      << R"("base_model": ")" << test::tinyTrainConfig()
      << R"(", "epochs": 1, "video_batch": 2, "image_batch": 1, "sampling_rate": 1,)"
      << R"( "threads": 2, "out_dir": "training", "model_name": "tiny-distilled"}})";
  const std::string model = (dir / "tiny.safetensors").string(), card = (dir / "tiny.md").string();
  const std::string out = (dir / "out.txt").string();
  ASSERT_EQ(std::system((std::string(UNILEARN_CLI) + " distill " + (dir / "job.json").string() +
                         " --out " + model + " --card " + card + " >" + out + " 2>&1")
                            .c_str()),
            0)
      << slurp(out);
  const std::string text = slurp(out);
  EXPECT_NE(text.find("trained on 1 faces (2 synthetic clips), held out 1"), std::string::npos)
      << text;
  EXPECT_NE(text.find("held-out stills (head.image): top-1 agreement"), std::string::npos);
  const std::string md = slurp(card);
  EXPECT_NE(md.find("`" + core::contentHash(model) + "`"), std::string::npos) << md;
  EXPECT_NE(md.find("Not a clinical or diagnostic instrument"), std::string::npos);
  EXPECT_NE(md.find("grace_hopper.jpg face 1"), std::string::npos);  // the held-out face (2nd)
  // Stored as 16-bit floats, and it predicts as the full-precision result does.
  const SafetensorsFile f = readSafetensors(model);
  EXPECT_EQ(f.tensors.front().second.scalar_type(), torch::kHalf);
  auto half = core::ClipModel::load(model);
  auto full = core::ClipModel::load((dir / "training" / "tiny-distilled.safetensors").string());
  const cv::Mat face = cv::imread(test::dataPath("faces/astronaut.jpg"));
  cv::Mat crop;
  cv::resize(face, crop, cv::Size(64, 64));
  const auto a = half->traceImage(crop).probs, b = full->traceImage(crop).probs;
  for (size_t c = 0; c < a.size(); ++c)
    EXPECT_NEAR(a[c], b[c], 5e-3);
  // The held-out faces can be exported for checking a shipped model against its card.
  ASSERT_EQ(std::system((std::string(UNILEARN_CLI) + " distill " + (dir / "job.json").string() +
                         " --export-held-out " + (dir / "held").string() + " >/dev/null 2>&1")
                            .c_str()),
            0);
  EXPECT_TRUE(fs::exists(dir / "held" / "face0.png"));
  EXPECT_NE(slurp((dir / "held" / "teacher.csv").string()).find("file,neutral,happy"),
            std::string::npos);
}
