// The analysis engine end to end on a real-face clip made from a still: the static model is
// real, the clip model a tiny random-weight UniLearn (plumbing, batching, resuming).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <numeric>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "core/analysis/analyzer.h"
#include "core/analysis/clip_model.h"
#include "core/analysis/timeline_stream.h"
#include "core/media/frame_source.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "tests/core/analysis_fixtures.h"
#include "tests/test_util.h"

using namespace unilearn;

namespace {

const std::string kResources = UNILEARN_RESOURCE_SOURCE_DIR;

using test::freshProject;

void expectSameWindows(const std::vector<core::WindowPrediction>& a,
                       const std::vector<core::WindowPrediction>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].start_frame, b[i].start_frame);
    ASSERT_EQ(a[i].probs.size(), b[i].probs.size());
    for (size_t c = 0; c < a[i].probs.size(); ++c)
      EXPECT_NEAR(a[i].probs[c], b[i].probs[c], 1e-5);
  }
}

}  // namespace

TEST(Analysis, StoresFramesAndWindowsWithRoutingAndModelClassNames) {
  auto model = core::ClipModel::load(test::tinyClipModel());
  EXPECT_EQ(model->classNames(), (std::vector<std::string>{"calm", "joy", "other"}));
  auto project = freshProject("analysis.ulproj");
  int progress_calls = 0;
  auto s = core::analyzeVideo(*project, test::astroClip(90), model.get(), kResources, {},
                              [&](const core::AnalysisProgress&) { ++progress_calls; });
  EXPECT_EQ(s.frames, 90);
  EXPECT_EQ(s.tracks, 1);
  EXPECT_EQ(s.windows, 3);  // starts 0 and 16, then a tail window at 29
  EXPECT_GT(progress_calls, 0);
  EXPECT_EQ(project->analysisStatus(s.analysis_id), "done");
  auto ws = project->windows(s.analysis_id, true);
  ASSERT_EQ(ws.size(), 3u);
  EXPECT_EQ(ws[2].start_frame, 29);
  EXPECT_EQ(ws[2].end_frame, 89);
  EXPECT_EQ(ws[1].start_ms, 533);
  for (const auto& w : ws) {
    EXPECT_NEAR(std::accumulate(w.probs.begin(), w.probs.end(), 0.0), 1.0, 1e-5);
    EXPECT_NEAR(w.confidence, w.probs[static_cast<size_t>(w.top_class)], 1e-6);
    ASSERT_EQ(w.expert_share.size(), 1u);  // one MoE layer
    EXPECT_NEAR(std::accumulate(w.expert_share[0].begin(), w.expert_share[0].end(), 0.0), 1.0,
                1e-5);
  }
  auto frames = project->frames(s.analysis_id, ws[0].track_id);
  ASSERT_EQ(frames.size(), 90u);
  int happy = 0;
  for (const auto& f : frames) {
    happy += f.probs[1] > 0.9f;     // the static model is real
    ASSERT_EQ(f.face.size(), 17u);  // box, score, keypoints for the player's overlay
    EXPECT_GT(f.face[2], 50.0f);    // a face-sized box in the 640x480 frame
    EXPECT_GT(f.face[4], 0.5f);     // detector score
  }
  EXPECT_GT(happy, 80);
}

TEST(Analysis, WindowResultsDoNotDependOnTheBatchSize) {
  auto model = core::ClipModel::load(test::tinyClipModel());
  auto a = freshProject("batch1.ulproj"), b = freshProject("batch4.ulproj");
  core::AnalysisOptions one, four;
  one.batch = 1;
  four.batch = 4;
  auto sa = core::analyzeVideo(*a, test::astroClip(90), model.get(), kResources, one);
  auto sb = core::analyzeVideo(*b, test::astroClip(90), model.get(), kResources, four);
  expectSameWindows(a->windows(sa.analysis_id), b->windows(sb.analysis_id));
}

TEST(Analysis, ACancelledAnalysisResumesToTheSameResult) {
  auto model = core::ClipModel::load(test::tinyClipModel());
  auto full = freshProject("full.ulproj");
  auto sf = core::analyzeVideo(*full, test::astroClip(90), model.get(), kResources, {});
  auto part = freshProject("part.ulproj");
  int calls = 0;
  auto sc = core::analyzeVideo(*part, test::astroClip(90), model.get(), kResources, {}, {},
                               [&] { return ++calls > 80; });
  EXPECT_TRUE(sc.cancelled);
  EXPECT_EQ(part->analysisStatus(sc.analysis_id), "cancelled");
  EXPECT_EQ(part->windows(sc.analysis_id).size(), 2u);  // windows 0 and 16 were complete
  // The resumed run streams what it stores to a timeline that started from what was stored.
  core::TimelineStream stream;
  core::AnalysisStream feed = stream.callbacks();
  feed.on_start = [&](int64_t analysis, int64_t media) {
    stream.reset(core::loadTimeline(*part, media, analysis));
  };
  auto sr =
      core::analyzeVideo(*part, test::astroClip(90), model.get(), kResources, {}, {}, {}, feed);
  EXPECT_EQ(sr.analysis_id, sc.analysis_id);
  EXPECT_EQ(sr.windows_resumed, 2);
  EXPECT_EQ(sr.windows, 1);
  expectSameWindows(part->windows(sr.analysis_id), full->windows(sf.analysis_id));
  // What streamed is exactly what the project holds: no need to read it back.
  const auto streamed = stream.snapshot();
  const core::Timeline stored = core::loadTimeline(*part, sr.media_id, sr.analysis_id);
  ASSERT_EQ(streamed->tracks.size(), stored.tracks.size());
  ASSERT_FALSE(stored.tracks.empty());
  for (size_t t = 0; t < stored.tracks.size(); ++t) {
    EXPECT_EQ(streamed->tracks[t].track.id, stored.tracks[t].track.id);
    EXPECT_EQ(streamed->tracks[t].track.tracker_id, stored.tracks[t].track.tracker_id);
    expectSameWindows(streamed->tracks[t].windows, stored.tracks[t].windows);
    ASSERT_EQ(streamed->tracks[t].frames.size(), stored.tracks[t].frames.size());
    for (size_t f = 0; f < stored.tracks[t].frames.size(); ++f) {
      EXPECT_EQ(streamed->tracks[t].frames[f].frame, stored.tracks[t].frames[f].frame);
      EXPECT_EQ(streamed->tracks[t].frames[f].probs, stored.tracks[t].frames[f].probs);
    }
  }
  EXPECT_EQ(stream.snapshot(/*only_if_changed=*/true), nullptr);  // nothing new since
}

TEST(Analysis, StaticOnlyAndEveryNthFrame) {
  auto project = freshProject("static.ulproj");
  core::AnalysisOptions o;
  o.every = 3;
  auto s = core::analyzeVideo(*project, test::astroClip(90), nullptr, kResources, o);
  EXPECT_EQ(s.windows, 0);
  EXPECT_EQ(s.faces, 30);
  const auto media = project->media();
  ASSERT_EQ(media.size(), 1u);
  EXPECT_EQ(media[0].frame_count, 90);
  EXPECT_THROW(core::analyzeVideo(*project, "/nonexistent.mp4", nullptr, kResources, o), Error);
}

TEST(Analysis, AKilledAnalyzeRunResumesToTheSameResult) {
  const std::string clip = test::astroClip(240), model = test::tinyClipModel();
  const std::string cli = UNILEARN_CLI;
  const std::string whole = test::freshProjectPath("whole.ulproj"),
                    killed = test::freshProjectPath("killed.ulproj");
  ASSERT_EQ(std::system((cli + " analyze " + clip + " --project " + whole + " --model " + model +
                         " >/dev/null 2>&1")
                            .c_str()),
            0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    execl(UNILEARN_CLI, UNILEARN_CLI, "analyze", clip.c_str(), "--project", killed.c_str(),
          "--model", model.c_str(), "--batch", "1", static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill it once a few windows are stored, mid-video (up to a minute on a busy machine).
  size_t stored = 0;
  for (int i = 0; i < 2400 && stored < 3; ++i) {
    usleep(25 * 1000);
    try {
      stored = core::Project::open(killed, false)->windows(1).size();
    } catch (const Error&) {  // not created yet
    }
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the analysis finished before it could be killed";
  ASSERT_GE(stored, 3u);
  EXPECT_LT(core::Project::open(killed, false)->windows(1).size(), 13u);  // really mid-run
  ASSERT_EQ(std::system((cli + " analyze " + clip + " --project " + killed + " --model " + model +
                         " >/dev/null 2>&1")
                            .c_str()),
            0);
  auto a = core::Project::open(whole, false), b = core::Project::open(killed, false);
  expectSameWindows(a->windows(1), b->windows(1));
  EXPECT_EQ(b->analysisStatus(1), "done");
}

TEST(Analysis, LiveSessionFromAPacedSourceBecomesItsOwnMedia) {
  auto model = core::ClipModel::load(test::tinyClipModel());
  auto project = freshProject("live.ulproj");
  // A file paced at its frame rate stands in for a camera (180 frames = 6 s); no re-opening.
  const std::string clip = test::astroClip(180);
  const auto t0 = std::chrono::steady_clock::now();
  core::LiveCapture capture(std::make_unique<core::FileSource>(clip), 4, true, 60000);
  std::atomic<bool> ended{false};
  capture.start([&](core::LiveCapture::Event e, const std::string&) {
    if (e == core::LiveCapture::Event::kLost || e == core::LiveCapture::Event::kEnded) ended = true;
  });
  int64_t frames_seen = 0, faces_seen = 0;
  double first_frame_s = -1;
  std::vector<core::WindowPrediction> live;
  core::LiveCallbacks cb;
  cb.on_frame = [&](int64_t frame, int64_t, const std::vector<core::FaceResult>& faces,
                    const cv::Mat& bgr) {
    EXPECT_FALSE(bgr.empty());
    EXPECT_EQ(frame, frames_seen++);  // consecutive, whatever the capture dropped
    if (first_frame_s < 0)
      first_frame_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    faces_seen += static_cast<int64_t>(faces.size());
  };
  cb.on_window = [&](const core::WindowPrediction& w) { live.push_back(w); };
  auto s = core::analyzeLive(*project, capture, "test camera", 30, model.get(), kResources, {}, cb,
                             [&] { return ended.load(); });
  capture.stop();
  std::printf("live: %lld frames analysed, first after %.2f s, %llu dropped\n",
              static_cast<long long>(s.frames), first_frame_s,
              static_cast<unsigned long long>(capture.dropped()));
  EXPECT_GT(s.frames, 20);  // of 180: a busy machine drops frames live, by design
  EXPECT_EQ(s.frames, frames_seen);
  EXPECT_GT(faces_seen, s.frames / 2);
  EXPECT_GE(s.windows, 1);
  EXPECT_EQ(project->analysisStatus(s.analysis_id), "done");
  const auto media = project->media();
  ASSERT_EQ(media.size(), 1u);
  EXPECT_EQ(media[0].path.rfind("live:test camera ", 0), 0u) << media[0].path;
  EXPECT_EQ(media[0].frame_count, s.frames);
  EXPECT_GT(media[0].duration_ms, 3000);
  EXPECT_LT(media[0].duration_ms, 9000);
  const auto stored = project->windows(s.analysis_id);
  ASSERT_EQ(stored.size(), live.size());  // every stored window was announced
  for (size_t i = 0; i < stored.size(); ++i) {
    EXPECT_EQ(stored[i].start_frame, live[i].start_frame);
    EXPECT_LE(stored[i].start_ms, stored[i].end_ms);
    EXPECT_LE(stored[i].end_ms, media[0].duration_ms);
  }
}

TEST(Analysis, CliAnalyzesACameraLiveAndExplainsAMissingOne) {
  const std::string cli = UNILEARN_CLI, out = test::tempPath("live_cli.txt");
  const std::string project = test::freshProjectPath("live_cli.ulproj");
  // A GStreamer pipeline is a camera as far as OpenCV is concerned.
  const std::string camera = "\"filesrc location=" + test::astroClip(90) +
                             " ! decodebin ! videoconvert ! video/x-raw,format=BGR ! appsink\"";
  ASSERT_EQ(
      std::system((cli + " analyze --camera " + camera + " --project " + project + " --model " +
                   test::tinyClipModel() + " --seconds 2.5 --stats-every 1 >" + out + " 2>&1")
                      .c_str()),
      0)
      << test::fileBytes(out);
  const std::string text = test::fileBytes(out);
  EXPECT_NE(text.find("first face (track 1), static model: "), std::string::npos) << text;
  EXPECT_NE(text.find("live session: "), std::string::npos) << text;
  // The soak's line: throughput and this process's memory.
  EXPECT_NE(text.find("stats: "), std::string::npos) << text;
  EXPECT_NE(text.find(" MB resident"), std::string::npos) << text;
  EXPECT_EQ(text.find("-1 MB resident"), std::string::npos) << text;
  auto p = core::Project::open(project, false);
  ASSERT_EQ(p->media().size(), 1u);
  EXPECT_EQ(p->media()[0].path.rfind("live:camera filesrc", 0), 0u);
  EXPECT_NE(std::system((cli + " analyze --camera /dev/video99 --project " + project +
                         " --static-only >" + out + " 2>&1")
                            .c_str()),
            0);
  EXPECT_NE(test::fileBytes(out).find("camera '/dev/video99' cannot be opened"), std::string::npos)
      << test::fileBytes(out);
}

TEST(Analysis, TheMainJobsSampleSessionShowsTwoPeople) {
  // scripts/run.sh analyses this sample: the astronaut smiles, Grace Hopper does not.
  const std::string clip = test::tempPath("two_faces.mp4");
  std::remove(clip.c_str());
  ASSERT_EQ(std::system((std::string(UNILEARN_SOURCE_DIR) + "/scripts/make-sample.sh " + clip +
                         " >/dev/null 2>&1")
                            .c_str()),
            0);
  auto project = freshProject("sample.ulproj");
  core::AnalysisOptions o;
  o.every = 3;
  auto s = core::analyzeVideo(*project, clip, nullptr, kResources, o);
  EXPECT_EQ(s.frames, 300);
  ASSERT_EQ(s.tracks, 2);
  int happy_left = 0, happy_right = 0;
  for (const auto& t : project->tracks(s.media_id))
    for (const auto& f : project->frames(s.analysis_id, t.id)) {
      const bool left = f.face[0] < 640;  // box x: which half of the frame
      (left ? happy_left : happy_right) += f.probs[1] > 0.5f;
    }
  EXPECT_GT(happy_left, 80);  // of 100 analysed frames
  EXPECT_LT(happy_right, 20);
}

TEST(Analysis, CliRoutingAnalysesWhenAskedAndWritesOneRowPerWindowAndLayer) {
  const std::string cli = UNILEARN_CLI, out = test::tempPath("routing_out.txt");
  const std::string project = test::freshProjectPath("routing.ulproj");
  const std::string csv = test::tempPath("routing.csv"), clip = test::astroClip(90);
  core::Project::open(project);  // an empty project: the video is not analysed yet
  EXPECT_NE(std::system((cli + " routing " + clip + " --project " + project + " --out " + csv +
                         " >" + out + " 2>&1")
                            .c_str()),
            0);
  EXPECT_NE(test::fileBytes(out).find("has no UniLearn analysis"), std::string::npos)
      << test::fileBytes(out);
  ASSERT_EQ(std::system((cli + " routing " + clip + " --project " + project + " --out " + csv +
                         " --model " + test::tinyClipModel() + " >" + out + " 2>&1")
                            .c_str()),
            0)
      << test::fileBytes(out);
  std::ifstream in(csv);
  std::string header, line;
  std::getline(in, header);
  EXPECT_EQ(header.rfind("video,analysis,track,person,start_frame,end_frame,start_ms,end_ms,"
                         "top_class,layer,share_e0,share_e1,share_e2,share_e3,gate_e0",
                         0),
            0u)
      << header;
  int n = 0;
  while (std::getline(in, line))
    ++n;
  EXPECT_EQ(n, 3);  // 3 windows x the tiny model's one MoE layer
}

// `unilearn heads`: the clip head's and the frame-averaged image head's classes per window, and
// how often they agree — checked against the same computation done here.
TEST(Analysis, CliHeadsComparesTheClipHeadWithTheFrameAveragedImageHead) {
  const std::string cli = UNILEARN_CLI, out = test::tempPath("heads_out.txt");
  const std::string project = test::freshProjectPath("heads.ulproj"), clip = test::astroClip(90);
  ASSERT_EQ(std::system((cli + " analyze " + clip + " --project " + project + " --model " +
                         test::tinyClipModel() + " >" + out + " 2>&1")
                            .c_str()),
            0)
      << test::fileBytes(out);
  ASSERT_EQ(std::system((cli + " heads " + project + " >" + out + " 2>&1").c_str()), 0)
      << test::fileBytes(out);
  auto p = core::Project::open(project, false);
  const auto media = p->media().at(0);
  const auto analysis = p->analyses(media.id).back();
  auto model = core::ClipModel::load(test::tinyClipModel());
  int n = 0, agree = 0;
  for (const auto& w : p->windows(analysis.id)) {
    const auto crops =
        core::windowCrops(*p, analysis, w, static_cast<int>(model->config().img_size));
    std::vector<double> sum(model->classNames().size());
    for (const auto& face : crops) {
      const auto probs = model->predictImages({face}).at(0);  // one at a time: batch-independent
      for (size_t c = 0; c < sum.size(); ++c)
        sum[c] += probs[c];
    }
    agree +=
        static_cast<int>(std::max_element(sum.begin(), sum.end()) - sum.begin()) == w.top_class;
    ++n;
  }
  ASSERT_GT(n, 0);
  char expected[96];
  std::snprintf(expected, sizeof expected, "%d windows", n);
  EXPECT_NE(test::fileBytes(out).find(expected), std::string::npos) << test::fileBytes(out);
  std::snprintf(expected, sizeof expected, "heads agree in %.1f %%", 100.0 * agree / n);
  EXPECT_NE(test::fileBytes(out).find(expected), std::string::npos) << test::fileBytes(out);
}

// Analysing a video again with the same model and settings keeps the finished analysis instead
// of storing a duplicate (before, every run added one); --again analyses it anew. A moved file
// is followed: the project's path points at where the content is now.
TEST(Analysis, AFinishedAnalysisIsKeptAndAMovedVideoFollowed) {
  auto project = core::Project::open(test::freshProjectPath("again.ulproj"));
  core::AnalysisOptions o;
  o.every = 3;
  const auto first = core::analyzeVideo(*project, test::astroClip(90), nullptr, kResources, o);
  ASSERT_FALSE(first.already_done);
  const auto second = core::analyzeVideo(*project, test::astroClip(90), nullptr, kResources, o);
  EXPECT_TRUE(second.already_done);
  EXPECT_EQ(second.analysis_id, first.analysis_id);
  EXPECT_EQ(project->analyses(first.media_id).size(), 1u);
  const std::string moved = test::tempPath("moved_astro.mp4");
  std::filesystem::copy_file(test::astroClip(90), moved,
                             std::filesystem::copy_options::overwrite_existing);
  const std::string original = project->media().at(0).path;
  const std::string aside = original + ".aside";
  std::filesystem::rename(original, aside);
  const auto third = core::analyzeVideo(*project, moved, nullptr, kResources, o);
  std::filesystem::rename(aside, original);
  EXPECT_TRUE(third.already_done);
  EXPECT_EQ(project->media().at(0).path, std::filesystem::absolute(moved).string());
  o.again = true;
  const auto fourth = core::analyzeVideo(*project, moved, nullptr, kResources, o);
  EXPECT_FALSE(fourth.already_done);
  EXPECT_NE(fourth.analysis_id, first.analysis_id);
  EXPECT_EQ(project->analyses(first.media_id).size(), 2u);
}

// A project folder moved with its videos: the video is found beside the project by name and
// content; a same-named file with other content is not taken.
TEST(Analysis, AVideoMovedWithItsProjectIsFoundByContent) {
  namespace fs = std::filesystem;
  const fs::path root = test::tempPath("moved");
  fs::remove_all(root);
  fs::create_directories(root / "before" / "videos");
  const fs::path video = root / "before" / "videos" / "session.mp4";
  fs::copy_file(test::astroClip(30), video);
  const std::string project = (root / "before" / "p.ulproj").string();
  core::MediaRecord m;
  {
    auto p = core::Project::open(project);
    m = core::registerVideo(*p, video.string());
  }
  fs::rename(root / "before", root / "after");
  m.path = video.string();  // the recorded path, now gone
  const auto found = core::findMovedVideo(m, (root / "after" / "p.ulproj").string());
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, (root / "after" / "videos" / "session.mp4").string());
  // A different file under the same name is not the video.
  std::ofstream((root / "after" / "session.mp4").string()) << "another file";
  fs::remove(root / "after" / "videos" / "session.mp4");
  EXPECT_FALSE(core::findMovedVideo(m, (root / "after" / "p.ulproj").string()));
}

// The analysis parameters have one writer and one reader: what is stored reads back.
TEST(Analysis, StoredParametersReadBackAsTheWindowsTheyDescribe) {
  core::AnalysisOptions o;
  o.windows.clip_frames = 16;
  o.windows.sampling_rate = 2;
  o.windows.hop = 12;
  o.windows.gaps = core::WindowOptions::Gaps::kSkip;
  core::AnalysisRecord a;
  a.params_json = core::analysisParamsJson(o, nullptr);
  const core::WindowOptions back = core::analysisWindowOptions(a);
  EXPECT_EQ(back.clip_frames, 16);
  EXPECT_EQ(back.sampling_rate, 2);
  EXPECT_EQ(back.hop, 12);
  EXPECT_EQ(back.gaps, core::WindowOptions::Gaps::kSkip);
  a.params_json = "{\"hop\": 1e12}";  // damaged parameters: an error, not a wrapped number
  EXPECT_THROW(core::analysisWindowOptions(a), Error);
}
