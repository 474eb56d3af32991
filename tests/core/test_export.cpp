// Exports of a project built through its API: CSV, JSON and BORIS-style TSV.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "core/export/exporter.h"
#include "core/export/importer.h"
#include "core/faces/face_detector.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "model/base/json.h"
#include "tests/test_util.h"

using namespace unilearn;

namespace {

std::vector<std::vector<std::string>> rows(const std::string& text, char sep) {
  std::vector<std::vector<std::string>> out;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) {
    std::vector<std::string> cells;
    std::string cell;
    std::stringstream ls(line);
    while (std::getline(ls, cell, sep))
      cells.push_back(cell);
    if (!line.empty() && line.back() == sep) cells.push_back("");
    out.push_back(cells);
  }
  return out;
}

struct Fixture {
  std::unique_ptr<core::Project> p;
  int64_t media = 0, track = 0, analysis = 0;
};

Fixture makeProject() {
  Fixture f;
  const std::string path = test::freshProjectPath("export.ulproj");
  f.p = core::Project::open(path);
  f.media = f.p->addMedia({0, "/data/session.mp4", "h1", 640, 480, 25, 1, 1, 12800, 10000, 250});
  f.track = f.p->track(f.media, 2);
  f.p->renameTrack(f.track, "Client, A");
  const int64_t model = f.p->addModel(
      {0, "tiny", R"({"video_classes":3,"video_class_names":["calm","joy","other"]})", "x", ""});
  f.analysis = f.p->startAnalysis(f.media, model, "clip", "{}");
  const int tops[3] = {1, 1, 0};
  for (int i = 0; i < 3; ++i) {
    core::WindowPrediction w;
    w.analysis_id = f.analysis;
    w.track_id = f.track;
    w.start_frame = 16 * i;
    w.end_frame = 16 * i + 60;
    w.start_ms = w.start_frame * 40;
    w.end_ms = w.end_frame * 40;
    w.probs =
        tops[i] == 1 ? std::vector<float>{0.2f, 0.7f, 0.1f} : std::vector<float>{0.6f, 0.3f, 0.1f};
    w.top_class = tops[i];
    w.confidence = w.probs[static_cast<size_t>(tops[i])];
    w.expert_share = {{0.5f, 0.5f, 0.0f, 0.0f}};
    w.mean_gate = {{0.6f, 0.4f, 0.0f, 0.0f}};
    f.p->addWindow(w);
  }
  f.p->addFrames({{f.analysis, f.track, 0, 0, std::vector<float>(7, 1.0f / 7),
                   std::vector<float>(7, 1.0f / 7)}});
  core::Annotation a;
  a.media_id = f.media;
  a.track_id = f.track;
  a.scheme = "DFEW-7";
  a.start_frame = 50;
  a.end_frame = 99;
  a.label = "Happy";
  a.annotator = "rater1";
  f.p->addAnnotation(a);
  return f;
}

}  // namespace

TEST(Export, CsvHasOneRowPerWindowAndOptionallyPerFrame) {
  Fixture f = makeProject();
  std::ostringstream out;
  core::exportCsv(*f.p, out, {});
  auto r = rows(out.str(), ',');
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0][9], "calm");
  EXPECT_EQ(r[0][11], "other");
  EXPECT_EQ(r[1][0], "window");
  EXPECT_EQ(r[1][1], "session.mp4");
  EXPECT_EQ(r[1][3], "2");
  EXPECT_EQ(r[0][14], "unsure");
  EXPECT_EQ(r[1].back(), "0");  // 70 % (the quoted person splits in this simple reader)
  EXPECT_EQ(r[3].back(), "0");  // 60 %
  EXPECT_EQ(out.str().find("\"Client, A\"") != std::string::npos, true);  // quoted person
  // A second frame with a small face: flagged poor in the face-quality columns.
  core::FaceDetection small;
  small.box = {100, 100, 30, 30};
  small.score = 0.9f;
  small.keypoints = {cv::Point2f(110, 110), cv::Point2f(120, 110), cv::Point2f(115, 116),
                     cv::Point2f(115, 122), cv::Point2f(102, 112), cv::Point2f(128, 112)};
  f.p->addFrames({{f.analysis, f.track, 1, 40, std::vector<float>(7, 1.0f / 7),
                   std::vector<float>(7, 1.0f / 7), core::packFace(small)}});
  std::ostringstream with_frames;
  core::ExportOptions o;
  o.frames = true;
  core::exportCsv(*f.p, with_frames, o);
  auto rf = rows(with_frames.str(), ',');
  ASSERT_EQ(rf.size(), 6u);
  EXPECT_NE(with_frames.str().find(",face_score,face_size_px,yaw_deg,poor_face\n"),
            std::string::npos);
  EXPECT_EQ(rf.back()[0], "frame");
  const auto& last = rf.back();
  ASSERT_GE(last.size(), 4u);
  EXPECT_EQ(last[last.size() - 4], "0.9");
  EXPECT_EQ(last[last.size() - 3], "30.0");
  EXPECT_EQ(last[last.size() - 1], "1");    // poor: small
  EXPECT_EQ(rf[rf.size() - 2].back(), "");  // the frame without a stored face: no verdict
  o.video = "other.mp4";
  std::ostringstream none;
  EXPECT_THROW(core::exportCsv(*f.p, none, o), Error);
}

TEST(Export, JsonHoldsEverythingAndParses) {
  Fixture f = makeProject();
  std::ostringstream out;
  core::exportJson(*f.p, out, {});
  json::Value v = json::parse(out.str());
  const auto& m = v.find("media")->asArray()[0];
  EXPECT_EQ(m.find("frame_count")->asInt(), 250);
  EXPECT_EQ(m.find("tracks")->asArray()[0].find("person")->asString(), "Client, A");
  const auto& a = m.find("analyses")->asArray()[0];
  EXPECT_EQ(a.find("classes")->asArray().size(), 3u);
  EXPECT_EQ(a.find("windows")->asArray().size(), 3u);
  EXPECT_NEAR(a.find("windows")
                  ->asArray()[0]
                  .find("routing")
                  ->asArray()[0]
                  .find("mean_gate")
                  ->asArray()[0]
                  .asNumber(),
              0.6, 1e-6);
  EXPECT_EQ(a.find("frames")->asArray().size(), 1u);
  EXPECT_EQ(m.find("annotations")->asArray()[0].find("label")->asString(), "Happy");
}

TEST(Export, TsvMergesModelStatesAndListsAnnotations) {
  Fixture f = makeProject();
  std::ostringstream out;
  core::exportTsv(*f.p, out, {});
  auto r = rows(out.str(), '\t');
  ASSERT_EQ(r.size(), 4u);  // header, joy (windows 0-1 merged), calm, the annotation
  EXPECT_EQ(r[1][3], "Client, A");
  EXPECT_EQ(r[1][4], "joy");
  EXPECT_EQ(r[1][9], "0");
  EXPECT_EQ(r[1][10], "76");
  EXPECT_EQ(r[2][4], "calm");
  EXPECT_EQ(r[3][4], "Happy");
  EXPECT_EQ(r[3][6], "2.000");  // frame 50 at 25 fps
  EXPECT_EQ(r[3][11], "annotator:rater1");
}

TEST(Import, OurTsvExportReadsBackAsTheSameAnnotations) {
  Fixture f = makeProject();
  const std::string tsv = test::tempPath("roundtrip.tsv");
  {
    std::ofstream out(tsv);
    core::exportTsv(*f.p, out, {});
  }
  const std::string path = test::freshProjectPath("import.ulproj");
  auto q = core::Project::open(path);
  const int64_t media = q->addMedia({0, "/elsewhere/session.mp4", "h1"});
  const int64_t track = q->track(media, 2);
  q->renameTrack(track, "Client, A");
  auto report = core::importTsv(*q, tsv, "");
  EXPECT_EQ(report.imported, 1);  // the model's states are not imported as annotations
  EXPECT_TRUE(report.skipped.empty());
  auto anns = q->annotations(media);
  ASSERT_EQ(anns.size(), 1u);
  EXPECT_EQ(anns[0].label, "Happy");
  EXPECT_EQ(anns[0].annotator, "rater1");
  EXPECT_EQ(anns[0].start_frame, 50);
  EXPECT_EQ(anns[0].end_frame, 99);
  EXPECT_EQ(anns[0].track_id, track);
}

TEST(Import, CsvRowsThatDoNotMapAreReportedNotGuessed) {
  Fixture f = makeProject();
  const std::string csv = test::tempPath("ann.csv");
  std::ofstream(csv) << "video,track,start_frame,end_frame,label,note\n"
                        "session.mp4,2,0,10,Sad,\"sighs, looks down\"\n"
                        "session.mp4,face 2,11,20,Angry,\n"
                        "session.mp4,whole video,0,249,Neutral,\n"
                        "session.mp4,7,0,10,Sad,\n"
                        "other.mp4,2,0,10,Sad,\n"
                        "session.mp4,2,0,10,Amused,\n"
                        "session.mp4,2,20,10,Sad,\n";
  auto report = core::importCsv(*f.p, csv, "rater2");
  EXPECT_EQ(report.imported, 3);
  ASSERT_EQ(report.skipped.size(), 4u);
  EXPECT_NE(report.skipped[0].find("no face track '7'"), std::string::npos) << report.skipped[0];
  EXPECT_NE(report.skipped[1].find("'other.mp4' is not in the project"), std::string::npos);
  EXPECT_NE(report.skipped[2].find("label 'Amused'"), std::string::npos);
  EXPECT_NE(report.skipped[3].find("bad frame range"), std::string::npos);
  // Rows are named by their record in the file, the header being row 1.
  EXPECT_EQ(report.skipped[0].rfind("row 5: ", 0), 0u) << report.skipped[0];
  EXPECT_EQ(report.skipped[3].rfind("row 8: ", 0), 0u) << report.skipped[3];
  auto anns = f.p->annotations(f.media);
  EXPECT_EQ(std::count_if(anns.begin(), anns.end(),
                          [](const core::Annotation& a) { return a.annotator == "rater2"; }),
            3);
  EXPECT_EQ(std::count_if(anns.begin(), anns.end(),
                          [](const core::Annotation& a) { return a.note == "sighs, looks down"; }),
            1);
  const std::string bad = test::tempPath("bad.csv");
  std::ofstream(bad) << "when,what\n1,2\n";
  EXPECT_THROW(core::importCsv(*f.p, bad, "x"), Error);
  EXPECT_THROW(core::importTsv(*f.p, "/nonexistent.tsv", "x"), Error);
}

TEST(Export, RoutingCsvHasOneRowPerWindowAndLayer) {
  Fixture f = makeProject();
  std::ostringstream out;
  core::exportRoutingCsv(*f.p, out, {});
  auto r = rows(out.str(), ',');
  ASSERT_EQ(r.size(), 4u);  // header + 3 windows x 1 layer
  EXPECT_EQ(r[0][10], "share_e0");
  EXPECT_EQ(r[0][17], "gate_e3");
  // (the quoted person "Client, A" splits into two cells in this simple reader: +1 below)
  EXPECT_EQ(r[1][9], "joy");
  EXPECT_EQ(r[1][10], "0");
  EXPECT_EQ(r[1][11], "0.5");
  EXPECT_EQ(r[1][15], "0.6");
}

// Spreadsheets as people save them: Excel's "CSV UTF-8" starts with a byte-order mark, a note
// may hold a line break inside its quotes, and a range past the video's end is a typo (it made
// `agree` walk 9e18 frames before) — reported, not stored.
TEST(Import, CsvWithByteOrderMarkQuotedLineBreaksAndRangesPastTheEnd) {
  Fixture f = makeProject();
  const std::string csv = test::tempPath("excel.csv");
  std::ofstream(csv) << "\xEF\xBB\xBFvideo,track,start_frame,end_frame,label,note\r\n"
                        "session.mp4,2,0,10,Sad,\"first line\r\nsecond line\"\r\n"
                        "session.mp4,2,11,20,Angry,\r\n"
                        "session.mp4,2,100,9223372036854775807,Happy,\r\n"
                        "session.mp4,2,240,250,Happy,\r\n";
  const auto report = core::importCsv(*f.p, csv, "rater3");
  EXPECT_EQ(report.imported, 2);
  ASSERT_EQ(report.skipped.size(), 2u);
  EXPECT_NE(report.skipped[0].find("after the video's last frame (249)"), std::string::npos)
      << report.skipped[0];
  EXPECT_NE(report.skipped[1].find("after the video's last frame"), std::string::npos);
  const auto anns = f.p->annotations(f.media);
  const auto sad = std::find_if(anns.begin(), anns.end(), [](const core::Annotation& a) {
    return a.annotator == "rater3" && a.label == "Sad";
  });
  ASSERT_NE(sad, anns.end());
  EXPECT_EQ(sad->note, "first line\nsecond line");
}

// A row the project refuses leaves none of the file's rows behind (one transaction).
TEST(Import, AllRowsOrNone) {
  Fixture f = makeProject();
  const size_t before = f.p->annotations(f.media).size();
  std::vector<core::Annotation> batch(2);
  for (auto& a : batch) {
    a.media_id = f.media;
    a.scheme = "DFEW-7";
    a.end_frame = 5;
    a.label = "Happy";
    a.annotator = "batch";
  }
  batch[1].label = "Amused";  // not in the scheme
  EXPECT_THROW(f.p->addAnnotations(batch), Error);
  EXPECT_EQ(f.p->annotations(f.media).size(), before);
  batch[1].label = "Sad";
  EXPECT_EQ(f.p->addAnnotations(batch).size(), 2u);
  EXPECT_EQ(f.p->annotations(f.media).size(), before + 2);
  // Streamed (as imports do): the source failing halfway leaves nothing either.
  size_t given = 0;
  auto failing = [&](core::Annotation& a) -> bool {
    if (given == 2) throw Error(Error::Kind::kIo, "the file went away");
    a = batch[0];
    a.start_frame = a.end_frame = static_cast<int64_t>(10 + given++);
    return true;
  };
  EXPECT_THROW(f.p->addAnnotations(failing), Error);
  EXPECT_EQ(f.p->annotations(f.media).size(), before + 2);
  given = 0;
  EXPECT_EQ(f.p->addAnnotations([&](core::Annotation& a) {
    if (given == 3) return false;
    a = batch[0];
    a.start_frame = a.end_frame = static_cast<int64_t>(20 + given++);
    return true;
  }),
            3);
  EXPECT_EQ(f.p->annotations(f.media).size(), before + 5);
}

// The annotations as one table: names for unnamed people, times in seconds (end exclusive, as
// ELAN), notes with commas, quotes and line breaks; it reads back as the same annotations.
TEST(Export, AnnotationsTableHasTimesAndNamesAndReadsBack) {
  Fixture f = makeProject();
  const int64_t unnamed = f.p->track(f.media, 5);
  f.p->addAnnotation(
      {0, f.media, unnamed, "DFEW-7", 0, 24, "Sad", "rater2", "sighs, \"no\"\nthen looks away"});
  f.p->addAnnotation({0, f.media, std::nullopt, "DFEW-7", 100, 149, "Neutral", "rater2", ""});
  std::ostringstream out;
  core::exportFormat("annotations").write(*f.p, out, {});
  const std::string text = out.str();
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "video,track,person,scheme,label,annotator,start_frame,end_frame,start_s,end_s,"
            "duration_s,note");
  EXPECT_NE(text.find("session.mp4,2,\"Client, A\",DFEW-7,Happy,rater1,50,99,2.000,4.000,2.000,\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("session.mp4,5,face 5,DFEW-7,Sad,rater2,0,24,0.000,1.000,1.000,"
                      "\"sighs, \"\"no\"\"\nthen looks away\"\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("session.mp4,whole video,whole video,DFEW-7,Neutral,rater2,100,149,4.000,"
                      "6.000,2.000,\n"),
            std::string::npos)
      << text;
  // The windows' CSV names unnamed people too.
  std::ostringstream windows;
  core::exportCsv(*f.p, windows, {});
  EXPECT_EQ(windows.str().find(",2,,"), std::string::npos);
  // Into a fresh project with the same video and people: the same annotations.
  const std::string csv = test::tempPath("annotations.csv");
  std::ofstream(csv) << text;
  auto q = core::Project::open(test::freshProjectPath("annotations_back.ulproj"));
  const int64_t media =
      q->addMedia({0, "/elsewhere/session.mp4", "h1", 640, 480, 25, 1, 1, 12800, 10000, 250});
  q->track(media, 2);
  q->track(media, 5);
  const auto report = core::importCsv(*q, csv, "");
  EXPECT_EQ(report.imported, 3) << (report.skipped.empty() ? "" : report.skipped[0]);
  auto key = [](const core::Project& p, int64_t m) {
    std::multiset<std::string> s;
    for (const auto& a : p.annotations(m))
      s.insert(a.label + "|" + a.annotator + "|" + std::to_string(a.start_frame) + "|" +
               std::to_string(a.end_frame) + "|" + a.note + "|" + (a.track_id ? "t" : "whole"));
    return s;
  };
  EXPECT_EQ(key(*q, media), key(*f.p, f.media));
  EXPECT_THROW(core::exportFormat("xlsx"), Error);
}
