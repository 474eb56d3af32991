#include <gtest/gtest.h>

#include "core/clip_sampling.h"
#include "core/media/frame_time.h"

using unilearn::core::linspaceInt;
using unilearn::core::testViews;
using unilearn::core::trainClip;
namespace core = unilearn::core;

TEST(ClipSampling, LinspaceTruncatesLikeNumpy) {
  EXPECT_EQ(linspaceInt(0, 10, 5), (std::vector<int64_t>{0, 2, 5, 7, 10}));
  EXPECT_EQ(linspaceInt(3, 3, 1), (std::vector<int64_t>{3}));
  EXPECT_TRUE(linspaceInt(0, 1, 0).empty());
}

TEST(ClipSampling, TestViewsOfALongVideoStartAtZeroAndAtTheEnd) {
  // 100 frames at stride 4: 25 samples; views start at 0 and 25-16 = 9.
  auto views = testViews(100, 4);
  ASSERT_EQ(views.size(), 2u);
  EXPECT_EQ(views[0].front(), 0);
  EXPECT_EQ(views[0].back(), 60);
  EXPECT_EQ(views[1].front(), 36);
  EXPECT_EQ(views[1].back(), 96);
  for (const auto& v : views)
    EXPECT_EQ(v.size(), 16u);
}

TEST(ClipSampling, TestViewsOfAShortVideoRepeatTheLastFrame) {
  auto views = testViews(10, 4);  // samples 0, 4, 8, then padded with 8
  ASSERT_EQ(views.size(), 2u);
  EXPECT_EQ(views[0], views[1]);
  EXPECT_EQ(views[0][0], 0);
  EXPECT_EQ(views[0][1], 4);
  for (size_t i = 2; i < 16; ++i)
    EXPECT_EQ(views[0][i], 8);
  EXPECT_THROW(testViews(0, 4), std::invalid_argument);
}

TEST(ClipSampling, TrainClipsStayInsideTheVideoAndSpanSixteenStrides) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 200; ++i) {
    auto idx = trainClip(300, 4, rng);
    ASSERT_EQ(idx.size(), 16u);
    EXPECT_GE(idx.front(), 0);
    EXPECT_LT(idx.back(), 300);
    EXPECT_LE(idx.back() - idx.front(), 64);
    EXPECT_GE(idx.back() - idx.front(), 60);
  }
  auto short_clip = trainClip(20, 4, rng);  // <= 64 frames: spread over the whole video
  ASSERT_EQ(short_clip.size(), 16u);
  EXPECT_EQ(short_clip.front(), 0);
  EXPECT_EQ(short_clip.back(), 19);
}

TEST(TimeInput, ClockTextIsWhatTheTimeFieldReadsBack) {
  EXPECT_EQ(core::clockText(0), "0:00.000");
  EXPECT_EQ(core::clockText(7500), "0:07.500");
  EXPECT_EQ(core::clockText(3723250), "62:03.250");  // minutes go on past the hour
  EXPECT_EQ(core::clockText(-1500), "-0:01.500");
  for (int64_t t : {0, 999, 61001, 3599999})
    EXPECT_EQ(core::parseTimeInput(core::clockText(t)).value().ms.value(), t) << t;
}

TEST(TimeInput, ReadsElanTimesSecondsAndFrames) {
  auto ms = [](const char* t) { return core::parseTimeInput(t).value().ms.value(); };
  auto frame = [](const char* t) { return core::parseTimeInput(t).value().frame.value(); };
  EXPECT_EQ(ms("1:02:03.250"), 3723250);
  EXPECT_EQ(ms("00:00:07.5"), 7500);
  EXPECT_EQ(ms("0:00:02.000"), 2000);
  EXPECT_EQ(ms("2:03.5"), 123500);
  EXPECT_EQ(ms("7.5s"), 7500);
  EXPECT_EQ(ms(" 7.5 "), 7500);
  EXPECT_EQ(ms("10"), 10000);   // plain numbers are seconds, as in "7.5"
  EXPECT_EQ(ms("7,5s"), 7500);  // a decimal comma, as German writes it
  EXPECT_EQ(ms("0:00:02,25"), 2250);
  EXPECT_EQ(frame("f250"), 250);
  EXPECT_EQ(frame("250F"), 250);
  EXPECT_EQ(frame("frame 12"), 12);
  EXPECT_EQ(frame("#7"), 7);
  for (const char* bad : {"", "abc", "-3", "1:60", "1:2:3:4", "f2.5", "f2,5", "1.2.3", "1,2.3",
                          "1.5:30", "s", "f", "99999999999999999999999"})
    EXPECT_FALSE(core::parseTimeInput(bad)) << bad;
}
