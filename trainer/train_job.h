// A training job as `unilearn train CONFIG.json` and the wizard describe it: where the labelled
// data comes from (a project's annotations or a list file), how validation is chosen (a list,
// a project, or a fraction held out by person), the classes, and the fine-tuning settings; plus
// registering the result in a project. Relative paths are taken from the job file's folder.
// Thread-safety: plain values and free functions.
#pragma once

#include <string>
#include <vector>

#include "model/config.h"
#include "trainer/dataset.h"
#include "trainer/finetune.h"
#include "trainer/pretrain.h"

namespace unilearn::trainer {

struct DataSpec {
  std::string list, split;              // a list file (and its split column value)
  std::string project, scheme;          // or a project's annotations of a scheme
  std::vector<std::string> annotators;  // whose; empty: everyone's
  double fraction = 0;                  // validation only: held out from the data
  std::string format, root;             // official split files or FER+ (see ListLayout)
  int64_t limit = 0;                    // > 0: the list's first that many samples
  // > 0: that many clips synthesised from the stills (evenly chosen; trainer/distill.h), with
  // the still's label and soft target, `clip_frames` frames each.
  int64_t synthetic_clips = 0;
  int clip_frames = 16;
  // > 0: the project's faces, labelled by the static model where it is at least this confident.
  double pseudo_confidence = 0;
  // Stills (of a list) taken through the analysis' own path before use (trainer/app_path.h):
  // placed in a frame, found by the face detector and cut as the analysis cuts faces for the
  // base model (eyes levelled, its face_margin), so that the model learns from the crops it will
  // be shown; stills in which no face is found are left out (noted).
  bool app_path = false;
  // A training job's "videos" only: the model file whose image head labels the face tracks
  // (trainer/teacher_tracks.h).
  std::string teacher;
  bool empty() const { return list.empty() && project.empty() && fraction <= 0; }
};

struct TrainJob {
  DataSpec data, validation;
  // Optional: {"project": ..., "teacher": MODEL}: the face tracks of a project's analysed videos
  // as training clips, soft targets from the teacher's image head averaged over each clip's
  // frames (real facial motion for head.video; trainer/teacher_tracks.h). Never validation.
  DataSpec videos;
  std::vector<std::string> classes;  // empty: the scheme's labels or the list's, in order
  bool register_model = true;        // add the result to the data's project
  FinetuneConfig training;

  // {"data": {...}, "validation": {...}, "videos": {...}, "classes": [...], "register": true,
  //  "training": {...}}.
  // Throws unilearn::Error (kConfig) naming unknown keys, (kIo) for an unreadable file.
  static TrainJob fromFile(const std::string& path);
};

// `unilearn pretrain JOB.json`: {"data": {"list": ...} or {"project": ...}, "videos":
// {"project": ...}, "training": {...}}. A project gives every face of its analysed videos; labels
// are ignored. "videos" (optional) adds the face tracks of a project's analysed videos to a
// list's stills: real facial motion beside the stills and the clips synthesised from them.
struct PretrainJob {
  DataSpec data;
  DataSpec videos;  // only its project
  PretrainConfig training;
  static PretrainJob fromFile(const std::string& path);
};
Dataset loadPretrainData(const PretrainJob& job);

struct JobData {
  Dataset train, val;
  std::vector<std::string> notes;  // skipped annotations, warnings about the data
};

// Reads the data of a job at the base model's image size.
JobData loadJobData(const TrainJob& job);

// Appends `count` clips of `frames` frames synthesised (camera move, lighting) from stills chosen
// evenly along `data`'s stills, each with its still's label and soft target; says how many in
// `notes`. What a job's "synthetic_clips" makes. Throws unilearn::Error when there are no stills.
void addSyntheticClips(Dataset& data, int64_t count, int frames, uint64_t seed,
                       std::vector<std::string>& notes);

// The base model's configuration (a preset, a JSON config or a model file).
ModelConfig baseConfig(const std::string& base_model);
// Its input size.
int baseImageSize(const std::string& base_model);

// Adds a trained model file to a project's model list; returns its id there.
int64_t registerModel(const std::string& project, const std::string& model_file);

}  // namespace unilearn::trainer
