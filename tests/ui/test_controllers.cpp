// The controllers MainWindow wires together, on their own: the analysis queue (a real video
// through the static model, a missing one, a cancel) and export/import (atomic export, the
// participant question before an import).
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>
#include <fstream>

#include "core/analysis/timeline_stream.h"
#include "core/storage/project.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/analysis_controller.h"
#include "ui/exchange_controller.h"

using namespace unilearn;

namespace {

// finished(ok, message) of the controller's current run.
std::pair<bool, QString> waitFinished(QSignalSpy& spy, int timeout_ms = 180000) {
  EXPECT_TRUE(QTest::qWaitFor([&] { return !spy.isEmpty(); }, timeout_ms));
  if (spy.isEmpty()) return {false, "did not finish"};
  const auto args = spy.takeFirst();
  return {args[0].toBool(), args[1].toString()};
}

}  // namespace

TEST(AnalysisController, RunsAQueueReportsTheBrokenVideoAndKeepsWhatIsDone) {
  QTemporaryDir dir;
  const QString project = dir.filePath("queue.ulproj");
  core::Project::open(project.toStdString());  // created
  ui::AnalysisController analysis;
  QSignalSpy finished(&analysis, &ui::AnalysisController::finished);
  QSignalSpy progress(&analysis, &ui::AnalysisController::progress);
  ui::AnalysisController::Request r;
  r.project = project;
  r.videos = {QString::fromStdString(test::faceClip()), dir.filePath("missing.mp4")};
  ASSERT_TRUE(analysis.start(r));
  EXPECT_TRUE(analysis.running());
  EXPECT_NE(analysis.stream(), nullptr);  // the timeline can follow the run
  EXPECT_FALSE(analysis.start(r));        // one at a time
  auto [ok, message] = waitFinished(finished);
  EXPECT_FALSE(ok);  // the missing video is an error of its own ...
  EXPECT_TRUE(message.startsWith("Analysed 1 of 2 videos")) << message.toStdString();
  EXPECT_TRUE(message.contains("missing.mp4")) << message.toStdString();
  EXPECT_FALSE(analysis.running());
  EXPECT_EQ(analysis.stream(), nullptr);
  ASSERT_FALSE(progress.isEmpty());
  EXPECT_EQ(progress.first()[3].toString(), "video 1 of 2 · ");
  EXPECT_EQ(progress.last()[0].toLongLong(), 240);  // ... the real one was analysed to its end
  EXPECT_EQ(progress.last()[1].toLongLong(), 240);
  auto p = core::Project::open(project.toStdString(), false);
  ASSERT_EQ(p->media().size(), 1u);
  const auto runs = p->analyses(p->media()[0].id);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].status, "done");

  // The same video again: kept, not analysed twice.
  r.videos = {QString::fromStdString(test::faceClip())};
  ASSERT_TRUE(analysis.start(r));
  std::tie(ok, message) = waitFinished(finished);
  EXPECT_TRUE(ok) << message.toStdString();
  EXPECT_EQ(message, "Already analysed with this model and these settings: kept as it is");
  EXPECT_EQ(p->analyses(p->media()[0].id).size(), 1u);

  // A project that is not one: said, nothing runs.
  const QString bogus = dir.filePath("bogus.ulproj");
  std::ofstream(bogus.toStdString()) << "not a database";
  r.project = bogus;
  ASSERT_TRUE(analysis.start(r));
  std::tie(ok, message) = waitFinished(finished);
  EXPECT_FALSE(ok);
  EXPECT_FALSE(message.isEmpty());
}

TEST(AnalysisController, CancelStopsTheQueueAndSaysItCanResume) {
  QTemporaryDir dir;
  const QString project = dir.filePath("cancel.ulproj");
  core::Project::open(project.toStdString());
  ui::AnalysisController analysis;
  QSignalSpy finished(&analysis, &ui::AnalysisController::finished);
  ui::AnalysisController::Request r;
  r.project = project;
  r.videos = {QString::fromStdString(test::faceClip()), QString::fromStdString(test::faceClip())};
  ASSERT_TRUE(analysis.start(r));
  analysis.cancel();
  const auto [ok, message] = waitFinished(finished);
  EXPECT_TRUE(ok);
  EXPECT_EQ(message, "Analysis cancelled (resumable)");
  EXPECT_FALSE(analysis.running());
}

TEST(ExchangeController, ExportsWholeFilesAndAsksWhoIsWhoBeforeImporting) {
  QTemporaryDir dir;
  auto src = core::Project::open(dir.filePath("colleague.ulproj").toStdString());
  const core::MediaRecord video{0,  "/data/session 1.mp4", "h", 640, 480, 25, 1, 1, 12800, 10000,
                                250};
  const int64_t media = src->addMedia(video);
  const int64_t client = src->track(media, 2);
  src->renameTrack(client, "Client");
  core::Annotation a;
  a.media_id = media;
  a.track_id = client;
  a.scheme = "DFEW-7";
  a.start_frame = 10;
  a.end_frame = 60;
  a.label = "Happy";
  a.annotator = "colleague";
  src->addAnnotation(a);

  ui::ExchangeController exchange;
  const QString eaf = dir.filePath("colleague.eaf");
  ASSERT_TRUE(exchange.exportTo(*src, eaf, "eaf")) << exchange.lastError().toStdString();
  // A format that does not exist, a folder that does not: an error, and no file at all.
  EXPECT_FALSE(exchange.exportTo(*src, dir.filePath("x.out"), "xyz"));
  EXPECT_TRUE(exchange.lastError().contains("eaf")) << exchange.lastError().toStdString();
  EXPECT_FALSE(QFile::exists(dir.filePath("x.out")));
  EXPECT_FALSE(exchange.exportTo(*src, dir.filePath("no/such/folder/x.csv"), "csv"));
  EXPECT_FALSE(exchange.lastError().isEmpty());

  // Our project: the same video, the person not named ("face 2").
  auto ours = core::Project::open(dir.filePath("ours.ulproj").toStdString());
  const int64_t our_media = ours->addMedia(video);
  const int64_t face = ours->track(our_media, 2);
  std::vector<std::string> asked;
  std::optional<std::map<std::string, std::string>> answer;  // first: cancel
  exchange.setAskSubjects([&](const std::vector<std::string>& unknown) {
    asked = unknown;
    return answer;
  });
  const ui::ExchangeController::Import request{eaf, "me", "DFEW-7", {}};
  EXPECT_FALSE(exchange.importFrom(*ours, request));
  EXPECT_EQ(asked, std::vector<std::string>{"Client"});
  EXPECT_TRUE(exchange.lastError().isEmpty());  // cancelled, not failed
  EXPECT_TRUE(ours->annotations(our_media).empty());
  answer = std::map<std::string, std::string>{{"Client", "face 2"}};
  const auto report = exchange.importFrom(*ours, request);
  ASSERT_TRUE(report) << exchange.lastError().toStdString();
  EXPECT_EQ(report->imported, 1);
  const auto anns = ours->annotations(our_media);
  ASSERT_EQ(anns.size(), 1u);
  EXPECT_EQ(anns[0].track_id, face);
  EXPECT_EQ(anns[0].annotator, "colleague");
  EXPECT_TRUE(ui::ExchangeController::summary(*report).startsWith(
      "1 annotations imported, 0 already in the project, 0 not mapped."));
  // Again: nothing new; a file that is not there is an error a person can read.
  EXPECT_EQ(exchange.importFrom(*ours, request)->duplicates, 1);
  EXPECT_FALSE(exchange.importFrom(*ours, {dir.filePath("gone.eaf"), "me", "DFEW-7", {}}));
  EXPECT_TRUE(exchange.lastError().contains("gone.eaf")) << exchange.lastError().toStdString();
}
