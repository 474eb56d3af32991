// Issue 7: the fine-tuning wizard from the project's labels to a model in the project; issue 8:
// the pre-training reconstruction view.
#include <gtest/gtest.h>
#include <QAbstractButton>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>

#include "core/analysis/analyzer.h"
#include "core/analysis/token_routing.h"
#include "core/resources.h"
#include "core/storage/project.h"
#include "tests/ui/ui_fixtures.h"
#include "trainer/pretrain.h"
#include "ui/reconstruction_view.h"
#include "ui/train_wizard.h"

using namespace unilearn;

namespace {

// A tiny network at 64 px, so that training takes seconds.
QString tinyBase() {
  const std::string path = "/tmp/unilearn_ui_tiny_train64.json";
  std::ofstream(path) << R"({"img_size":64,"patch_size":16,"num_frames":8,"tubelet_size":2,)"
                         R"("embed_dim":32,"depth":2,"num_heads":2,"moe_layers":[1],)"
                         R"("num_experts":4,"top_k":2})";
  return QString::fromStdString(path);
}

// An analysed clip with four labelled segments of two classes.
QString labelledProject(const QTemporaryDir& dir) {
  const QString path = dir.filePath("labels.ulproj");
  auto project = core::Project::open(path.toStdString());
  const auto s = core::analyzeVideo(*project, test::faceClip(), nullptr, core::resourceDir(), {});
  const auto track = project->tracks(s.media_id).at(0).id;
  const char* labels[] = {"Happy", "Sad", "Happy", "Sad"};
  for (int i = 0; i < 4; ++i) {
    core::Annotation a;
    a.media_id = s.media_id;
    a.track_id = track;
    a.scheme = "DFEW-7";
    a.start_frame = i * 60;
    a.end_frame = i * 60 + 59;
    a.label = labels[i];
    a.annotator = "ana";
    project->addAnnotation(a);
  }
  return path;
}

void screenshot(QWidget& w, const QString& name) {
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  EXPECT_TRUE(w.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/" + name));
}

}  // namespace

TEST(TrainWizard, FromTheProjectsLabelsToAModelInTheProject) {
  QTemporaryDir dir;
  const QString project = labelledProject(dir);
  ui::TrainWizard w(project);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  // 1. Data: the scheme's counts per class and person, with warnings.
  EXPECT_EQ(w.scheme()->currentText(), "DFEW-7");
  ASSERT_EQ(w.annotators()->count(), 1);
  EXPECT_EQ(w.annotators()->item(0)->text(), "ana");
  ASSERT_EQ(w.counts()->rowCount(), 7);
  EXPECT_EQ(w.counts()->verticalHeaderItem(0)->text(), "Happy");
  EXPECT_EQ(w.counts()->item(0, 0)->text(), "2");    // segments
  EXPECT_EQ(w.counts()->item(0, 1)->text(), "120");  // frames
  EXPECT_EQ(w.counts()->item(1, 0)->text(), "2");    // Sad
  EXPECT_TRUE(w.warnings()->text().contains("only 2 labelled segments"))
      << w.warnings()->text().toStdString();
  EXPECT_EQ(w.job().classes, (std::vector<std::string>{"Happy", "Sad"}));
  screenshot(w, "wizard_1_data.png");
  w.next();
  // 2. Model: the base, what to train, the device, a measured estimate.
  ASSERT_EQ(w.currentId(), ui::TrainWizard::kModel);
  w.setBaseModel(tinyBase());
  EXPECT_TRUE(w.device()->text().contains("CPU") || w.device()->text().contains("GPU"));
  QSignalSpy estimate(&w, &ui::TrainWizard::estimateReady);
  w.measureEstimate();
  ASSERT_TRUE(estimate.wait(60000));
  EXPECT_GT(estimate.at(0).at(0).toDouble(), 0) << w.estimate()->text().toStdString();
  EXPECT_TRUE(w.estimate()->text().contains("per epoch")) << w.estimate()->text().toStdString();
  screenshot(w, "wizard_2_model.png");
  w.next();
  // 3. Settings: the quick preset, then 3 epochs.
  ASSERT_EQ(w.currentId(), ui::TrainWizard::kSettings);
  EXPECT_EQ(w.epochs()->value(), 5);
  w.applyPreset("paper");
  EXPECT_EQ(w.epochs()->value(), 100);
  EXPECT_DOUBLE_EQ(w.learningRate()->value(), 1e-5);
  w.applyPreset("quick");
  w.epochs()->setValue(3);
  w.learningRate()->setValue(2e-3);
  // 4. Training, with live charts.
  QSignalSpy finished(&w, &ui::TrainWizard::trainingFinished);
  w.next();
  ASSERT_EQ(w.currentId(), ui::TrainWizard::kTrain);
  EXPECT_TRUE(w.running());
  EXPECT_FALSE(w.button(QWizard::CommitButton)->isEnabled() &&
               w.button(QWizard::CommitButton)->isVisible());  // not before the run ends
  ASSERT_TRUE(finished.wait(180000));
  ASSERT_TRUE(finished.at(0).at(0).toBool()) << finished.at(0).at(1).toString().toStdString();
  EXPECT_GT(w.lossPoints(), 0);
  EXPECT_EQ(w.result()->epochs.size(), 3u);
  EXPECT_EQ(w.progress()->value(), w.progress()->maximum());
  screenshot(w, "wizard_4_training.png");
  // 5. Report, then the model joins the project under its name.
  QSignalSpy report(&w, &ui::TrainWizard::reportReady);
  w.next();
  ASSERT_EQ(w.currentId(), ui::TrainWizard::kReport);
  if (report.isEmpty()) ASSERT_TRUE(report.wait(10000));
  ASSERT_NE(w.report(), nullptr);
  EXPECT_EQ(w.confusion()->rowCount(), 2);
  int64_t total = 0;
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 2; ++c)
      total += w.confusion()->item(r, c)->text().toLongLong();
  EXPECT_EQ(total, w.report()->fresh.clips.samples);
  EXPECT_GT(total, 0);
  EXPECT_EQ(w.recall()->rowCount(), 3);
  EXPECT_TRUE(w.routingChange()->text().contains("block 1"))
      << w.routingChange()->text().toStdString();
  screenshot(w, "wizard_5_report.png");
  w.modelName()->setText("my-model");
  QSignalSpy added(&w, &ui::TrainWizard::modelAdded);
  w.button(QWizard::FinishButton)->click();
  ASSERT_EQ(added.count(), 1);
  EXPECT_TRUE(QFileInfo::exists(dir.filePath("labels-models/my-model.safetensors")));
  bool registered = false;
  for (const auto& m : core::Project::open(project.toStdString(), false)->models())
    registered |= m.name == "my-model.safetensors";
  EXPECT_TRUE(registered);
}

TEST(TrainWizard, PauseAndStopKeepTheBestEpoch) {
  QTemporaryDir dir;
  const QString project = labelledProject(dir);
  ui::TrainWizard w(project);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  w.next();
  w.setBaseModel(tinyBase());
  w.next();
  w.epochs()->setValue(400);  // far longer than the test waits
  QSignalSpy finished(&w, &ui::TrainWizard::trainingFinished);
  w.next();
  ASSERT_EQ(w.currentId(), ui::TrainWizard::kTrain);
  ASSERT_TRUE(QTest::qWaitFor([&] { return w.lossPoints() > 8 || !finished.isEmpty(); }, 60000));
  ASSERT_TRUE(finished.isEmpty()) << finished.at(0).at(1).toString().toStdString();
  w.setPaused(true);
  QTest::qWait(300);
  const int paused_at = w.lossPoints();
  QTest::qWait(300);
  EXPECT_LE(w.lossPoints(), paused_at + 1);  // at most the step under way
  w.setPaused(false);
  ASSERT_TRUE(QTest::qWaitFor([&] { return w.lossPoints() > paused_at + 2; }, 30000));
  w.cancelTraining();
  ASSERT_TRUE(finished.wait(60000));
  EXPECT_TRUE(finished.at(0).at(1).toString().contains("Stopped"))
      << finished.at(0).at(1).toString().toStdString();
  ASSERT_NE(w.result(), nullptr);
  EXPECT_TRUE(w.result()->cancelled);
}

// A base model damaged after it was chosen (a truncated copy): the run ends with a message
// naming the file instead of ending the app, and the wizard can be used again.
TEST(TrainWizard, ABaseModelDamagedAfterItWasChosenIsReported) {
  QTemporaryDir dir;
  const QString project = labelledProject(dir);
  const QString damaged = dir.filePath("damaged-base.safetensors");
  ASSERT_TRUE(QFile::copy(QString::fromStdString(core::shippedClipModel()), damaged));
  ui::TrainWizard w(project);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
  w.next();
  w.setBaseModel(damaged);
  {
    QFile f(damaged);
    ASSERT_TRUE(f.resize(f.size() * 3 / 5));
  }
  w.next();
  w.epochs()->setValue(1);
  QSignalSpy finished(&w, &ui::TrainWizard::trainingFinished);
  w.next();
  ASSERT_TRUE(finished.wait(120000));
  const QString message = finished.at(0).at(1).toString();
  EXPECT_TRUE(message.startsWith("Training failed")) << message.toStdString();
  EXPECT_TRUE(message.contains("damaged-base.safetensors")) << message.toStdString();
  EXPECT_FALSE(w.running());
}

TEST(ReconstructionView, ShowsAClipItsMaskAndTheNetworksReconstruction) {
  QTemporaryDir dir;
  const QString project = labelledProject(dir);
  // A short pre-training run on stills of this session's face.
  trainer::Dataset faces;
  faces.classes = {"face"};
  {
    auto p = core::Project::open(project.toStdString(), false);
    const auto media = p->media().at(0);
    const auto analysis = p->analyses(media.id).at(0);
    const auto track = p->tracks(media.id).at(0).id;
    for (const auto& crop : core::trackCrops(*p, analysis, track, {0, 30, 60, 90, 120, 150}, 64))
      faces.images.push_back({crop, 0, "face 1", "still"});
  }
  trainer::PretrainConfig c;
  c.model = tinyBase().toStdString();
  c.decoder_dim = 32;
  c.decoder_depth = 1;
  c.decoder_heads = 2;
  c.epochs = 2;
  c.image_batch = 3;
  c.out_dir = dir.filePath("pre").toStdString();
  const auto run = trainer::pretrain(c, faces);
  auto p = core::Project::open(project.toStdString(), false);
  const auto media = p->media().at(0);
  core::WindowPrediction w;
  w.track_id = p->tracks(media.id).at(0).id;
  w.start_frame = 40;
  ui::ReconstructionView view;
  view.resize(900, 420);
  view.QWidget::show();
  QSignalSpy ready(&view, &ui::ReconstructionView::ready);
  view.show(QString::fromStdString(run.model_path), project, p->analyses(media.id).at(0), w);
  ASSERT_TRUE(ready.wait(30000));
  ASSERT_TRUE(ready.at(0).at(0).toBool()) << view.status().toStdString();
  EXPECT_EQ(view.columns(), 4);  // 8 frames, 2 per temporal slice
  EXPECT_EQ(view.masked().size(), 4u);
  EXPECT_TRUE(view.status().contains("95 %")) << view.status().toStdString();
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  EXPECT_TRUE(view.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/reconstruction.png"));
  // A file that is not a pre-training network says so.
  QSignalSpy failed(&view, &ui::ReconstructionView::ready);
  view.show(dir.filePath("nothing.safetensors"), project, p->analyses(media.id).at(0), w);
  ASSERT_TRUE(failed.wait(30000));
  EXPECT_FALSE(failed.at(0).at(0).toBool());
  EXPECT_TRUE(view.status().startsWith("Cannot reconstruct")) << view.status().toStdString();
}
