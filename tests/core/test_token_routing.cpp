// Issue 6's numbers: a stored window's crops are rebuilt exactly, so the token-level trace of the
// rebuilt clip gives back the routing summary the analysis stored; the image path traces one
// slice; the expert × class matrix averages the right windows.
#include <fstream>
#include <numeric>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include "core/analysis/analyzer.h"
#include "core/analysis/clip_model.h"
#include "core/analysis/token_routing.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "tests/core/analysis_fixtures.h"

using namespace unilearn;

namespace {

struct Analysed {
  std::unique_ptr<core::Project> project;
  core::AnalysisRecord analysis;
  std::vector<core::WindowPrediction> windows;
};

Analysed analysed(core::ClipModel& model, const std::string& name) {
  Analysed a;
  a.project = core::Project::open(test::freshProjectPath(name));
  const auto s =
      core::analyzeVideo(*a.project, test::astroClip(90), &model, UNILEARN_RESOURCE_SOURCE_DIR, {});
  for (const auto& r : a.project->analyses(s.media_id))
    if (r.id == s.analysis_id) a.analysis = r;
  a.windows = a.project->windows(s.analysis_id, true);
  return a;
}

}  // namespace

TEST(TokenRouting, TheRebuiltClipsTraceGivesBackTheStoredRouting) {
  auto model = core::ClipModel::load(test::tinyClipModel());
  auto a = analysed(*model, "trace.ulproj");
  ASSERT_EQ(a.windows.size(), 3u);
  EXPECT_EQ(core::analysisModelSpec(*a.project, a.analysis), model->source());
  for (const auto& w : a.windows) {
    const auto crops = core::windowCrops(*a.project, a.analysis, w, 160);
    ASSERT_EQ(crops.size(), 16u);
    const core::TokenRouting r = model->trace(crops);
    EXPECT_TRUE(r.video);
    EXPECT_EQ(r.slices, 8);
    EXPECT_EQ(r.rows, 10);
    EXPECT_EQ(r.cols, 10);
    EXPECT_EQ(r.top_k, 2);
    EXPECT_EQ(r.experts, 4);
    EXPECT_EQ(r.blocks, std::vector<int>{1});
    ASSERT_EQ(r.layers(), 1);
    ASSERT_EQ(r.expert[0].size(), 800u * 2);
    for (size_t c = 0; c < w.probs.size(); ++c)
      EXPECT_NEAR(r.probs[c], w.probs[c], 1e-5);
    const auto share = r.expertShare(), gate = r.meanGate();
    for (size_t e = 0; e < 4; ++e) {
      EXPECT_NEAR(share[0][e], w.expert_share[0][e], 1e-6) << "window " << w.start_frame;
      EXPECT_NEAR(gate[0][e], w.mean_gate[0][e], 1e-5);
    }
    for (int t = 0; t < r.tokens(); ++t) {
      EXPECT_NEAR(r.gateAt(0, t, 0) + r.gateAt(0, t, 1), 1.0f, 1e-5);
      EXPECT_GE(r.gateAt(0, t, 0), r.gateAt(0, t, 1));  // best first
      EXPECT_NE(r.expertAt(0, t, 0), r.expertAt(0, t, 1));
    }
    // Slices partition the tokens: their shares average to the clip's.
    double sum = 0;
    for (int s = 0; s < r.slices; ++s)
      sum += r.expertShare(s)[0][1];
    EXPECT_NEAR(sum / r.slices, share[0][1], 1e-6);
  }
  const core::TokenRouting r =
      model->trace(core::windowCrops(*a.project, a.analysis, a.windows[0], 160));
  const std::string csv = r.toCsv();
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 800 * 2);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "layer,block,slice,row,col,rank,expert,gate");
}

TEST(TokenRouting, TheImagePathTracesOneSliceThroughTheImageHead) {
  auto model = core::ClipModel::load(test::tinyClipModel());
  auto a = analysed(*model, "trace_image.ulproj");
  const auto crops = core::windowCrops(*a.project, a.analysis, a.windows[0], 160);
  const core::TokenRouting still = model->traceImage(crops[8]);
  EXPECT_FALSE(still.video);
  EXPECT_EQ(still.slices, 1);
  EXPECT_EQ(still.tokens(), 100);
  EXPECT_EQ(still.probs.size(), 7u);  // the image head's classes (unnamed in this config)
  EXPECT_EQ(still.classes.size(), 7u);
  EXPECT_NEAR(std::accumulate(still.probs.begin(), still.probs.end(), 0.0), 1.0, 1e-5);
  const core::TokenRouting clip = model->trace(crops);
  const auto d = core::routingDistance(still.expertShare(), clip.expertShare());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_GE(d[0], 0.0f);
  EXPECT_LE(d[0], 1.0f);
  EXPECT_FLOAT_EQ(core::routingDistance(clip.expertShare(), clip.expertShare())[0], 0.0f);
  EXPECT_FLOAT_EQ(core::routingDistance({{1, 0}}, {{0, 1}})[0], 1.0f);
  EXPECT_THROW(model->traceImage(cv::Mat(100, 100, CV_8UC3)), Error);
}

TEST(TokenRouting, ExpertClassMatrixAveragesTheWindowsOfEachClass) {
  auto model = core::ClipModel::load(test::tinyClipModel());
  auto a = analysed(*model, "matrix.ulproj");
  const auto predicted = core::expertClassMatrix(*a.project, "predicted");
  EXPECT_EQ(std::accumulate(predicted.windows.begin(), predicted.windows.end(), int64_t{0}), 3);
  ASSERT_EQ(predicted.share.size(), 1u);
  for (size_t c = 0; c < predicted.classes.size(); ++c)
    EXPECT_NEAR(std::accumulate(predicted.share[0][c].begin(), predicted.share[0][c].end(), 0.0),
                1.0, 1e-5);
  // One annotation covering the middle of the second window only.
  const auto& w = a.windows[1];
  core::Annotation label;
  label.media_id = a.analysis.media_id;
  label.track_id = w.track_id;
  label.scheme = "DFEW-7";
  label.start_frame = (w.start_frame + w.end_frame) / 2 - 2;
  label.end_frame = (w.start_frame + w.end_frame) / 2 + 2;
  label.label = "Happy";
  label.annotator = "ana";
  a.project->addAnnotation(label);
  const auto annotated = core::expertClassMatrix(*a.project, "annotated");
  ASSERT_EQ(annotated.classes, std::vector<std::string>{"Happy"});
  EXPECT_EQ(annotated.windows[0], 1);
  for (size_t e = 0; e < 4; ++e)
    EXPECT_FLOAT_EQ(annotated.share[0][0][e], w.expert_share[0][e]);
  EXPECT_TRUE(core::expertClassMatrix(*a.project, "annotated", "someone else").classes.empty());
  const std::string csv = annotated.toCsv();
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 4);
  EXPECT_THROW(core::expertClassMatrix(*a.project, "guessed"), Error);
}

TEST(TokenRouting, AnOldProjectWithoutFacePositionsGetsAClearError) {
  auto model = core::ClipModel::load(test::tinyClipModel());
  auto a = analysed(*model, "noface.ulproj");
  core::AnalysisRecord other = a.analysis;
  other.id = 999999;  // no frames stored under this analysis
  try {
    core::windowCrops(*a.project, other, a.windows[0], 160);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("analyse the video again"), std::string::npos);
  }
}

// A model trained on tight crops (FER+'s) says so with face_margin 0: the analysis cuts its
// windows that way, records it, and the rebuilt crops are cut the same way (the stored
// probabilities come back), and they are not the default 0.25 crops.
TEST(TokenRouting, TheModelsFaceMarginCutsTheWindowsAndIsRecorded) {
  const std::string config = test::tempPath("tiny160-tight.json");
  std::ofstream(config)
      << R"({"img_size":160,"patch_size":16,"num_frames":16,"tubelet_size":2,)"
         R"("embed_dim":32,"depth":2,"num_heads":2,"moe_layers":[1],"num_experts":4,)"
         R"("top_k":2,"video_classes":3,"video_class_names":["calm","joy","other"],)"
         R"("face_margin":0})";
  auto model = core::ClipModel::load(config);
  ASSERT_EQ(model->config().face_margin, 0.0);
  auto a = analysed(*model, "tight.ulproj");
  EXPECT_EQ(core::analysisFaceMargin(a.analysis), 0.0f);
  ASSERT_FALSE(a.windows.empty());
  const auto& w = a.windows[0];
  const auto crops = core::windowCrops(*a.project, a.analysis, w, 160);
  const auto probs = model->trace(crops).probs;
  for (size_t c = 0; c < w.probs.size(); ++c)
    EXPECT_NEAR(probs[c], w.probs[c], 1e-5);
  // The default model's analysis keeps 0.25 and records nothing new.
  auto wide = core::ClipModel::load(test::tinyClipModel());
  auto b = analysed(*wide, "wide.ulproj");
  EXPECT_EQ(core::analysisFaceMargin(b.analysis), 0.25f);
  EXPECT_EQ(b.analysis.params_json.find("face_margin"), std::string::npos);
  const auto wide_crops = core::windowCrops(*b.project, b.analysis, b.windows[0], 160);
  EXPECT_GT(cv::norm(wide_crops[0], crops[0], cv::NORM_L1), 0.0);
}
