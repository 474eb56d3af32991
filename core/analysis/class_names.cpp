#include "core/analysis/class_names.h"
#include "model/base/text.h"

#include <cctype>

namespace unilearn::core {
namespace {}  // namespace

int matchClassName(const std::string& name, const std::vector<std::string>& classes) {
  const std::string n = lowerAscii(name);
  for (size_t i = 0; i < classes.size(); ++i)
    if (lowerAscii(classes[i]) == n) return static_cast<int>(i);
  for (size_t len : {4, 3}) {
    int found = -1, matches = 0;
    for (size_t i = 0; i < classes.size(); ++i)
      if (n.size() >= len && lowerAscii(classes[i]).compare(0, len, n, 0, len) == 0) {
        found = static_cast<int>(i);
        ++matches;
      }
    if (matches == 1) return found;
  }
  return -1;
}

ClassMapping mapClassNames(const std::vector<std::string>& from,
                           const std::vector<std::string>& to) {
  ClassMapping m;
  for (const auto& name : from) {
    m.to.push_back(matchClassName(name, to));
    if (m.to.back() < 0) m.unmatched.push_back(name);
  }
  return m;
}

}  // namespace unilearn::core
