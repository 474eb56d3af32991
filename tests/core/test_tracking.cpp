// Identity tracking: the assignment step, synthetic crossings, and real faces in motion.
#include <algorithm>
#include <map>
#include <random>
#include <set>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/faces/assignment.h"
#include "core/faces/face_detector.h"
#include "core/faces/face_tracker.h"
#include "tests/test_util.h"

using namespace unilearn;
using core::FaceDetection;

namespace {

FaceDetection faceAt(float cx, float cy, float size) {
  FaceDetection f;
  f.box = cv::Rect2f(cx - size / 2, cy - size / 2, size, size);
  f.score = 0.9f;
  const float s = size / 4;
  f.keypoints = {cv::Point2f(cx - s, cy - s), cv::Point2f(cx + s, cy - s),
                 cv::Point2f(cx, cy),         cv::Point2f(cx, cy + s),
                 cv::Point2f(cx - 2 * s, cy), cv::Point2f(cx + 2 * s, cy)};
  return f;
}

const std::string kModels = std::string(UNILEARN_RESOURCE_SOURCE_DIR) + "/models";

}  // namespace

TEST(Assignment, FindsTheMinimumTotalCostNotTheFirstComeMatch) {
  // Greedy row by row would give row 0 column 0 (1) and row 1 column 1 (10): total 11.
  auto m = core::solveAssignment({{1, 2}, {1, 10}}, 1e9);
  EXPECT_EQ(m, (std::vector<int>{1, 0}));
  EXPECT_EQ(core::solveAssignment({{1e9, 3}}, 1e9), (std::vector<int>{1}));
  EXPECT_EQ(core::solveAssignment({{1e9}, {1e9}}, 1e9), (std::vector<int>{-1, -1}));
  EXPECT_EQ(core::solveAssignment({{5, 1, 9}, {2, 8, 1}}, 1e9), (std::vector<int>{1, 2}));
  EXPECT_TRUE(core::solveAssignment({}, 1e9).empty());
}

TEST(FaceTracker, KeepsIdentitiesOfTwoCrossingFacesThroughAnOcclusion) {
  core::FaceTracker tracker;
  std::mt19937 rng(4);
  std::map<int64_t, std::set<int>> seen;  // track id -> which synthetic face it covered
  for (int f = 0; f < 60; ++f) {
    const float ax = 100 + 8 * f, bx = 580 - 8 * f;  // they meet at frame 30
    std::vector<std::pair<int, FaceDetection>> dets = {{0, faceAt(ax, 200, 80)},
                                                       {1, faceAt(bx, 215, 80)}};
    if (f >= 28 && f <= 31) dets.pop_back();  // B hidden behind A
    std::shuffle(dets.begin(), dets.end(), rng);
    std::vector<FaceDetection> faces;
    for (const auto& d : dets)
      faces.push_back(d.second);
    auto tracked = tracker.update(f, faces);
    ASSERT_EQ(tracked.size(), dets.size());
    for (size_t i = 0; i < dets.size(); ++i)
      seen[tracked[i].track_id].insert(dets[i].first);
  }
  ASSERT_EQ(seen.size(), 2u);
  for (const auto& [id, who] : seen)
    EXPECT_EQ(who.size(), 1u) << "track " << id << " switched faces";
}

TEST(FaceTracker, HasNoCapOnFacesAndEndsTracksAfterLongMisses) {
  core::TrackerOptions o;
  o.max_misses = 5;
  core::FaceTracker tracker(o);
  std::vector<FaceDetection> crowd;
  for (int i = 0; i < 40; ++i)
    crowd.push_back(faceAt(50 + 60.0f * (i % 10), 50 + 60.0f * (i / 10), 40));
  auto a = tracker.update(0, crowd);
  auto b = tracker.update(1, crowd);
  std::set<int64_t> ids;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].track_id, b[i].track_id);
    ids.insert(a[i].track_id);
  }
  EXPECT_EQ(ids.size(), 40u);
  tracker.update(10, {});
  EXPECT_EQ(tracker.activeTracks(), 0);
  auto c = tracker.update(11, {crowd[0]});
  EXPECT_GT(c[0].track_id, 40);  // a new identity, never a reused one
}

TEST(FaceTracker, FollowsOneRealFaceThroughPanAndZoom) {
  cv::Mat still = cv::imread(test::dataPath("faces/astronaut.jpg"));
  core::FaceDetector detector(kModels);
  core::FaceTracker tracker;
  std::set<int64_t> ids;
  int frames_with_face = 0;
  for (int f = 0; f < 40; ++f) {
    const double zoom = 1.0 + 0.6 * f / 40.0;
    cv::Mat m = cv::getRotationMatrix2D(cv::Point2f(256, 200), 3.0 * std::sin(f / 6.0), zoom);
    m.at<double>(0, 2) += 4.0 * f - 80;
    cv::Mat frame;
    cv::warpAffine(still, frame, m, cv::Size(640, 480));
    auto tracked = tracker.update(f, detector.detect(frame));
    for (const auto& t : tracked)
      ids.insert(t.track_id);
    frames_with_face += !tracked.empty();
  }
  EXPECT_GE(frames_with_face, 36);
  EXPECT_EQ(ids.size(), 1u);
}

TEST(FaceTracker, TwoRealFacesThatCrossKeepTheirIds) {
  cv::Mat a = cv::imread(test::dataPath("faces/astronaut.jpg")),
          b = cv::imread(test::dataPath("faces/grace_hopper.jpg"));
  cv::resize(a, a, cv::Size(200, 200));
  cv::resize(b, b, cv::Size(200, 234));
  core::FaceDetector detector(kModels);
  core::FaceTracker tracker;
  std::map<int64_t, std::vector<float>> xs;  // track id -> nose x over time
  for (int f = 0; f < 50; ++f) {
    cv::Mat frame(480, 960, CV_8UC3, cv::Scalar(60, 60, 60));
    const int ax = 20 + 14 * f, bx = 740 - 14 * f;  // cross around frame 25
    b.copyTo(frame(cv::Rect(bx, 200, b.cols, b.rows)));
    a.copyTo(frame(cv::Rect(ax, 40, a.cols, a.rows)));  // drawn on top, higher up
    for (const auto& t : tracker.update(f, detector.detect(frame)))
      xs[t.track_id].push_back(t.face.keypoints[FaceDetection::kNose].x);
  }
  // Two long tracks: one moving right all the way, one moving left all the way.
  int right = 0, left = 0;
  for (const auto& [id, x] : xs) {
    if (x.size() < 20) continue;
    if (x.back() - x.front() > 400) ++right;
    if (x.front() - x.back() > 400) ++left;
  }
  EXPECT_EQ(right, 1);
  EXPECT_EQ(left, 1);
}
