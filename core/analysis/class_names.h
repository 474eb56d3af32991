// The one rule for matching expression class names across models, schemes and data sets: a
// model's "fearful" is a scheme's "Fear", FER+'s "happiness" is our "happy". Case-insensitive
// equality first, else the first four letters, else the first three, when that is unambiguous.
// Thread-safety: free functions.
#pragma once

#include <string>
#include <vector>

namespace unilearn::core {

// The index in `classes` that `name` stands for, or -1 when none (or more than one) does.
int matchClassName(const std::string& name, const std::vector<std::string>& classes);

struct ClassMapping {
  std::vector<int> to;                 // per `from` name: its index in `to`, or -1
  std::vector<std::string> unmatched;  // the `from` names with no counterpart
};
ClassMapping mapClassNames(const std::vector<std::string>& from,
                           const std::vector<std::string>& to);

}  // namespace unilearn::core
