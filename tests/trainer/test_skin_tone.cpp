// The skin-tone augmentation: FER+'s grey faces given the colour of skin, so that a model trained
// on them meets colour faces (the app's). The tones drawn are checked against real portraits.
#include <random>
#include <string>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/faces/face_detector.h"
#include "model/base/error.h"
#include "model/base/json.h"
#include "tests/test_util.h"
#include "trainer/augment.h"
#include "trainer/finetune_config.h"

using namespace unilearn;

namespace {

const std::string kResources = UNILEARN_RESOURCE_SOURCE_DIR;

// Mean chroma of the middle of the detected face (cheeks, nose), over its mid-tone pixels.
trainer::SkinTone faceChroma(const cv::Mat& bgr) {
  core::FaceDetector detector(kResources + "/models");
  const auto found = detector.detect(bgr);
  EXPECT_FALSE(found.empty());
  if (found.empty()) return {};
  const cv::Rect2f& b = found.front().box;
  const cv::Rect middle(
      cv::Point(static_cast<int>(b.x + 0.3f * b.width), static_cast<int>(b.y + 0.4f * b.height)),
      cv::Size(static_cast<int>(0.4f * b.width), static_cast<int>(0.4f * b.height)));
  cv::Mat ycc;
  cv::cvtColor(bgr(middle & cv::Rect(0, 0, bgr.cols, bgr.rows)), ycc, cv::COLOR_BGR2YCrCb);
  double cr = 0, cb = 0, n = 0;
  for (int r = 0; r < ycc.rows; ++r)
    for (int c = 0; c < ycc.cols; ++c) {
      const cv::Vec3b p = ycc.at<cv::Vec3b>(r, c);
      if (p[0] < 48 || p[0] > 207) continue;  // shadows and highlights carry little chroma
      cr += p[1];
      cb += p[2];
      ++n;
    }
  EXPECT_GT(n, 100);
  return {cr / n, cb / n};
}

cv::Mat greyOf(const cv::Mat& bgr) {
  cv::Mat grey, out;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  cv::cvtColor(grey, out, cv::COLOR_GRAY2BGR);
  return out;
}

}  // namespace

// The range the tones are drawn from holds the skin of the bundled real portraits, and a grey
// portrait given a tone gets that tone's chroma with its luma kept.
TEST(SkinTone, TheDrawnRangeHoldsRealFacesAndATonedGreyFaceKeepsItsLuma) {
  for (const std::string name : {"astronaut.jpg", "grace_hopper.jpg"}) {
    const cv::Mat photo = cv::imread(test::dataPath("faces/" + name), cv::IMREAD_COLOR);
    ASSERT_FALSE(photo.empty()) << name;
    const trainer::SkinTone real = faceChroma(photo);
    std::printf("[ skin     ] %s: face Cr %.1f, Cb %.1f\n", name.c_str(), real.cr, real.cb);
    EXPECT_GE(real.cr, 140) << name;
    EXPECT_LE(real.cr, 175) << name;
    EXPECT_GE(real.cb, 95) << name;
    EXPECT_LE(real.cb, 120) << name;

    const cv::Mat grey = greyOf(photo);
    EXPECT_TRUE(trainer::isGrey(grey));
    EXPECT_FALSE(trainer::isGrey(photo));
    const cv::Mat toned = trainer::giveSkinTone(grey, real);
    EXPECT_FALSE(trainer::isGrey(toned));
    cv::imwrite(test::tempPath("toned_" + name), toned);  // to look at
    cv::Mat grey_luma, toned_luma;
    cv::cvtColor(grey, grey_luma, cv::COLOR_BGR2GRAY);
    cv::cvtColor(toned, toned_luma, cv::COLOR_BGR2GRAY);
    // Kept but for rounding, and for the few bright pixels whose colour leaves the gamut.
    EXPECT_LE(cv::norm(grey_luma, toned_luma, cv::NORM_L1) / static_cast<double>(grey.total()), 1.0)
        << name;
    EXPECT_LE(cv::norm(grey_luma, toned_luma, cv::NORM_INF), 8) << name;
    const trainer::SkinTone got = faceChroma(toned);
    EXPECT_NEAR(got.cr, real.cr, 2.5) << name;
    EXPECT_NEAR(got.cb, real.cb, 2.5) << name;
  }
  std::mt19937_64 rng(1);
  for (int i = 0; i < 200; ++i) {
    const trainer::SkinTone t = trainer::drawSkinTone(rng);
    EXPECT_TRUE(t.cr >= 140 && t.cr <= 175 && t.cb >= 95 && t.cb <= 120);
  }
}

// In training: a grey still or clip is toned with probability skin_tone (every frame alike), a
// colour one never; the setting is read from and written to a job's "augment".
TEST(SkinTone, GreySamplesAreTonedInTrainingAndTheSettingIsAJobsAugment) {
  const cv::Mat photo = cv::imread(test::dataPath("faces/astronaut.jpg"), cv::IMREAD_COLOR);
  ASSERT_FALSE(photo.empty());
  cv::Mat face;
  cv::resize(photo, face, cv::Size(64, 64), 0, 0, cv::INTER_AREA);
  const cv::Mat grey = greyOf(face);
  trainer::AugmentOptions o;
  o.image_ops = o.clip_ops = 0;
  o.erase_probability = 0;
  o.skin_tone = 1;
  std::mt19937_64 rng(5);
  EXPECT_FALSE(trainer::isGrey(trainer::augmentImage(grey, 48, rng, o)));
  const auto clip = trainer::augmentClip(std::vector<cv::Mat>(4, grey), 48, rng, o);
  EXPECT_FALSE(trainer::isGrey(clip[0]));
  for (const auto& f : clip)
    EXPECT_EQ(cv::norm(f, clip[0], cv::NORM_INF), 0);
  // A colour face keeps its own colour: the same as with the setting off, but for the crop.
  const cv::Mat kept = trainer::augmentImage(face, 48, rng, o);
  EXPECT_NEAR(cv::mean(kept)[2] - cv::mean(kept)[0], cv::mean(face)[2] - cv::mean(face)[0], 12);
  o.skin_tone = 0;
  for (int i = 0; i < 10; ++i)
    EXPECT_TRUE(trainer::isGrey(trainer::augmentImage(grey, 48, rng, o)));

  const auto c =
      trainer::FinetuneConfig::fromJson(json::parse(R"({"augment": {"skin_tone": 0.5}})"));
  EXPECT_DOUBLE_EQ(c.augment.skin_tone, 0.5);
  EXPECT_DOUBLE_EQ(trainer::FinetuneConfig::fromJson(c.toJson()).augment.skin_tone, 0.5);
  EXPECT_THROW(trainer::FinetuneConfig::fromJson(json::parse(R"({"augment": {"skin_tone": 2}})")),
               Error);
}
