// Issue 6: the routing views show the numbers the model produced.
#include <gtest/gtest.h>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>

#include "core/analysis/analyzer.h"
#include "core/analysis/clip_model.h"
#include "core/analysis/timeline.h"
#include "core/resources.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/expert_class_view.h"
#include "ui/expert_usage_chart.h"
#include "ui/path_comparison.h"
#include "ui/routing_map.h"
#include "ui/routing_panel.h"
#include "ui/token_routing_view.h"

using namespace unilearn;

TEST(RoutingMap, ShowsTheWindowsExpertSharesAndGates) {
  core::WindowPrediction w;
  w.start_frame = 32;
  w.end_frame = 92;
  for (int l = 0; l < 6; ++l) {
    std::vector<float> share(8, 0.0f), gate(8, 0.0f);
    share[static_cast<size_t>(l)] = 0.5f;  // layer l favours expert l
    share[static_cast<size_t>((l + 3) % 8)] = 0.3f;
    share[7] += 0.2f;
    gate[static_cast<size_t>(l)] = 0.6f;
    w.expert_share.push_back(share);
    w.mean_gate.push_back(gate);
  }
  ui::RoutingMap map;
  map.resize(640, 360);
  map.setWindow(w, {6, 7, 8, 9, 10, 11});
  ASSERT_EQ(map.layers(), 6);
  ASSERT_EQ(map.experts(), 8);
  for (int l = 0; l < 6; ++l) {
    EXPECT_FLOAT_EQ(map.share(l, l),
                    w.expert_share[static_cast<size_t>(l)][static_cast<size_t>(l)]);
    EXPECT_FLOAT_EQ(map.gate(l, l), 0.6f);
  }
  const QString csv = map.toCsv();
  EXPECT_TRUE(csv.startsWith("layer,block,expert,share,mean_gate\n"));
  EXPECT_TRUE(csv.contains("\n5,11,5,0.5,0.6\n")) << csv.toStdString();
  EXPECT_EQ(csv.count('\n'), 1 + 6 * 8);
  EXPECT_TRUE(ui::RoutingMap::explanation().contains("router"));
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  const QString png = QString(UNILEARN_SCREENSHOT_DIR) + "/routing_map.png",
                svg = QString(UNILEARN_SCREENSHOT_DIR) + "/routing_map.svg";
  EXPECT_TRUE(map.exportPicture(png));
  EXPECT_TRUE(map.exportPicture(svg));
  EXPECT_GT(QFile(svg).size(), 1000);
}

// Issue 6, views 2–5 over a real analysis: a real face clip, a small random-weight UniLearn with
// the paper's routing shape (6 MoE layers × 8 experts, top-2). Every view must show the numbers
// the model produced: each is compared with an independent trace of the same window.
namespace {

std::string routingModel() {
  const std::string path = "/tmp/unilearn_ui_routing6x8.json";
  std::ofstream(path)
      << R"({"img_size":160,"patch_size":16,"num_frames":16,"tubelet_size":2,)"
         R"("embed_dim":32,"depth":8,"num_heads":2,"moe_layers":[2,3,4,5,6,7],"num_experts":8,)"
         R"("top_k":2,"video_classes":7,"video_class_names":["Happy","Sad","Neutral","Angry",)"
         R"("Surprise","Disgust","Fear"]})";
  return path;
}

struct AnalysedClip {
  QTemporaryDir dir;
  QString project_path;
  std::shared_ptr<core::Timeline> timeline;
  std::unique_ptr<core::ClipModel> model;
};

// `model`: the model file to analyse with (default: routingModel()).
std::unique_ptr<AnalysedClip> analysedClip(const std::string& model = routingModel()) {
  auto a = std::make_unique<AnalysedClip>();
  a->project_path = a->dir.filePath("routing.ulproj");
  a->model = core::ClipModel::load(model);
  auto project = core::Project::open(a->project_path.toStdString());
  const auto s =
      core::analyzeVideo(*project, test::faceClip(), a->model.get(), core::resourceDir(), {});
  a->timeline = std::make_shared<core::Timeline>(core::loadTimeline(*project, s.media_id));
  return a;
}

// A copy of routingModel() in `dir`, for a test that damages or removes it (the shared file is
// in use by the tests running beside it).
QString modelCopy(const QTemporaryDir& dir) {
  const QString model = dir.filePath("own-model.json");
  EXPECT_TRUE(QFile::copy(QString::fromStdString(routingModel()), model));
  return model;
}

// The panel on the first window of `a`, its face view traced; false when no trace came.
bool traceFirstWindow(ui::RoutingPanel& panel, const AnalysedClip& a) {
  panel.resize(600, 600);
  panel.setProject(a.project_path);
  panel.setTimeline(a.timeline);
  const auto& w = a.timeline->tracks[0].windows[0];
  panel.showAt(w.start_frame + 2, 0, std::nullopt);
  QSignalSpy traced(&panel, &ui::RoutingPanel::traceShown);
  panel.setTab(ui::RoutingPanel::kFace);
  return traced.wait(20000);
}

void saveScreenshot(ui::RoutingPanel& panel, const QString& name) {
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  EXPECT_TRUE(panel.exportCurrent(QString(UNILEARN_SCREENSHOT_DIR) + "/" + name + ".png"));
  EXPECT_TRUE(panel.exportCurrent(QString(UNILEARN_SCREENSHOT_DIR) + "/" + name + ".svg"));
  EXPECT_TRUE(panel.exportCurrent(QString(UNILEARN_SCREENSHOT_DIR) + "/" + name + ".csv"));
  EXPECT_GT(QFile(QString(UNILEARN_SCREENSHOT_DIR) + "/" + name + ".svg").size(), 1000);
}

}  // namespace

TEST(RoutingPanel, EveryViewShowsTheModelsRoutingOfTheWindowAtThePlayhead) {
  auto a = analysedClip();
  ASSERT_EQ(a->timeline->tracks.size(), 1u);
  ASSERT_EQ(a->timeline->moe_blocks, (std::vector<int>{2, 3, 4, 5, 6, 7}));
  ui::RoutingPanel panel;
  panel.resize(760, 720);
  panel.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
  panel.setProject(a->project_path);
  panel.setTimeline(a->timeline);
  panel.setRange(0, 8000);
  const auto& windows = a->timeline->tracks[0].windows;
  ASSERT_GE(windows.size(), 3u);
  const core::WindowPrediction& w = windows[2];
  const int64_t frame = (w.start_frame + w.end_frame) / 2 + 8;  // nearest window: this one
  panel.showAt(frame, frame * 1000 / 30, std::nullopt);
  ASSERT_TRUE(panel.window());
  EXPECT_EQ(panel.window()->id, w.id);

  // View 1: the stored summary.
  EXPECT_EQ(panel.map()->layers(), 6);
  EXPECT_EQ(panel.map()->experts(), 8);
  EXPECT_FLOAT_EQ(panel.map()->share(3, 5), w.expert_share[3][5]);
  saveScreenshot(panel, "routing_1_map");

  // View 2: the face, traced on the worker thread; compared with our own trace of the window.
  QSignalSpy traced(&panel, &ui::RoutingPanel::traceShown);
  panel.setTab(ui::RoutingPanel::kFace);
  ASSERT_TRUE(traced.wait(60000)) << panel.status().toStdString();
  const auto project = core::Project::open(a->project_path.toStdString(), false);
  const core::TokenRouting truth =
      a->model->trace(core::windowCrops(*project, *a->timeline->analysis, w, 160));
  ui::TokenRoutingView* face = panel.face();
  ASSERT_NE(face->routing(), nullptr) << panel.status().toStdString();
  EXPECT_EQ(face->slices(), 8);
  for (int layer : {0, 5}) {
    panel.setLayer(layer);
    for (int slice : {0, 3, 7}) {
      panel.setSlice(slice);
      for (int row = 0; row < 10; ++row)
        for (int col = 0; col < 10; ++col) {
          const int t = truth.token(slice, row, col);
          ASSERT_EQ(face->shownExpert(row, col), truth.expertAt(layer, t, 0));
          ASSERT_NEAR(face->shownOpacity(row, col), truth.gateAt(layer, t, 0), 1e-5);
        }
    }
  }
  // Highlighting expert e shows exactly the tokens that have e among their top-2.
  panel.setLayer(2);
  panel.setSlice(4);
  const int e = truth.expertAt(2, truth.token(4, 5, 5), 1);
  QTest::mouseClick(face, Qt::LeftButton, {}, face->legendRect(e).center().toPoint());
  EXPECT_EQ(face->highlightedExpert(), e);
  int highlighted = 0;
  for (int row = 0; row < 10; ++row)
    for (int col = 0; col < 10; ++col) {
      const int t = truth.token(4, row, col);
      const bool routed = truth.expertAt(2, t, 0) == e || truth.expertAt(2, t, 1) == e;
      EXPECT_EQ(face->shownExpert(row, col), routed ? e : -1);
      highlighted += routed;
    }
  EXPECT_GT(highlighted, 0);
  // Clicking a patch lists its experts and weights in every layer.
  QSignalSpy patch(face, &ui::TokenRoutingView::patchSelected);
  QTest::mouseClick(face, Qt::LeftButton, {}, face->patchRect(5, 5).center().toPoint());
  ASSERT_EQ(patch.count(), 1);
  const QString details = face->patchDetails(5, 5);
  EXPECT_TRUE(details.contains(
      QString("block 4: E%1 %2")
          .arg(truth.expertAt(2, truth.token(4, 5, 5), 0))
          .arg(static_cast<double>(truth.gateAt(2, truth.token(4, 5, 5))), 0, 'f', 2)))
      << details.toStdString();
  EXPECT_EQ(details.count("block"), 6);
  saveScreenshot(panel, "routing_2_face");
  // Speed: a layer or slice switch recomputes the cells and repaints synchronously.
  QElapsedTimer clock;
  double worst = 0;
  for (int i = 0; i < 24; ++i) {
    clock.start();
    if (i % 2)
      panel.setLayer(i % 6);
    else
      panel.setSlice(i % 8);
    face->repaint();
    worst = std::max(worst, clock.nsecsElapsed() / 1e6);
  }
  std::printf("token view: worst layer/slice switch + repaint %.2f ms over 24 switches\n", worst);
  // Animation steps through the slices.
  panel.setSlice(0);
  panel.setAnimating(true);
  EXPECT_TRUE(QTest::qWaitFor([&] { return face->slice() >= 2; }, 3000));
  panel.setAnimating(false);
  face->setHighlightedExpert(-1);

  // View 3: expert usage over time — the stored shares of the window under each time.
  panel.setTab(ui::RoutingPanel::kOverTime);
  ui::ExpertUsageChart* usage = panel.usage();
  EXPECT_EQ(usage->layers(), 6);
  for (const auto& x : windows) {
    const auto shown = usage->usageAt(4, (x.start_ms + x.end_ms) / 2.0);
    ASSERT_EQ(shown.size(), 8u);
    EXPECT_EQ(shown, x.expert_share[4]);
  }
  EXPECT_EQ(usage->toCsv().count('\n'), 1 + static_cast<int>(windows.size()) * 6 * 8);
  saveScreenshot(panel, "routing_3_over_time");

  // View 4: the project's expert × class matrix, equal to core's.
  QSignalSpy matrix(&panel, &ui::RoutingPanel::matrixShown);
  panel.setTab(ui::RoutingPanel::kByEmotion);
  ASSERT_TRUE(matrix.wait(20000));
  const auto expected = core::expertClassMatrix(*project, "predicted");
  ASSERT_EQ(panel.classes()->matrix().classes, expected.classes);
  panel.setLayer(3);
  for (size_t c = 0; c < expected.classes.size(); ++c)
    for (int x = 0; x < 8; ++x)
      EXPECT_FLOAT_EQ(panel.classes()->shown(static_cast<int>(c), x), expected.share[3][c][x]);
  saveScreenshot(panel, "routing_4_by_emotion");

  // View 5: the still through the image path beside the clip.
  panel.setTab(ui::RoutingPanel::kPaths);
  ui::PathComparison* paths = panel.paths();
  ASSERT_NE(paths->stillView()->routing(), nullptr);
  const core::TokenRouting still = a->model->traceImage(truth.frames[8]);
  EXPECT_FALSE(paths->stillView()->routing()->video);
  EXPECT_EQ(paths->stillView()->slices(), 1);
  EXPECT_EQ(paths->stillView()->routing()->expert, still.expert);
  EXPECT_EQ(paths->clipView()->routing()->expert, truth.expert);
  const auto d = core::routingDistance(still.expertShare(), truth.expertShare());
  ASSERT_EQ(paths->distances().size(), 6u);
  for (size_t l = 0; l < 6; ++l)
    EXPECT_FLOAT_EQ(paths->distances()[l], d[l]);
  EXPECT_TRUE(paths->summary().contains("Clip: ")) << paths->summary().toStdString();
  EXPECT_EQ(paths->toCsv().count('\n'), 1 + 2 * 6 * 8);
  saveScreenshot(panel, "routing_5_image_vs_clip");
  EXPECT_TRUE(ui::RoutingPanel::explanation().contains("gate weight"));
}

TEST(RoutingPanel, ExplainsWhyAWindowCannotBeTraced) {
  // The model file is gone: the analysis' model cannot be loaded again.
  QTemporaryDir models;
  const QString model = modelCopy(models);
  auto a = analysedClip(model.toStdString());
  ASSERT_TRUE(QFile::remove(model));
  ui::RoutingPanel panel;
  ASSERT_TRUE(traceFirstWindow(panel, *a));
  EXPECT_TRUE(panel.status().contains("not available any more")) << panel.status().toStdString();
  EXPECT_EQ(panel.face()->routing(), nullptr);
  EXPECT_FALSE(panel.exportCurrent("/nonexistent-dir/x.csv"));
  EXPECT_FALSE(panel.lastError().isEmpty());
}

// The analysis' model file damaged after the analysis (cut short): the trace reports why,
// the panel and the app go on.
TEST(RoutingPanel, ReportsAModelDamagedAfterTheAnalysis) {
  QTemporaryDir models;
  const QString model = modelCopy(models);
  auto a = analysedClip(model.toStdString());
  {
    QFile f(model);
    ASSERT_TRUE(f.resize(f.size() / 2));
  }
  ui::RoutingPanel panel;
  ASSERT_TRUE(traceFirstWindow(panel, *a));
  EXPECT_FALSE(panel.status().isEmpty());
  EXPECT_FALSE(panel.status().contains("not available any more")) << panel.status().toStdString();
  EXPECT_EQ(panel.face()->routing(), nullptr);
}

TEST(ExpertUsageChart, AnHourOfWindowsDrawsQuicklyAndShowsTheNearestWindow) {
  // One person for an hour at 30 fps: a window every 16 frames (6,747 windows), 6 layers × 8.
  std::vector<core::WindowPrediction> windows;
  for (int64_t start = 0; start + 60 < 108000; start += 16) {
    core::WindowPrediction w;
    w.id = static_cast<int64_t>(windows.size()) + 1;
    w.start_frame = start;
    w.end_frame = start + 60;
    w.start_ms = start * 1000 / 30;
    w.end_ms = w.end_frame * 1000 / 30;
    for (int l = 0; l < 6; ++l) {
      std::vector<float> share(8);
      for (int e = 0; e < 8; ++e)
        share[static_cast<size_t>(e)] = 1.0f + static_cast<float>((start / 16 + e * l) % 5);
      float sum = 0;
      for (float v : share)
        sum += v;
      for (float& v : share)
        v /= sum;
      w.expert_share.push_back(share);
    }
    windows.push_back(w);
  }
  ui::ExpertUsageChart chart;
  chart.resize(1200, 600);
  chart.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&chart));
  chart.setWindows(windows, {6, 7, 8, 9, 10, 11}, "face 1");
  const auto& w = windows[1000];
  EXPECT_EQ(chart.usageAt(2, (w.start_ms + w.end_ms) / 2.0), w.expert_share[2]);
  EXPECT_TRUE(chart.usageAt(2, 4.0e6).empty());  // after the end
  QElapsedTimer clock;
  std::vector<double> full, playhead;
  for (int i = 0; i < 5; ++i) {
    chart.setRange(0, 3.6e6 - i * 1000.0);  // new range: the cached picture is redrawn
    clock.start();
    chart.repaint();
    full.push_back(clock.nsecsElapsed() / 1e6);
    chart.setPlayhead(600000 + i * 1000);
    clock.start();
    chart.repaint();
    playhead.push_back(clock.nsecsElapsed() / 1e6);
  }
  std::sort(full.begin(), full.end());
  std::sort(playhead.begin(), playhead.end());
  std::printf(
      "expert usage, 1 hour (6,747 windows × 6 layers × 8 experts), 1200 px: redraw "
      "median %.1f ms, playhead move median %.2f ms\n",
      full[2], playhead[2]);
}
