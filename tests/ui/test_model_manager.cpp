// The model manager imports an authors'-format checkpoint into the project, reports in plain
// words, and makes it the model for analysis; a broken file is refused with a reason.
#include <gtest/gtest.h>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

#include "core/resources.h"
#include "core/storage/project.h"
#include "ui/model_manager.h"

using namespace unilearn;

TEST(ModelManager, ImportsAnAuthorsCheckpointAndChoosesIt) {
  QTemporaryDir dir;
  ui::Settings settings(dir.filePath("s.ini"));
  auto project = core::Project::open(dir.filePath("p.ulproj").toStdString());
  ui::ModelManager m(settings);
  m.resize(700, 800);
  m.importFile(QString(UNILEARN_TEST_DATA) + "/tiny_authors_checkpoint.pth", false);
  EXPECT_TRUE(m.report().contains("Open a project first"));
  m.setProject(project.get(), dir.filePath("p.ulproj"));
  QSignalSpy done(&m, &ui::ModelManager::importFinished);
  m.importFile(QString(UNILEARN_TEST_DATA) + "/tiny_authors_checkpoint.pth", false);
  ASSERT_TRUE(QTest::qWaitFor([&] { return !done.isEmpty(); }, 30000));
  ASSERT_TRUE(done.at(0).at(0).toBool()) << done.at(0).at(1).toString().toStdString();
  std::printf("load report: %s\n", m.report().toStdString().c_str());
  const auto models = project->models();
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0].name, "tiny_authors_checkpoint");
  EXPECT_TRUE(std::ifstream(models[0].path).good());
  EXPECT_NE(models[0].path.find("p-models/"), std::string::npos);
  // It is listed under the project and can be chosen for analysis.
  auto found =
      m.list()->findItems("tiny_authors_checkpoint", Qt::MatchStartsWith | Qt::MatchRecursive);
  ASSERT_EQ(found.size(), 1);
  m.list()->setCurrentItem(found[0]);
  ASSERT_TRUE(m.useSelected());
  EXPECT_EQ(settings.defaultModel().toStdString(), models[0].path);
  // The shipped UniLearn-T is listed with its model card, and can be chosen again.
  auto shipped = m.list()->findItems("UniLearn-T (FER+)", Qt::MatchStartsWith | Qt::MatchRecursive);
  ASSERT_EQ(shipped.size(), 1);
  m.list()->setCurrentItem(shipped[0]);
  EXPECT_TRUE(m.report().contains("FER+")) << m.report().toStdString();
  EXPECT_TRUE(m.report().contains("Not a clinical or diagnostic instrument"));
  ASSERT_TRUE(m.useSelected());
  EXPECT_EQ(settings.defaultModel().toStdString(), core::shippedClipModel());
  // A file that is not a checkpoint is refused, and nothing is added.
  const QString junk = dir.filePath("junk.pth");
  std::ofstream(junk.toStdString()) << "not a checkpoint";
  done.clear();
  m.importFile(junk, false);
  ASSERT_TRUE(QTest::qWaitFor([&] { return !done.isEmpty(); }, 30000));
  EXPECT_FALSE(done.at(0).at(0).toBool());
  EXPECT_TRUE(m.report().startsWith("Not imported:")) << m.report().toStdString();
  EXPECT_TRUE(m.report().contains("is not a PyTorch checkpoint")) << m.report().toStdString();
  EXPECT_EQ(project->models().size(), 1u);
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  m.list()->setCurrentItem(found.isEmpty()
                               ? nullptr
                               : m.list()->findItems("tiny_authors_checkpoint",
                                                     Qt::MatchStartsWith | Qt::MatchRecursive)[0]);
  EXPECT_TRUE(m.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/model_manager.png"));
}
