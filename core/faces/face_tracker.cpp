#include "core/faces/face_tracker.h"

#include <cmath>

#include "core/faces/assignment.h"

namespace unilearn::core {
namespace {

constexpr double kForbidden = 1e9;

cv::Point2f centre(const cv::Rect2f& r) {
  return {r.x + r.width / 2, r.y + r.height / 2};
}

double norm(const cv::Point2f& p) {
  return std::sqrt(p.x * p.x + p.y * p.y);
}

}  // namespace

FaceDetection FaceTracker::predict(const Track& t, int64_t frame) const {
  // Extrapolate at most a few frames: velocity is noisy, and a face unseen for longer has as
  // likely stopped as kept going.
  const float dt = static_cast<float>(std::min<int64_t>(frame - t.last_frame, 3));
  FaceDetection p = t.last;
  const cv::Point2f shift = t.velocity * dt;
  const float grow = t.size_velocity * dt;
  const float scale =
      t.last.box.width > 0 ? std::max(0.5f, (t.last.box.width + grow) / t.last.box.width) : 1.0f;
  const cv::Point2f c = centre(t.last.box) + shift;
  p.box = cv::Rect2f(c.x - t.last.box.width * scale / 2, c.y - t.last.box.height * scale / 2,
                     t.last.box.width * scale, t.last.box.height * scale);
  for (auto& k : p.keypoints)
    k = c + (k - centre(t.last.box)) * scale;
  return p;
}

double FaceTracker::cost(const FaceDetection& p, const FaceDetection& d, int64_t unseen) const {
  const double size = std::max(1.0f, std::max(p.box.width, d.box.width));
  const double dist = norm(centre(p.box) - centre(d.box)) / size;
  const double overlap = iou(p.box, d.box);
  // The longer a face was unseen, the farther it may have moved.
  const double gate = options_.max_distance * (1.0 + 0.25 * static_cast<double>(unseen - 1));
  if (overlap <= 0.0 && dist > gate) return kForbidden;
  double kp = 0;
  for (size_t k = 0; k < p.keypoints.size(); ++k)
    kp += norm(p.keypoints[k] - d.keypoints[k]);
  kp /= static_cast<double>(p.keypoints.size()) * size;
  return (1.0 - overlap) + options_.distance_weight * dist + options_.keypoint_weight * kp;
}

std::vector<TrackedFace> FaceTracker::update(int64_t frame,
                                             const std::vector<FaceDetection>& faces) {
  std::vector<std::vector<double>> costs(tracks_.size(), std::vector<double>(faces.size()));
  for (size_t t = 0; t < tracks_.size(); ++t) {
    const FaceDetection p = predict(tracks_[t], frame);
    for (size_t d = 0; d < faces.size(); ++d)
      costs[t][d] = cost(p, faces[d], frame - tracks_[t].last_frame);
  }
  const std::vector<int> match = solveAssignment(costs, kForbidden);
  std::vector<TrackedFace> out(faces.size());
  std::vector<char> taken(faces.size(), 0);
  for (size_t t = 0; t < tracks_.size(); ++t) {
    const int d = match[t];
    if (d < 0) continue;
    Track& tr = tracks_[t];
    const float dt = static_cast<float>(std::max<int64_t>(1, frame - tr.last_frame));
    const cv::Point2f v = (centre(faces[d].box) - centre(tr.last.box)) / dt;
    const float sv = (faces[d].box.width - tr.last.box.width) / dt;
    // Smoothed constant-velocity model.
    tr.velocity = tr.velocity * 0.5f + v * 0.5f;
    tr.size_velocity = tr.size_velocity * 0.5f + sv * 0.5f;
    tr.last = faces[d];
    tr.last_frame = frame;
    out[d] = {tr.id, faces[d]};
    taken[d] = 1;
  }
  // Tracks unseen for too long end; unmatched detections start new tracks.
  std::vector<Track> alive;
  for (auto& t : tracks_)
    if (frame - t.last_frame <= options_.max_misses) alive.push_back(t);
  tracks_ = std::move(alive);
  for (size_t d = 0; d < faces.size(); ++d) {
    if (taken[d]) continue;
    tracks_.push_back({next_id_, faces[d], frame});
    out[d] = {next_id_++, faces[d]};
  }
  return out;
}

}  // namespace unilearn::core
