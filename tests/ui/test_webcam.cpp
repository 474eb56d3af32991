// The webcam view without a camera (this machine has none): the message and the file fallback,
// a live session from a paced video file with boxes, a growing timeline and a stored session;
// face movements (mesh, AU-like bars, stored blendshapes).
#include <gtest/gtest.h>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

#include "core/analysis/analyzer.h"
#include "core/faces/action_units.h"
#include "core/media/frame_source.h"
#include "core/media/video_reader.h"
#include "core/resources.h"
#include "core/storage/project.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/blendshape_bars.h"
#include "ui/timeline_view.h"
#include "ui/video_canvas.h"
#include "ui/webcam_view.h"

using namespace unilearn;

namespace {

// Grace Hopper's portrait, slowly zoomed: 120 frames, 640x480, 30 fps.
std::string webcamClip() {
  const std::string clip = "/tmp/unilearn_ui_webcam_clip.mp4";
  EXPECT_TRUE(test::videoOnce(clip, "-loop 1 -i " + std::string(UNILEARN_TEST_DATA) +
                                        "/faces/grace_hopper.jpg -vf \"scale=640:750,crop=640:"
                                        "480:0:0,zoompan=z='1.1+0.1*sin(on/20)':d=120:s=640x480:"
                                        "fps=30\" -frames:v 120 -c:v libx264 -pix_fmt yuv420p"));
  return clip;
}

}  // namespace

TEST(WebcamView, WithoutACameraItSaysSoAndRunsOnAVideoFile) {
  const std::string clip = webcamClip();
  QTemporaryDir dir;
  const QString project = dir.filePath("live.ulproj");
  core::Project::open(project.toStdString());  // created
  ui::WebcamView view;
  view.resize(900, 700);
  view.show();
  if (core::listCameras().empty()) {
    EXPECT_EQ(view.cameraCount(), 0);
    EXPECT_TRUE(view.message().contains("No camera found")) << view.message().toStdString();
  }
  EXPECT_FALSE(view.start(QString::fromStdString(clip), true));  // no project yet
  EXPECT_TRUE(view.message().contains("project"));
  view.setProjectPath(project);
  EXPECT_FALSE(view.start("/dev/video99"));
  EXPECT_TRUE(view.message().contains("cannot be opened")) << view.message().toStdString();
  QSignalSpy ended(&view, &ui::WebcamView::sessionEnded);
  ASSERT_TRUE(view.start(QString::fromStdString(clip), true));
  // Within a second the first face is on screen.
  ASSERT_TRUE(QTest::qWaitFor([&] { return !view.canvas()->faces().empty(); }, 3000));
  EXPECT_EQ(view.canvas()->faces()[0].person, "face 1");
  EXPECT_FALSE(view.canvas()->faces()[0].emotion.isEmpty());  // the static model's expression
  QTest::qWait(1500);
  EXPECT_EQ(view.timeline()->laneCount(), 1);  // the live timeline grew
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  EXPECT_TRUE(view.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/webcam.png"));
  ASSERT_TRUE(QTest::qWaitFor([&] { return !ended.isEmpty(); }, 10000));  // the file ends
  EXPECT_FALSE(view.running());
  EXPECT_GT(view.framesShown(), 10);
  EXPECT_TRUE(ended.at(0).at(0).toString().contains("Live session stored"));
  auto p = core::Project::open(project.toStdString(), false);
  ASSERT_EQ(p->media().size(), 1u);
  // Recorded next to the project: a real video with one frame per analysed frame.
  const core::MediaRecord m = p->media()[0];
  EXPECT_NE(m.path.find("live-recordings/live-"), std::string::npos) << m.path;
  EXPECT_GT(m.frame_count, 20);  // of 120: a busy machine drops frames live, by design
  core::VideoReader recording(m.path);
  EXPECT_EQ(recording.frameCount(), m.frame_count);
  EXPECT_EQ(p->frames(1, p->tracks(m.id)[0].id).back().ms,
            recording.frameTable().ms(recording.frameCount() - 1));
}

TEST(WebcamView, FaceMovementsShowTheMeshAndTheSmilingFacesBars) {
  const std::string clip = "/tmp/unilearn_ui_webcam_smile.mp4";
  ASSERT_TRUE(
      test::videoOnce(clip, "-loop 1 -i " + std::string(UNILEARN_TEST_DATA) +
                                "/faces/astronaut.jpg -vf \"scale=640:640,crop=640:480:0:0\" -r 30 "
                                "-frames:v 45 -c:v libx264 -pix_fmt yuv420p "));
  QTemporaryDir dir;
  const QString project = dir.filePath("live.ulproj");
  core::Project::open(project.toStdString());
  ui::WebcamView view;
  view.resize(1000, 700);
  view.show();
  view.setProjectPath(project);
  view.setFaceMovements(true);
  ASSERT_TRUE(view.start(QString::fromStdString(clip), true));
  ASSERT_TRUE(QTest::qWaitFor(
      [&] { return !view.canvas()->faces().empty() && !view.bars()->values().empty(); }, 5000));
  EXPECT_EQ(view.canvas()->faces()[0].mesh.size(), 478u);
  EXPECT_TRUE(view.canvas()->meshVisible());
  EXPECT_EQ(view.bars()->who(), "face 1");
  const auto& units = core::actionUnits();
  for (size_t i = 0; i < units.size(); ++i)
    if (units[i].number == 12) EXPECT_GT(view.bars()->values()[i], 0.5f) << "she smiles";
  // Clicking the face picks it for the bars.
  QSignalSpy clicked(view.canvas(), &ui::VideoCanvas::faceClicked);
  const QRectF box = view.canvas()->faces()[0].box;
  QPoint inside(-1, -1);
  for (int y = 0; y < view.canvas()->height() && inside.x() < 0; y += 4)
    for (int x = 0; x < view.canvas()->width() && inside.x() < 0; x += 4)
      if (box.adjusted(box.width() / 4, box.height() / 4, -box.width() / 4, -box.height() / 4)
              .contains(view.canvas()->toImage(QPointF(x, y))))
        inside = QPoint(x, y);
  ASSERT_GE(inside.x(), 0);
  QTest::mouseClick(view.canvas(), Qt::LeftButton, {}, inside);
  ASSERT_EQ(clicked.count(), 1);
  EXPECT_EQ(clicked.at(0).at(0).toLongLong(), 1);
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  EXPECT_TRUE(view.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/webcam-face-movements.png"));
  view.stop();
  // The session's frames carry the blendshapes.
  auto p = core::Project::open(project.toStdString(), false);
  ASSERT_EQ(p->media().size(), 1u);
  const auto analyses = p->analyses(p->media()[0].id);
  ASSERT_EQ(analyses.size(), 1u);
  const auto frames = p->frames(analyses[0].id, p->tracks(p->media()[0].id)[0].id);
  ASSERT_FALSE(frames.empty());
  EXPECT_EQ(frames[0].blendshapes.size(), 52u);
}

// Analysis › Per-frame curves reaches the live view too: with the default, both models
// combined, the overlay and the live timeline say so, and the session stores its frames and the
// model's clip windows.
TEST(WebcamView, TheCombinedModelsSpeakLive) {
  const std::string clip = webcamClip();
  QTemporaryDir dir;
  const QString project = dir.filePath("live_head.ulproj");
  core::Project::open(project.toStdString());
  ui::WebcamView view;
  view.resize(900, 700);
  view.show();
  view.setProjectPath(project);
  view.setFrameModel(QString::fromStdString(core::shippedClipModel()), "combined");
  QSignalSpy ended(&view, &ui::WebcamView::sessionEnded);
  ASSERT_TRUE(view.start(QString::fromStdString(clip), true));
  ASSERT_TRUE(QTest::qWaitFor([&] { return !view.canvas()->faces().empty(); }, 5000));
  EXPECT_TRUE(view.canvas()->emotionSource().contains("static model + UniLearn image head"))
      << view.canvas()->emotionSource().toStdString();
  ASSERT_TRUE(QTest::qWaitFor([&] { return !ended.isEmpty(); }, 20000));
  EXPECT_EQ(view.timeline()->data().frame_model, "static model + UniLearn image head");
  auto p = core::Project::open(project.toStdString(), false);
  ASSERT_EQ(p->media().size(), 1u);
  const auto analysis = p->analyses(p->media()[0].id).back();
  EXPECT_EQ(core::analysisFrameEngine(analysis), core::FrameEngine::kCombined);
  EXPECT_FALSE(p->windows(analysis.id).empty());
}

// A model chosen for the live view and damaged before the session starts (a truncated copy, as
// a full disk or an interrupted copy leaves it): the session ends with a message a person can
// act on, the view stays usable, and a session without it still runs and is stored.
TEST(WebcamView, AModelDamagedAfterItWasChosenIsReportedAndTheViewGoesOn) {
  const std::string clip = webcamClip();
  QTemporaryDir dir;
  const QString project = dir.filePath("live_damaged.ulproj");
  core::Project::open(project.toStdString());
  const QString damaged = dir.filePath("damaged.safetensors");
  ASSERT_TRUE(QFile::copy(QString::fromStdString(core::shippedClipModel()), damaged));
  ui::WebcamView view;
  view.setProjectPath(project);
  view.setFrameModel(damaged, "image_head");
  {
    QFile f(damaged);
    ASSERT_TRUE(f.resize(f.size() * 3 / 5));  // cut in the middle of the weights
  }
  QSignalSpy ended(&view, &ui::WebcamView::sessionEnded);
  ASSERT_TRUE(view.start(QString::fromStdString(clip), true));
  ASSERT_TRUE(QTest::qWaitFor([&] { return !ended.isEmpty(); }, 20000));
  const QString message = ended.at(0).at(0).toString();
  EXPECT_FALSE(message.contains("Live session stored")) << message.toStdString();
  EXPECT_TRUE(message.contains("damaged.safetensors")) << message.toStdString();
  EXPECT_FALSE(view.running());
  view.setFrameModel(QString(), "static");
  ASSERT_TRUE(view.start(QString::fromStdString(clip), true));
  ASSERT_TRUE(QTest::qWaitFor([&] { return ended.size() == 2; }, 20000));
  EXPECT_TRUE(ended.at(1).at(0).toString().contains("Live session stored"));
  EXPECT_EQ(core::Project::open(project.toStdString(), false)->media().size(), 1u);
}

// A video file as the live source, cut short (its index at the front promises more frames than
// there are): the session ends where the data ends and what was seen is stored.
TEST(WebcamView, AVideoCutShortEndsTheSessionAndKeepsWhatWasSeen) {
  QTemporaryDir dir;
  const QString cut = dir.filePath("cut.mp4");
  ASSERT_EQ(std::system(("ffmpeg -v error -y -i " + webcamClip() +
                         " -c copy -movflags +faststart " + cut.toStdString() + " >/dev/null 2>&1")
                            .c_str()),
            0);
  {
    QFile f(cut);
    ASSERT_TRUE(f.resize(f.size() / 2));
  }
  const QString project = dir.filePath("live_cut.ulproj");
  core::Project::open(project.toStdString());
  ui::WebcamView view;
  view.setProjectPath(project);
  QSignalSpy ended(&view, &ui::WebcamView::sessionEnded);
  ASSERT_TRUE(view.start(cut, true));
  ASSERT_TRUE(QTest::qWaitFor([&] { return !ended.isEmpty(); }, 20000));
  EXPECT_TRUE(ended.at(0).at(0).toString().contains("Live session stored"))
      << ended.at(0).at(0).toString().toStdString();
  EXPECT_FALSE(view.running());
  auto p = core::Project::open(project.toStdString(), false);
  ASSERT_EQ(p->media().size(), 1u);
  EXPECT_GT(p->media()[0].frame_count, 0);
  EXPECT_LT(p->media()[0].frame_count, 120);
}
