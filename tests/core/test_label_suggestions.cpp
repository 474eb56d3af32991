// "What to label next": coder disagreements first, then the model's least certain windows the
// annotator has not labelled, never two overlapping stretches on one face.
#include <gtest/gtest.h>

#include "core/analysis/label_suggestions.h"
#include "core/analysis/timeline.h"
#include "core/storage/project.h"
#include "tests/test_util.h"

using namespace unilearn;

namespace {

struct Session {
  std::unique_ptr<core::Project> p;
  int64_t media = 0, face1 = 0, face2 = 0, analysis = 0;

  // 25 fps; windows of 16 frames every 8 frames (overlapping) on two faces.
  explicit Session(const std::string& name) {
    p = core::Project::open(test::freshProjectPath(name));
    media = p->addMedia({0, "v.mp4", "h", 640, 480, 25, 1, 1, 25, 8000, 200});
    face1 = p->track(media, 1);
    face2 = p->track(media, 2);
    const int64_t model = p->addModel(
        {0, "m", R"({"video_classes":3,"video_class_names":["neutral","happy","sad"]})", "x", ""});
    analysis = p->startAnalysis(media, model, "clip", "{}");
  }
  void window(int64_t track, int64_t start, std::vector<float> probs) {
    core::WindowPrediction w;
    w.analysis_id = analysis;
    w.track_id = track;
    w.start_frame = start;
    w.end_frame = start + 15;
    w.start_ms = start * 40;
    w.end_ms = (start + 16) * 40;
    w.probs = std::move(probs);
    p->addWindow(w);
  }
  void label(std::optional<int64_t> track, int64_t f0, int64_t f1, const std::string& label,
             const std::string& who) {
    p->addAnnotation({0, media, track, "DFEW-7", f0, f1, label, who, ""});
  }
  std::vector<core::LabelSuggestion> suggest(const std::string& who, size_t limit = 20) {
    p->finishAnalysis(analysis, "done");
    core::SuggestionOptions o;
    o.annotator = who;
    o.limit = limit;
    return core::suggestLabels(core::loadTimeline(*p, media), o);
  }
};

}  // namespace

TEST(LabelSuggestions, TheLeastCertainWindowsComeFirstWithoutOverlap) {
  Session s("suggest_unsure.ulproj");
  s.window(s.face1, 0, {0.9f, 0.05f, 0.05f});    // sure: never suggested
  s.window(s.face1, 8, {0.40f, 0.35f, 0.25f});   // margin 0.05
  s.window(s.face1, 16, {0.45f, 0.30f, 0.25f});  // margin 0.15, overlaps the one above
  s.window(s.face1, 32, {0.2f, 0.5f, 0.3f});     // margin 0.2
  s.window(s.face2, 0, {0.1f, 0.3f, 0.6f});      // margin 0.3
  const auto out = s.suggest("ann");
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].track_id, s.face1);
  EXPECT_EQ(out[0].start_frame, 8);
  EXPECT_EQ(out[0].end_frame, 23);
  EXPECT_EQ(out[0].start_ms, 320);
  EXPECT_EQ(out[0].reason, core::LabelSuggestion::Reason::kModelUnsure);
  EXPECT_NEAR(out[0].score, 0.95, 1e-6);
  EXPECT_EQ(out[0].first_class, "neutral");
  EXPECT_EQ(out[0].second_class, "happy");
  EXPECT_NEAR(out[0].second_prob, 0.35, 1e-6);
  EXPECT_EQ(out[1].start_frame, 32);  // frames 16..31 overlap the first: left out
  EXPECT_EQ(out[1].first_class, "happy");
  EXPECT_EQ(out[2].track_id, s.face2);
  EXPECT_EQ(s.suggest("ann", 2).size(), 2u);  // the limit
}

TEST(LabelSuggestions, WhatTheAnnotatorLabelledIsNotSuggestedAgain) {
  Session s("suggest_labelled.ulproj");
  s.window(s.face1, 0, {0.4f, 0.35f, 0.25f});
  s.window(s.face1, 40, {0.4f, 0.35f, 0.25f});
  s.window(s.face2, 0, {0.4f, 0.35f, 0.25f});
  s.label(s.face1, 0, 9, "Happy", "ann");       // 10 of 16 frames: labelled
  s.label(std::nullopt, 40, 50, "Sad", "ann");  // the whole video: every face
  auto out = s.suggest("ann");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].track_id, s.face2);
  EXPECT_EQ(out[0].start_frame, 0);
  EXPECT_EQ(s.suggest("bob").size(), 3u);  // someone else's labels do not count
}

TEST(LabelSuggestions, CoderDisagreementsRankAboveTheModelLongestFirst) {
  Session s("suggest_coders.ulproj");
  s.window(s.face1, 100, {0.34f, 0.33f, 0.33f});  // as unsure as a model gets
  s.label(s.face1, 0, 49, "Happy", "ann");
  s.label(s.face1, 40, 59, "Sad", "bob");  // disagree on 40..49 (0.4 s)
  s.label(s.face2, 0, 99, "Neutral", "ann");
  s.label(s.face2, 0, 99, "Neutral", "bob");  // agree: nothing to suggest
  s.label(s.face2, 120, 199, "Fear", "ann");
  s.label(s.face2, 120, 199, "Surprise", "cem");  // disagree for 3.2 s
  const auto out = s.suggest("ann");
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].reason, core::LabelSuggestion::Reason::kCodersDisagree);
  EXPECT_EQ(out[0].track_id, s.face2);
  EXPECT_EQ(out[0].start_frame, 120);
  EXPECT_EQ(out[0].end_frame, 199);
  EXPECT_EQ(out[0].coder_labels, (std::vector<std::string>{"ann: Fear", "cem: Surprise"}));
  EXPECT_EQ(out[1].track_id, s.face1);
  EXPECT_EQ(out[1].start_frame, 40);
  EXPECT_EQ(out[1].end_frame, 49);
  EXPECT_EQ(out[1].start_ms, 1600);
  EXPECT_EQ(out[1].end_ms, 2000);
  EXPECT_GT(out[1].score, 1.0);
  EXPECT_EQ(out[2].reason, core::LabelSuggestion::Reason::kModelUnsure);
}
