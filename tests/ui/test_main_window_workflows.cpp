// The main window's workflows beyond the first analysis: the start page and help, the queue,
// a damaged model, per-frame curves from both models, face movements, and what to label next.
#include <gtest/gtest.h>
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/resources.h"
#include "model/precision.h"
#include "tests/ui/main_window_fixtures.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/annotation_editor.h"
#include "ui/emotion_palette.h"
#include "ui/label_queue.h"
#include "ui/main_window.h"
#include "ui/player_widget.h"
#include "ui/settings.h"
#include "ui/timeline_view.h"
#include "ui/video_canvas.h"

using namespace unilearn;

using test::showWindow;

// What a newcomer meets: a start page until a project is open, the keys listed under Help (from
// the menus themselves), closed panels restored from View, people renamed with F2 and undone.
TEST(MainWindow, StartPageHelpPanelsAndRenamingPeople) {
  QTemporaryDir dir;
  ui::Settings settings(dir.filePath("settings.ini"));
  ui::MainWindow w(settings);
  w.resize(1024, 700);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  EXPECT_TRUE(w.welcomeShown());
  auto* welcome = w.findChild<QWidget*>("welcome");
  ASSERT_NE(welcome, nullptr);
  EXPECT_TRUE(welcome->isVisible());
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  EXPECT_TRUE(w.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/welcome.png"));
  // At 1024 px the side panels leave the video most of the width (they held 525 px before).
  EXPECT_GE(w.centralWidget()->width(), 640);
  const QString sheet = w.shortcutSheet();
  for (const char* want : {"Next annotation", "Alt+Right", "Forward 5 seconds", "Ctrl+Y",
                           "Rename the selected person", "F2", "Set in point"})
    EXPECT_TRUE(sheet.contains(want)) << want << " missing from " << sheet.toStdString();

  const QString project = dir.filePath("people.ulproj");
  ASSERT_TRUE(w.openProject(project, true)) << w.lastError().toStdString();
  EXPECT_FALSE(w.welcomeShown());
  // The label keys are on screen, each with its label and colour.
  const QString legend = w.keyLegend();
  EXPECT_TRUE(legend.contains("<b>1</b>") && legend.contains("Happy") && legend.contains("Fear"))
      << legend.toStdString();
  EXPECT_TRUE(legend.contains(ui::emotionColor("Sad").name())) << legend.toStdString();
  ASSERT_TRUE(w.addVideos({QString::fromStdString(test::faceClip())}));
  const int64_t media = w.selectedMediaId();
  const int64_t track = w.project()->track(media, 1);
  ASSERT_TRUE(w.renamePerson(track, "  Client  "));
  EXPECT_EQ(w.project()->tracks(media)[0].person, "Client");
  w.annotations()->stack()->undo();
  EXPECT_EQ(w.project()->tracks(media)[0].person, "");
  w.annotations()->stack()->redo();
  EXPECT_EQ(w.project()->tracks(media)[0].person, "Client");
  // Locating a missing video takes the same content only.
  const QString copy = dir.filePath("copy.mp4"), other = dir.filePath("other.mp4");
  ASSERT_TRUE(QFile::copy(QString::fromStdString(test::faceClip()), copy));
  std::ofstream(other.toStdString()) << "not the video";
  EXPECT_FALSE(w.locateVideo(media, other));
  EXPECT_TRUE(w.lastError().contains("content differs")) << w.lastError().toStdString();
  ASSERT_TRUE(w.locateVideo(media, copy));
  EXPECT_EQ(QString::fromStdString(w.project()->media()[0].path),
            QFileInfo(copy).absoluteFilePath());

  // A closed panel comes back from View.
  auto* people_dock = w.findChild<QDockWidget*>("people");
  ASSERT_NE(people_dock, nullptr);
  people_dock->close();
  EXPECT_FALSE(people_dock->isVisible());
  QAction* toggle = nullptr;
  for (auto* a : w.findChildren<QAction*>())
    if (a == people_dock->toggleViewAction()) toggle = a;
  ASSERT_NE(toggle, nullptr);
  bool in_view_menu = false;
  for (auto* top : w.menuBar()->actions())
    if (top->text() == "&View" && top->menu()->actions().contains(toggle)) in_view_menu = true;
  EXPECT_TRUE(in_view_menu);
  toggle->trigger();
  EXPECT_TRUE(people_dock->isVisible());
  // Analysis › Fast arithmetic (bf16) is a remembered setting, offered where the CPU has bf16.
  QAction* fast = nullptr;
  for (auto* a : w.findChildren<QAction*>())
    if (a->text() == "&Fast arithmetic (bf16)") fast = a;
  ASSERT_NE(fast, nullptr);
  EXPECT_EQ(fast->isEnabled(), cpuHasBf16());
  EXPECT_EQ(settings.precision(), "fp32");
  if (cpuHasBf16()) {
    fast->trigger();
    EXPECT_EQ(settings.precision(), "bf16");
    fast->trigger();
    EXPECT_EQ(settings.precision(), "fp32");
  }
  // int8 is the other choice; choosing it unchecks bf16.
  QAction* quantized = nullptr;
  for (auto* a : w.findChildren<QAction*>())
    if (a->text() == "&Quantized arithmetic (int8)") quantized = a;
  ASSERT_NE(quantized, nullptr);
  if (quantized->isEnabled()) {
    if (cpuHasBf16()) fast->trigger();
    quantized->trigger();
    EXPECT_EQ(settings.precision(), "int8");
    EXPECT_FALSE(fast->isChecked());
    quantized->trigger();
    EXPECT_EQ(settings.precision(), "fp32");
  }
  w.closeProject();
  EXPECT_TRUE(w.welcomeShown());
}

// Analysis › Analyze all videos: a queue over the project's videos; a video that went missing
// is reported and the others are analysed all the same.
TEST(MainWindow, AnalyzeAllRunsTheQueueAndReportsAMissingVideo) {
  QTemporaryDir dir;
  ui::Settings settings(dir.filePath("settings.ini"));
  ui::MainWindow w(settings);
  showWindow(w);
  ASSERT_TRUE(w.openProject(dir.filePath("queue.ulproj"), true)) << w.lastError().toStdString();
  QStringList clips;
  int frames = 20;  // three different videos (a copy would be the same video, found by content)
  for (const char* name : {"first.mp4", "second.mp4", "gone.mp4"}) {
    clips << dir.filePath(name);
    ASSERT_EQ(std::system(("ffmpeg -v error -y -i " + test::faceClip() + " -frames:v " +
                           std::to_string(frames += 5) + " -c:v libx264 -pix_fmt yuv420p " +
                           clips.back().toStdString() + " >/dev/null 2>&1")
                              .c_str()),
              0);
  }
  ASSERT_TRUE(w.addVideos(clips));
  ASSERT_TRUE(QFile::remove(clips.back()));  // missing by the time the queue reaches it
  QSignalSpy finished(&w, &ui::MainWindow::analysisFinished);
  w.analyzeAll(QString());  // the static model: fast
  ASSERT_TRUE(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 180000));
  EXPECT_FALSE(finished.at(0).at(0).toBool());
  const QString message = finished.at(0).at(1).toString();
  EXPECT_TRUE(message.contains("Analysed 2 of 3 videos")) << message.toStdString();
  EXPECT_TRUE(message.contains("gone.mp4")) << message.toStdString();
  int analysed = 0;
  for (const auto& m : w.project()->media())
    analysed += !w.project()->analyses(m.id).empty();
  EXPECT_EQ(analysed, 2);
  // Again: both are kept as they are, nothing computed twice.
  w.analyzeAll(QString());
  ASSERT_TRUE(QTest::qWaitFor([&] { return finished.size() == 2; }, 60000));
  EXPECT_TRUE(finished.at(1).at(1).toString().contains("Analysed 2 of 3 videos"));
}

// A model chosen for analysis and damaged before the analysis reads it (a truncated copy): the
// analysis ends with a message naming the file, the window goes on, and what the project
// already holds is untouched.
TEST(MainWindow, AModelDamagedAfterItWasChosenIsReportedAndTheProjectIsKept) {
  QTemporaryDir dir;
  ui::Settings settings(dir.filePath("settings.ini"));
  ui::MainWindow w(settings);
  showWindow(w);
  ASSERT_TRUE(w.openProject(dir.filePath("damaged.ulproj"), true)) << w.lastError().toStdString();
  const QString clip = dir.filePath("short.mp4");
  ASSERT_EQ(std::system(("ffmpeg -v error -y -i " + test::faceClip() +
                         " -frames:v 24 -c:v libx264 -pix_fmt yuv420p " + clip.toStdString() +
                         " >/dev/null 2>&1")
                            .c_str()),
            0);
  ASSERT_TRUE(w.addVideos({clip}));
  QSignalSpy finished(&w, &ui::MainWindow::analysisFinished);
  w.analyzeSelected(QString());  // the static model first: something stored
  ASSERT_TRUE(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 120000));
  ASSERT_TRUE(finished.at(0).at(0).toBool()) << finished.at(0).at(1).toString().toStdString();
  const int64_t media = w.project()->media()[0].id;
  ASSERT_EQ(w.project()->analyses(media).size(), 1u);
  const auto frames_before =
      w.project()->frames(w.project()->analyses(media)[0].id, w.project()->tracks(media)[0].id);

  const QString damaged = dir.filePath("damaged-model.safetensors");
  ASSERT_TRUE(QFile::copy(QString::fromStdString(core::shippedClipModel()), damaged));
  {
    QFile f(damaged);
    ASSERT_TRUE(f.resize(f.size() * 3 / 5));
  }
  w.analyzeSelected(damaged);
  ASSERT_TRUE(QTest::qWaitFor([&] { return finished.size() == 2; }, 120000));
  EXPECT_FALSE(finished.at(1).at(0).toBool());
  const QString message = finished.at(1).at(1).toString();
  EXPECT_TRUE(message.contains("damaged-model.safetensors")) << message.toStdString();
  EXPECT_FALSE(w.analysisRunning());
  // The stored analysis is as it was, and the window still analyses.
  ASSERT_EQ(w.project()->analyses(media).size(), 1u);
  EXPECT_EQ(w.project()
                ->frames(w.project()->analyses(media)[0].id, w.project()->tracks(media)[0].id)
                .size(),
            frames_before.size());
  w.analyzeSelected(QString());
  ASSERT_TRUE(QTest::qWaitFor([&] { return finished.size() == 3; }, 120000));
  EXPECT_TRUE(finished.at(2).at(0).toBool()) << finished.at(2).at(1).toString().toStdString();

  // A failing decoder: a video (index at the front) cut short after it was added. The
  // analysis keeps what could be decoded and says the video is damaged.
  const QString cut = dir.filePath("cut.mp4");
  ASSERT_EQ(std::system(("ffmpeg -v error -y -i " + test::faceClip() +
                         " -frames:v 90 -c:v libx264 -pix_fmt yuv420p -movflags +faststart " +
                         cut.toStdString() + " >/dev/null 2>&1")
                            .c_str()),
            0);
  ASSERT_TRUE(w.addVideos({cut}));
  {
    QFile f(cut);
    ASSERT_TRUE(f.resize(f.size() / 2));
  }
  w.videos()->setCurrentRow(1);
  w.analyzeSelected(QString());
  ASSERT_TRUE(QTest::qWaitFor([&] { return finished.size() == 4; }, 120000));
  const QString damage = finished.at(3).at(1).toString();
  EXPECT_TRUE(finished.at(3).at(0).toBool()) << damage.toStdString();
  EXPECT_TRUE(damage.contains("damaged video")) << damage.toStdString();
  EXPECT_TRUE(damage.contains("cut.mp4")) << damage.toStdString();
  EXPECT_EQ(w.project()->analyses(media).size(), 1u);
}

// Analysis › Per-frame curves: by default a new analysis with the shipped model takes its frame
// curves from both models combined, and the timeline's legend says so; the choice is remembered.
TEST(MainWindow, PerFrameCurvesFromBothModelsByDefaultNamedOnTheTimeline) {
  QTemporaryDir dir;
  ui::Settings settings(dir.filePath("settings.ini"));
  EXPECT_EQ(settings.frameModel(), "combined");
  ui::MainWindow w(settings);
  showWindow(w);
  std::map<QString, QAction*> choices;
  for (QAction* a : w.menuBar()->findChildren<QAction*>())
    if (a->data().toString() == "static" || a->data().toString() == "image_head" ||
        a->data().toString() == "combined")
      choices[a->data().toString()] = a;
  ASSERT_EQ(choices.size(), 3u);
  EXPECT_TRUE(choices["combined"]->isChecked());
  EXPECT_FALSE(choices["static"]->isChecked());
  ASSERT_TRUE(w.openProject(dir.filePath("head.ulproj"), true)) << w.lastError().toStdString();
  const std::string clip = "/tmp/unilearn_ui_head_40.mp4";
  ASSERT_TRUE(
      test::videoOnce(clip, "-loop 1 -i " + std::string(UNILEARN_TEST_DATA) +
                                "/faces/astronaut.jpg -vf \"scale=640:640,crop=640:480:0:0\" -r 30 "
                                "-frames:v 40 -c:v libx264 -pix_fmt yuv420p "));
  ASSERT_TRUE(w.addVideos({QString::fromStdString(clip)}));
  QSignalSpy finished(&w, &ui::MainWindow::analysisFinished);
  w.analyzeSelected(QString::fromStdString(core::shippedClipModel()));
  ASSERT_TRUE(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 120000));
  ASSERT_TRUE(finished.at(0).at(0).toBool()) << finished.at(0).at(1).toString().toStdString();
  ASSERT_TRUE(QTest::qWaitFor([&] { return w.timeline()->laneCount() == 1; }, 5000));
  EXPECT_EQ(w.timeline()->data().frame_model, "static model + UniLearn image head");
  bool named = false;
  for (QLabel* l : w.timeline()->findChildren<QLabel*>())
    named |= l->text().contains("per frame: static model + UniLearn image head");
  EXPECT_TRUE(named);
  choices["image_head"]->trigger();  // remembered
  EXPECT_EQ(settings.frameModel(), "image_head");
  EXPECT_FALSE(choices["combined"]->isChecked());
  // A setting from before there were three choices still counts.
  QSettings old(dir.filePath("old.ini"), QSettings::IniFormat);
  old.setValue("analysis/image_head_frames", true);
  old.sync();
  EXPECT_EQ(ui::Settings(dir.filePath("old.ini")).frameModel(), "image_head");
}

TEST(MainWindow, FaceMovementsOnTheTimelineTheMeshOnTheVideoAndSmileEvents) {
  const std::string clip = "/tmp/unilearn_ui_smile_60.mp4";
  ASSERT_TRUE(
      test::videoOnce(clip, "-loop 1 -i " + std::string(UNILEARN_TEST_DATA) +
                                "/faces/astronaut.jpg -vf \"scale=640:640,crop=640:480:0:0\" -r 30 "
                                "-frames:v 60 -c:v libx264 -pix_fmt yuv420p "));
  QTemporaryDir dir;
  ui::Settings settings(dir.filePath("settings.ini"));
  settings.setFaceMovements(true);  // Analysis › Face movements and landmarks
  settings.setAnnotator("ann");
  ui::MainWindow w(settings);
  showWindow(w);
  EXPECT_FALSE(w.findFaceEvents().isEmpty() && w.lastError().isEmpty());  // no project: says so
  ASSERT_TRUE(w.openProject(dir.filePath("moves.ulproj"), true)) << w.lastError().toStdString();
  ASSERT_TRUE(w.addVideos({QString::fromStdString(clip)}));
  EXPECT_TRUE(w.findFaceEvents().isEmpty());  // nothing analysed yet
  EXPECT_TRUE(w.lastError().contains("blendshapes")) << w.lastError().toStdString();
  QSignalSpy finished(&w, &ui::MainWindow::analysisFinished);
  w.analyzeSelected(QString());  // the static model, with face movements
  ASSERT_TRUE(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 120000));
  ASSERT_TRUE(finished.at(0).at(0).toBool()) << finished.at(0).at(1).toString().toStdString();
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        return w.timeline()->laneCount() == 1 && !w.timeline()->data().lanes[0].movements.empty() &&
               w.timeline()->data().lanes[0].movements[0].size() == 60;
      },
      5000));
  EXPECT_GT(w.timeline()->data().lanes[0].movements[0].value[30], 0.5f);  // smile (AU12)
  w.timeline()->setFaceMovements(true);
  w.timeline()->rebuildNow();

  // The mesh over the video, from the stored landmarks.
  w.player()->setMeshVisible(true);
  w.player()->seekFrame(30);
  ASSERT_TRUE(w.player()->waitForFrame(30));
  auto* canvas = w.player()->findChild<ui::VideoCanvas*>();
  ASSERT_EQ(canvas->faces().size(), 1u);
  EXPECT_EQ(canvas->faces()[0].mesh.size(), 478u);
  EXPECT_TRUE(canvas->faces()[0].box.contains(canvas->faces()[0].mesh[1]));  // the nose tip

  const QString report = w.findFaceEvents();
  EXPECT_TRUE(report.contains("1 smiles (")) << report.toStdString();  // one long smile
  EXPECT_EQ(w.timeline()->secondAnnotator(), "blendshapes");
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  QTest::qWait(300);
  EXPECT_TRUE(w.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/face-movements.png"));
}

// Annotate › What to label next: the model's least certain window of a person is listed first;
// choosing it selects the person and the stretch, one label key labels it, and the list then
// moves on to the next stretch.
TEST(MainWindow, WhatToLabelNextGoesToTheModelsLeastCertainStretch) {
  QTemporaryDir dir;
  ui::Settings settings(dir.filePath("settings.ini"));
  settings.setAnnotator("ann");
  ui::MainWindow w(settings);
  w.resize(1024, 700);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  ASSERT_TRUE(w.openProject(dir.filePath("label-next.ulproj"), true));
  ASSERT_TRUE(w.addVideos({QString::fromStdString(test::faceClip())}));
  ASSERT_TRUE(w.player()->waitForFrame(0));
  // A clip analysis of the 240-frame video's face: sure, except frames 40..55 and 120..135.
  core::Project& p = *w.project();
  const int64_t media = w.selectedMediaId();
  const int64_t face = p.track(media, 1);
  const int64_t model = p.addModel(
      {0, "m", R"({"video_classes":3,"video_class_names":["neutral","happy","sad"]})", "x", ""});
  const int64_t analysis = p.startAnalysis(media, model, "clip", "{}");
  for (int64_t start = 0; start + 16 <= 240; start += 8) {
    core::WindowPrediction win;
    win.analysis_id = analysis;
    win.track_id = face;
    win.start_frame = start;
    win.end_frame = start + 15;
    win.start_ms = start * 1000 / 30;
    win.end_ms = (start + 16) * 1000 / 30;
    win.probs = start == 40    ? std::vector<float>{0.40f, 0.38f, 0.22f}
                : start == 120 ? std::vector<float>{0.30f, 0.50f, 0.20f}
                               : std::vector<float>{0.90f, 0.05f, 0.05f};
    p.addWindow(win);
  }
  p.finishAnalysis(analysis, "done");
  w.selectVideo(0);
  auto* queue = w.labelQueue();
  // The load that adding the video started may still be running: wait for the one after it.
  ASSERT_TRUE(QTest::qWaitFor([&] { return queue->suggestions().size() == 2u; }, 20000));
  EXPECT_EQ(queue->suggestions()[0].start_frame, 40);
  EXPECT_TRUE(queue->reasonText(0).contains("model unsure: neutral 40 % or happy 38 %"))
      << queue->reasonText(0).toStdString();
  // Ctrl+J shows the panel.
  QAction* open = nullptr;
  for (QAction* a : w.findChildren<QAction*>())
    if (a->text() == "&What to label next") open = a;
  ASSERT_NE(open, nullptr);
  EXPECT_EQ(open->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_J));
  open->trigger();
  QTest::qWait(50);
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  EXPECT_TRUE(w.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/label-next-1024x700.png"));

  ASSERT_TRUE(queue->choose(0));
  ASSERT_TRUE(w.player()->waitForFrame(40));
  ASSERT_NE(w.people()->currentItem(), nullptr);
  EXPECT_EQ(w.people()->currentItem()->data(Qt::UserRole).toLongLong(), face);
  w.labelSelection(2);  // DFEW-7's third label: Neutral
  const auto labels = p.annotations(media);
  ASSERT_EQ(labels.size(), 1u);
  EXPECT_EQ(labels[0].track_id, std::optional<int64_t>(face));
  EXPECT_EQ(labels[0].start_frame, 40);
  EXPECT_EQ(labels[0].end_frame, 55);
  EXPECT_EQ(labels[0].label, "Neutral");
  EXPECT_EQ(labels[0].annotator, "ann");
  // Labelled: the list moves on to the other stretch.
  ASSERT_TRUE(QTest::qWaitFor([&] { return queue->suggestions().size() == 1u; }, 10000));
  EXPECT_EQ(queue->suggestions()[0].start_frame, 120);
  EXPECT_FALSE(queue->choose(1));

  // Participant calibration: that stretch as the person's neutral baseline, the timeline
  // relative to it. Baseline = mean of the windows over frames 120..135 (starting at 112, 120,
  // 128): neutral 0.7, happy 0.2, sad 0.1.
  ASSERT_TRUE(queue->choose(0));
  ASSERT_TRUE(w.setBaselineFromSelection());
  ASSERT_TRUE(p.baseline(face));
  EXPECT_EQ(p.baseline(face)->start_frame, 120);
  EXPECT_EQ(p.baseline(face)->end_frame, 135);
  w.setRelativeToBaseline(true);
  EXPECT_TRUE(settings.relativeToBaseline());
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        const auto& lanes = w.timeline()->data().lanes;
        return lanes.size() == 1 && lanes[0].person == "face 1 · relative to baseline";
      },
      10000));
  const auto& lane = w.timeline()->data().lanes[0];
  ASSERT_EQ(lane.probs[1].size(), 29u);
  EXPECT_NEAR(lane.probs[1].value[15], 0.3f, 1e-5);  // happy 0.5 - 0.2
  EXPECT_NEAR(lane.probs[0].value[15], 0.6f, 1e-5);  // the rest: neutral
  EXPECT_NEAR(lane.probs[0].value[0], 1.0f, 1e-5);   // a sure-neutral window: fully neutral
  EXPECT_TRUE(w.clearBaseline());
  EXPECT_FALSE(w.clearBaseline());
  ASSERT_TRUE(
      QTest::qWaitFor([&] { return w.timeline()->data().lanes.at(0).person == "face 1"; }, 10000));
  w.people()->setCurrentRow(-1);
  EXPECT_FALSE(w.setBaselineFromSelection());  // no person selected
  EXPECT_TRUE(w.lastError().contains("Select the person"));
}
