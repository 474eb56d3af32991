// The fine-tuner's settings and the value types its parts share (progress, an epoch's report,
// an evaluation): what finetune.h's functions and the internal training session both use, so
// that neither includes the other's header. No LibTorch. Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/base/json.h"
#include "trainer/augment.h"
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

struct Evaluation {
  Metrics clips, images;
  std::vector<int> clip_predictions, image_predictions;
  // Per sample, the model's class probabilities (its order): what `--probabilities` writes.
  std::vector<std::vector<float>> clip_probabilities, image_probabilities;
  std::vector<int> clip_truth, image_truth;              // in the model's class indices
  std::vector<std::string> clip_classes, image_classes;  // the model's, in its order
};

// One CSV row per evaluated sample: `kind` (clip or still), its index in the data, the true and
// the predicted class, then the probability of each of the model's classes (columns named
// `p_<class>`; clips and stills in one file only when their heads have the same classes).
// Throws unilearn::Error (kArgument) when the two heads' classes differ and both have samples.
std::string probabilitiesCsv(const Evaluation& e);

}  // namespace unilearn::trainer
