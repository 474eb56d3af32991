// Exact media time: integer timestamps in a rational time base, and the one place where frame
// index <-> pts <-> milliseconds conversions live. No FFmpeg types in the interface.
// Thread-safety: plain values; a FrameTable is immutable once built.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace unilearn::core {

struct Rational {
  int64_t num = 0;
  int64_t den = 1;
  double toDouble() const {
    return den ? static_cast<double>(num) / static_cast<double>(den) : 0.0;
  }
  bool valid() const { return num > 0 && den > 0; }
};

// a * b / c rounded to nearest, without overflow for media-sized values (128-bit intermediate).
int64_t rescale(int64_t a, int64_t b, int64_t c);

// pts (in `time_base` units, relative to `start_pts`) -> milliseconds, rounded to nearest.
int64_t ptsToMs(int64_t pts, int64_t start_pts, Rational time_base);
int64_t msToPts(int64_t ms, int64_t start_pts, Rational time_base);

// Presentation timestamps of every frame of a stream, sorted: frame index N is the N-th frame
// shown. Built from the container's packets (no decoding).
class FrameTable {
 public:
  FrameTable() = default;
  FrameTable(std::vector<int64_t> pts, Rational time_base);

  int64_t size() const { return static_cast<int64_t>(pts_.size()); }
  int64_t pts(int64_t index) const { return pts_.at(static_cast<size_t>(index)); }
  int64_t ms(int64_t index) const;
  // Index of the frame with exactly this pts, or -1.
  int64_t indexOfPts(int64_t pts) const;
  // Index of the frame shown at `ms` (the last frame starting at or before it), or -1 before
  // the first frame.
  int64_t indexAtMs(int64_t ms) const;
  Rational timeBase() const { return time_base_; }
  int64_t startPts() const { return pts_.empty() ? 0 : pts_.front(); }

 private:
  std::vector<int64_t> pts_;
  Rational time_base_;
};

// Where a person typed to go: a time or a frame. Times: "1:02:03.250" (ELAN's h:mm:ss.mmm),
// "2:03.5", "7.5s", "7,5s", "7.5" or "7" (plain numbers are seconds; a decimal comma is a
// point); frames: "f250", "250f" or "frame 250". Nothing for anything else (negative, garbage,
// minutes or seconds past 59).
struct TimeInput {
  std::optional<int64_t> ms, frame;
};
std::optional<TimeInput> parseTimeInput(const std::string& text);

// Media time as the player, the CLI and messages write it: m:ss.mmm (minutes unbounded).
std::string clockText(int64_t ms);

}  // namespace unilearn::core
