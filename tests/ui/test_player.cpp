// The player on a real clip: exact seeks and steps (the frame shown is the frame asked for, pixel
// for pixel), paced playback at a speed, the overlay from an analysis, and a broken file.
#include <gtest/gtest.h>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QTest>

#include <cstring>
#include <fstream>

#include "core/media/video_reader.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/player_widget.h"
#include "ui/video_canvas.h"

using namespace unilearn;

namespace {

std::string testClip() {
  const std::string path = "/tmp/unilearn_ui_player_clip.mp4";
  EXPECT_TRUE(test::videoOnce(path,
                              "-f lavfi -i testsrc2=size=320x240:rate=30 -frames:v 150 -c:v "
                              "libx264 -g 48 -pix_fmt yuv420p"));
  return path;
}

// The image the canvas shows equals the decoder's frame `index`.
void expectShows(ui::PlayerWidget& player, core::VideoReader& reader, int64_t index) {
  ASSERT_TRUE(player.waitForFrame(index))
      << "wanted " << index << ", shown " << player.currentFrame();
  const cv::Mat want = reader.frameAt(index).bgr;
  auto* canvas = player.findChild<ui::VideoCanvas*>();
  ASSERT_NE(canvas, nullptr);
  EXPECT_EQ(canvas->frameIndex(), index);
  const QImage shown = canvas->image().convertToFormat(QImage::Format_BGR888);
  ASSERT_EQ(shown.width(), want.cols);
  bool same = true;
  for (int y = 0; y < want.rows && same; ++y)
    same =
        std::memcmp(shown.constScanLine(y), want.ptr(y), static_cast<size_t>(want.cols) * 3) == 0;
  EXPECT_TRUE(same) << "frame " << index << " differs from the decoder's";
  EXPECT_EQ(player.currentMs(), reader.frameTable().ms(index));
}

}  // namespace

TEST(Player, SeeksAndStepsLandOnTheExactFrame) {
  ui::PlayerWidget player;
  player.resize(800, 520);
  player.show();
  ASSERT_TRUE(player.open(QString::fromStdString(testClip()))) << player.lastError().toStdString();
  core::VideoReader reader(testClip());
  EXPECT_EQ(player.frameCount(), 150);
  expectShows(player, reader, 0);
  for (int64_t f : {37, 120, 5, 149, 48, 47}) {
    player.seekFrame(f);
    expectShows(player, reader, f);
  }
  player.stepForward();
  expectShows(player, reader, 48);
  player.stepBack();
  player.stepBack();
  expectShows(player, reader, 46);
  player.seekMs(2000);  // 2 s at 30 fps: frame 60
  expectShows(player, reader, 60);
  EXPECT_EQ(player.frameAtMs(2010), 60);
  EXPECT_EQ(player.frameAtMs(1999), 59);
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  EXPECT_TRUE(player.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/player.png"));
}

TEST(Player, PlaysAtTheChosenSpeedAndStopsAtTheEnd) {
  ui::PlayerWidget player;
  player.resize(640, 420);
  player.show();
  ASSERT_TRUE(player.open(QString::fromStdString(testClip())));
  ASSERT_TRUE(player.waitForFrame(0));
  player.setSpeed(2.0);
  QElapsedTimer t;
  t.start();
  player.play();
  while (t.elapsed() < 1000)
    QTest::qWait(10);
  const int64_t at = player.currentFrame();
  // One second at 2x over 30 fps: about frame 60 (a loaded machine may lag behind, never lead).
  EXPECT_LE(at, 66);
  EXPECT_GE(at, 30);
  player.setSpeed(4.0);
  while (player.playing() && t.elapsed() < 5000)
    QTest::qWait(10);
  EXPECT_FALSE(player.playing());  // paused at the end
  EXPECT_EQ(player.currentFrame(), 149);
  // A loop range brings playback back to its start.
  player.setLoop(10, 20);
  player.seekFrame(15);
  ASSERT_TRUE(player.waitForFrame(15));
  player.setSpeed(1.0);
  player.play();
  QTest::qWait(600);
  EXPECT_TRUE(player.playing());
  EXPECT_GE(player.currentFrame(), 10);
  EXPECT_LE(player.currentFrame(), 20);
  player.pause();
}

TEST(Player, OverlayShowsPersonAndEmotionFromTheAnalysis) {
  ui::PlayerWidget player;
  player.resize(640, 420);
  player.show();
  ASSERT_TRUE(player.open(QString::fromStdString(testClip())));
  auto t = std::make_shared<core::Timeline>();
  t->classes = {"Happy", "Sad"};
  core::TrackTimeline tt;
  tt.track.id = 1;
  tt.track.tracker_id = 3;
  tt.track.person = "Client";
  std::vector<float> face = {40, 30, 100, 120, 0.9f};
  for (int k = 0; k < 12; ++k)
    face.push_back(50.0f + static_cast<float>(k));
  for (int64_t f = 0; f < 150; ++f)
    tt.frames.push_back({0, 1, f, f * 1000 / 30, {0.5f}, {0.5f}, face});
  core::WindowPrediction w;
  w.start_frame = 0;
  w.end_frame = 60;
  w.top_class = 1;
  w.confidence = 0.8;
  w.start_ms = 0;
  w.end_ms = 2000;
  tt.windows.push_back(w);
  t->tracks.push_back(tt);
  player.setTimeline(t);
  player.setKeypointsVisible(true);
  player.seekFrame(30);
  ASSERT_TRUE(player.waitForFrame(30));
  auto* canvas = player.findChild<ui::VideoCanvas*>();
  ASSERT_EQ(canvas->faces().size(), 1u);
  EXPECT_EQ(canvas->faces()[0].person, "Client");
  EXPECT_EQ(canvas->faces()[0].emotion, "Sad");
  EXPECT_DOUBLE_EQ(canvas->faces()[0].confidence, 0.8);
  EXPECT_EQ(canvas->faces()[0].box, QRectF(40, 30, 100, 120));
  EXPECT_EQ(canvas->emotionSource(), "emotions: UniLearn, clips of 2.0 s");  // who speaks
  EXPECT_TRUE(player.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/player_overlay.png"));
  player.seekFrame(100);  // after the window: the face, but no emotion
  ASSERT_TRUE(player.waitForFrame(100));
  ASSERT_EQ(canvas->faces().size(), 1u);
  EXPECT_TRUE(canvas->faces()[0].emotion.isEmpty());
  // A static-only analysis: the static model's smoothed expression of the frame.
  auto s = std::make_shared<core::Timeline>(*t);
  s->classes.clear();
  s->tracks[0].windows.clear();
  for (auto& f : s->tracks[0].frames)
    f.smoothed = {0.1f, 0.7f, 0.05f, 0.05f, 0.04f, 0.03f, 0.03f};  // neutral, happy, ...
  player.setTimeline(s);
  ASSERT_EQ(canvas->faces().size(), 1u);
  EXPECT_EQ(canvas->faces()[0].emotion, "happy");
  EXPECT_NEAR(canvas->faces()[0].confidence, 0.7, 1e-6);
  EXPECT_EQ(canvas->emotionSource(), "emotions: static model, per frame");
}

TEST(Player, ABrokenFileGivesAMessageNotACrash) {
  const std::string bad = "/tmp/unilearn_ui_broken.mp4";
  std::ofstream(bad) << "this is not a video";
  ui::PlayerWidget player;
  EXPECT_FALSE(player.open(QString::fromStdString(bad)));
  EXPECT_FALSE(player.lastError().isEmpty());
  EXPECT_FALSE(player.isOpen());
  player.play();  // nothing to play: no effect
  player.stepForward();
  EXPECT_EQ(player.currentFrame(), -1);
}

TEST(Player, AVideoWithSoundPlaysOnWhicheverClockThereIs) {
  const std::string clip = "/tmp/unilearn_ui_player_sound.mp4";
  ASSERT_TRUE(test::videoOnce(clip,
                              "-f lavfi -i testsrc2=size=320x240:rate=30 -f lavfi "
                              "-i sine=frequency=440:sample_rate=48000 -t 3 -c:v libx264 -pix_fmt "
                              "yuv420p -c:a aac -shortest "));
  ui::PlayerWidget player;
  player.show();
  ASSERT_TRUE(player.open(QString::fromStdString(clip)));
  EXPECT_TRUE(player.hasAudio());
  ASSERT_TRUE(player.waitForFrame(0));
  player.play();
  std::printf("audio clock in use: %s\n",
              player.audioClock() ? "yes (sound card)" : "no (none here)");
  QTest::qWait(700);
  EXPECT_GE(player.currentFrame(), 8);  // it plays either way
  EXPECT_LE(player.currentFrame(), 24);
  player.setSpeed(2.0);  // silent at other speeds
  EXPECT_FALSE(player.audioClock());
  player.pause();
}

// Moving through a long session: the "go to" field takes ELAN's h:mm:ss.mmm, m:ss, seconds with
// or without "s" and frames as f250; a bad entry is kept and explained; Shift/Ctrl+arrows and
// Page Up/Down jump by 1 s, 5 s and a minute.
TEST(Player, GoesToTypedTimesAndFramesAndJumpsBySeconds) {
  ui::PlayerWidget player;
  player.resize(800, 520);
  player.show();
  ASSERT_TRUE(player.open(QString::fromStdString(testClip()))) << player.lastError().toStdString();
  core::VideoReader reader(testClip());
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&player));
  expectShows(player, reader, 0);
  QLineEdit* jump = nullptr;
  for (auto* e : player.findChildren<QLineEdit*>())
    if (e->placeholderText().startsWith("go to")) jump = e;
  ASSERT_NE(jump, nullptr);
  auto go = [&](const QString& text) {
    jump->setFocus();
    jump->setText(text);
    QTest::keyClick(jump, Qt::Key_Return);
  };
  for (auto [text, frame] :
       std::initializer_list<std::pair<const char*, int64_t>>{{"0:00:02.000", 60},
                                                              {"0:03.5", 105},
                                                              {"1.5s", 45},
                                                              {"4", 120},
                                                              {"f10", 10},
                                                              {"25f", 25},
                                                              {"frame 33", 33}}) {
    go(text);
    expectShows(player, reader, frame);
    EXPECT_TRUE(jump->text().isEmpty()) << text;
  }
  go("1:75");  // not a time: kept, explained, nothing moves
  EXPECT_EQ(jump->text(), "1:75");
  EXPECT_NE(jump->toolTip().indexOf("neither a time"), -1);
  EXPECT_EQ(player.currentFrame(), 33);
  jump->clear();
  player.setFocus();
  QTest::keyClick(&player, Qt::Key_Right, Qt::ShiftModifier);  // 1.1 s + 1 s
  expectShows(player, reader, 63);
  QTest::keyClick(&player, Qt::Key_Left, Qt::ControlModifier);  // 5 s back: the start
  expectShows(player, reader, 0);
  QTest::keyClick(&player, Qt::Key_PageDown);  // a minute on: the end of a 5-s clip
  expectShows(player, reader, 149);
}
