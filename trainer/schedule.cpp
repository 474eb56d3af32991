#include "trainer/schedule.h"

#include <cmath>
#include <cstdlib>

namespace unilearn::trainer {

std::vector<double> CosineSchedule::perStep() const {
  std::vector<double> lr;
  const int64_t warm = warmup_epochs * steps_per_epoch;
  for (int64_t i = 0; i < warm; ++i)
    lr.push_back(base_lr * static_cast<double>(i) / static_cast<double>(warm));
  const int64_t rest = epochs * steps_per_epoch - warm;
  const double pi = std::acos(-1.0);
  for (int64_t i = 0; i < rest; ++i)
    lr.push_back(min_lr +
                 0.5 * (base_lr - min_lr) *
                     (1.0 + std::cos(pi * static_cast<double>(i) / static_cast<double>(rest))));
  return lr;
}

int64_t layerId(const std::string& name, int64_t depth) {
  if (name.rfind("patch_embed", 0) == 0 || name == "cls_token" || name == "pos_embed") return 0;
  if (name.rfind("blocks.", 0) == 0) return std::atoll(name.c_str() + 7) + 1;
  return depth + 1;
}

double layerScale(const std::string& name, int64_t depth, double decay) {
  return std::pow(decay, static_cast<double>(depth + 1 - layerId(name, depth)));
}

bool skipsWeightDecay(const std::string& name, int64_t dims) {
  auto ends = [&](const char* s) {
    const std::string suffix(s);
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return dims == 1 || ends(".bias") || name == "pos_embed" || name == "cls_token";
}

}  // namespace unilearn::trainer
