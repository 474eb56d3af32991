#include "trainer/teacher_tracks.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include <opencv2/imgproc.hpp>

#include "core/analysis/clip_model.h"
#include "core/analysis/token_routing.h"
#include "core/storage/project.h"
#include "model/base/error.h"

namespace unilearn::trainer {

namespace fs = std::filesystem;

namespace {

// The teacher's image-head probabilities of `frames` (student crops), averaged over the frames.
std::vector<float> meanImageProbs(core::ClipModel& teacher, const std::vector<cv::Mat>& frames) {
  const int size = static_cast<int>(teacher.config().img_size);
  std::vector<double> sum;
  constexpr size_t kBatch = 32;
  for (size_t a = 0; a < frames.size(); a += kBatch) {
    std::vector<cv::Mat> batch;
    for (size_t i = a; i < std::min(frames.size(), a + kBatch); ++i) {
      cv::Mat face = frames[i];
      if (face.cols != size || face.rows != size)
        cv::resize(frames[i], face, {size, size}, 0, 0, cv::INTER_AREA);
      batch.push_back(face);
    }
    for (const auto& p : teacher.predictImages(batch)) {
      sum.resize(p.size());
      for (size_t c = 0; c < p.size(); ++c)
        sum[c] += p[c];
    }
  }
  std::vector<float> mean;
  for (double s : sum)
    mean.push_back(static_cast<float>(s / static_cast<double>(frames.size())));
  return mean;
}

}  // namespace

Dataset teacherLabelledTracks(const core::Project& project, const TeacherTrackOptions& o) {
  auto teacher = core::ClipModel::load(o.teacher);
  const ModelConfig& tc = teacher->config();
  const auto& names = tc.image_class_names.empty() ? tc.video_class_names : tc.image_class_names;
  const std::string teacher_name = fs::path(o.teacher).filename().string();
  if (teacher->randomWeights())
    throw Error(Error::Kind::kArgument, "the teacher " + teacher_name +
                                            " is a preset with random weights: name a trained "
                                            "model file");
  if (static_cast<int64_t>(names.size()) != tc.image_classes)
    throw Error(Error::Kind::kArgument, "the teacher " + teacher_name +
                                            " does not name its image head's classes: they "
                                            "cannot be matched to the training classes");
  std::vector<int> to_class;  // teacher class → target class (-1: none)
  bool shared = false;
  for (const auto& n : names) {
    to_class.push_back(matchClassName(n, o.classes));
    shared = shared || to_class.back() >= 0;
  }
  if (!shared)
    throw Error(Error::Kind::kArgument, "the teacher " + teacher_name +
                                            " names no class of the training classes: its image "
                                            "head cannot label clips");

  Dataset d;
  d.classes = o.classes;
  const size_t chunk = static_cast<size_t>(std::max(2, o.clip_frames));
  const size_t min_frames = std::min<size_t>(chunk, 16);
  auto addClips = [&](const core::AnalysisRecord& analysis, int64_t track_id,
                      const std::string& group, const std::vector<int64_t>& run) {
    if (run.size() < min_frames) return;
    for (size_t a = 0; a < run.size(); a += chunk) {
      const size_t b = run.size() - a < 2 * chunk ? run.size() : a + chunk;  // no short tail
      ClipItem clip;
      clip.frames = core::trackCrops(
          project, analysis, track_id,
          {run.begin() + static_cast<long>(a), run.begin() + static_cast<long>(b)}, o.img_size);
      const std::vector<float> p = meanImageProbs(*teacher, clip.frames);
      clip.soft.assign(o.classes.size(), 0.f);
      float mass = 0;
      for (size_t c = 0; c < p.size() && c < to_class.size(); ++c)
        if (to_class[c] >= 0) {
          clip.soft[static_cast<size_t>(to_class[c])] += p[c];
          mass += p[c];
        }
      for (auto& s : clip.soft)
        s = mass > 0 ? s / mass : 1.f / static_cast<float>(o.classes.size());
      clip.label = static_cast<int>(std::max_element(clip.soft.begin(), clip.soft.end()) -
                                    clip.soft.begin());
      clip.group = group;
      clip.name = group + " frames " + std::to_string(run[a]) + "–" + std::to_string(run[b - 1]);
      d.clips.push_back(std::move(clip));
      if (b == run.size()) break;
    }
  };

  for (const auto& media : project.media()) {
    const std::optional<core::AnalysisRecord> analysis = latestFinishedAnalysis(project, media.id);
    if (!analysis) continue;
    for (const auto& track : project.tracks(media.id)) {
      const std::string group =
          fs::path(media.path).filename().string() + " " + core::personName(track);
      std::vector<int64_t> run;  // consecutive frames with a stored face
      for (const auto& f : project.frames(analysis->id, track.id)) {
        if (f.face.empty()) continue;
        if (!run.empty() && f.frame != run.back() + 1) {
          addClips(*analysis, track.id, group, run);
          run.clear();
        }
        run.push_back(f.frame);
      }
      addClips(*analysis, track.id, group, run);
    }
  }
  if (d.clips.empty())
    throw Error(Error::Kind::kArgument, "no analysed face tracks of at least " +
                                            std::to_string(min_frames) +
                                            " frames in this project: analyse its videos first");
  return d;
}

}  // namespace unilearn::trainer
