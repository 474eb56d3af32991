// Blinks, smiles and Duchenne-like smiles from blendshape series: thresholds, durations, gaps;
// on a real speaker; written as annotations, exported to ELAN and compared with a coder.
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

#include "core/analysis/agreement.h"
#include "core/analysis/analyzer.h"
#include "core/analysis/face_events.h"
#include "core/export/eaf.h"
#include "core/export/exporter.h"
#include "core/faces/action_units.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "tests/test_util.h"

using namespace unilearn;

namespace {

const std::string kResources = UNILEARN_RESOURCE_SOURCE_DIR;

// Frames at 25 fps whose blink, smile and eye-narrowing scores follow the given series.
std::vector<core::FramePrediction> series(const std::vector<float>& blink,
                                          const std::vector<float>& smile = {},
                                          const std::vector<float>& squint = {}) {
  std::vector<core::FramePrediction> out;
  for (size_t i = 0; i < blink.size(); ++i) {
    core::FramePrediction f;
    f.frame = static_cast<int64_t>(i);
    f.ms = static_cast<int64_t>(i) * 40;
    f.blendshapes.assign(52, 0.0f);
    auto set = [&](const char* name, float v) {
      f.blendshapes[static_cast<size_t>(core::blendshapeIndex(name))] = v;
    };
    set("eyeBlinkLeft", blink[i]);
    set("eyeBlinkRight", blink[i]);
    if (i < smile.size()) {
      set("mouthSmileLeft", smile[i]);
      set("mouthSmileRight", smile[i]);
    }
    if (i < squint.size()) {
      set("eyeSquintLeft", squint[i]);
      set("eyeSquintRight", squint[i]);
    }
    out.push_back(f);
  }
  return out;
}

}  // namespace

TEST(FaceEvents, BlinksNeedTheHighThresholdAndLastWhileAboveTheLowOne) {
  // 0.45 never starts one; 0.6 starts one that lasts through 0.35; a long closure is not a blink.
  std::vector<float> b = {0.1f, 0.45f, 0.1f, 0.6f, 0.35f, 0.2f, 0.1f};
  for (int i = 0; i < 20; ++i)
    b.push_back(0.9f);  // 800 ms closed
  b.push_back(0.1f);
  const auto events = core::detectFaceEvents(series(b));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].label, "Blink");
  EXPECT_EQ(events[0].start_frame, 3);
  EXPECT_EQ(events[0].end_frame, 4);
  EXPECT_FLOAT_EQ(events[0].peak, 0.6f);
  EXPECT_EQ(events[1].label, "Eyes closed");
  EXPECT_EQ(events[1].start_frame, 7);
  EXPECT_EQ(events[1].end_frame, 26);
}

TEST(FaceEvents, AFaceUnseenForLongEndsTheEvent) {
  auto frames = series({0.9f, 0.9f, 0.9f, 0.9f});
  frames[2].ms += 2000;  // the face was gone for two seconds before frame 2
  frames[3].ms += 2000;
  const auto events = core::detectFaceEvents(frames);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].end_frame, 1);
  EXPECT_EQ(events[1].start_frame, 2);
}

TEST(FaceEvents, SmilesAreDuchenneLikeWhenTheEyesNarrowForHalfOfThem) {
  const std::vector<float> quiet(30, 0.1f);
  std::vector<float> smile(30, 0.0f), squint(30, 0.0f);
  for (int i = 2; i < 10; ++i)
    smile[i] = 0.8f;  // 280 ms, eyes open
  for (int i = 15; i < 25; ++i) {
    smile[i] = 0.8f;  // 360 ms, eyes narrowed from frame 18
    squint[i] = i >= 18 ? 0.5f : 0.0f;
  }
  smile[28] = 0.9f;  // one frame: too short
  const auto events = core::detectFaceEvents(series(quiet, smile, squint));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].scheme, "Smiles");
  EXPECT_EQ(events[0].label, "Smile");
  EXPECT_EQ(events[0].start_frame, 2);
  EXPECT_EQ(events[1].label, "Duchenne-like smile");
  EXPECT_EQ(events[1].end_frame, 24);
}

TEST(FaceEvents, RealBlinksBecomeAnnotationsThatExportAndCompareWithACoder) {
  const std::string clip = std::string(UNILEARN_SOURCE_DIR) + "/../shared/data/grid/bbaf2n.mpg";
  if (!std::filesystem::exists(clip)) GTEST_SKIP() << "../shared/data/grid is absent";
  auto p = core::Project::open(test::freshProjectPath("events.ulproj"));
  EXPECT_THROW(core::writeFaceEvents(*p, "blendshapes"), Error);  // nothing analysed yet
  core::AnalysisOptions o;
  o.blendshapes = true;
  const auto s = core::analyzeVideo(*p, clip, nullptr, kResources, o);
  const auto summary = core::writeFaceEvents(*p, "blendshapes");
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0].blinks, 2);  // frames 43-44 and 51-54, seen by eye
  EXPECT_EQ(summary[0].smiles, 0);
  auto anns = p->annotations(s.media_id);
  ASSERT_EQ(anns.size(), 2u);
  EXPECT_EQ(anns[0].scheme, "Blinks");
  EXPECT_EQ(anns[0].start_frame, 43);
  EXPECT_EQ(anns[1].start_frame, 51);
  // Running it again replaces rather than duplicates.
  core::writeFaceEvents(*p, "blendshapes");
  EXPECT_EQ(p->annotations(s.media_id).size(), 2u);

  // A coder who saw the same two blinks (a frame earlier each) agrees well; one who saw none
  // does not. Unlabelled analysed frames count as "No blink" for both.
  const int64_t track = p->tracks(s.media_id)[0].id;
  for (auto [from, to] : {std::pair<int64_t, int64_t>{42, 44}, {50, 53}})
    p->addAnnotation({0, s.media_id, track, "Blinks", from, to, "Blink", "coder", ""});
  const auto good = core::agreeInProject(*p, "coder", "blendshapes", "Blinks");
  EXPECT_EQ(good.items, 75);
  EXPECT_GT(good.kappa, 0.6);
  EXPECT_LT(good.kappa, 1.0);
  p->addAnnotation({0, s.media_id, track, "Blinks", 0, 0, "No blink", "sleepy coder", ""});
  EXPECT_LT(core::agreeInProject(*p, "sleepy coder", "blendshapes", "Blinks").kappa, 0.05);

  // ELAN: the events are a tier of their own with the scheme's vocabulary.
  std::ostringstream eaf;
  core::exportEaf(*p, eaf, {});
  const std::string text = eaf.str();
  EXPECT_NE(text.find("TIER_ID=\"blendshapes - face 1\""), std::string::npos);
  EXPECT_NE(text.find("LINGUISTIC_TYPE_ID=\"emotion-Blinks\""), std::string::npos);
}
