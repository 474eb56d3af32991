// The controllers MainWindow wires together, on their own: the analysis queue (a real video
// through the static model, a missing one, a cancel), export/import (atomic export, the
// participant question before an import), the reports (statistics, agreement) and the
// session (the project's lock, its videos found again).
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>
#include <algorithm>
#include <fstream>
#include <tuple>

#include "core/analysis/timeline_stream.h"
#include "core/storage/project.h"
#include "tests/ui/ui_fixtures.h"
#include "ui/analysis_controller.h"
#include "ui/exchange_controller.h"
#include "ui/reports_controller.h"
#include "ui/session_controller.h"

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

namespace {

// A 25 fps video of 250 frames, one person ("Anna"), a model's windows over it (happy, then
// sad) and two raters' labels: rater1 Happy 0-99 and Sad 100-199, rater2 Happy 0-199.
struct Session {
  std::unique_ptr<core::Project> p;
  int64_t media = 0, anna = 0;
};

Session makeSession(const QString& path) {
  Session s;
  s.p = core::Project::open(path.toStdString());
  s.media = s.p->addMedia({0, "/data/s.mp4", "h", 640, 480, 25, 1, 1, 12800, 10000, 250});
  s.anna = s.p->track(s.media, 1);
  s.p->renameTrack(s.anna, "Anna");
  const int64_t model = s.p->addModel(
      {0, "m", R"({"video_classes":2,"video_class_names":["happy","sad"]})", "x", ""});
  const int64_t analysis = s.p->startAnalysis(s.media, model, "clip", "{}");
  for (int64_t start = 0; start + 16 <= 200; start += 16) {
    core::WindowPrediction w;
    w.analysis_id = analysis;
    w.track_id = s.anna;
    w.start_frame = start;
    w.end_frame = start + 15;
    w.start_ms = start * 40;
    w.end_ms = (start + 16) * 40;
    w.probs = start < 96 ? std::vector<float>{0.9f, 0.1f} : std::vector<float>{0.2f, 0.8f};
    w.top_class = start < 96 ? 0 : 1;
    s.p->addWindow(w);
  }
  s.p->finishAnalysis(analysis, "done");
  for (auto [from, to, label, who] :
       {std::tuple<int64_t, int64_t, const char*, const char*>{0, 99, "Happy", "rater1"},
        {100, 199, "Sad", "rater1"},
        {0, 199, "Happy", "rater2"}}) {
    core::Annotation a;
    a.media_id = s.media;
    a.track_id = s.anna;
    a.scheme = "DFEW-7";
    a.start_frame = from;
    a.end_frame = to;
    a.label = label;
    a.annotator = who;
    s.p->addAnnotation(a);
  }
  return s;
}

}  // namespace

TEST(ReportsController, StatisticsAgreementAndTheirErrorsForTheShownVideo) {
  QTemporaryDir dir;
  Session s = makeSession(dir.filePath("reports.ulproj"));
  ui::ReportsController reports;
  ui::ReportsController::Scope scope;
  scope.media_id = s.media;
  QString stretch;
  const auto stats = reports.statistics(*s.p, scope, &stretch);
  ASSERT_TRUE(stats) << reports.lastError().toStdString();
  EXPECT_EQ(stretch, "The whole video");
  const auto happy = std::find_if(stats->begin(), stats->end(), [](const auto& x) {
    return x.rater == "rater1" && x.label == "Happy";
  });
  ASSERT_NE(happy, stats->end());
  EXPECT_EQ(happy->person, "Anna");
  EXPECT_DOUBLE_EQ(happy->seconds, 4.0);  // frames 0-99 at 25 fps
  const QString html = reports.statisticsHtml(*s.p, scope);
  EXPECT_TRUE(html.contains("<td>Anna</td><td>rater1</td><td>Happy</td><td align=right>4.0</td>"))
      << html.toStdString();
  // The selection: frames 100-199 only.
  scope.from = 100;
  scope.to = 199;
  reports.statistics(*s.p, scope, &stretch);
  EXPECT_EQ(stretch, "Frames 100 to 199 (the selection)");
  EXPECT_FALSE(reports.statisticsHtml(*s.p, scope).contains("<td>rater1</td><td>Happy</td>"));
  ASSERT_TRUE(reports.saveStatisticsCsv(*s.p, scope, dir.filePath("stats.csv")));
  QFile csv(dir.filePath("stats.csv"));
  ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
  EXPECT_TRUE(csv.readLine().startsWith("person,rater,label,frames,seconds"));
  EXPECT_FALSE(reports.saveStatisticsCsv(*s.p, scope, dir.filePath("no/folder/stats.csv")));
  EXPECT_FALSE(reports.lastError().isEmpty());
  scope.media_id = -1;
  EXPECT_FALSE(reports.statistics(*s.p, scope));
  EXPECT_EQ(reports.lastError(), "Select a video first.");

  // Agreement: rater1 and rater2 agree on frames 0-99 of 200.
  const QString kappa = reports.agreement(*s.p, "rater1", "rater2", "DFEW-7");
  EXPECT_TRUE(kappa.contains("over 200 frames rated by both")) << kappa.toStdString();
  EXPECT_TRUE(kappa.contains("observed agreement 0.500")) << kappa.toStdString();
  // The model's "happy"/"sad" match DFEW-7's Happy/Sad by name: over the 192 frames its windows
  // cover it differs from rater1 only on frames 96-99 (its sad window starts at 96): 188/192.
  const QString model = reports.agreement(*s.p, "rater1", "model", "DFEW-7");
  EXPECT_TRUE(model.contains("over 192 frames rated by both")) << model.toStdString();
  EXPECT_TRUE(model.contains("observed agreement 0.979")) << model.toStdString();
  EXPECT_TRUE(reports.agreement(*s.p, "rater1", "nobody", "DFEW-7").isEmpty());
  EXPECT_FALSE(reports.lastError().isEmpty());
  // No analysis has blendshapes: no events, and why.
  EXPECT_TRUE(reports.faceEvents(*s.p, s.media, "blendshapes").isEmpty());
  EXPECT_FALSE(reports.lastError().isEmpty());
}

// The window's project: its lock, a second opener told who has it, a failed open that keeps the
// open project, videos added (one not a video), a video moved with the project found beside it,
// and locating one accepted only with the same content.
TEST(SessionController, OpensUnderTheLockAndFindsItsVideosAgain) {
  QTemporaryDir dir;
  QDir().mkpath(dir.filePath("study/videos"));
  const QString project = dir.filePath("study/study.ulproj");
  const QString video = dir.filePath("study/videos/session.mp4");
  ASSERT_TRUE(QFile::copy(QString::fromStdString(test::faceClip()), video));
  ui::SessionController session;
  int closing = 0;
  QObject::connect(&session, &ui::SessionController::closing, [&] {
    EXPECT_NE(session.project(), nullptr);  // still open while the widgets let go of it
    ++closing;
  });
  ASSERT_TRUE(session.open(project, true)) << session.lastError().toStdString();
  EXPECT_EQ(session.path(), QFileInfo(project).absoluteFilePath());
  ui::SessionController other;
  EXPECT_FALSE(other.open(project));  // one writer at a time
  EXPECT_FALSE(other.lastError().isEmpty());
  EXPECT_EQ(other.project(), nullptr);
  ASSERT_TRUE(session.open(project));  // reopening our own keeps the lock
  EXPECT_EQ(closing, 1);
  const QString bogus = dir.filePath("bogus.ulproj");
  std::ofstream(bogus.toStdString()) << "not a database";
  EXPECT_FALSE(session.open(bogus));
  EXPECT_EQ(session.path(), QFileInfo(project).absoluteFilePath());  // the open one stays
  EXPECT_EQ(closing, 1);

  const QString text = dir.filePath("notes.mp4");
  std::ofstream(text.toStdString()) << "not a video";
  EXPECT_FALSE(session.addVideos({video, text}));
  EXPECT_TRUE(session.lastError().contains("notes.mp4")) << session.lastError().toStdString();
  ASSERT_EQ(session.project()->media().size(), 1u);
  const int64_t media = session.project()->media()[0].id;
  bool moved = true;
  EXPECT_EQ(session.videoFile(media, &moved), QFileInfo(video).absoluteFilePath());
  EXPECT_FALSE(moved);
  session.close();
  EXPECT_EQ(closing, 2);
  EXPECT_EQ(session.project(), nullptr);
  EXPECT_TRUE(other.open(project));  // the lock went with it
  other.close();

  // The study folder moved elsewhere, videos and all: found beside the project and recorded.
  const QString moved_dir = dir.filePath("elsewhere");
  ASSERT_TRUE(QDir().rename(dir.filePath("study"), moved_dir));
  ASSERT_TRUE(session.open(moved_dir + "/study.ulproj"));
  const QString found = session.videoFile(media, &moved);
  EXPECT_EQ(found, QFileInfo(moved_dir + "/videos/session.mp4").absoluteFilePath());
  EXPECT_TRUE(moved);
  EXPECT_EQ(QString::fromStdString(session.project()->media()[0].path), found);
  // Gone altogether: nothing found; located again only with the same content.
  ASSERT_TRUE(QFile::rename(found, dir.filePath("renamed.mp4")));
  EXPECT_TRUE(session.videoFile(media).isEmpty());
  EXPECT_FALSE(session.locate(media, text));
  EXPECT_TRUE(session.lastError().contains("content differs")) << session.lastError().toStdString();
  ASSERT_TRUE(session.locate(media, dir.filePath("renamed.mp4")));
  EXPECT_EQ(session.videoFile(media), QFileInfo(dir.filePath("renamed.mp4")).absoluteFilePath());
}
