// Learning-rate schedule and parameter grouping of the official fine-tuning recipe (spec §3):
// per-step linear warm-up from 0 then cosine to min_lr, and layer-wise learning-rate decay.
// Pure arithmetic on parameter names. Thread-safety: free functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace unilearn::trainer {

struct CosineSchedule {
  double base_lr = 4e-5;
  double min_lr = 1.25e-7;
  int64_t epochs = 100;
  int64_t warmup_epochs = 5;
  int64_t steps_per_epoch = 1;
  // Learning rate for every step, warm-up first (linear from 0, as utils.cosine_scheduler).
  std::vector<double> perStep() const;
};

// Layer id for layer-wise decay: 0 for patch_embed (and pos/cls), i+1 for blocks.i.*, and
// depth+1 for everything else (fc_norm, heads).
int64_t layerId(const std::string& param_name, int64_t depth);

// lr scale = decay^(depth + 1 - layerId).
double layerScale(const std::string& param_name, int64_t depth, double decay = 0.75);

// No weight decay for 1-D parameters, biases and position embeddings.
bool skipsWeightDecay(const std::string& param_name, int64_t param_dims);

}  // namespace unilearn::trainer
