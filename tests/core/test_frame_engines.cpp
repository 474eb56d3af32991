// The per-frame engines of the analysis (issue 14, item 5): the UniLearn image head, and the
// static model and the image head combined, on a real-face clip; what the analysis records,
// what exports say, and when the default falls back to the static model.
#include <fstream>
#include <memory>
#include <sstream>

#include <gtest/gtest.h>

#include "core/analysis/analyzer.h"
#include "core/analysis/clip_model.h"
#include "core/export/exporter.h"
#include "core/resources.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "tests/core/analysis_fixtures.h"
#include "tests/test_util.h"

using namespace unilearn;

namespace {

const std::string kResources = UNILEARN_RESOURCE_SOURCE_DIR;

using test::freshProject;

// A tiny 160-pixel model whose image head has the seven expressions in DFEW's order and
// spelling (and a clip head of three other classes).
std::unique_ptr<core::ClipModel> headsModel() {
  const std::string config = test::tempPath("tiny160-heads.json");
  std::ofstream(config)
      << R"({"img_size":160,"patch_size":16,"num_frames":16,"tubelet_size":2,)"
         R"("embed_dim":32,"depth":2,"num_heads":2,"moe_layers":[1],"num_experts":4,"top_k":2,)"
         R"("image_class_names":["Happy","Sad","Neutral","Angry","Surprise","Disgust","Fear"],)"
         R"("video_classes":3,"video_class_names":["calm","joy","other"]})";
  return core::ClipModel::load(config);
}

}  // namespace

// Issue 14, item 5: the UniLearn image head as the per-frame engine. Its classes (here in DFEW's
// order and spelling) map by name onto the frame curves' order; each stored frame is the image
// head on the window crop of that frame; the analysis records it and exports name it. A model
// whose image head lacks the seven expressions is refused with a clear error.
TEST(Analysis, TheImageHeadCanMakeThePerFrameCurves) {
  auto model = headsModel();
  auto project = freshProject("image_head.ulproj");
  core::AnalysisOptions o;
  o.every = 5;
  o.frame_engine = core::FrameEngine::kImageHead;
  const auto s = core::analyzeVideo(*project, test::astroClip(60), model.get(), kResources, o);
  EXPECT_EQ(s.faces, 12);
  const auto analysis = project->analyses(s.media_id).back();
  EXPECT_EQ(core::analysisFrameEngine(analysis), core::FrameEngine::kImageHead);
  const auto tracks = project->tracks(s.media_id);
  ASSERT_EQ(tracks.size(), 1u);
  const auto frames = project->frames(analysis.id, tracks[0].id);
  ASSERT_EQ(frames.size(), 12u);
  // neutral, happy, sad, angry, fearful, disgusted, surprised ← the head's 2, 0, 1, 3, 6, 5, 4.
  const std::vector<size_t> from = {2, 0, 1, 3, 6, 5, 4};
  for (size_t i : {size_t{0}, size_t{7}}) {
    const auto crop = core::trackCrops(*project, analysis, tracks[0].id, {frames[i].frame}, 160);
    const auto head = model->predictImages(crop).at(0);
    ASSERT_EQ(frames[i].probs.size(), 7u);
    for (size_t c = 0; c < 7; ++c)
      EXPECT_NEAR(frames[i].probs[c], head[from[c]], 1e-5) << "frame " << frames[i].frame;
  }
  std::ostringstream csv, js;
  core::ExportOptions e;
  e.frames = true;
  core::exportCsv(*project, csv, e);
  EXPECT_NE(csv.str().find(",frame_neutral,smoothed_neutral,"), std::string::npos);
  EXPECT_EQ(csv.str().find(",static_neutral,"), std::string::npos);
  EXPECT_NE(csv.str().find(",unilearn-image-head\n"), std::string::npos);
  core::exportJson(*project, js, e);
  EXPECT_NE(js.str().find("\"frame_model\": \"unilearn-image-head\""), std::string::npos);
  // The static model's analyses keep their columns.
  auto plain = freshProject("static_frames.ulproj");
  core::analyzeVideo(*plain, test::astroClip(30), nullptr, kResources, {});
  std::ostringstream old;
  core::exportCsv(*plain, old, e);
  EXPECT_NE(old.str().find(",static_neutral,"), std::string::npos);
  EXPECT_EQ(old.str().find("frame_model"), std::string::npos);
  // Three video classes and no image class names: no per-frame curves from it.
  auto tiny = core::ClipModel::load(test::tinyClipModel());
  try {
    core::analyzeVideo(*project, test::astroClip(30), tiny.get(), kResources, o);
    ADD_FAILURE() << "a head without the seven expressions was accepted";
  } catch (const Error& err) {
    EXPECT_NE(std::string(err.what()).find("use the static model for frames"), std::string::npos)
        << err.what();
  }
  EXPECT_THROW(core::analyzeVideo(*project, test::astroClip(30), nullptr, kResources, o), Error);
}

// The combined engine: the normalised geometric mean of the static model and the image head
// (hand-computed), stored per frame, recorded in the analysis and named in exports.
TEST(Analysis, TheCombinedEngineIsTheGeometricMeanOfBothModels) {
  // sqrt(0.64 * 0.25) = 0.4, sqrt(0.36 * 0.25) = 0.3, sqrt(0 * 0.5) = 0; normalised by 0.7.
  const auto p = core::combinedFrameProbabilities({0.64f, 0.36f, 0.0f}, {0.25f, 0.25f, 0.5f});
  ASSERT_EQ(p.size(), 3u);
  EXPECT_NEAR(p[0], 0.4 / 0.7, 1e-6);
  EXPECT_NEAR(p[1], 0.3 / 0.7, 1e-6);
  EXPECT_NEAR(p[2], 0.0, 1e-9);
  // Sure of different classes: nothing in common, so the mean of the two.
  const auto apart = core::combinedFrameProbabilities({1.0f, 0.0f}, {0.0f, 1.0f});
  EXPECT_NEAR(apart[0], 0.5, 1e-6);
  EXPECT_THROW(core::combinedFrameProbabilities({1.0f}, {0.5f, 0.5f}), Error);
  for (auto e :
       {core::FrameEngine::kStatic, core::FrameEngine::kImageHead, core::FrameEngine::kCombined})
    EXPECT_EQ(core::frameEngineFromKey(core::frameEngineKey(e)), e);
  EXPECT_FALSE(core::frameEngineFromKey("unilearn").has_value());

  auto model = headsModel();
  // As a default (the CLI's and the app's), it falls back to the static model where the model's
  // image head lacks the seven expressions, and says why.
  std::string why;
  auto shipped = core::ClipModel::load(core::shippedClipModel());
  EXPECT_EQ(core::usableFrameEngine(core::FrameEngine::kCombined, shipped.get(), &why),
            core::FrameEngine::kCombined);
  EXPECT_TRUE(why.empty()) << why;
  auto tiny = core::ClipModel::load(test::tinyClipModel());
  EXPECT_EQ(core::usableFrameEngine(core::FrameEngine::kCombined, tiny.get(), &why),
            core::FrameEngine::kStatic);
  EXPECT_NE(why.find("come from the static model"), std::string::npos) << why;
  EXPECT_EQ(core::usableFrameEngine(core::FrameEngine::kImageHead, nullptr),
            core::FrameEngine::kStatic);
  // A preset's random weights would draw noise: the static model draws the curves.
  auto random = core::ClipModel::load("unilearn-t16-160");
  ASSERT_TRUE(random->randomWeights());
  EXPECT_EQ(core::usableFrameEngine(core::FrameEngine::kCombined, random.get(), &why),
            core::FrameEngine::kStatic);
  EXPECT_NE(why.find("random weights"), std::string::npos) << why;
  core::AnalysisOptions o;
  o.every = 5;
  auto plain = freshProject("combined_static.ulproj");
  const auto ps = core::analyzeVideo(*plain, test::astroClip(60), model.get(), kResources, o);
  auto project = freshProject("combined.ulproj");
  o.frame_engine = core::FrameEngine::kCombined;
  const auto s = core::analyzeVideo(*project, test::astroClip(60), model.get(), kResources, o);
  const auto analysis = project->analyses(s.media_id).back();
  EXPECT_EQ(core::analysisFrameEngine(analysis), core::FrameEngine::kCombined);
  const auto static_analysis = plain->analyses(ps.media_id).back();
  const auto static_frames = plain->frames(static_analysis.id, plain->tracks(ps.media_id).at(0).id);
  const auto tracks = project->tracks(s.media_id);
  ASSERT_EQ(tracks.size(), 1u);
  const auto frames = project->frames(analysis.id, tracks[0].id);
  ASSERT_EQ(frames.size(), 12u);
  ASSERT_EQ(static_frames.size(), 12u);
  const std::vector<size_t> from = {2, 0, 1, 3, 6, 5, 4};  // as in the test above
  for (size_t i : {size_t{0}, size_t{7}}) {
    const auto crop = core::trackCrops(*project, analysis, tracks[0].id, {frames[i].frame}, 160);
    const auto head = model->predictImages(crop).at(0);
    std::vector<float> mapped;
    for (size_t c : from)
      mapped.push_back(head[c]);
    const auto want = core::combinedFrameProbabilities(static_frames[i].probs, mapped);
    ASSERT_EQ(frames[i].probs.size(), 7u);
    for (size_t c = 0; c < 7; ++c)
      EXPECT_NEAR(frames[i].probs[c], want[c], 1e-5) << "frame " << frames[i].frame;
  }
  std::ostringstream csv, js;
  core::ExportOptions e;
  e.frames = true;
  core::exportCsv(*project, csv, e);
  EXPECT_NE(csv.str().find(",frame_neutral,smoothed_neutral,"), std::string::npos);
  EXPECT_NE(csv.str().find(",static+unilearn-image-head\n"), std::string::npos);
  core::exportJson(*project, js, e);
  EXPECT_NE(js.str().find("\"frame_model\": \"static+unilearn-image-head\""), std::string::npos);
}
