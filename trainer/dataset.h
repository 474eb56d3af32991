// Labelled faces for fine-tuning, held in memory as aligned crops: clips (consecutive frames of
// one face) for the video head and stills for the image head. Built from a project's
// annotations (labelled segments of a person become clips, some of their frames stills; faces
// come from the analysis the segment's video had) or from a list file (a lab's own folders, the
// official split files' layout). Thread-safety: plain values and free functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "core/analysis/class_names.h"

namespace unilearn::core {
class Project;
struct AnalysisRecord;
}  // namespace unilearn::core

namespace unilearn::trainer {

struct ClipItem {
  std::vector<cv::Mat> frames;  // consecutive aligned BGR crops, img_size square
  int label = 0;
  std::string group;  // who or what it came from (person, video): kept together when splitting
  std::string name;
  std::vector<float> soft;  // a teacher's probabilities (distillation); empty: the hard label
};

struct ImageItem {
  cv::Mat face;  // aligned BGR crop, img_size square
  int label = 0;
  std::string group, name;
  std::vector<float> soft;  // as ClipItem::soft
};

struct Dataset {
  std::vector<std::string> classes;
  std::vector<ClipItem> clips;
  std::vector<ImageItem> images;

  std::vector<int64_t> clipCounts() const;   // per class
  std::vector<int64_t> imageCounts() const;  // per class
  // Plain-words warnings: classes with fewer than `min_clips` clips (stills, where there are no
  // clips at all), one group holding most of a class's clips.
  std::vector<std::string> warnings(int min_clips = 5) const;
};

// A list file, one sample per line: `path,label` (or `path label` as AffectNet's lists),
// optionally a header line and a third column naming a split. `path` is relative to the list's
// folder: an image file gives a still, a folder of frame images (in name order) gives a clip.
// Labels are class names (matched case-insensitively to `classes`; collected in order of first
// appearance when `classes` is empty) or 0-based indices. With `split`, only lines whose third
// column equals it. Images are resized to img_size. Throws unilearn::Error naming the line for
// unreadable files and unknown labels.
//
// `layout` reads the official split files of the paper's data sets instead (spec §2): "dfew"
// (`video_name,label`, labels 1–7, frame folders named by the zero-padded video number under
// `root`), "ferv39k" (`path,id`, 0-based ids in FERV39K's alphabetical order) and "affectnet"
// (`path label`, 0-based AffectNet-7 ids); paths under `root`, classes named as the data set.
// "ferplus" reads FER+'s `label.csv` (trainer/ferplus.h): vote counts as soft targets, the
// majority label, unusable rows dropped.
struct ListLayout {
  std::string format;  // empty: our own list format
  std::string root;    // where the paths of an official list point (default: the list's folder)
  int64_t limit = 0;   // > 0: only the first that many samples (ferplus: usable rows)
};
Dataset loadList(const std::string& list, std::vector<std::string> classes, int img_size,
                 const std::string& split = {}, const ListLayout& layout = {});

struct ProjectDataOptions {
  std::string scheme;                   // annotation scheme whose labels are the classes
  std::vector<std::string> annotators;  // whose annotations count; empty: everyone's
  int img_size = 160;
  int clip_frames = 96;              // a longer segment becomes several clips of at most this many
  int stills_per_clip = 4;           // frames of each clip that also serve as stills
  std::vector<std::string> classes;  // empty: the scheme's labels in their order
};

// Annotated segments of the project's people (a whole-video annotation counts for the video's
// only person; with several people it is skipped and reported in `skipped`). The faces are those
// stored by the latest analysis of each video. Throws unilearn::Error (kArgument) when the
// scheme has no annotations.
Dataset projectDataset(const core::Project& project, const ProjectDataOptions& options,
                       std::vector<std::string>* skipped = nullptr);

// Pseudo-labels for unlabelled footage: stretches of a person where the static expression model's
// smoothed top class stays the same with at least `min_confidence` for `min_frames` frames
// become clips of that class (mapped onto `classes` by name: "fearful" → "Fear", "angry" →
// "Anger"...; classes it cannot map are not used). Every analysed video of the project counts.
// Without classes every face counts, as one class "face" (unlabelled data for pre-training).
struct PseudoLabelOptions {
  std::vector<std::string> classes;  // the target classes (e.g. a scheme's labels)
  double min_confidence = 0.8;
  int min_frames = 16;
  int img_size = 160;
  int clip_frames = 96;
  int stills_per_clip = 4;
};
Dataset pseudoLabelDataset(const core::Project& project, const PseudoLabelOptions& options);

// The latest finished analysis of a media: the one whose stored faces the trainer cuts clips from.
std::optional<core::AnalysisRecord> latestFinishedAnalysis(const core::Project& project,
                                                           int64_t media_id);

using core::matchClassName;  // the one class-name rule (core/analysis/class_names.h)

// What a scheme's annotations hold before any frame is read (for the wizard's first page): per
// class the labelled segments and frames, per person the segments of each class, and warnings.
struct LabelCounts {
  std::vector<std::string> classes;
  std::vector<int64_t> segments, frames;                                // per class
  std::vector<std::pair<std::string, std::vector<int64_t>>> by_person;  // segments per class
  std::vector<std::string> annotators;  // everyone who used the scheme
  std::vector<std::string> warnings;
};
LabelCounts labelCounts(const core::Project& project, const std::string& scheme,
                        const std::vector<std::string>& annotators, int min_segments = 5);

// Validation split: about `fraction` of each class's groups (all of a person's clips and stills
// go to the same side; a class with a single group is split by item). Deterministic for a seed.
std::pair<Dataset, Dataset> splitDataset(const Dataset& data, double fraction, uint64_t seed);

}  // namespace unilearn::trainer
