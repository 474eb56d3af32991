// Building blocks for distilling a UniLearn model from the static expression model (issue 9),
// where no emotion-labelled data exists: every face found in real images, aligned for the
// student, with the teacher's probabilities as its soft target; and clips synthesised from such
// stills (pan, zoom, small rotations, lighting changes, a blend between two faces of one person)
// so that the clip head and the routing get trained too. Thread-safety: free functions.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "trainer/dataset.h"
#include "trainer/finetune.h"

namespace unilearn::trainer {

// Faces of `images` (files), aligned to img_size, labelled with the static model's 7
// probabilities (classes: its names). Each face is its own group (identity), so a split holds
// out faces.
// Files without a face are listed in `notes`. Throws unilearn::Error for unreadable files.
Dataset teacherLabelledStills(const std::vector<std::string>& images, const std::string& resources,
                              int img_size, std::vector<std::string>* notes = nullptr);

struct SynthOptions {
  int frames = 24;
  double max_pan = 0.08;        // of the side, over the clip
  double max_zoom = 0.15;       // relative scale change over the clip
  double max_rotation_deg = 6;  // over the clip
  double max_light = 0.25;      // brightness change over the clip
};

// One synthetic clip from a still: a smooth camera move and lighting change; with `other`, the
// face blends from `face` into `other` over the clip (two expressions of one person).
std::vector<cv::Mat> synthesizeClip(const cv::Mat& face, const cv::Mat* other, std::mt19937_64& rng,
                                    const SynthOptions& options = {});

// `per_still` synthetic clips for every still of `stills` (soft target: the still's), plus, for
// each group with several stills, blends between them (soft target: the mean of the two).
Dataset synthesizeClips(const Dataset& stills, int per_still, uint64_t seed,
                        const SynthOptions& options = {});

}  // namespace unilearn::trainer

namespace unilearn::trainer {

// The shipped model's recipe (issue 9): faces of real images labelled by the static model, every
// `holdout_every`-th face (in name order) held out, clips synthesised from the rest, a UniLearn
// preset trained on the soft targets through both heads, then its agreement with the teacher on
// the held-out faces. `unilearn distill JOB.json` runs it.
struct DistillJob {
  std::vector<std::string> images;
  int holdout_every = 5;
  int clips_per_face = 8;
  SynthOptions synth;
  FinetuneConfig training;  // base_model: the student's preset; out_dir, epochs, batches...
  std::string resources;    // the teacher and the detector (core::resourceDir())
  // {"images": [...], "holdout_every": 5, "clips_per_face": 8, "clip_frames": 24,
  //  "training": {...}}; relative paths from the job's folder.
  static DistillJob fromFile(const std::string& path);
};

struct Agreement {
  int64_t samples = 0;
  double top1 = 0;                         // share where the student's top class is the teacher's
  double mean_kl = 0;                      // KL(teacher || student) in nats, averaged
  std::vector<int64_t> per_class_samples;  // by the teacher's top class
  std::vector<double> per_class_top1;      // -1 where no sample
};

struct DistillReport {
  FinetuneResult training;
  Agreement stills, clips;  // held-out faces: image head on the stills, video head on clips
  std::vector<std::string> trained_on, held_out, notes;
  int64_t train_clips = 0;
};

DistillReport distill(const DistillJob& job, const FinetuneCallbacks& callbacks = {});

// The faces of a job split as distill() splits them: training stills and held-out stills.
std::pair<Dataset, Dataset> distillSplit(const DistillJob& job,
                                         std::vector<std::string>* notes = nullptr);

// Agreement of a model file with the soft targets of `data` (stills through head.image, clips
// through head.video, each clip's first num_frames frames).
Agreement agreementWithTeacher(const std::string& model, const Dataset& data, bool clips);

// A copy of a model file with its weights stored as 16-bit floats (half the size).
void writeHalfPrecision(const std::string& model, const std::string& out,
                        const std::vector<std::pair<std::string, std::string>>& extra_metadata);

}  // namespace unilearn::trainer
