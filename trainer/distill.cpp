#include "trainer/distill.h"

#include <filesystem>
#include <map>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/faces/face_aligner.h"
#include "core/faces/face_pipeline.h"
#include "model/base/error.h"

namespace unilearn::trainer {

Dataset teacherLabelledStills(const std::vector<std::string>& images, const std::string& resources,
                              int img_size, std::vector<std::string>* notes) {
  Dataset d;
  d.classes = core::FacePipeline::expressionNames();
  core::AlignOptions align;
  align.size = img_size;
  for (const auto& file : images) {
    const cv::Mat bgr = cv::imread(file, cv::IMREAD_COLOR);
    if (bgr.empty()) throw Error(Error::Kind::kIo, "cannot read the image '" + file + "'");
    core::FacePipeline pipeline(resources);  // fresh tracks per image
    const auto faces = pipeline.process(0, bgr, true);
    if (faces.empty() && notes) notes->push_back(file + ": no face found");
    int k = 0;
    for (const auto& f : faces) {
      ImageItem item;
      item.face = core::alignFace(bgr, f.face, align).bgr;
      item.soft.assign(f.expression.begin(), f.expression.end());
      item.label = static_cast<int>(std::max_element(item.soft.begin(), item.soft.end()) -
                                    item.soft.begin());
      // Each face its own identity (a group photo holds different people): a split holds out
      // faces, and blends need stills grouped by person by the caller.
      item.name = std::filesystem::path(file).filename().string() + " face " + std::to_string(++k);
      item.group = item.name;
      d.images.push_back(std::move(item));
    }
  }
  return d;
}

std::vector<cv::Mat> synthesizeClip(const cv::Mat& face, const cv::Mat* other, std::mt19937_64& rng,
                                    const SynthOptions& o) {
  std::uniform_real_distribution<double> u(-1, 1);
  const double pan_x = u(rng) * o.max_pan, pan_y = u(rng) * o.max_pan;
  const double zoom = u(rng) * o.max_zoom, rot = u(rng) * o.max_rotation_deg;
  const double light = u(rng) * o.max_light;
  const cv::Size size = face.size();
  const cv::Point2f centre(size.width / 2.0f, size.height / 2.0f);
  std::vector<cv::Mat> out;
  for (int f = 0; f < o.frames; ++f) {
    // Smooth in time: ease in and out over the clip.
    const double p = o.frames > 1 ? 0.5 - 0.5 * std::cos(CV_PI * f / (o.frames - 1)) : 0.0;
    cv::Mat src;  // a new image: `face` shares its pixels with the caller's still
    if (other)
      cv::addWeighted(face, 1.0 - p, *other, p, 0.0, src);
    else
      src = face;
    cv::Mat m = cv::getRotationMatrix2D(centre, rot * p, 1.0 + zoom * p);
    m.at<double>(0, 2) += pan_x * p * size.width;
    m.at<double>(1, 2) += pan_y * p * size.height;
    cv::Mat frame;
    cv::warpAffine(src, frame, m, size, cv::INTER_LINEAR, cv::BORDER_REFLECT);
    frame.convertTo(frame, -1, 1.0 + light * p, 0);
    out.push_back(frame);
  }
  return out;
}

Dataset synthesizeClips(const Dataset& stills, int per_still, uint64_t seed,
                        const SynthOptions& o) {
  Dataset d;
  d.classes = stills.classes;
  std::mt19937_64 rng(seed);
  std::map<std::string, std::vector<const ImageItem*>> groups;
  for (const auto& s : stills.images) {
    groups[s.group].push_back(&s);
    for (int k = 0; k < per_still; ++k) {
      ClipItem clip;
      clip.frames = synthesizeClip(s.face, nullptr, rng, o);
      clip.label = s.label;
      clip.soft = s.soft;
      clip.group = s.group;
      clip.name = s.name + " move " + std::to_string(k + 1);
      d.clips.push_back(std::move(clip));
    }
  }
  for (const auto& [group, members] : groups)
    for (size_t i = 0; i + 1 < members.size(); ++i) {
      const ImageItem& a = *members[i];
      const ImageItem& b = *members[i + 1];
      ClipItem clip;
      clip.frames = synthesizeClip(a.face, &b.face, rng, o);
      clip.group = group;
      clip.name = a.name + " → " + b.name;
      if (!a.soft.empty() && a.soft.size() == b.soft.size())
        for (size_t c = 0; c < a.soft.size(); ++c)
          clip.soft.push_back(0.5f * (a.soft[c] + b.soft[c]));
      clip.label = clip.soft.empty()
                       ? a.label
                       : static_cast<int>(std::max_element(clip.soft.begin(), clip.soft.end()) -
                                          clip.soft.begin());
      d.clips.push_back(std::move(clip));
    }
  return d;
}

}  // namespace unilearn::trainer
