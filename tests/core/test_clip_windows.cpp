#include <numeric>

#include <gtest/gtest.h>

#include "core/analysis/analyzer.h"
#include "core/analysis/clip_model.h"
#include "core/clip_windows.h"
#include "core/storage/project.h"
#include "tests/core/analysis_fixtures.h"
#include "tests/test_util.h"

using namespace unilearn::core;

namespace {

std::vector<int64_t> range(int64_t a, int64_t b) {  // [a, b)
  std::vector<int64_t> v(static_cast<size_t>(b - a));
  std::iota(v.begin(), v.end(), a);
  return v;
}

}  // namespace

TEST(ClipWindows, SampleSixteenFramesEveryFourthAndCoverTheTail) {
  auto w = trackWindows(range(10, 110), {});  // frames 10..109
  // span 60: starts 10, 26, 42 (42+60=102 <= 109), then a tail window at 49.
  ASSERT_EQ(w.size(), 4u);
  EXPECT_EQ(w[0].start_frame, 10);
  EXPECT_EQ(w[0].end_frame, 70);
  EXPECT_EQ(w[0].frames[1], 14);
  EXPECT_EQ(w[0].frames.size(), 16u);
  EXPECT_EQ(w[2].start_frame, 42);
  EXPECT_EQ(w[3].start_frame, 49);
  EXPECT_EQ(w[3].end_frame, 109);
  for (const auto& x : w)
    EXPECT_EQ(x.missing, 0);
}

TEST(ClipWindows, ShortTracksArePaddedWithTheLastFrame) {
  auto w = trackWindows(range(0, 20), {});
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].frames[4], 16);
  for (int i = 5; i < 16; ++i)
    EXPECT_EQ(w[0].frames[i], 19);
  // The window ends where the face was last seen, not 60 frames on (a still: frame 0 alone).
  EXPECT_EQ(w[0].start_frame, 0);
  EXPECT_EQ(w[0].end_frame, 19);
  auto still = trackWindows({0}, {});
  ASSERT_EQ(still.size(), 1u);
  EXPECT_EQ(still[0].end_frame, 0);
  auto late = trackWindows(range(100, 130), {});
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].start_frame, 100);
  EXPECT_EQ(late[0].end_frame, 129);
}

TEST(ClipWindows, GapsArePaddedOrSkippedWithAReason) {
  std::vector<int64_t> seen = range(0, 30);
  auto tail = range(40, 100);
  seen.insert(seen.end(), tail.begin(), tail.end());  // not seen in 30..39
  auto padded = trackWindows(seen, {});
  ASSERT_FALSE(padded.empty());
  EXPECT_EQ(padded[0].frames[8], 29);  // wanted 32: the last frame seen before the gap
  EXPECT_EQ(padded[0].missing, 2);     // 32 and 36
  WindowOptions skip;
  skip.gaps = WindowOptions::Gaps::kSkip;
  std::vector<SkippedWindow> why;
  auto kept = trackWindows(seen, skip, &why);
  for (const auto& w : kept)
    EXPECT_EQ(w.missing, 0);
  ASSERT_FALSE(why.empty());
  EXPECT_EQ(why[0].start_frame, 0);
  EXPECT_NE(why[0].reason.find("not seen in 2 of the 16"), std::string::npos) << why[0].reason;
}

TEST(ClipWindows, ConfigurableRateAndHop) {
  WindowOptions o;
  o.sampling_rate = 1;
  o.hop = 8;
  auto w = trackWindows(range(0, 40), o);
  ASSERT_EQ(w.size(), 4u);  // starts 0, 8, 16, 24 (24+15=39)
  EXPECT_EQ(w[3].end_frame, 39);
  EXPECT_TRUE(trackWindows({}, o).empty());
}

// A photo analysed is one frame: its face gets one window, padded, that ends at that frame.
TEST(ClipWindows, AnAnalysedPhotoHasOneWindowEndingAtItsOnlyFrame) {
  auto model = unilearn::core::ClipModel::load(unilearn::test::tinyClipModel());
  auto project =
      unilearn::core::Project::open(unilearn::test::freshProjectPath("photo_windows.ulproj"));
  auto s = analyzeVideo(*project, unilearn::test::dataPath("faces/astronaut.jpg"), model.get(),
                        UNILEARN_RESOURCE_SOURCE_DIR, {});
  EXPECT_EQ(s.frames, 1);
  auto ws = project->windows(s.analysis_id, true);
  ASSERT_EQ(ws.size(), 1u);
  EXPECT_EQ(ws[0].start_frame, 0);
  EXPECT_EQ(ws[0].end_frame, 0);
  EXPECT_EQ(ws[0].end_ms, 0);
}
