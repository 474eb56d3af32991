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

#include "model/base/json.h"
#include "trainer/augment.h"
#include "trainer/dataset.h"
#include "trainer/metrics.h"

namespace unilearn::trainer {

struct FinetuneConfig {
  // Model file (ours, or an authors' fine-tuning or pre-training checkpoint), or a preset / JSON
  // config for a randomly initialised network. The heads are rebuilt when the data's classes
  // differ from the base model's.
  std::string base_model = "unilearn-t16-160";
  std::string train = "all";           // all | experts (MoE experts, routers, heads) | heads
  std::string expert_init = "random";  // experts the base lacks: random (official) | zero
  int epochs = 10;
  int video_batch = 8, image_batch = 16;
  double image_ratio = 0.5;     // still steps per epoch = ratio × (stills / image_batch), official
  bool balanced_clips = true;   // clips drawn class-balanced (the official code shuffles them)
  bool balanced_stills = true;  // stills drawn class-balanced (official); off: uniformly
  // How hard the balanced draws balance: weight = (class count)^-power; 1 = every class equally
  // often (official), 0.5 = halfway (rare classes seen more without repeating a few hundred
  // faces a hundred times), 0 = the data's own mix.
  double balance_power = 1.0;
  double lr = 5e-4, min_lr = 1e-6, weight_decay = 0.05, layer_decay = 0.75;
  int warmup_epochs = 1;
  double label_smoothing = 0.1, mixup = 0.8, cutmix = 1.0, mix_probability = 1.0;
  bool aux_loss = false;  // the official runs never add it (spec §1.3); on = the paper's intent
  double aux_coefficient = 1e-3;
  AugmentOptions augment;
  int sampling_rate = 4;
  uint64_t seed = 0;
  std::string device = "auto";  // auto (CUDA when LibTorch has it) | cpu | cuda
  int threads = 0;              // CPU threads; 0 = the runtime's default
  std::string out_dir;          // checkpoints, history and the resulting model file
  std::string model_name = "finetuned";
  bool resume = true;  // continue from out_dir's last checkpoint when there is one
  // How the MoE layers route while training: "official" (router noise and per-expert capacity,
  // as the authors fine-tune) or "deterministic" (neither; from random weights the noise of
  // untrained routers kept the network at the class prior for thousands of steps).
  std::string routing = "official";
  // Which validation figures pick the best epoch: "clips" (WAR, UAR of the clips, then the
  // stills' WAR: the official criterion), "stills" (the stills' WAR, UAR, then the clips') or
  // "stills_uar" (the stills' UAR, then WAR: on unbalanced data a network that answers the
  // commonest class everywhere has the best early WAR and is useless).
  std::string select_by = "clips";

  json::Value toJson() const;
  // Unknown keys are an error (a typo must not silently train something else).
  static FinetuneConfig fromJson(const json::Value& v);
};

// True for a preset name or a .json config (a randomly initialised network), false for a file
// of weights.
bool isPresetOrJson(const std::string& base_model);

struct TrainProgress {
  int epoch = 0, epochs = 0;
  int64_t step = 0, steps = 0;  // within the epoch
  double loss = 0, lr = 0;
  bool video = true;
};

struct EpochReport {
  int epoch = 0;
  double loss = 0, train_accuracy = 0;  // accuracy on the (mixed) training targets' top class
  double seconds = 0, steps_per_second = 0;
  Metrics val;         // on the validation clips (official 2-view protocol)
  Metrics val_stills;  // on the validation stills (image head)
  bool best = false;
};

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

struct Evaluation {
  Metrics clips, images;
  std::vector<int> clip_predictions, image_predictions;
  std::vector<std::string> clip_classes, image_classes;  // the model's, in its order
};

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
