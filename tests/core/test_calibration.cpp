// Participant calibration: a person's neutral baseline, kept in the project across their
// sessions, and expressions relative to it (hand-computed).
#include <gtest/gtest.h>

#include "core/analysis/calibration.h"
#include "core/analysis/timeline.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "tests/test_util.h"

using namespace unilearn;

TEST(Calibration, ExpressionsAboveTheBaselineAndTheRestNeutral) {
  // neutral, happy, sad: the resting face already reads 40 % sad.
  const std::vector<float> base = {0.5f, 0.1f, 0.4f};
  const auto r = core::relativeToBaseline({0.2f, 0.1f, 0.7f}, base, 0);
  EXPECT_NEAR(r[1], 0.0f, 1e-6);  // no more happy than at rest
  EXPECT_NEAR(r[2], 0.3f, 1e-6);  // 0.7 - 0.4
  EXPECT_NEAR(r[0], 0.7f, 1e-6);  // the rest
  const auto at_rest = core::relativeToBaseline(base, base, 0);
  EXPECT_NEAR(at_rest[0], 1.0f, 1e-6);
  EXPECT_EQ(core::relativeToBaseline({0.5f, 0.5f}, base, 0),
            (std::vector<float>{0.5f, 0.5f}));  // sizes differ: unchanged
}

TEST(Calibration, APersonsBaselineServesTheirOtherSessionsAndIsKept) {
  const std::string path = test::freshProjectPath("calibration.ulproj");
  int64_t anna1 = 0, anna2 = 0, bob = 0, session2 = 0;
  {
    auto p = core::Project::open(path);
    const int64_t session1 = p->addMedia({0, "/data/session1.mp4", "h1", 640, 480, 25, 1});
    session2 = p->addMedia({0, "/data/session2.mp4", "h2", 640, 480, 25, 1});
    anna1 = p->track(session1, 1);
    anna2 = p->track(session2, 1);
    bob = p->track(session2, 2);
    p->renameTrack(anna1, "Anna");
    p->renameTrack(anna2, "Anna");
    const int64_t model = p->addModel(
        {0, "m", R"({"video_classes":3,"video_class_names":["neutral","happy","sad"]})", "x", ""});
    auto window = [&](int64_t analysis, int64_t track, int64_t start, std::vector<float> probs) {
      core::WindowPrediction w;
      w.analysis_id = analysis;
      w.track_id = track;
      w.start_frame = start;
      w.end_frame = start + 15;
      w.probs = std::move(probs);
      w.top_class =
          static_cast<int>(std::max_element(w.probs.begin(), w.probs.end()) - w.probs.begin());
      p->addWindow(w);
    };
    // Session 1: Anna at rest reads 60 % neutral, 40 % sad (two windows, averaged).
    const int64_t a1 = p->startAnalysis(session1, model, "clip", "{}");
    window(a1, anna1, 0, {0.7f, 0.0f, 0.3f});
    window(a1, anna1, 16, {0.5f, 0.0f, 0.5f});
    window(a1, anna1, 200, {0.0f, 1.0f, 0.0f});  // outside the baseline
    p->addFrames({{a1,
                   anna1,
                   3,
                   120,
                   {0.6f, 0, 0.4f, 0, 0, 0, 0},
                   {0.6f, 0, 0.4f, 0, 0, 0, 0},
                   {},
                   {},
                   {}}});
    p->finishAnalysis(a1, "done");
    // Session 2: Anna looks "sad" (55 %) — 15 points above her rest; Bob has no baseline.
    const int64_t a2 = p->startAnalysis(session2, model, "clip", "{}");
    window(a2, anna2, 0, {0.45f, 0.0f, 0.55f});
    window(a2, bob, 0, {0.45f, 0.0f, 0.55f});
    p->addFrames(
        {{a2, anna2, 0, 0, {0.3f, 0, 0.7f, 0, 0, 0, 0}, {0.3f, 0, 0.7f, 0, 0, 0, 0}, {}, {}, {}}});
    p->finishAnalysis(a2, "done");
    EXPECT_FALSE(p->baseline(anna2));
    p->setBaseline(anna1, 0, 31);
    EXPECT_THROW(p->setBaseline(anna1, 10, 5), Error);
    EXPECT_THROW(p->setBaseline(999, 0, 5), Error);
  }
  auto p = core::Project::open(path, false);  // kept in the file
  const auto b = p->baseline(anna2);          // Anna's, from her other session
  ASSERT_TRUE(b);
  EXPECT_EQ(b->track_id, anna1);
  EXPECT_EQ(b->person, "Anna");
  EXPECT_FALSE(p->baseline(bob));

  core::Timeline t = core::loadTimeline(*p, session2);
  const auto notes = core::calibrateTimeline(*p, t);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0],
            "Anna: relative to Anna's baseline: frames 0-31 of session1.mp4 (clip windows, "
            "per-frame curves)");
  const auto& anna = t.tracks[0];
  ASSERT_EQ(anna.windows.size(), 1u);
  EXPECT_NEAR(anna.windows[0].probs[2], 0.15f, 1e-6);  // 0.55 - mean(0.3, 0.5)
  EXPECT_NEAR(anna.windows[0].probs[0], 0.85f, 1e-6);
  EXPECT_EQ(anna.windows[0].top_class, 0);  // neutral, for her
  EXPECT_NEAR(anna.windows[0].confidence, 0.85, 1e-6);
  EXPECT_NEAR(anna.frames[0].probs[2], 0.3f, 1e-6);  // 0.7 - 0.4
  EXPECT_NEAR(anna.frames[0].smoothed[0], 0.7f, 1e-6);
  EXPECT_EQ(t.tracks[1].windows[0].top_class, 2);  // Bob: unchanged
  EXPECT_TRUE(t.tracks[1].baseline_note.empty());

  // A new baseline of Anna replaces the old one; renaming her track away leaves her without.
  p->setBaseline(anna2, 0, 15);
  EXPECT_EQ(p->baseline(anna1)->track_id, anna2);
  p->renameTrack(anna1, "Someone else");
  EXPECT_FALSE(p->baseline(anna1));
  EXPECT_TRUE(p->clearBaseline(anna2));
  EXPECT_FALSE(p->baseline(anna2));
  EXPECT_FALSE(p->clearBaseline(anna2));
  // A baseline in frames never analysed says so.
  p->setBaseline(bob, 500, 600);
  core::Timeline t2 = core::loadTimeline(*p, session2);
  EXPECT_EQ(core::calibrateTimeline(*p, t2),
            (std::vector<std::string>{
                "face 2: not calibrated: the baseline (frames 500-600 of session2.mp4) was "
                "never analysed"}));
}
