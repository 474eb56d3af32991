// Face detection, alignment and the static expression model on real faces.
#include <fstream>

#include <gtest/gtest.h>
#include <torch/torch.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/faces/face_aligner.h"
#include "core/faces/face_detector.h"
#include "core/faces/face_quality.h"
#include "core/media/video_reader.h"
#include "model/base/error.h"
#include "model/face_expression_net.h"
#include "tests/test_util.h"

using namespace unilearn;
using core::FaceDetection;

namespace {

const std::string kModels = std::string(UNILEARN_RESOURCE_SOURCE_DIR) + "/models";

cv::Mat face(const std::string& name) {
  cv::Mat img = cv::imread(test::dataPath("faces/" + name));
  EXPECT_FALSE(img.empty()) << name;
  return img;
}

// The static model on the tight box, padded to a centred square (face-api.js preprocessing).
torch::Tensor staticProbs(const FaceExpressionNet& net, const cv::Mat& img,
                          const FaceDetection& f) {
  core::AlignOptions o;
  o.size = FaceExpressionNet::kInputSize;
  o.margin = 0.0f;
  o.level_eyes = false;
  cv::Mat rgb;
  cv::cvtColor(core::alignFace(img, f, o).bgr, rgb, cv::COLOR_BGR2RGB);
  auto t = torch::from_blob(rgb.data, {1, 112, 112, 3}, torch::kUInt8).clone();
  return net.predict(t)[0];
}

}  // namespace

TEST(FaceDetector, FindsTheOneFaceInEachPortrait) {
  core::FaceDetector detector(kModels);
  for (const char* name : {"astronaut.jpg", "grace_hopper.jpg"}) {
    cv::Mat img = face(name);
    auto faces = detector.detect(img);
    ASSERT_EQ(faces.size(), 1u) << name;
    const auto& f = faces[0];
    EXPECT_GT(f.score, 0.8f);
    // A plausible face: inside the image, eyes above the mouth, right eye on the image's left.
    EXPECT_GT(f.box.width, img.cols / 8);
    EXPECT_TRUE(cv::Rect2f(0, 0, img.cols, img.rows).contains(f.keypoints[FaceDetection::kNose]));
    EXPECT_LT(f.keypoints[FaceDetection::kRightEye].x, f.keypoints[FaceDetection::kLeftEye].x);
    EXPECT_LT(f.keypoints[FaceDetection::kRightEye].y, f.keypoints[FaceDetection::kMouth].y);
    EXPECT_TRUE(f.box.contains(f.keypoints[FaceDetection::kMouth])) << name;
  }
}

TEST(FaceDetector, FindsNoFaceWithoutOne) {
  core::FaceDetector detector(kModels);
  cv::Mat noise(480, 640, CV_8UC3);
  cv::randu(noise, 0, 255);
  EXPECT_TRUE(detector.detect(noise).empty());
  cv::Mat grad(480, 640, CV_8UC3);
  for (int y = 0; y < grad.rows; ++y)
    grad.row(y).setTo(cv::Scalar(y / 2, 128, 255 - y / 2));
  EXPECT_TRUE(detector.detect(grad).empty());
  EXPECT_TRUE(detector.detect(cv::Mat()).empty());
}

TEST(FaceDetector, FallsBackToTheHaarCascadeWithoutTheBlazeFaceFiles) {
  core::FaceDetector fallback("/nonexistent");
  EXPECT_NE(fallback.fallbackReason().find("Haar"), std::string::npos);
  core::FaceDetector blaze(kModels);
  EXPECT_TRUE(blaze.fallbackReason().empty());
  cv::Mat img = face("astronaut.jpg");
  const auto reference = blaze.detect(img);
  ASSERT_EQ(reference.size(), 1u);
  const auto faces = fallback.detect(img);
  ASSERT_FALSE(faces.empty());
  EXPECT_TRUE(faces[0].box.contains(reference[0].keypoints[FaceDetection::kNose]));
}

TEST(FaceDetector, FindsSmallFacesWithTheBackModel) {
  // The astronaut at 1/5 scale in a 640x480 frame.
  cv::Mat small, frame(480, 640, CV_8UC3, cv::Scalar(90, 90, 90));
  cv::resize(face("astronaut.jpg"), small, cv::Size(), 0.22, 0.22, cv::INTER_AREA);
  small.copyTo(frame(cv::Rect(400, 250, small.cols, small.rows)));
  core::FaceDetector detector(kModels);
  auto faces = detector.detect(frame);
  ASSERT_EQ(faces.size(), 1u);
  EXPECT_TRUE(cv::Rect2f(400, 250, small.cols, small.rows)
                  .contains(faces[0].keypoints[FaceDetection::kNose]));
}

TEST(FaceAligner, LevelsTheEyesAndSquaresTheCrop) {
  cv::Mat img = face("grace_hopper.jpg");
  core::FaceDetector detector(kModels);
  auto faces = detector.detect(img);
  ASSERT_EQ(faces.size(), 1u);
  // Tilt the portrait by 20 degrees; after alignment the eyes are level again.
  cv::Mat tilted;
  cv::Point2f c(img.cols / 2.0f, img.rows / 2.0f);
  cv::warpAffine(img, tilted, cv::getRotationMatrix2D(c, 20, 1.0), img.size());
  auto tf = detector.detect(tilted);
  ASSERT_EQ(tf.size(), 1u);
  core::AlignedFace a = core::alignFace(tilted, tf[0], {});
  EXPECT_EQ(a.bgr.rows, 160);
  EXPECT_EQ(a.bgr.cols, 160);
  EXPECT_NEAR(std::abs(a.angle_deg), 20.0, 6.0);
  auto again = detector.detect(a.bgr);
  ASSERT_EQ(again.size(), 1u);
  const auto r = again[0].keypoints[FaceDetection::kRightEye],
             l = again[0].keypoints[FaceDetection::kLeftEye];
  // BlazeFace's eye points are coarse (a few pixels at this size): level within 8 degrees.
  EXPECT_LT(std::abs(std::atan2(l.y - r.y, l.x - r.x)) * 180 / CV_PI, 8.0);
  std::vector<float> chw(3 * 160 * 160);
  core::imageNetChw(a.bgr, chw.data());
  const float r0 = a.bgr.at<cv::Vec3b>(0, 0)[2] / 255.0f;
  EXPECT_NEAR(chw[0], (r0 - 0.485f) / 0.229f, 1e-6);
}

TEST(StaticModel, TheAstronautSmiles) {
  torch::NoGradGuard g;
  FaceExpressionNet net =
      FaceExpressionNet::load(kModels + "/face_expression_model-weights_manifest.json");
  core::FaceDetector detector(kModels);
  cv::Mat img = face("astronaut.jpg");
  auto faces = detector.detect(img);
  ASSERT_EQ(faces.size(), 1u);
  auto probs = staticProbs(net, img, faces[0]);
  EXPECT_GT(probs[1].item<float>(), 0.9f) << probs;  // happy
  cv::Mat grace = face("grace_hopper.jpg");
  auto gf = detector.detect(grace);
  ASSERT_EQ(gf.size(), 1u);
  EXPECT_EQ(staticProbs(net, grace, gf[0]).argmax().item<int64_t>(), 0);  // neutral
}

TEST(FaceDetector, FindsNoFaceInAFaceFreeClip) {
  const std::string clip = test::tempPath("noface.mp4");
  ASSERT_EQ(
      std::system(("ffmpeg -v error -y -f lavfi -i testsrc2=size=640x480:rate=10 -t 3 -c:v libx264 "
                   "-pix_fmt yuv420p " +
                   clip + " >/dev/null 2>&1")
                      .c_str()),
      0);
  core::VideoReader reader(clip);
  core::FaceDetector detector(kModels);
  core::VideoFrame f;
  int frames = 0, faces = 0;
  while (reader.next(f)) {
    ++frames;
    faces += static_cast<int>(detector.detect(f.bgr).size());
  }
  EXPECT_EQ(frames, 30);
  EXPECT_EQ(faces, 0);
}

// The formats people record sessions in, made at test time by the ffmpeg tool from one second of
// a real talking face (GRID's bbaf2n, ../shared/data/grid): each decodes with the frame count
// ffprobe counts, and the face is found in at least 90 % of its frames.
TEST(FormatMatrix, EveryCommonFormatDecodesFullyWithTheFaceFound) {
  const std::string source = std::string(UNILEARN_SOURCE_DIR) + "/../shared/data/grid/bbaf2n.mpg";
  if (!std::ifstream(source)) GTEST_SKIP() << "the GRID clips are not at " << source;
  const std::string dir = test::tempPath("formats");
  ASSERT_EQ(std::system(("mkdir -p " + dir).c_str()), 0);
  struct Format {
    const char* name;
    const char* file;
    std::string args;
  };
  const std::string cut = "-ss 1 -t 1 -an ";
  const std::vector<Format> formats = {
      {"MPEG-1", "mpeg1.mpg", cut + "-c:v mpeg1video -q:v 4"},
      {"MPEG-2", "mpeg2.mpg", cut + "-c:v mpeg2video -q:v 4"},
      {"MJPEG", "mjpeg.avi", cut + "-c:v mjpeg -q:v 4 -pix_fmt yuvj420p"},
      {"MPEG-4 part 2", "mpeg4.avi", cut + "-c:v mpeg4 -q:v 4"},
      {"VP8", "vp8.webm", cut + "-c:v libvpx -b:v 1M"},
      {"VP9", "vp9.webm", cut + "-c:v libvpx-vp9 -b:v 1M -deadline realtime -cpu-used 8"},
      {"HEVC", "hevc.mp4", cut + "-c:v libx265 -preset ultrafast -x265-params log-level=none"},
      {"ProRes 10-bit", "prores.mov", cut + "-c:v prores_ks -profile:v 2 -pix_fmt yuv422p10le"},
      {"H.264 10-bit", "h264_10.mp4", cut + "-c:v libx264 -preset ultrafast -pix_fmt yuv420p10le"},
      {"H.264 4:4:4", "h264_444.mp4", cut + "-c:v libx264 -preset ultrafast -pix_fmt yuv444p"},
      {"grey", "grey.mkv", cut + "-c:v ffv1 -pix_fmt gray"},
      {"361x289", "odd.mkv", cut + "-vf scale=361:289 -c:v ffv1 -pix_fmt yuv444p"},
      {"rotated", "rotated.mp4", cut + "-vf transpose=1 -c:v libx264 -preset ultrafast"},
      {"variable frame rate", "vfr.mkv",
       cut +
           "-vf \"select='lt(n\\,5)+not(mod(n\\,3))'\" -vsync vfr -c:v libx264 -preset ultrafast"},
      {"1920x1440", "big.mp4", cut + "-vf scale=1920:1440 -c:v libx264 -preset ultrafast"},
      {"B-frames", "bframes.mp4", cut + "-c:v libx264 -bf 3 -g 12 -preset medium"},
  };
  core::FaceDetector detector(kModels);
  for (const auto& f : formats) {
    SCOPED_TRACE(f.name);
    const std::string out = dir + "/" + f.file;
    ASSERT_EQ(std::system(("ffmpeg -v error -y -i " + source + " " + f.args + " " + out).c_str()),
              0)
        << f.args;
    if (std::string(f.name) == "rotated") {  // stored turned clockwise, shown turned back
      ASSERT_EQ(
          std::system(("ffmpeg -v error -y -i " + out + " -c copy -metadata:s:v:0 rotate=90 " +
                       out + ".mp4 && mv " + out + ".mp4 " + out)
                          .c_str()),
          0);
    }
    const std::string count_file = out + ".count";
    ASSERT_EQ(std::system(("ffprobe -v error -select_streams v:0 -count_frames -show_entries "
                           "stream=nb_read_frames -of csv=p=0 " +
                           out + " > " + count_file)
                              .c_str()),
              0);
    int64_t expected = 0;
    std::ifstream(count_file) >> expected;
    ASSERT_GT(expected, 5);
    core::VideoReader reader(out);
    core::VideoFrame frame;
    int64_t frames = 0, with_face = 0;
    while (reader.next(frame)) {
      ++frames;
      const auto faces = detector.detect(frame.bgr);
      // Upright: the eyes above the mouth (rotation applied as the display matrix says).
      if (!faces.empty() && faces[0].keypoints[FaceDetection::kRightEye].y <
                                faces[0].keypoints[FaceDetection::kMouth].y)
        ++with_face;
    }
    EXPECT_EQ(frames, expected);
    EXPECT_TRUE(reader.problems().empty()) << reader.problems().front();
    EXPECT_GE(with_face * 10, frames * 9) << with_face << " of " << frames;
  }
}

// The 17 floats a project stores per face round-trip through the one packer.
TEST(FaceDetector, APackedFaceReadsBackExactly) {
  FaceDetection f;
  f.box = cv::Rect2f(10.5f, 20.25f, 100, 120);
  f.score = 0.875f;
  for (size_t k = 0; k < 6; ++k)
    f.keypoints[k] = cv::Point2f(30.0f + k, 40.0f - k);
  const auto packed = core::packFace(f);
  ASSERT_EQ(packed.size(), core::kPackedFaceFloats);
  const auto back = core::unpackFace(packed);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->box, f.box);
  EXPECT_EQ(back->score, f.score);
  for (size_t k = 0; k < 6; ++k)
    EXPECT_EQ(back->keypoints[k], f.keypoints[k]);
  EXPECT_FALSE(core::unpackFace({}));  // projects of schema 1 stored no face
  EXPECT_FALSE(core::unpackFace(std::vector<float>(16, 1.0f)));
}

// Face quality from the stored detection: size, a doubtful score and the head turn estimated
// from the keypoints, which a tilted but frontal head does not fool.
TEST(FaceQuality, SmallTurnedAndDoubtfulFacesArePoor) {
  core::FaceDetection f;
  f.box = {100, 100, 120, 120};
  f.score = 0.95f;
  f.keypoints = {cv::Point2f(140, 140), cv::Point2f(180, 140), cv::Point2f(160, 165),
                 cv::Point2f(160, 190), cv::Point2f(110, 150), cv::Point2f(210, 150)};
  core::FaceQuality q = core::faceQuality(f);
  EXPECT_FALSE(q.poor) << q.why;
  EXPECT_NEAR(q.yaw_deg, 0, 1e-3);
  EXPECT_FLOAT_EQ(q.size_px, 120);
  // The same face tilted by 30° in the image plane: still frontal.
  core::FaceDetection tilted = f;
  const cv::Point2f c(160, 160);
  const float a = static_cast<float>(30 * M_PI / 180);
  for (auto& k : tilted.keypoints) {
    const cv::Point2f d = k - c;
    k = c +
        cv::Point2f(d.x * std::cos(a) - d.y * std::sin(a), d.x * std::sin(a) + d.y * std::cos(a));
  }
  EXPECT_NEAR(core::faceQuality(tilted).yaw_deg, 0, 1e-3);
  EXPECT_FALSE(core::faceQuality(tilted).poor);
  // The nose 0.6 eye distances along the eye line (24 px for eyes 40 px apart): 45°.
  core::FaceDetection turned = f;
  turned.keypoints[core::FaceDetection::kNose].x += 24;
  q = core::faceQuality(turned);
  EXPECT_NEAR(q.yaw_deg, 45, 0.5);
  EXPECT_TRUE(q.poor);
  EXPECT_EQ(q.why, "turned");
  turned.keypoints[core::FaceDetection::kNose].x -= 48;
  EXPECT_NEAR(core::faceQuality(turned).yaw_deg, -45, 0.5);
  core::FaceDetection small = f;
  small.box.height = 40;
  small.score = 0.7f;
  q = core::faceQuality(small);
  EXPECT_EQ(q.why, "small, doubtful detection");
}
