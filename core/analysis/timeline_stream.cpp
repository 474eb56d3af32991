#include "core/analysis/timeline_stream.h"

#include <algorithm>

#include "core/analysis/analyzer.h"

namespace unilearn::core {
namespace {

// Appends `item` to `v` (ordered by `key`), or replaces the one with its key, or inserts it in
// order: appending is the common case and O(1).
template <typename T, typename Key>
void upsert(std::vector<T>& v, const T& item, Key key) {
  if (v.empty() || key(v.back()) < key(item)) {
    v.push_back(item);
    return;
  }
  auto it = std::lower_bound(v.begin(), v.end(), key(item),
                             [&](const T& a, int64_t k) { return key(a) < k; });
  if (it != v.end() && key(*it) == key(item))
    *it = item;
  else
    v.insert(it, item);
}

}  // namespace

void TimelineStream::reset(Timeline start) {
  std::lock_guard<std::mutex> lock(mutex_);
  timeline_ = std::move(start);
  started_ = true;
  changed_ = true;
}

TrackTimeline& TimelineStream::trackLocked(int64_t track_id) {
  for (auto& t : timeline_.tracks)
    if (t.track.id == track_id) return t;
  TrackTimeline t;
  t.track.id = track_id;
  t.track.media_id = timeline_.media.id;
  t.track.tracker_id = track_id;  // until addTrack says which face it is
  timeline_.tracks.push_back(std::move(t));
  return timeline_.tracks.back();
}

void TimelineStream::addTrack(const TrackRecord& track) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& t : timeline_.tracks)
    if (t.track.id == track.id) return;  // known (a resumed analysis): keep its name
  TrackTimeline t;
  t.track = track;
  timeline_.tracks.push_back(std::move(t));
  changed_ = true;
}

void TimelineStream::addWindow(const WindowPrediction& w) {
  std::lock_guard<std::mutex> lock(mutex_);
  upsert(trackLocked(w.track_id).windows, w,
         [](const WindowPrediction& x) { return x.start_frame; });
  timeline_.media.duration_ms = std::max(timeline_.media.duration_ms, w.end_ms);
  changed_ = true;
}

void TimelineStream::addFrames(const std::vector<FramePrediction>& frames) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& f : frames)
    upsert(trackLocked(f.track_id).frames, f, [](const FramePrediction& x) { return x.frame; });
  changed_ = changed_ || !frames.empty();
}

void TimelineStream::update(const std::function<void(Timeline&)>& change) {
  std::lock_guard<std::mutex> lock(mutex_);
  change(timeline_);
  started_ = true;
  changed_ = true;
}

void TimelineStream::read(const std::function<void(const Timeline&)>& look) const {
  std::lock_guard<std::mutex> lock(mutex_);
  look(timeline_);
}

AnalysisStream TimelineStream::callbacks() {
  AnalysisStream s;
  s.on_track = [this](const TrackRecord& t) { addTrack(t); };
  s.on_window = [this](const WindowPrediction& w) { addWindow(w); };
  s.on_frames = [this](const std::vector<FramePrediction>& f) { addFrames(f); };
  return s;
}

std::shared_ptr<Timeline> TimelineStream::snapshot(bool only_if_changed, int64_t from_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (only_if_changed && !changed_) return nullptr;
  changed_ = false;
  if (from_ms == std::numeric_limits<int64_t>::min()) return std::make_shared<Timeline>(timeline_);
  auto out = std::make_shared<Timeline>();
  out->media = timeline_.media;
  out->analysis = timeline_.analysis;
  out->classes = timeline_.classes;
  out->moe_blocks = timeline_.moe_blocks;
  out->annotations = timeline_.annotations;
  out->schemes = timeline_.schemes;
  out->scheme_colors = timeline_.scheme_colors;
  for (const auto& t : timeline_.tracks) {
    TrackTimeline tt;
    tt.track = t.track;
    tt.baseline_note = t.baseline_note;
    tt.frames.assign(
        std::lower_bound(t.frames.begin(), t.frames.end(), from_ms,
                         [](const FramePrediction& f, int64_t ms) { return f.ms < ms; }),
        t.frames.end());
    for (const auto& w : t.windows)
      if (w.end_ms >= from_ms) tt.windows.push_back(w);
    out->tracks.push_back(std::move(tt));
  }
  return out;
}

int64_t TimelineStream::mediaId() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return timeline_.media.id;
}

bool TimelineStream::started() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return started_;
}

}  // namespace unilearn::core
