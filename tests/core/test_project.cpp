// The SQLite project: schema, round trips, migration, annotations, people and schemes.
#include <fstream>

#include <gtest/gtest.h>

#include "core/analysis/timeline.h"
#include "core/storage/project.h"
#include "core/storage/schema.h"
#include "model/base/error.h"
#include "tests/core/project_fixtures.h"
#include "tests/test_util.h"

using namespace unilearn;
using core::Project;
using test::rawExec;
using test::window;

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
