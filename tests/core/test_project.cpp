// The SQLite project: schema, round trips, refusal of newer/damaged/foreign files without
// touching them, and durability when the writing process is killed.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "core/analysis/timeline.h"
#include "core/storage/project.h"
#include "core/storage/project_lock.h"
#include "core/storage/schema.h"
#include "model/base/error.h"
#include "tests/test_util.h"

using namespace unilearn;
using core::Project;
namespace fs = std::filesystem;

namespace {

void rawExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  sqlite3_close(db);
}

Error::Kind openKind(const std::string& path, std::string* message = nullptr) {
  try {
    Project::open(path, false);
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  return Error::Kind::kArgument;
}

core::WindowPrediction window(int64_t analysis, int64_t track, int64_t start) {
  core::WindowPrediction w;
  w.analysis_id = analysis;
  w.track_id = track;
  w.start_frame = start;
  w.end_frame = start + 60;
  w.start_ms = start * 40;
  w.end_ms = (start + 60) * 40;
  w.probs = {0.1f, 0.6f, 0.1f, 0.05f, 0.05f, 0.05f, 0.05f};
  w.top_class = 1;
  w.confidence = 0.6;
  w.entropy = 1.3;
  for (int l = 0; l < 6; ++l) {
    w.expert_share.push_back(std::vector<float>(8, 0.125f));
    w.mean_gate.push_back(std::vector<float>(8, 0.5f + 0.01f * static_cast<float>(l)));
  }
  return w;
}

}  // namespace

TEST(Project, CreatesTheLatestSchemaWithWalAndForeignKeys) {
  const std::string path = test::freshProjectPath("new.ulproj");
  auto p = Project::open(path);
  EXPECT_EQ(p->schemaVersion(), 5);
  EXPECT_EQ(p->annotationSchemes(), (std::vector<std::string>{"DFEW-7", "MAFW-11"}));
  EXPECT_EQ(p->schemeLabels("MAFW-11").size(), 11u);
  EXPECT_TRUE(std::ifstream(path + "-wal").good());  // WAL journal in use
  core::WindowPrediction orphan = window(999, 999, 0);
  EXPECT_THROW(p->addWindow(orphan), Error);  // foreign keys are enforced
}

TEST(Project, StoresAndReadsBackEverything) {
  const std::string path = test::freshProjectPath("roundtrip.ulproj");
  int64_t media = 0, track = 0, analysis = 0;
  {
    auto p = Project::open(path);
    core::MediaRecord m;
    m.path = "/videos/session1.mp4";
    m.content_hash = "abc123";
    m.width = 640;
    m.height = 480;
    m.fps_num = 30;
    m.time_base_num = 1;
    m.time_base_den = 15360;
    m.duration_ms = 60000;
    m.frame_count = 1800;
    media = p->addMedia(m);
    EXPECT_EQ(p->addMedia(m), media);  // same content: same media
    track = p->track(media, 3);
    EXPECT_EQ(p->track(media, 3), track);
    p->renameTrack(track, "Client");
    core::ModelRecord model{0, "unilearn-t16-160", "{}", "deadbeef", "/m.safetensors"};
    const int64_t model_id = p->addModel(model);
    EXPECT_EQ(p->addModel(model), model_id);
    analysis = p->startAnalysis(media, model_id, "clip", R"({"hop":16})");
    p->addWindow(window(analysis, track, 0));
    p->addWindow(window(analysis, track, 16));
    EXPECT_THROW(p->addWindow(window(analysis, track, 16)), Error);  // once per start frame
    p->addFrames({{analysis, track, 0, 0, {0.5f, 0.5f}, {0.5f, 0.5f}},
                  {analysis, track, 1, 33, {0.2f, 0.8f}, {0.35f, 0.65f}}});
    core::Annotation a;
    a.media_id = media;
    a.track_id = track;
    a.scheme = "DFEW-7";
    a.start_frame = 10;
    a.end_frame = 50;
    a.label = "Happy";
    a.annotator = "rater1";
    a.note = "laughs";
    p->addAnnotation(a);
    core::Annotation whole = a;  // a label of the whole video: no person
    whole.track_id.reset();
    whole.label = "Neutral";
    p->addAnnotation(whole);
    p->startAnalysis(media, std::nullopt, "static", "{}");  // no model row
    a.label = "Amused";
    EXPECT_THROW(p->addAnnotation(a), Error);
    a.label = "Sad";
    a.scheme = "NoSuchScheme";
    EXPECT_THROW(p->addAnnotation(a), Error);
    EXPECT_THROW(p->renameTrack(12345, "x"), Error);
  }
  auto p = Project::open(path, false);
  ASSERT_EQ(p->media().size(), 1u);
  const core::MediaRecord m = p->media()[0];
  EXPECT_EQ(m.id, media);
  EXPECT_EQ(m.path, "/videos/session1.mp4");
  EXPECT_EQ(m.content_hash, "abc123");
  EXPECT_EQ(std::vector<int64_t>({m.width, m.height, m.fps_num, m.fps_den, m.time_base_num,
                                  m.time_base_den, m.duration_ms, m.frame_count}),
            std::vector<int64_t>({640, 480, 30, 1, 1, 15360, 60000, 1800}));
  const auto runs = p->analyses(media);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].id, analysis);
  EXPECT_TRUE(runs[0].model_id.has_value());
  EXPECT_EQ(runs[0].kind, "clip");
  EXPECT_EQ(runs[0].params_json, R"({"hop":16})");
  EXPECT_EQ(runs[0].status, "running");
  EXPECT_FALSE(runs[1].model_id.has_value());
  EXPECT_EQ(runs[1].kind, "static");
  EXPECT_EQ(p->person(track), "Client");
  auto ws = p->windows(analysis, true);
  ASSERT_EQ(ws.size(), 2u);
  EXPECT_EQ(ws[1].start_frame, 16);
  EXPECT_EQ(ws[0].probs, window(analysis, track, 0).probs);
  EXPECT_EQ(ws[1].end_ms, (16 + 60) * 40);
  EXPECT_EQ(ws[1].top_class, 1);
  EXPECT_DOUBLE_EQ(ws[1].confidence, 0.6);
  EXPECT_DOUBLE_EQ(ws[1].entropy, 1.3);
  EXPECT_EQ(ws[1].track_id, track);
  ASSERT_EQ(ws[0].mean_gate.size(), 6u);
  EXPECT_FLOAT_EQ(ws[0].mean_gate[5][0], 0.55f);
  EXPECT_EQ(p->windowStarts(analysis, track), (std::vector<int64_t>{0, 16}));
  auto fs = p->frames(analysis, track);
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_FLOAT_EQ(fs[1].smoothed[1], 0.65f);
  auto anns = p->annotations(media);
  ASSERT_EQ(anns.size(), 2u);  // by start frame, then id
  EXPECT_EQ(anns[0].label, "Happy");
  EXPECT_EQ(anns[0].track_id, track);
  EXPECT_EQ(anns[0].scheme, "DFEW-7");
  EXPECT_EQ(anns[0].start_frame, 10);
  EXPECT_EQ(anns[0].end_frame, 50);
  EXPECT_EQ(anns[0].annotator, "rater1");
  EXPECT_EQ(anns[0].note, "laughs");
  EXPECT_EQ(anns[1].label, "Neutral");
  EXPECT_FALSE(anns[1].track_id.has_value());
  EXPECT_EQ(p->unfinishedAnalysis(media, "clip", R"({"hop":16})"), analysis);
  p->finishAnalysis(analysis, "done");
  EXPECT_FALSE(p->unfinishedAnalysis(media, "clip", R"({"hop":16})"));
  EXPECT_EQ(p->analysisStatus(analysis), "done");
}

TEST(Project, RefusesNewerDamagedAndForeignFilesAndLeavesThemUntouched) {
  const std::string newer = test::freshProjectPath("newer.ulproj");
  Project::open(newer).reset();
  rawExec(newer, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;");
  std::string msg;
  std::string before = test::fileBytes(newer);
  EXPECT_EQ(openKind(newer, &msg), Error::Kind::kConfig);
  EXPECT_NE(msg.find("newer UniLearn Studio"), std::string::npos) << msg;
  EXPECT_EQ(test::fileBytes(newer), before);

  const std::string damaged = test::freshProjectPath("damaged.ulproj");
  {
    auto p = Project::open(damaged);
    const int64_t media = p->addMedia({0, "v.mp4", "h"});
    const int64_t track = p->track(media, 1);
    for (int i = 0; i < 50; ++i)
      p->addWindow(window(p->startAnalysis(media, std::nullopt, "static", "{}"), track, i));
  }
  rawExec(damaged, "PRAGMA journal_mode = DELETE;");
  std::string bytes = test::fileBytes(damaged);
  ASSERT_GT(bytes.size(), 4096u * 4);
  for (size_t i = 4096 * 2; i < 4096 * 2 + 2000; ++i)
    bytes[i] = static_cast<char>(i * 131);
  std::ofstream(damaged, std::ios::binary | std::ios::trunc) << bytes;
  EXPECT_EQ(openKind(damaged, &msg), Error::Kind::kFormat);
  EXPECT_NE(msg.find("damaged"), std::string::npos) << msg;
  EXPECT_EQ(test::fileBytes(damaged), bytes);

  const std::string text = test::freshProjectPath("notes.ulproj");
  std::ofstream(text) << "not a database, just some notes about the session";
  EXPECT_EQ(openKind(text, &msg), Error::Kind::kFormat);
  EXPECT_NE(msg.find("not a UniLearn Studio project"), std::string::npos) << msg;

  const std::string other = test::freshProjectPath("other.db");
  rawExec(other, "PRAGMA application_id = 42; CREATE TABLE t(x);");
  EXPECT_EQ(openKind(other, &msg), Error::Kind::kFormat);
  EXPECT_NE(msg.find("another program"), std::string::npos) << msg;

  EXPECT_EQ(openKind(test::freshProjectPath("missing.ulproj")), Error::Kind::kIo);
  try {
    Project::open("/proc/self/unilearn.ulproj");  // a location nobody can create files in
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), Error::Kind::kIo) << e.what();
  }
}

TEST(Project, AKilledWriterLosesAtMostTheWindowInFlight) {
  const std::string path = test::freshProjectPath("killed.ulproj");
  int64_t analysis = 0, track = 0;
  {
    auto p = Project::open(path);
    const int64_t media = p->addMedia({0, "v.mp4", "hash"});
    track = p->track(media, 1);
    analysis = p->startAnalysis(media, std::nullopt, "clip", "{}");
  }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // the writer: windows as fast as it can until killed
    auto p = Project::open(path, false);
    for (int64_t s = 0;; s += 16)
      p->addWindow(window(analysis, track, s));
  }
  usleep(400 * 1000);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  auto p = Project::open(path, false);  // passes the integrity check
  auto ws = p->windows(analysis, true);
  ASSERT_GT(ws.size(), 10u);
  for (size_t i = 0; i < ws.size(); ++i) {
    EXPECT_EQ(ws[i].start_frame, static_cast<int64_t>(i) * 16);  // no holes
    EXPECT_EQ(ws[i].expert_share.size(), 6u);                    // never half a window
  }
  EXPECT_EQ(p->unfinishedAnalysis(1, "clip", "{}"), analysis);  // ready to resume
  p->addWindow(window(analysis, track, static_cast<int64_t>(ws.size()) * 16));
}

TEST(Timeline, LoadsTheLatestFinishedClipAnalysisPerTrack) {
  auto p = Project::open(test::freshProjectPath("timeline.ulproj"));
  const int64_t media = p->addMedia({0, "/v/session.mp4", "hash", 640, 480, 30, 1});
  const int64_t a = p->track(media, 1), b = p->track(media, 2);
  const int64_t model =
      p->addModel({0, "m", R"({"video_classes":2,"video_class_names":["x","y"]})", "w", ""});
  const int64_t old_clip = p->startAnalysis(media, model, "clip", "{\"hop\":8}");
  p->addWindow(window(old_clip, a, 0));
  p->finishAnalysis(old_clip, "done");
  const int64_t clip = p->startAnalysis(media, model, "clip", "{}");
  for (int64_t s : {32, 0, 16})
    p->addWindow(window(clip, b, s));
  p->addWindow(window(clip, a, 0));
  p->addFrames({{clip, a, 1, 33, {0.5f}, {0.5f}}, {clip, a, 0, 0, {0.5f}, {0.5f}}});
  p->finishAnalysis(clip, "done");
  const int64_t running = p->startAnalysis(media, std::nullopt, "static", "{}");  // unfinished
  core::Timeline t = core::loadTimeline(*p, media);
  ASSERT_TRUE(t.analysis.has_value());
  EXPECT_EQ(t.analysis->id, clip);
  EXPECT_EQ(t.classes, (std::vector<std::string>{"x", "y"}));
  ASSERT_EQ(t.tracks.size(), 2u);
  EXPECT_EQ(t.tracks[0].windows.size(), 1u);
  ASSERT_EQ(t.tracks[1].windows.size(), 3u);
  EXPECT_EQ(t.tracks[1].windows[2].start_frame, 32);  // ordered by time
  EXPECT_EQ(t.tracks[1].windows[0].expert_share.size(), 6u);
  ASSERT_EQ(t.tracks[0].frames.size(), 2u);
  EXPECT_EQ(t.tracks[0].frames[0].frame, 0);
  EXPECT_EQ(core::loadTimeline(*p, media, running).analysis->id, running);
  EXPECT_THROW(core::loadTimeline(*p, media, 999), Error);
  EXPECT_THROW(core::loadTimeline(*p, 999), Error);
}

TEST(Project, AVersionOneProjectIsMigratedWithItsDataKept) {
  const std::string path = test::freshProjectPath("v1.ulproj");
  rawExec(path, core::migrations()[0] +
                    "PRAGMA application_id = " + std::to_string(core::kProjectApplicationId) +
                    "; PRAGMA user_version = 1;"
                    "INSERT INTO media (path, content_hash) VALUES ('v.mp4', 'h');"
                    "INSERT INTO tracks (media_id, tracker_id) VALUES (1, 1);"
                    "INSERT INTO analyses (media_id, kind, params_json, status) VALUES "
                    "(1, 'static', '{}', 'done');"
                    "INSERT INTO frame_predictions VALUES (1, 1, 0, 0, x'0000803f', x'0000803f');");
  auto p = Project::open(path, false);
  EXPECT_EQ(p->schemaVersion(), 5);
  auto old = p->frames(1, 1);
  ASSERT_EQ(old.size(), 1u);
  EXPECT_EQ(old[0].probs, std::vector<float>{1.0f});
  EXPECT_TRUE(old[0].face.empty());  // not recorded before version 2
  std::vector<float> face(17, 2.0f);
  p->addFrames({{1, 1, 1, 33, {0.5f}, {0.5f}, face, {}, {}}});
  EXPECT_EQ(p->frames(1, 1)[1].face, face);
  EXPECT_TRUE(p->frames(1, 1)[1].blendshapes.empty());  // not computed
}

TEST(Project, BlendshapesAndLandmarksRoundTrip) {
  auto p = Project::open(test::freshProjectPath("shapes.ulproj"));
  const int64_t media = p->addMedia({0, "/v/a.mp4", "h"});
  const int64_t track = p->track(media, 1);
  const int64_t a = p->startAnalysis(media, std::nullopt, "static", "{\"blendshapes\":true}");
  std::vector<float> shapes(52), landmarks;
  for (int i = 0; i < 52; ++i)
    shapes[static_cast<size_t>(i)] = static_cast<float>(i) / 51.0f;
  for (int i = 0; i < 478 * 3; ++i)
    landmarks.push_back(static_cast<float>(i) * 1.37f - 300.0f);  // sub-pixel, negative z
  p->addFrames({{a, track, 0, 0, {1.0f}, {1.0f}, {}, shapes, landmarks},
                {a, track, 1, 40, {1.0f}, {1.0f}, {}, shapes, {}}});
  const auto back = p->frames(a, track);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].blendshapes, shapes);  // exact (float32)
  ASSERT_EQ(back[0].landmarks.size(), landmarks.size());
  for (size_t i = 0; i < landmarks.size(); ++i)
    EXPECT_NEAR(back[0].landmarks[i], landmarks[i], 0.125f) << i;  // quarter pixels
  EXPECT_TRUE(back[1].landmarks.empty());                          // landmarks are optional
}

TEST(Project, AnnotationsAreEditedDeletedAndRestoredUnderTheirId) {
  auto p = Project::open(test::freshProjectPath("edit.ulproj"));
  const int64_t media = p->addMedia({0, "/v/a.mp4", "h"});
  const int64_t track = p->track(media, 1);
  core::Annotation a;
  a.media_id = media;
  a.track_id = track;
  a.scheme = "DFEW-7";
  a.start_frame = 10;
  a.end_frame = 40;
  a.label = "Happy";
  a.annotator = "ann";
  a.id = p->addAnnotation(a);
  a.end_frame = 55;
  a.label = "Sad";
  a.note = "edge moved";
  p->updateAnnotation(a);
  auto got = p->annotation(a.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->end_frame, 55);
  EXPECT_EQ(got->label, "Sad");
  EXPECT_EQ(got->note, "edge moved");
  p->deleteAnnotation(a.id);
  EXPECT_FALSE(p->annotation(a.id).has_value());
  EXPECT_EQ(p->addAnnotation(a), a.id);  // restored under the same id
  a.label = "Amused";
  EXPECT_THROW(p->updateAnnotation(a), Error);
  a.label = "Sad";
  a.start_frame = 60;  // after its end
  EXPECT_THROW(p->updateAnnotation(a), Error);
  a.id = 999;
  a.start_frame = 0;
  EXPECT_THROW(p->updateAnnotation(a), Error);
}

TEST(Project, PeopleAreMergedAndSplitAndBothUndoExactly) {
  auto p = Project::open(test::freshProjectPath("people.ulproj"));
  const int64_t media = p->addMedia({0, "/v/a.mp4", "h"});
  const int64_t a = p->track(media, 1), b = p->track(media, 2), c = p->track(media, 3);
  const int64_t analysis = p->startAnalysis(media, std::nullopt, "clip", "{}");
  std::vector<core::FramePrediction> frames;
  for (int64_t f = 0; f < 50; ++f)
    frames.push_back({analysis, a, f, f * 40, {1}, {1}, {}});
  for (int64_t f = 60; f < 100; ++f)
    frames.push_back({analysis, b, f, f * 40, {1}, {1}, {}});
  frames.push_back({analysis, c, 10, 400, {1}, {1}, {}});  // on screen together with a
  p->addFrames(frames);
  p->addWindow(window(analysis, a, 0));
  p->addWindow(window(analysis, b, 64));
  core::Annotation ann;
  ann.media_id = media;
  ann.track_id = b;
  ann.scheme = "DFEW-7";
  ann.start_frame = 70;
  ann.end_frame = 80;
  ann.label = "Sad";
  ann.annotator = "x";
  p->addAnnotation(ann);

  // Who could be whom: c shares frame 10 with a (the app offers only people never on screen
  // together for a merge); b never meets a.
  EXPECT_EQ(p->sharedFrame(c, a), std::optional<int64_t>(10));
  EXPECT_EQ(p->sharedFrame(a, c), std::optional<int64_t>(10));
  EXPECT_FALSE(p->sharedFrame(b, a));
  // b is the same person as a, who left and came back: merge.
  const auto merged = p->mergeTracks(b, a);
  EXPECT_EQ(p->tracks(media).size(), 2u);  // a and c
  EXPECT_EQ(p->frames(analysis, a).size(), 90u);
  EXPECT_EQ(p->windows(analysis).size(), 2u);
  EXPECT_EQ(p->annotations(media)[0].track_id, a);
  try {
    p->mergeTracks(c, a);
    ADD_FAILURE() << "merged two faces seen in the same frame";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("on screen at frame 10"), std::string::npos);
  }
  p->undoMove(merged);
  EXPECT_EQ(p->tracks(media).size(), 3u);
  EXPECT_EQ(p->frames(analysis, a).size(), 50u);
  EXPECT_EQ(p->frames(analysis, b).size(), 40u);
  EXPECT_EQ(p->annotations(media)[0].track_id, b);

  // Split b at frame 80: what starts there moves to a new person.
  p->renameTrack(b, "Visitor");
  const auto split = p->splitTrack(b, 80);
  const auto people = p->tracks(media);
  ASSERT_EQ(people.size(), 4u);
  EXPECT_EQ(people.back().person, "Visitor (2)");
  EXPECT_EQ(p->frames(analysis, b).size(), 20u);
  EXPECT_EQ(p->frames(analysis, split.to).size(), 20u);
  EXPECT_EQ(p->annotations(media)[0].track_id, b);  // starts before the split point
  p->undoMove(split);
  EXPECT_EQ(p->tracks(media).size(), 3u);
  EXPECT_EQ(p->frames(analysis, b).size(), 40u);
  EXPECT_THROW(p->splitTrack(b, 500), Error);  // nothing after it
  EXPECT_THROW(p->mergeTracks(a, a), Error);
}

TEST(Project, UserDefinedSchemesCarryLabelsAndColours) {
  auto p = Project::open(test::freshProjectPath("schemes.ulproj"));
  p->addScheme("Engagement", {"Engaged", "Neutral", "Withdrawn"}, {"#22aa44", "#999999", "#cc3322"},
               /*ordinal=*/true);
  EXPECT_EQ(p->annotationSchemes().back(), "Engagement");
  EXPECT_EQ(p->schemeLabels("Engagement").size(), 3u);
  EXPECT_EQ(p->schemeColors("Engagement")[2], "#cc3322");
  EXPECT_TRUE(p->schemeColors("DFEW-7").empty());  // the palette
  EXPECT_THROW(p->addScheme("Engagement", {"x"}), Error);
  EXPECT_THROW(p->addScheme("Dup", {"a", "a"}), Error);
  EXPECT_THROW(p->addScheme("Col", {"a", "b"}, {"#fff"}), Error);
  EXPECT_THROW(p->addScheme("Col", {"a"}, {"red"}), Error);
  EXPECT_THROW(p->addScheme("", {"a"}), Error);
}

// A second open of the project in the process (a worker, a timeline reload) must not drop the
// first connection's SQLite locks: before, it read the file through a descriptor of its own,
// whose closing released every POSIX lock of the process on it, so a read-only command in
// another process (`unilearn export`) took itself for the last user, checkpointed and deleted
// the WAL, and the app's next label went into a deleted file.
TEST(Project, ASecondOpenKeepsTheLocksSoAnotherProcessNeverDeletesTheWal) {
  const std::string path = test::freshProjectPath("shared_by_two.ulproj");
  auto app = Project::open(path);
  const int64_t media = app->addMedia({0, "v.mp4", "shared-h"});
  core::Annotation a;
  a.media_id = media;
  a.scheme = "DFEW-7";
  a.end_frame = 10;
  a.label = "Happy";
  a.annotator = "rater1";
  app->addAnnotation(a);
  auto worker = Project::open(path);  // as a worker thread or a timeline reload does
  worker.reset();
  const std::string out = test::tempPath("shared_by_two.json");
  const std::string cmd = std::string(UNILEARN_CLI) + " export " + path + " --format json --out " +
                          out + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_TRUE(std::ifstream(path + "-wal").good()) << "the other process deleted the app's WAL";
  a.start_frame = 20;
  a.end_frame = 30;
  a.label = "Sad";
  app->addAnnotation(a);
  // Another process sees both labels.
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const std::string json = test::fileBytes(out);
  EXPECT_NE(json.find("\"Happy\""), std::string::npos);
  EXPECT_NE(json.find("\"Sad\""), std::string::npos) << "the app's second label was lost";
}

// What an unprivileged user sees for a project in a folder they cannot write to, and for a
// read-only project file: the reason and what to do, never "damaged". Run as `nobody` in a child
// when the tests run as root (root writes anywhere).
TEST(Project, AReadOnlyFolderOrFileIsNamedAsSuchNotAsDamage) {
  const fs::path dir = test::tempPath("ro-folder");
  fs::remove_all(dir);
  fs::create_directories(dir / "locked");
  const std::string in_locked = (dir / "locked" / "p.ulproj").string();
  const std::string locked_file = (dir / "p.ulproj").string();
  Project::open(in_locked)->addMedia({0, "v.mp4", "hash"});
  Project::open(locked_file)->addMedia({0, "v.mp4", "hash"});
  fs::permissions(dir / "locked",
                  fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                  fs::perm_options::remove);
  fs::permissions(locked_file, fs::perms::all, fs::perm_options::remove);
  fs::permissions(locked_file,
                  fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read,
                  fs::perm_options::add);
  fs::permissions(dir, fs::perms::others_all, fs::perm_options::add);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(3);
    std::string out;
    for (const auto& p : {in_locked, locked_file, (dir / "missing" / "new.ulproj").string()}) {
      std::string message = "opened";
      openKind(p, &message);
      out += message + "\n";
    }
    try {
      Project::open((dir / "locked" / "new.ulproj").string(), true);
      out += "created\n";
    } catch (const Error& e) {
      out += std::string(e.what()) + "\n";
    }
    try {  // the app takes the writer lock first: the same reason
      core::ProjectLock::acquire(in_locked, "unilearn-studio");
      out += "locked\n";
    } catch (const Error& e) {
      out += std::string(e.what()) + "\n";
    }
    if (write(fds[1], out.data(), out.size()) < 0) _exit(4);
    _exit(0);
  }
  close(fds[1]);
  std::string got;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
    got.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  fs::permissions(dir / "locked", fs::perms::owner_all, fs::perm_options::add);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << got;
  std::istringstream lines(got);
  std::string folder, file, missing, create;
  std::getline(lines, folder);
  std::getline(lines, file);
  std::getline(lines, missing);
  std::getline(lines, create);
  std::string lock;
  std::getline(lines, lock);
  EXPECT_NE(lock.find("in a folder you cannot write to"), std::string::npos) << lock;
  EXPECT_NE(folder.find("in a folder you cannot write to"), std::string::npos) << folder;
  EXPECT_NE(file.find("is read-only for you"), std::string::npos) << file;
  EXPECT_NE(missing.find("does not exist"), std::string::npos) << missing;
  EXPECT_NE(create.find("in a folder you cannot write to"), std::string::npos) << create;
  for (const auto& m : {folder, file, create})
    EXPECT_EQ(m.find("damaged"), std::string::npos) << m;
  EXPECT_NO_THROW(Project::open(in_locked, false));  // untouched, opens again for its owner
}

// The writer lock: a second writer (another process, or another window of this one) is refused
// with the holder's name; a killed holder leaves nothing that blocks; releasing removes the file.
TEST(ProjectLock, ASecondWriterIsToldWhoHasTheProjectAndAKilledOneBlocksNothing) {
  const std::string path = test::freshProjectPath("locked.ulproj");
  Project::open(path).reset();
  const std::string lock_file = core::ProjectLock::lockPath(path);
  EXPECT_FALSE(core::ProjectLock::holder(path));
  {
    const auto lock = core::ProjectLock::acquire(path, "test-writer");
    const auto who = core::ProjectLock::holder(path);
    ASSERT_TRUE(who);
    EXPECT_NE(who->find("test-writer (process " + std::to_string(getpid()) + ") since "),
              std::string::npos)
        << *who;
    std::string message;
    try {
      core::ProjectLock::acquire(path, "second window");
    } catch (const Error& e) {
      message = e.what();
    }
    EXPECT_NE(message.find("another window of this app"), std::string::npos) << message;
    const pid_t child = fork();  // another program
    ASSERT_GE(child, 0);
    if (child == 0) {
      try {
        core::ProjectLock::acquire(path, "unilearn import");
      } catch (const Error& e) {
        const std::string m = e.what();
        _exit(m.find("is open in test-writer") != std::string::npos &&
                      m.find("another window") == std::string::npos
                  ? 0
                  : 2);
      }
      _exit(1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  }
  EXPECT_FALSE(std::ifstream(lock_file).good());  // released: the file is gone
  EXPECT_FALSE(core::ProjectLock::holder(path));

  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t holder = fork();
  ASSERT_GE(holder, 0);
  if (holder == 0) {
    const auto lock = core::ProjectLock::acquire(path, "doomed writer");
    if (write(ready[1], "x", 1) != 1) _exit(3);
    pause();
    _exit(0);
  }
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  EXPECT_TRUE(core::ProjectLock::holder(path));
  kill(holder, SIGKILL);
  waitpid(holder, nullptr, 0);
  EXPECT_TRUE(std::ifstream(lock_file).good());   // left behind by the killed process ...
  EXPECT_FALSE(core::ProjectLock::holder(path));  // ... and held by nobody
  EXPECT_NO_THROW(core::ProjectLock::acquire(path, "next writer"));
  close(ready[0]);
  close(ready[1]);
}
