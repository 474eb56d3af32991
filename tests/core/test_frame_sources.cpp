// Frame sources: the ring buffer, a file standing in for a camera, GStreamer pipelines as
// cameras (this machine has no camera device), and a camera that disappears and comes back.
#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "core/media/frame_source.h"
#include "core/media/ring_buffer.h"
#include "model/base/error.h"
#include "tests/test_util.h"

using namespace unilearn;
using namespace std::chrono_literals;
using core::LiveCapture;

namespace {

std::string pacedClip() {
  static const std::string path = [] {
    const std::string p = test::tempPath("live.mp4");
    std::system(("ffmpeg -v error -y -f lavfi -i testsrc=size=320x240:rate=25 -t 3 -c:v libx264 "
                 "-pix_fmt yuv420p " +
                 p + " >/dev/null 2>&1")
                    .c_str());
    return p;
  }();
  return path;
}

}  // namespace

TEST(RingBuffer, DropsTheOldestAndHandsOutTheNewest) {
  core::RingBuffer<int> buf(3);
  for (int i = 0; i < 5; ++i)
    buf.push(i);
  EXPECT_EQ(buf.size(), 3u);
  EXPECT_EQ(buf.dropped(), 2u);
  int v = -1;
  ASSERT_TRUE(buf.takeOldest(v, 0ms));
  EXPECT_EQ(v, 2);
  ASSERT_TRUE(buf.takeNewest(v, 0ms));
  EXPECT_EQ(v, 4);
  EXPECT_EQ(buf.dropped(), 3u);  // 3 was skipped
  EXPECT_FALSE(buf.takeNewest(v, 10ms));
  std::thread producer([&] {
    std::this_thread::sleep_for(20ms);
    buf.push(7);
  });
  EXPECT_TRUE(buf.takeNewest(v, 2000ms));
  EXPECT_EQ(v, 7);
  producer.join();
}

TEST(LiveCapture, AFilePlaysAsALiveCameraAtItsFrameRate) {
  LiveCapture live(std::make_unique<core::FileSource>(pacedClip()));
  const int64_t t0 = core::steadyMicros();
  live.start();
  core::SourceFrame f;
  int64_t last = -1;
  for (int i = 0; i < 5; ++i) {
    std::this_thread::sleep_for(100ms);
    ASSERT_TRUE(live.latest(f, 1000ms));
    EXPECT_GT(f.index, last);
    last = f.index;
    EXPECT_EQ(f.bgr.cols, 320);
  }
  // ~500 ms at 25 fps: about frame 12, not the whole file at decoding speed.
  const double elapsed_ms = (core::steadyMicros() - t0) / 1000.0;
  EXPECT_NEAR(static_cast<double>(last), elapsed_ms / 40.0, 4.0);
  EXPECT_NEAR(static_cast<double>(f.ms), static_cast<double>(f.index) * 40.0, 1.0);
  live.stop();
  EXPECT_FALSE(live.running());
}

// A real file whose decoder throws partway (injected after 5 frames, as a decoder meeting
// damage it cannot step around would): the capture thread ends the session with the reason
// instead of ending the program.
TEST(LiveCapture, ADecoderThatThrowsEndsAFileSessionWithTheReason) {
  class Failing : public core::FileSource {
   public:
    using FileSource::FileSource;
    bool read(core::SourceFrame& frame) override {
      if (++reads_ > 5) throw std::runtime_error("decoder gave up");
      return FileSource::read(frame);
    }

   private:
    int reads_ = 0;
  };
  LiveCapture live(std::make_unique<Failing>(pacedClip()), 8, /*pace_files=*/false);
  std::vector<std::pair<LiveCapture::Event, std::string>> events;
  std::mutex m;
  live.start([&](LiveCapture::Event e, const std::string& what) {
    std::lock_guard<std::mutex> lock(m);
    events.emplace_back(e, what);
  });
  for (int i = 0; i < 100 && live.running(); ++i)
    std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(live.running());
  live.stop();
  std::lock_guard<std::mutex> lock(m);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].first, LiveCapture::Event::kEnded);
  EXPECT_NE(events[1].second.find("decoder gave up"), std::string::npos) << events[1].second;
}

TEST(LiveCapture, ACameraThatDisappearsIsReportedAndReopened) {
  // A pipeline that stops after 10 frames, like a camera being unplugged; reopening restarts it.
  const std::string pipeline =
      "videotestsrc num-buffers=10 ! video/x-raw,width=320,height=240,framerate=30/1 ! "
      "videoconvert ! appsink";
  std::mutex m;
  std::vector<LiveCapture::Event> events;
  LiveCapture live(std::make_unique<core::CameraSource>(pipeline), 4, true, 100);
  live.start([&](LiveCapture::Event e, const std::string&) {
    std::lock_guard<std::mutex> lock(m);
    events.push_back(e);
  });
  core::SourceFrame f;
  int frames = 0;
  const int64_t until = core::steadyMicros() + 3'000'000;
  while (core::steadyMicros() < until) {
    if (live.latest(f, 100ms)) ++frames;
    std::lock_guard<std::mutex> lock(m);
    if (std::count(events.begin(), events.end(), LiveCapture::Event::kRecovered) >= 1 && frames > 3)
      break;
  }
  live.stop();
  std::lock_guard<std::mutex> lock(m);
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events[0], LiveCapture::Event::kStarted);
  EXPECT_NE(std::find(events.begin(), events.end(), LiveCapture::Event::kLost), events.end());
  EXPECT_NE(std::find(events.begin(), events.end(), LiveCapture::Event::kRecovered), events.end());
  EXPECT_GT(frames, 3);
  EXPECT_EQ(f.bgr.cols, 320);
}

TEST(CameraSource, AMissingCameraIsAClearErrorAndListingDoesNotFail) {
  try {
    core::CameraSource cam("/dev/video99");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), Error::Kind::kIo);
    EXPECT_NE(std::string(e.what()).find("cannot be opened"), std::string::npos);
  }
  EXPECT_NO_THROW(core::listCameras());
}
