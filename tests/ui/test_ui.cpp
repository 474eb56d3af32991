// Widgets offscreen (QT_QPA_PLATFORM=offscreen): the settings facade and the model overview.
#include <QApplication>
#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include "model/config.h"
#include "ui/model_summary_widget.h"
#include "ui/settings.h"

using namespace unilearn;

TEST(Settings, RecentProjectsAreMostRecentFirstUniqueAndBounded) {
  QTemporaryDir dir;
  const QString file = dir.filePath("s.ini");
  {
    ui::Settings s(file);
    EXPECT_TRUE(s.recentProjects().isEmpty());
    for (int i = 0; i < 15; ++i)
      s.addRecentProject(QString("/p/%1.ulproj").arg(i));
    s.addRecentProject("/p/12.ulproj");
    s.setInferenceThreads(-3);
    s.setDefaultModel("unilearn-t16-160");
  }
  ui::Settings s(file);
  const QStringList recent = s.recentProjects();
  ASSERT_EQ(recent.size(), ui::Settings::kMaxRecent);
  EXPECT_EQ(recent.first(), "/p/12.ulproj");
  EXPECT_EQ(recent.at(1), "/p/14.ulproj");
  EXPECT_EQ(recent.count("/p/12.ulproj"), 1);
  EXPECT_EQ(s.inferenceThreads(), 0);
  EXPECT_EQ(s.defaultModel(), "unilearn-t16-160");
}

TEST(ModelSummaryWidget, ShowsThePaperModelsNumbers) {
  ui::ModelSummaryWidget w;
  w.setModel("unilearn-b16-160", ModelConfig::preset("unilearn-b16-160"));
  EXPECT_EQ(w.field("Parameters"), "100,513,646");
  EXPECT_TRUE(w.field("Video input").contains("800 tokens"));
  EXPECT_TRUE(
      w.field("Experts").contains("8 adapter experts (hidden 192) in blocks 6, 7, 8, 9, 10, 11"));
  EXPECT_TRUE(
      w.field("Video head").contains("Happy, Sad, Neutral, Angry, Surprise, Disgust, Fear"));
  w.setModel("unilearn-t16-160", ModelConfig::preset("unilearn-t16-160"));
  EXPECT_EQ(w.field("Parameters"),
            QLocale(QLocale::English)
                .toString(static_cast<qlonglong>(
                    ModelConfig::preset("unilearn-t16-160").parameterCount())));
  w.resize(820, 360);
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  EXPECT_TRUE(w.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/model_summary.png"));
}

int main(int argc, char** argv) {
  // Test discovery runs the binary outside ctest's environment: default to offscreen here.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
