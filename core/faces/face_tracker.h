// Persistent face identities across frames: each frame's detections are matched to the tracks'
// motion-predicted boxes by a minimum-cost assignment over overlap, centre distance and keypoint
// distance. Tracks survive short misses (occlusion, a missed detection); there is no cap on the
// number of faces. Track ids are stable and never reused within a tracker.
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <vector>

#include "core/faces/face_detector.h"

namespace unilearn::core {

struct TrackerOptions {
  int max_misses = 15;           // frames a track may go unseen before it ends
  double max_distance = 1.0;     // centre distance gate, in face sizes
  double keypoint_weight = 0.5;  // weight of the mean keypoint distance (in face sizes)
  double distance_weight = 1.0;  // weight of the centre distance (in face sizes)
};

struct TrackedFace {
  int64_t track_id = -1;
  FaceDetection face;
};

class FaceTracker {
 public:
  explicit FaceTracker(TrackerOptions options = {}) : options_(options) {}

  // Feed the detections of consecutive processed frames (`frame_index` increasing; gaps allowed
  // when frames are skipped). Returns the detections with their track ids.
  std::vector<TrackedFace> update(int64_t frame_index, const std::vector<FaceDetection>& faces);

  // Tracks currently alive (seen within max_misses frames).
  int64_t activeTracks() const { return static_cast<int64_t>(tracks_.size()); }

 private:
  struct Track {
    int64_t id;
    FaceDetection last;
    int64_t last_frame;
    cv::Point2f velocity{0, 0};  // box centre, pixels per frame
    float size_velocity = 0;     // box width, pixels per frame
  };
  FaceDetection predict(const Track& t, int64_t frame) const;
  double cost(const FaceDetection& predicted, const FaceDetection& d, int64_t unseen) const;

  TrackerOptions options_;
  std::vector<Track> tracks_;
  int64_t next_id_ = 1;
};

}  // namespace unilearn::core
