// Dual-modal masked-autoencoder pre-training (spec §4) on a lab's own unlabelled faces: stills
// (90 % of their tokens masked) and clips (95 % masked, any token, not tubes) in a per-epoch
// shuffled order of pure still and pure clip steps; AdamW β (0.9, 0.95), weight decay 0.05 except
// biases and norms, linear warm-up then cosine; random resized crops and flips. A checkpoint
// after every epoch and exact resume as the fine-tuner; the result is a pre-training file whose
// encoder `unilearn train` and the wizard accept as a base model. LibTorch stays inside the .cpp.
// Thread-safety: one call per thread; callbacks run on the calling thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/base/json.h"
#include "trainer/dataset.h"

namespace unilearn::trainer {

struct PretrainConfig {
  // The encoder's config (a preset or a JSON file), and optionally a pre-training file (ours, or
  // the authors' .pth of these sizes) whose weights to continue from.
  std::string model = "unilearn-t16-160";
  std::string init_from;
  int64_t decoder_dim = 384, decoder_depth = 4, decoder_heads = 6;
  double image_mask_ratio = 0.9, video_mask_ratio = 0.95;
  int epochs = 10;
  int video_batch = 8, image_batch = 16;
  double video_ratio = 1.0;  // clip steps per epoch = ratio × clips / batch (official 0.25)
  double lr = 1.5e-4, min_lr = 0, warmup_fraction = 0.05, weight_decay = 0.05;
  bool augment = true;
  int sampling_rate = 4;
  uint64_t seed = 0;
  std::string device = "auto";
  int threads = 0;
  std::string out_dir, model_name = "pretrained";
  bool resume = true;
  // Data-parallel: this process's rank among world_size processes that meet through the
  // rendezvous file; each takes its share of every batch (video_batch and image_batch are the
  // totals over the processes) and the gradients are averaged. Rank 0 writes the files.
  int rank = 0, world_size = 1;
  std::string rendezvous;

  json::Value toJson() const;
  static PretrainConfig fromJson(const json::Value& v);  // unknown keys are an error
  // Throws unilearn::Error (kConfig) naming what is out of range (fromJson calls it; call it
  // again after changing fields, as the command line's --rank / --world-size do).
  void validate() const;
};

struct PretrainProgress {
  int epoch = 0, epochs = 0;
  int64_t step = 0, steps = 0;
  double loss = 0, lr = 0;
  bool video = true;
};

struct PretrainEpoch {
  int epoch = 0;
  double loss = 0, seconds = 0, steps_per_second = 0;
};

struct PretrainResult {
  std::string model_path;  // <out_dir>/<model_name>.safetensors, the last epoch's network
  std::vector<PretrainEpoch> epochs;
  int resumed_after_epoch = -1;
  bool cancelled = false;
  std::string device;
  double weights_checksum = 0;  // sum of |w| over the final weights: equal on every process
};

struct PretrainCallbacks {
  std::function<void(const PretrainProgress&)> progress;
  std::function<void(const PretrainEpoch&)> epoch_done;
  std::function<bool()> cancelled;
};

// Labels in `data` are ignored. Throws unilearn::Error: kArgument (no faces), kIo (out_dir).
PretrainResult pretrain(const PretrainConfig& config, const Dataset& data,
                        const PretrainCallbacks& callbacks = {});

// Steps per second of pre-training against fine-tuning at the same config (bench).
struct PretrainBench {
  double video_steps_per_second = 0, image_steps_per_second = 0;
  double finetune_video_steps_per_second = 0;
  double peak_mb = 0;
};
PretrainBench benchPretrainSteps(const std::string& config, int video_batch, int image_batch,
                                 int steps, const std::string& device = "auto");

}  // namespace unilearn::trainer
