// Classification metrics of the official test protocol (spec §3): confusion matrix, WAR
// (accuracy: trace / N), UAR (mean per-class recall over the classes that occur), per-class
// recall. Thread-safety: plain values and free functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/base/json.h"

namespace unilearn::trainer {

struct Metrics {
  std::vector<std::vector<int64_t>> confusion;  // [true class][predicted class]
  std::vector<double> recall;                   // per class; -1 where the class never occurs
  double war = 0, uar = 0;
  int64_t samples = 0;
  std::string summary(const std::vector<std::string>& classes) const;  // a few lines for people
  // The confusion matrix with class names on both axes, and each class's recall, for people.
  std::string table(const std::vector<std::string>& classes) const;
  // {"war", "uar", "samples", "classes", "recall": {name: r or null}, "confusion": [[...]]}.
  json::Value toJson(const std::vector<std::string>& classes) const;
};

// `truth[i]`, `predicted[i]` in [0, classes). Throws unilearn::Error (kArgument) otherwise.
Metrics computeMetrics(const std::vector<int>& truth, const std::vector<int>& predicted,
                       int classes);

}  // namespace unilearn::trainer
