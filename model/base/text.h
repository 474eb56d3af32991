// Small text helpers that every layer needs, kept in one place (they used to be copied).
// Thread-safety: pure functions.
#pragma once

#include <cctype>
#include <ctime>
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

// The last part of a '/'-separated path ("a/b/c.mp4" -> "c.mp4"); the path itself without one.
inline std::string fileName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A CSV field as RFC 4180 writes it: quoted (with doubled quotes) when it holds a comma, a
// quote or a line break.
inline std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s)
    q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

enum class TimeZone { kUtc, kLocal };

// The current time as strftime's `format` writes it, in UTC or in this machine's time zone.
inline std::string nowText(const char* format, TimeZone zone) {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  if (zone == TimeZone::kUtc)
    gmtime_r(&t, &tm);
  else
    localtime_r(&t, &tm);
  char buf[64];
  return std::strftime(buf, sizeof buf, format, &tm) ? buf : "";
}

}  // namespace unilearn
