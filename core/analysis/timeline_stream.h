// A timeline that grows while an analysis runs: the analysing thread adds what it stores (the
// callbacks of core::AnalysisStream, or a live session's own frames), a viewer takes a copy when
// something changed — the whole timeline or only its last stretch. The one way results reach the
// screen while an analysis runs, for video files and live sources alike: nothing is read back
// from the project until the analysis ends.
// Thread-safety: every method may be called from any thread (one mutex inside).
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>

#include "core/analysis/timeline.h"

namespace unilearn::core {

struct AnalysisStream;  // core/analysis/analyzer.h

class TimelineStream {
 public:
  // Starts over from what is stored already (a resumed analysis' timeline, or an empty one).
  void reset(Timeline start);
  // A track, a window or frames as stored. Windows and frames stay ordered by time on their
  // track; one with the start (frame) of one already there replaces it (a resumed analysis
  // writes its last frames again).
  void addTrack(const TrackRecord& track);
  void addWindow(const WindowPrediction& window);
  void addFrames(const std::vector<FramePrediction>& frames);
  // Any other change, under the lock (a live session's frames, its length).
  void update(const std::function<void(Timeline&)>& change);

  // Reads under the lock without counting as a change (a live overlay's last frames).
  void read(const std::function<void(const Timeline&)>& look) const;

  // The callbacks that feed this stream from an analysis (on_start: the caller's `reset`);
  // include core/analysis/analyzer.h to call it.
  AnalysisStream callbacks();

  // A copy of everything with time >= `from_ms` (frames by their time, windows by their end),
  // or none when nothing changed since the last snapshot and `only_if_changed`.
  std::shared_ptr<Timeline> snapshot(bool only_if_changed = false,
                                     int64_t from_ms = std::numeric_limits<int64_t>::min());
  int64_t mediaId() const;
  bool started() const;

 private:
  TrackTimeline& trackLocked(int64_t track_id);

  mutable std::mutex mutex_;
  Timeline timeline_;
  bool started_ = false;
  bool changed_ = false;
};

}  // namespace unilearn::core
