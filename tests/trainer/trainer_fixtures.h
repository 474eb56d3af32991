// A small learnable data set made from the two real portraits: three classes, each a distinct,
// systematic change over time (brightening, zooming in, panning) with a class tint, so that both
// the clip head and the still head can learn it; faces, speeds and offsets vary per sample.
#pragma once

#include <random>
#include <string>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tests/test_util.h"
#include "trainer/dataset.h"

namespace unilearn::test {

// img 64 px, 8 frames: the tiny network of the trainer tests.
inline std::string tinyTrainConfig() {
  const std::string path = tempPath("tiny_train64.json");
  std::ofstream(path)
      << R"({"img_size":64,"patch_size":16,"num_frames":8,"tubelet_size":2,)"
         R"("embed_dim":32,"depth":2,"num_heads":2,"moe_layers":[1],"num_experts":4,)"
         R"("top_k":2,"video_classes":3,"image_classes":3})";
  return path;
}

inline cv::Mat portrait(int which) {
  static cv::Mat faces[2] = {cv::imread(dataPath("faces/astronaut.jpg")),
                             cv::imread(dataPath("faces/grace_hopper.jpg"))};
  return faces[which % 2];
}

// One clip of `frames` frames of class `label` (0 brightening/red, 1 zoom/green, 2 pan/blue).
inline std::vector<cv::Mat> learnableClip(int label, int frames, int size, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  const cv::Mat src = portrait(static_cast<int>(rng() % 2));
  const double side = std::min(src.cols, src.rows) * (0.55 + 0.2 * u(rng));
  const double x0 = u(rng) * (src.cols - side), y0 = u(rng) * (src.rows - side) * 0.5;
  const double speed = 0.7 + 0.6 * u(rng);
  std::vector<cv::Mat> out;
  for (int f = 0; f < frames; ++f) {
    const double p = speed * f / frames;  // progress over the clip
    double s = side, x = x0, y = y0;
    if (label == 1) s = side * (1.0 - 0.45 * p);  // zoom in
    if (label == 2) x = std::clamp(x0 - side * 0.35 + side * 0.7 * p, 0.0, src.cols - side);
    x += (side - s) / 2;
    y += (side - s) / 2;
    cv::Mat crop;
    cv::resize(src(cv::Rect2d(x, y, s, s) & cv::Rect2d(0, 0, src.cols, src.rows)), crop,
               cv::Size(size, size), 0, 0, cv::INTER_AREA);
    cv::Mat img;
    crop.convertTo(img, CV_8UC3, label == 0 ? 0.6 + 0.8 * p : 1.0, 0);
    cv::Mat tint(img.size(), img.type(),
                 cv::Scalar(label == 2 ? 60 : 0, label == 1 ? 60 : 0, label == 0 ? 60 : 0));
    cv::add(img, tint, img);
    out.push_back(img);
  }
  return out;
}

// `per_class` clips of 24 frames per class, with two stills from each clip.
inline trainer::Dataset learnableSet(int per_class, uint64_t seed, int size = 64) {
  trainer::Dataset d;
  d.classes = {"bright", "zoom", "pan"};
  std::mt19937_64 rng(seed);
  for (int i = 0; i < per_class; ++i)
    for (int c = 0; c < 3; ++c) {
      trainer::ClipItem clip;
      clip.frames = learnableClip(c, 24, size, rng);
      clip.label = c;
      clip.group = clip.name = "clip " + std::to_string(c) + "-" + std::to_string(i);
      d.images.push_back({clip.frames[4], c, clip.group, clip.name});
      d.images.push_back({clip.frames[18], c, clip.group, clip.name});
      d.clips.push_back(std::move(clip));
    }
  return d;
}

}  // namespace unilearn::test
