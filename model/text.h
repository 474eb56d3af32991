// Small text helpers that every layer needs, kept in one place (they used to be copied).
// Thread-safety: pure functions.
#pragma once

#include <cctype>
#include <string>

namespace unilearn {

// ASCII lower case (labels, class names, file suffixes; other bytes unchanged).
inline std::string lowerAscii(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace unilearn
