// The main window driven like a user would: a new project, a real-face video added, analysed
// (the timeline grows while it runs), people listed, timeline and player synced both ways.
#include <gtest/gtest.h>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QMenuBar>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <tuple>

#include "tests/ui/main_window_fixtures.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/annotation_editor.h"
#include "ui/emotion_palette.h"
#include "ui/label_queue.h"
#include "ui/lane_chart.h"
#include "ui/main_window.h"
#include "ui/player_widget.h"
#include "ui/routing_map.h"
#include "ui/routing_panel.h"
#include "ui/statistics_chart.h"
#include "ui/timeline_view.h"
#include "ui/token_routing_view.h"
#include "ui/video_canvas.h"

using namespace unilearn;

namespace {

std::string tinyModel() {
  const std::string path = "/tmp/unilearn_ui_tiny160.json";
  std::ofstream(path)
      << R"({"img_size":160,"patch_size":16,"num_frames":16,"tubelet_size":2,)"
         R"("embed_dim":32,"depth":2,"num_heads":2,"moe_layers":[1],"num_experts":4,)"
         R"("top_k":2,"video_classes":3,"video_class_names":["calm","joy","other"]})";
  return path;
}

}  // namespace

using test::showWindow;

TEST(MainWindow, AnalyseAVideoAndNavigateBetweenPlayerAndTimeline) {
  QTemporaryDir dir;
  ui::Settings settings(dir.filePath("settings.ini"));
  ui::MainWindow w(settings);
  showWindow(w);
  EXPECT_FALSE(w.addVideos({QString::fromStdString(test::faceClip())}));  // no project yet
  EXPECT_TRUE(w.lastError().contains("Open or create a project"));
  const QString project = dir.filePath("session.ulproj");
  ASSERT_TRUE(w.openProject(project, true)) << w.lastError().toStdString();
  EXPECT_EQ(settings.recentProjects().value(0), project);
  ASSERT_TRUE(w.addVideos({QString::fromStdString(test::faceClip())}));
  ASSERT_EQ(w.videos()->count(), 1);
  ASSERT_TRUE(w.player()->waitForFrame(0));
  EXPECT_EQ(w.player()->frameCount(), 240);

  QSignalSpy finished(&w, &ui::MainWindow::analysisFinished);
  QSignalSpy loaded(&w, &ui::MainWindow::timelineLoaded);
  const int64_t database_loads = w.databaseLoads();
  int64_t database_loads_while_running = 0;
  w.analyzeSelected(QString::fromStdString(tinyModel()));
  EXPECT_TRUE(w.analysisRunning());
  // While it runs, play the video and watch the event loop: the longest gap between 5 ms ticks
  // is the longest the GUI thread was blocked.
  int loads_while_running = 0;
  qint64 longest_stall = 0, frames_played = 0;
  QElapsedTimer t, since_tick;
  QTimer probe;
  probe.setInterval(5);
  QObject::connect(&probe, &QTimer::timeout,
                   [&] { longest_stall = std::max(longest_stall, since_tick.restart()); });
  QObject::connect(w.player(), &ui::PlayerWidget::frameShown, [&] { ++frames_played; });
  t.start();
  since_tick.start();
  probe.start();
  w.player()->play();
  const qint64 play_started = t.elapsed();
  qint64 play_ms = 0;
  while (finished.isEmpty() && t.elapsed() < 120000) {
    QTest::qWait(20);
    if (w.analysisRunning()) {
      loads_while_running = static_cast<int>(loaded.count());
      database_loads_while_running = w.databaseLoads() - database_loads;
    }
    if (w.player()->playing()) play_ms = t.elapsed() - play_started;
  }
  probe.stop();
  w.player()->pause();
  std::printf(
      "during the analysis: longest event-loop stall %lld ms; %lld frames shown in %lld ms "
      "of playback (%.1f frames/s for a 30 fps video)\n",
      static_cast<long long>(longest_stall), static_cast<long long>(frames_played),
      static_cast<long long>(play_ms), 1000.0 * frames_played / std::max<qint64>(1, play_ms));
  ASSERT_EQ(finished.count(), 1);
  EXPECT_TRUE(finished.at(0).at(0).toBool()) << finished.at(0).at(1).toString().toStdString();
  std::printf("analysis: %s; timeline reloads while it ran: %d\n",
              finished.at(0).at(1).toString().toStdString().c_str(), loads_while_running);
  EXPECT_GE(loads_while_running, 1);  // the timeline grew live
  // ... from the analysis' stream: the project's windows and frames were not read back (one
  // load asked for before the analysis started may still come; the old 2-s re-read made one
  // per 2 s of analysis).
  EXPECT_LE(database_loads_while_running, 1);
  ASSERT_TRUE(QTest::qWaitFor([&] { return w.timeline()->laneCount() == 1; }, 5000));
  EXPECT_EQ(w.people()->count(), 1);
  EXPECT_EQ(w.people()->item(0)->text(), "face 1");
  EXPECT_EQ(w.timeline()->data().classes, (std::vector<std::string>{"calm", "joy", "other"}));

  // The Routing dock follows the player: the tiny model's one MoE layer, four experts.
  w.findChild<QDockWidget*>("routing")->raise();
  QTest::qWait(50);
  w.player()->seekFrame(40);
  ASSERT_TRUE(w.player()->waitForFrame(40));
  auto* map = w.findChild<ui::RoutingMap*>();
  ASSERT_NE(map, nullptr);
  EXPECT_EQ(map->layers(), 1);
  EXPECT_EQ(map->experts(), 4);
  // Its token view re-runs the analysis' model on that window.
  auto* routing = w.findChild<ui::RoutingPanel*>();
  ASSERT_NE(routing, nullptr);
  QSignalSpy traced(routing, &ui::RoutingPanel::traceShown);
  routing->setTab(ui::RoutingPanel::kFace);
  ASSERT_TRUE(traced.wait(30000));
  ASSERT_NE(routing->face()->routing(), nullptr) << routing->status().toStdString();
  EXPECT_EQ(routing->face()->routing()->layers(), 1);
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  EXPECT_TRUE(w.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/main_window_routing.png"));
  w.findChild<QDockWidget*>("people")->raise();
  // Timeline -> player: a click seeks the player to that time.
  w.timeline()->setRange(0, 8000);
  w.timeline()->rebuildNow();
  ui::LaneChart* lane = w.timeline()->lane(0);
  const QRectF plot = lane->plotArea();
  QTest::mouseClick(lane->viewport(), Qt::LeftButton, {},
                    QPoint(static_cast<int>(plot.left() + plot.width() / 2), 60));
  // The middle of 0-8 s is frame 120, give or take the pixel the click lands on.
  ASSERT_TRUE(
      QTest::qWaitFor([&] { return std::abs(w.player()->currentFrame() - 120) <= 1; }, 3000))
      << w.player()->currentFrame();
  // Player -> timeline: the playhead follows the frame shown.
  w.player()->seekFrame(60);
  ASSERT_TRUE(w.player()->waitForFrame(60));
  EXPECT_EQ(w.timeline()->playhead(), w.player()->currentMs());
  EXPECT_EQ(w.timeline()->playhead(), 2000);
  // Annotate: in at frame 30, out at 89, label 2 (Sad) for the selected person; undo, redo.
  settings.setAnnotator("rater1");
  w.timeline()->setAnnotators("rater1", "");
  w.people()->setCurrentRow(0);
  w.player()->seekFrame(30);
  ASSERT_TRUE(w.player()->waitForFrame(30));
  w.setInPoint();
  w.player()->seekFrame(89);
  ASSERT_TRUE(w.player()->waitForFrame(89));
  w.setOutPoint();
  w.labelSelection(1);
  auto rows = [&] {
    std::string out;
    for (const auto& a : w.project()->annotations(w.selectedMediaId()))
      out += std::to_string(a.start_frame) + "-" + std::to_string(a.end_frame) + ":" + a.label +
             ":" + a.annotator + (a.track_id ? "" : ":whole") + " ";
    return out;
  };
  EXPECT_EQ(rows(), "30-89:Sad:rater1 ");
  w.annotations()->stack()->undo();
  EXPECT_EQ(rows(), "");
  w.annotations()->stack()->redo();
  EXPECT_EQ(rows(), "30-89:Sad:rater1 ");
  // Split at the playhead (frame 60), relabel the second half by standing on it.
  w.player()->seekFrame(60);
  ASSERT_TRUE(w.player()->waitForFrame(60));
  w.splitAtPlayhead();
  w.labelSelection(0);  // no selection: relabels the segment under the playhead
  EXPECT_EQ(rows(), "30-59:Sad:rater1 60-89:Happy:rater1 ");
  // The timeline shows the marks once reloaded.
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        return w.timeline()->laneCount() == 1 && w.timeline()->data().lanes[0].marks.size() == 2;
      },
      5000));
  EXPECT_EQ(w.timeline()->data().lanes[0].marks[0].start_ms, 1000);
  EXPECT_EQ(w.timeline()->data().lanes[0].marks[1].end_ms, 3000);
  // A user-defined scheme with colours: its labels get the label keys (configurable).
  w.project()->addScheme("Engagement", {"Engaged", "Withdrawn"}, {"#22aa44", "#cc3322"});
  w.setScheme("Engagement");
  ASSERT_EQ(w.labelActions().size(), 2);
  EXPECT_EQ(w.labelActions()[0]->text(), "Engaged");
  EXPECT_EQ(w.labelActions()[1]->shortcut(), QKeySequence("2"));
  settings.setLabelKeys("qw");
  w.setScheme("Engagement");
  EXPECT_EQ(w.labelActions()[0]->shortcut(), QKeySequence("Q"));
  w.player()->seekFrame(150);
  ASSERT_TRUE(w.player()->waitForFrame(150));
  w.setInPoint();
  w.player()->seekFrame(170);
  ASSERT_TRUE(w.player()->waitForFrame(170));
  w.setOutPoint();
  w.loopSelection();  // plays frames 150-170 over and over
  QTest::qWait(1200);
  EXPECT_TRUE(w.player()->playing());
  EXPECT_GE(w.player()->currentFrame(), 150);
  EXPECT_LE(w.player()->currentFrame(), 170);
  w.player()->pause();
  w.labelActions()[1]->trigger();
  EXPECT_EQ(rows(), "30-59:Sad:rater1 60-89:Happy:rater1 150-170:Withdrawn:rater1 ");
  ASSERT_TRUE(QTest::qWaitFor(
      [&] {
        const auto& marks = w.timeline()->data().lanes[0].marks;
        return marks.size() == 3 && marks[2].color == "#cc3322";
      },
      5000));
  w.annotations()->stack()->undo();
  w.setScheme("DFEW-7");
  // Drag the first segment's start edge (1.0 s) to 0.5 s with the mouse.
  w.timeline()->setRange(0, 8000);
  w.timeline()->rebuildNow();
  {
    ui::LaneChart* l = w.timeline()->lane(0);
    const QRectF plot = l->plotArea(), row = l->bandRect(1);
    auto xAt = [&](double ms) { return plot.left() + ms / 8000.0 * plot.width(); };
    const QPointF from(xAt(1000), row.center().y()), to(xAt(500), row.center().y());
    auto send = [&](QEvent::Type type, QPointF at, Qt::MouseButtons buttons) {
      QMouseEvent ev(type, at, l->viewport()->mapToGlobal(at), Qt::LeftButton, buttons, {});
      QApplication::sendEvent(l->viewport(), &ev);
    };
    send(QEvent::MouseButtonPress, from, Qt::LeftButton);
    send(QEvent::MouseMove, (from + to) / 2, Qt::LeftButton);
    send(QEvent::MouseMove, to, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, to, Qt::NoButton);
  }
  EXPECT_EQ(rows(), "15-59:Sad:rater1 60-89:Happy:rater1 ");
  w.annotations()->stack()->undo();
  EXPECT_EQ(rows(), "30-59:Sad:rater1 60-89:Happy:rater1 ");
  // People: split the person at frame 120 into two, then undo.
  const int64_t person = w.people()->item(0)->data(Qt::UserRole).toLongLong();
  ASSERT_TRUE(w.annotations()->splitPerson(w.selectedMediaId(), person, 120))
      << w.annotations()->lastError().toStdString();
  EXPECT_EQ(w.people()->count(), 2);
  ASSERT_TRUE(QTest::qWaitFor([&] { return w.timeline()->laneCount() == 2; }, 5000));
  w.annotations()->stack()->undo();
  EXPECT_EQ(w.people()->count(), 1);
  ASSERT_TRUE(QTest::qWaitFor([&] { return w.timeline()->laneCount() == 1; }, 5000));
  w.people()->setCurrentRow(0);
  // Agreement with a second annotator, exports, and a re-import that adds nothing twice.
  core::Annotation other;
  other.media_id = w.selectedMediaId();
  other.track_id = w.project()->tracks(other.media_id)[0].id;
  other.scheme = "DFEW-7";
  other.start_frame = 30;
  other.end_frame = 89;
  other.label = "Sad";
  other.annotator = "rater2";
  ASSERT_TRUE(w.annotations()->create(other));
  const QString kappa = w.agreementReport("rater2");
  EXPECT_TRUE(kappa.contains("over 60 frames rated by both")) << kappa.toStdString();
  EXPECT_TRUE(kappa.contains("observed agreement 0.500")) << kappa.toStdString();
  EXPECT_TRUE(kappa.contains("confusion (rows: rater1, columns: rater2)")) << kappa.toStdString();
  EXPECT_FALSE(kappa.contains("weighted")) << kappa.toStdString();  // nominal labels
  const QString stats = w.statisticsTable();
  EXPECT_TRUE(stats.contains("<td>rater2</td><td>Sad</td>")) << stats.toStdString();
  ASSERT_TRUE(w.saveStatistics(dir.filePath("stats.csv")));
  std::ifstream stats_in(dir.filePath("stats.csv").toStdString());
  std::string header;
  std::getline(stats_in, header);
  EXPECT_EQ(header, "person,rater,label,frames,seconds,share,bouts,mean_bout_s,latency_s");
  // The statistics dialog: a figure of each rater's shares above the table, saved as PNG (a
  // fixed 1600 px wide, in the emotions' own colours) and SVG.
  bool shown = false;
  QTimer::singleShot(0, &w, [&] {
    auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
    ASSERT_NE(dialog, nullptr);
    auto* chart = dialog->findChild<ui::StatisticsChart*>("statistics_chart");
    ASSERT_NE(chart, nullptr);
    shown = true;
    std::map<std::string, std::vector<std::pair<std::string, double>>> by_rater;
    for (const auto& b : chart->bars())
      by_rater[b.rater] = b.shares;
    ASSERT_EQ(by_rater["rater2"].size(), 1u);
    EXPECT_EQ(by_rater["rater2"][0].first, "Sad");
    EXPECT_DOUBLE_EQ(by_rater["rater2"][0].second, 1.0);
    ASSERT_EQ(by_rater["rater1"].size(), 2u);
    EXPECT_NEAR(by_rater["rater1"][0].second + by_rater["rater1"][1].second, 1.0, 1e-9);
    QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
    const QString png = QString(UNILEARN_SCREENSHOT_DIR) + "/statistics-figure.png";
    ASSERT_TRUE(chart->exportPicture(png));
    const QImage figure(png);
    EXPECT_EQ(figure.width(), ui::StatisticsChart::kExportWidth);
    int sad = 0;  // pixels in Sad's colour: rater2's whole bar and half of rater1's
    for (int y = 0; y < figure.height(); ++y)
      sad += figure.pixelColor(figure.width() * 3 / 4, y) == ui::emotionColor("Sad");
    EXPECT_GT(sad, 20);
    ASSERT_TRUE(chart->exportPicture(dir.filePath("stats.svg")));
    QFile svg(dir.filePath("stats.svg"));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    EXPECT_TRUE(svg.readAll().contains("rater2"));
    // Per epoch of another scheme: one bar per epoch, person and rater.
    auto* epochs = dialog->findChild<QComboBox*>("statistics_epochs");
    ASSERT_NE(epochs, nullptr);
    ASSERT_GE(epochs->findData("Epochs"), 1);
    epochs->setCurrentIndex(epochs->findData("Epochs"));
    ASSERT_FALSE(chart->bars().empty());
    EXPECT_EQ(chart->bars().front().epoch, "baseline");
    EXPECT_EQ(chart->bars().back().epoch, "task");
    EXPECT_TRUE(dialog->findChild<QLabel*>("statistics_table")->text().contains("<b>task</b>"));
    QTest::qWait(100);  // the layout makes room for the taller chart
    EXPECT_GE(chart->height(), chart->minimumHeight());
    dialog->grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/statistics-dialog.png");
    dialog->reject();
  });
  w.project()->addScheme("Epochs", {"baseline", "task"});
  for (auto [f0, f1, label] :
       {std::tuple<int64_t, int64_t, const char*>{0, 59, "baseline"}, {60, 239, "task"}}) {
    core::Annotation epoch;
    epoch.media_id = w.selectedMediaId();
    epoch.scheme = "Epochs";
    epoch.start_frame = f0;
    epoch.end_frame = f1;
    epoch.label = label;
    epoch.annotator = "rater1";
    ASSERT_TRUE(w.annotations()->create(epoch));
  }
  w.showStatistics();
  EXPECT_TRUE(shown);
  w.annotations()->stack()->undo();  // the epochs again out of the way of what follows
  w.annotations()->stack()->undo();
  // Go › Next/Previous annotation walk the segments' starts (30, 60; rater2's 30 too).
  w.player()->seekFrame(0);
  ASSERT_TRUE(w.player()->waitForFrame(0));
  std::vector<int64_t> starts;
  for (int64_t was = 0; w.jumpToAnnotation(1); was = w.player()->currentFrame()) {
    ASSERT_TRUE(QTest::qWaitFor([&] { return w.player()->currentFrame() != was; }, 3000));
    starts.push_back(w.player()->currentFrame());
    ASSERT_LT(starts.size(), 5u);
  }
  EXPECT_EQ(starts, (std::vector<int64_t>{30, 60}));
  ASSERT_TRUE(w.jumpToAnnotation(-1));
  ASSERT_TRUE(w.player()->waitForFrame(30));
  EXPECT_FALSE(w.jumpToAnnotation(-1));
  bool ctrl_y_redoes = false;
  for (auto* a : w.findChildren<QAction*>())
    if (a->text().startsWith("&Redo"))
      ctrl_y_redoes = a->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Y));
  EXPECT_TRUE(ctrl_y_redoes);
  const QString eaf = dir.filePath("session.eaf"), png = dir.filePath("timeline.png"),
                svg = dir.filePath("timeline.svg"), csv = dir.filePath("session.csv");
  ASSERT_TRUE(w.exportTo(eaf, "eaf")) << w.lastError().toStdString();
  ASSERT_TRUE(w.exportTo(csv, "csv")) << w.lastError().toStdString();
  ASSERT_TRUE(w.exportTimelinePicture(png));
  ASSERT_TRUE(w.exportTimelinePicture(svg));
  // A figure of its own size, whatever the window's: 1600 px wide, a lane's height per person.
  const QImage figure(png);
  EXPECT_EQ(figure.width(), 1600);
  EXPECT_EQ(figure.height(), 48 + ui::TimelineView::kFigureLaneHeight * w.timeline()->laneCount());
  figure.save(QString(UNILEARN_SCREENSHOT_DIR) + "/timeline-figure.png");
  std::ifstream svg_in(svg.toStdString());
  const std::string svg_text((std::istreambuf_iterator<char>(svg_in)), {});
  EXPECT_NE(svg_text.find("<svg"), std::string::npos);
  const size_t before = w.project()->annotations(w.selectedMediaId()).size();
  ASSERT_TRUE(w.importFrom(eaf)) << w.lastError().toStdString();
  EXPECT_EQ(w.project()->annotations(w.selectedMediaId()).size(), before);
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  w.player()->seekFrame(100);
  ASSERT_TRUE(w.player()->waitForFrame(100));
  QTest::qWait(100);
  EXPECT_TRUE(w.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/main_window.png"));

  // Reopening the project from the recent list shows the same analysis.
  w.closeProject();
  EXPECT_EQ(w.videos()->count(), 0);
  ASSERT_TRUE(w.openProject(project));
  ASSERT_TRUE(QTest::qWaitFor([&] { return w.timeline()->laneCount() == 1; }, 5000));
  // A project that is not one gives a message and changes nothing.
  const QString bogus = dir.filePath("bogus.ulproj");
  std::ofstream(bogus.toStdString()) << "not a database";
  EXPECT_FALSE(w.openProject(bogus));
  EXPECT_FALSE(w.lastError().isEmpty());
  EXPECT_EQ(w.videos()->count(), 1);  // still the first project
  // A second window on the same project is refused with the reason; the first keeps it, may
  // reopen it, and once it lets go the second window may open it.
  ui::MainWindow second(settings);
  EXPECT_FALSE(second.openProject(project));
  EXPECT_NE(second.lastError().indexOf("another window"), -1) << second.lastError().toStdString();
  EXPECT_EQ(second.project(), nullptr);
  ASSERT_TRUE(w.openProject(project)) << w.lastError().toStdString();
  EXPECT_TRUE(second.openProject(bogus) == false && w.project() != nullptr);
  w.closeProject();
  EXPECT_TRUE(second.openProject(project)) << second.lastError().toStdString();
}
