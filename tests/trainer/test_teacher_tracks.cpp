// Issue 14, stage 2: real video for the clip head. The face tracks of a project's analysed videos
// become training clips whose soft targets are a teacher's image-head probabilities averaged over
// each clip's frames, mapped onto the job's classes by name; a training job takes them as
// "videos".
#include <filesystem>
#include <fstream>
#include <functional>
#include <numeric>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/analysis/analyzer.h"
#include "core/analysis/class_names.h"
#include "core/analysis/clip_model.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "tests/core/analysis_fixtures.h"
#include "tests/test_util.h"
#include "tests/trainer/trainer_fixtures.h"
#include "trainer/teacher_tracks.h"
#include "trainer/train_job.h"

using namespace unilearn;
namespace fs = std::filesystem;

namespace {

const std::string kTeacher =
    std::string(UNILEARN_RESOURCE_SOURCE_DIR) + "/models/unilearn-t16-ferplus.safetensors";

// A project with the astronaut's face analysed over `frames` frames (made once per name).
std::string astronautProject(const std::string& name, int frames) {
  const std::string path = test::freshProjectPath(name);
  auto project = core::Project::open(path);
  core::analyzeVideo(*project, test::astroClip(frames), nullptr, UNILEARN_RESOURCE_SOURCE_DIR, {});
  return path;
}

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(TeacherTracks, ClipsCarryTheTeachersFrameAveragedImageHead) {
  const auto project = core::Project::open(astronautProject("teacher_tracks.ulproj", 40), false);
  const std::vector<std::string> classes = {"Happy",    "Sad",     "Neutral", "Anger",
                                            "Surprise", "Disgust", "Fear"};  // DFEW's order
  trainer::TeacherTrackOptions o;
  o.teacher = kTeacher;
  o.classes = classes;
  o.img_size = 64;  // the student's; the teacher (96 px) gets its crops resized
  o.clip_frames = 16;
  const trainer::Dataset d = trainer::teacherLabelledTracks(*project, o);
  ASSERT_GE(d.clips.size(), 2u);
  EXPECT_TRUE(d.images.empty());  // the image head is not taught its own answers
  EXPECT_EQ(d.classes, classes);
  size_t frames = 0;
  for (const auto& clip : d.clips) {
    ASSERT_EQ(clip.soft.size(), classes.size());
    EXPECT_NEAR(std::accumulate(clip.soft.begin(), clip.soft.end(), 0.0), 1.0, 1e-5);
    EXPECT_EQ(clip.label, std::max_element(clip.soft.begin(), clip.soft.end()) - clip.soft.begin());
    EXPECT_EQ(clip.frames[0].cols, 64);
    EXPECT_GE(clip.frames.size(), 16u);
    EXPECT_LT(clip.frames.size(), 32u);  // a tail shorter than a clip joins the last one
    frames += clip.frames.size();
  }
  EXPECT_GE(frames, 30u);  // most of the 40 frames carry a face

  // By hand: the teacher on the first clip's frames, averaged, each class moved to its name.
  auto teacher = core::ClipModel::load(kTeacher);
  const int size = static_cast<int>(teacher->config().img_size);
  std::vector<cv::Mat> faces;
  for (const auto& f : d.clips[0].frames) {
    cv::Mat big;
    cv::resize(f, big, {size, size}, 0, 0, cv::INTER_AREA);
    faces.push_back(big);
  }
  const auto probs = teacher->predictImages(faces);
  const auto names = teacher->config().image_class_names;
  ASSERT_EQ(names.size(), 7u);
  for (size_t c = 0; c < names.size(); ++c) {
    double mean = 0;
    for (const auto& p : probs)
      mean += p[c] / static_cast<double>(probs.size());
    const int target = core::matchClassName(names[c], classes);
    ASSERT_GE(target, 0) << names[c];
    EXPECT_NEAR(d.clips[0].soft[static_cast<size_t>(target)], mean, 1e-5) << names[c];
  }

  // Fewer classes: the teacher's others are dropped and the rest renormalised.
  o.classes = {"neutral", "happy"};
  const trainer::Dataset two = trainer::teacherLabelledTracks(*project, o);
  ASSERT_EQ(two.clips.size(), d.clips.size());
  const auto& full = d.clips[0].soft;
  EXPECT_NEAR(two.clips[0].soft[1], full[0] / (full[0] + full[2]), 1e-5);
  // No shared class, a preset, no teacher file, no tracks: clear errors.
  o.classes = {"bright", "zoom"};
  EXPECT_NE(errorOf([&] { trainer::teacherLabelledTracks(*project, o); }).find("names no class"),
            std::string::npos);
  o.classes = classes;
  o.teacher = "unilearn-t16-160";  // a preset: random weights teach nothing
  EXPECT_NE(errorOf([&] { trainer::teacherLabelledTracks(*project, o); }).find("random weights"),
            std::string::npos);
  o.teacher = test::tempPath("no-such-teacher.safetensors");
  EXPECT_NE(errorOf([&] { trainer::teacherLabelledTracks(*project, o); }), "(no error)");
  o.teacher = kTeacher;
  const auto empty = core::Project::open(test::freshProjectPath("teacher_empty.ulproj"));
  EXPECT_NE(errorOf([&] { trainer::teacherLabelledTracks(*empty, o); }).find("analyse its videos"),
            std::string::npos);
}

TEST(TeacherTracks, ATrainingJobsVideosJoinItsTrainingClipsOnly) {
  const fs::path dir = test::tempPath("teacher_job");
  fs::remove_all(dir);
  fs::create_directories(dir / "faces");
  const std::string videos = astronautProject("teacher_job_videos.ulproj", 40);
  std::mt19937_64 rng(4);
  std::ofstream list(dir / "faces.csv");
  const char* labels[] = {"neutral", "happy", "sad"};
  for (int i = 0; i < 9; ++i) {
    const std::string name = "f" + std::to_string(i) + ".png";
    cv::imwrite((dir / "faces" / name).string(), test::learnableClip(i % 3, 2, 64, rng)[1]);
    list << "faces/" << name << "," << labels[i % 3] << "\n";
  }
  list.close();
  auto job = [&](const std::string& extra) {
    std::ofstream(dir / "job.json")
        << R"({"data": {"list": "faces.csv"}, "validation": {"fraction": 0.34},)"
        << R"("classes": ["neutral", "happy", "sad"],)" << extra
        << R"("training": {"base_model": ")" << test::tinyTrainConfig()
        << R"(", "sampling_rate": 2}})";
    return trainer::TrainJob::fromFile((dir / "job.json").string());
  };
  const trainer::JobData plain = trainer::loadJobData(job(""));
  EXPECT_TRUE(plain.train.clips.empty());
  const trainer::JobData with = trainer::loadJobData(
      job(R"("videos": {"project": ")" + videos + R"(", "teacher": ")" + kTeacher + R"("},)"));
  EXPECT_EQ(with.train.images.size(), plain.train.images.size());
  EXPECT_EQ(with.val.images.size(), plain.val.images.size());
  EXPECT_TRUE(with.val.clips.empty());  // never validation
  ASSERT_FALSE(with.train.clips.empty());
  for (const auto& clip : with.train.clips) {
    EXPECT_EQ(clip.soft.size(), 3u);
    EXPECT_GE(clip.frames.size(), 16u);  // 8 frames × sampling rate 2 a clip
    EXPECT_EQ(clip.frames[0].cols, 64);
  }
  bool noted = false;
  for (const auto& n : with.notes)
    noted = noted || n.find("clips of real video labelled by unilearn-t16-ferplus.safetensors") !=
                         std::string::npos;
  EXPECT_TRUE(noted);
  // A videos entry needs both a project and a teacher; a teacher belongs nowhere else.
  EXPECT_NE(
      errorOf([&] { job(R"("videos": {"project": ")" + videos + R"("},)"); }).find("and a teacher"),
      std::string::npos);
  EXPECT_NE(errorOf([&] {
              job(R"("videos": {"teacher": "x.safetensors"},)");
            }).find("project of analysed videos"),
            std::string::npos);
  std::ofstream(dir / "bad.json") << R"({"data": {"list": "faces.csv", "teacher": "x"},)"
                                  << R"("training": {"base_model": "unilearn-t16"}})";
  EXPECT_NE(errorOf([&] {
              trainer::TrainJob::fromFile((dir / "bad.json").string());
            }).find("not data or validation"),
            std::string::npos);
  std::ofstream(dir / "pre.json")
      << R"({"data": {"list": "faces.csv"}, "videos": {"project": "v.ulproj", "teacher": "x"},)"
      << R"("training": {"model": "unilearn-t16"}})";
  EXPECT_NE(errorOf([&] {
              trainer::PretrainJob::fromFile((dir / "pre.json").string());
            }).find("uses no labels"),
            std::string::npos);
}
