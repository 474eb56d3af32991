#include "core/media/frame_time.h"

#include <algorithm>

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

}  // namespace unilearn::core
