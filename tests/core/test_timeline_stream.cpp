// The timeline that grows while an analysis runs: ordered, deduplicated, copied only when it
// changed, and cut to its last stretch for a live view.
#include <gtest/gtest.h>

#include "core/analysis/timeline_stream.h"

using namespace unilearn;

namespace {

core::WindowPrediction window(int64_t track, int64_t start, float p) {
  core::WindowPrediction w;
  w.track_id = track;
  w.start_frame = start;
  w.end_frame = start + 15;
  w.start_ms = start * 40;
  w.end_ms = (start + 16) * 40;
  w.probs = {p, 1 - p};
  return w;
}

core::FramePrediction frame(int64_t track, int64_t index) {
  return {1, track, index, index * 40, {0.5f, 0.5f}, {0.5f, 0.5f}, {}, {}, {}};
}

}  // namespace

TEST(TimelineStream, GrowsInOrderReplacesRewrittenRowsAndCopiesOnlyChanges) {
  core::TimelineStream s;
  EXPECT_FALSE(s.started());
  core::Timeline start;
  start.media.id = 7;
  start.tracks.push_back({{11, 7, 1, "Anna"}, {window(11, 0, 0.1f)}, {frame(11, 0)}, {}});
  s.reset(start);
  EXPECT_TRUE(s.started());
  EXPECT_EQ(s.mediaId(), 7);
  s.addTrack({11, 7, 1, ""});  // known: keeps its name
  s.addTrack({12, 7, 2, ""});
  s.addWindow(window(11, 32, 0.3f));
  s.addWindow(window(11, 16, 0.2f));  // out of order: inserted in order
  s.addWindow(window(11, 0, 0.9f));   // rewritten: replaced
  s.addFrames({frame(11, 1), frame(12, 1), frame(11, 0)});
  const auto t = s.snapshot(true);
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->tracks.size(), 2u);
  EXPECT_EQ(t->tracks[0].track.person, "Anna");
  ASSERT_EQ(t->tracks[0].windows.size(), 3u);
  EXPECT_EQ(t->tracks[0].windows[1].start_frame, 16);
  EXPECT_FLOAT_EQ(t->tracks[0].windows[0].probs[0], 0.9f);
  ASSERT_EQ(t->tracks[0].frames.size(), 2u);
  EXPECT_EQ(t->tracks[1].track.tracker_id, 2);
  EXPECT_EQ(t->tracks[1].frames.size(), 1u);
  EXPECT_EQ(t->media.duration_ms, 48 * 40);
  EXPECT_EQ(s.snapshot(true), nullptr);  // nothing new
  s.addWindow(window(13, 0, 0.5f));      // a track not announced: made up from its id
  const auto tail = s.snapshot(true, 30 * 40);
  ASSERT_NE(tail, nullptr);
  ASSERT_EQ(tail->tracks.size(), 3u);
  EXPECT_EQ(tail->tracks[0].windows.size(), 2u);  // ending at 32 and 48 frames
  EXPECT_TRUE(tail->tracks[0].frames.empty());    // frames 0 and 1 are before 1.2 s
  EXPECT_EQ(tail->tracks[2].track.id, 13);
  s.update([](core::Timeline& x) { x.classes = {"a", "b"}; });
  EXPECT_EQ(s.snapshot(true)->classes.size(), 2u);
}
