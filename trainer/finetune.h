// Joint fine-tuning of UniLearn on labelled clips and stills (spec §3) and its evaluation with
// the official test protocol. Clip steps and still steps alternate in a per-epoch shuffled order
// (each step pure video through head.video or pure images through head.image), AdamW with
// layer-wise learning-rate decay, warm-up then cosine, mixup/cutmix with label smoothing,
// the official augmentations, optional load-balancing loss; everything, the MoE experts + routers
// + heads, or the heads alone can be trained. Checkpoints after every epoch; a stopped or killed
// run resumes from the last one and ends at the same weights as an uninterrupted run (CPU, fixed
// seed). LibTorch stays inside the .cpp. Thread-safety: one call per thread; callbacks run on
// the calling thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "trainer/dataset.h"
#include "trainer/finetune_config.h"
#include "trainer/metrics.h"

namespace unilearn::trainer {

struct FinetuneResult {
  std::string model_path;  // <out_dir>/<model_name>.safetensors: the best epoch's weights
  int best_epoch = -1;
  Metrics best;
  std::vector<EpochReport> epochs;
  int resumed_after_epoch = -1;  // -1: started fresh
  bool cancelled = false;
  std::string device;                // "CPU (2 threads)" or the GPU's name
  std::vector<std::string> classes;  // of both heads
  std::string load_report;           // how the base model's weights mapped
};

struct FinetuneCallbacks {
  std::function<void(const TrainProgress&)> progress;
  std::function<void(const EpochReport&)> epoch_done;
  std::function<bool()> cancelled;  // checked before every step
};

// Throws unilearn::Error: kArgument (no clips; the device ran out of memory, with advice), kIo
// (out_dir not writable), kConfig (the loss diverged: lower lr).
FinetuneResult finetune(const FinetuneConfig& config, const Dataset& train, const Dataset& val,
                        const FinetuneCallbacks& callbacks = {});

// `n` indices into `labels` (class ids below `classes`) drawn with replacement, each item
// weighted (its class's count)^-power: 1 draws every class equally often (the official
// balanced sampler), 0 the data's own mix. Thread-safety: free function.
std::vector<size_t> classWeightedDraws(const std::vector<int>& labels, size_t classes, size_t n,
                                       double power, std::mt19937_64& rng);

// The official test protocol for clips (two temporal views of 16 frames sampled every
// `sampling_rate`, softmax averaged) through head.video, and stills through head.image.
// `data.classes` must be the model's classes (by name) in any order; each head's own names
// count for its samples. `precision` "bf16" runs it in bfloat16 on the CPU (model/precision.h;
// fp32 where the CPU has no native bf16).
Evaluation evaluateModel(const std::string& model, const Dataset& data, int sampling_rate = 4,
                         const std::string& device = "auto", const std::string& precision = "fp32");

// The static expression model (FaceExpressionNet under `resources`/models) on the stills of
// `data`, each resized to its 112-pixel input as face-api.js does; `data.classes` must be its
// class names (any order). For comparing UniLearn's image head with it on the same faces.
Evaluation evaluateStaticModel(const std::string& resources, const Dataset& data);

// The analysis' combined per-frame engine (core::FrameEngine::kCombined) on stills: `model_e`
// with its stills' results replaced by each still's static and image-head probabilities
// combined (core::combinedFrameProbabilities), in the static model's class order. `static_e` and
// `model_e` must cover the same stills in the same order (checked by their true classes); throws
// unilearn::Error (kArgument) otherwise, or when the image head lacks one of the static model's
// classes.
Evaluation combineStillEvaluations(const Evaluation& static_e, const Evaluation& model_e);

// What a training step costs: steps/s and peak memory for a config on random data (bench).
struct StepBench {
  double video_steps_per_second = 0, image_steps_per_second = 0, peak_mb = 0;
  int64_t trainable_parameters = 0;
};
// `config`: a preset, a JSON config or a model file.
StepBench benchTrainSteps(const std::string& config, const std::string& train, int video_batch,
                          int image_batch, int steps, const std::string& device = "auto");

// "CPU only (N threads)" or the GPU that training would use.
std::string trainingDevice(const std::string& wanted = "auto");

}  // namespace unilearn::trainer
