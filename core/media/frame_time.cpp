#include "core/media/frame_time.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "model/base/text.h"

namespace unilearn::core {

int64_t rescale(int64_t a, int64_t b, int64_t c) {
  if (c == 0) return 0;
  const __int128 p = static_cast<__int128>(a) * b;
  const __int128 half = (c > 0 ? c : -c) / 2;
  const __int128 q = p >= 0 ? (p + half) / c : (p - half) / c;
  return static_cast<int64_t>(q);
}

int64_t ptsToMs(int64_t pts, int64_t start_pts, Rational tb) {
  return rescale(pts - start_pts, tb.num * 1000, tb.den);
}

int64_t msToPts(int64_t ms, int64_t start_pts, Rational tb) {
  return start_pts + rescale(ms, tb.den, tb.num * 1000);
}

FrameTable::FrameTable(std::vector<int64_t> pts, Rational time_base)
    : pts_(std::move(pts)), time_base_(time_base) {
  std::sort(pts_.begin(), pts_.end());
  pts_.erase(std::unique(pts_.begin(), pts_.end()), pts_.end());
}

int64_t FrameTable::ms(int64_t index) const {
  return ptsToMs(pts(index), startPts(), time_base_);
}

int64_t FrameTable::indexOfPts(int64_t p) const {
  auto it = std::lower_bound(pts_.begin(), pts_.end(), p);
  return (it != pts_.end() && *it == p) ? static_cast<int64_t>(it - pts_.begin()) : -1;
}

int64_t FrameTable::indexAtMs(int64_t ms) const {
  const int64_t p = msToPts(ms, startPts(), time_base_);
  auto it = std::upper_bound(pts_.begin(), pts_.end(), p);
  return static_cast<int64_t>(it - pts_.begin()) - 1;
}

namespace {

// A non-negative decimal number filling all of `s`.
std::optional<double> number(const std::string& s) {
  if (s.empty() || s.size() > 24) return std::nullopt;
  int dots = 0;
  for (char c : s) {
    if (c == '.')
      ++dots;
    else if (!std::isdigit(static_cast<unsigned char>(c)))
      return std::nullopt;
  }
  if (dots > 1 || s == ".") return std::nullopt;
  return std::strtod(s.c_str(), nullptr);
}

}  // namespace

std::optional<TimeInput> parseTimeInput(const std::string& raw) {
  std::string t;
  for (char c : lowerAscii(raw))  // a decimal comma ("7,5s", as German writes it) is a point
    if (!std::isspace(static_cast<unsigned char>(c))) t += c == ',' ? '.' : c;
  if (t.empty()) return std::nullopt;
  auto frameOf = [](const std::string& digits) -> std::optional<TimeInput> {
    const auto n = number(digits);
    if (!n || digits.find('.') != std::string::npos || *n > 1e15) return std::nullopt;
    TimeInput in;
    in.frame = static_cast<int64_t>(*n);
    return in;
  };
  if (t.rfind("frame", 0) == 0) return frameOf(t.substr(5));
  if (t[0] == 'f' || t[0] == '#') return frameOf(t.substr(1));
  if (t.back() == 'f') return frameOf(t.substr(0, t.size() - 1));
  if (t.back() == 's') t.pop_back();
  std::vector<std::string> parts{""};
  for (char c : t)
    if (c == ':')
      parts.emplace_back();
    else
      parts.back() += c;
  if (parts.size() > 3) return std::nullopt;
  double seconds = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    const auto v = number(parts[i]);
    if (!v) return std::nullopt;
    const bool last = i + 1 == parts.size();
    if (!last && parts[i].find('.') != std::string::npos) return std::nullopt;
    if (i > 0 && *v >= 60) return std::nullopt;  // minutes and seconds below a larger unit
    seconds = seconds * 60 + *v;
  }
  if (seconds > 1e9) return std::nullopt;
  TimeInput in;
  in.ms = static_cast<int64_t>(std::llround(seconds * 1000));
  return in;
}

std::string clockText(int64_t ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%s%lld:%02lld.%03lld", ms < 0 ? "-" : "",
                static_cast<long long>(std::llabs(ms) / 60000),
                static_cast<long long>(std::llabs(ms) / 1000 % 60),
                static_cast<long long>(std::llabs(ms) % 1000));
  return text;
}

}  // namespace unilearn::core
