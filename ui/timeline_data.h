// What the timeline draws, prepared from a core::Timeline without Qt: per person the clip
// model's class probabilities and confidence over time (at each window's centre), the top-class
// band, and the static model's per-frame curves mapped onto the clip classes by name; plus the
// decimation that feeds a chart only what is visible (min and max per pixel column).
// Thread-safety: plain values; build on a worker thread, hand to the GUI by value.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/analysis/timeline.h"

namespace unilearn::ui {

// Samples sorted by time.
struct Series {
  std::vector<int64_t> ms;
  std::vector<float> value;
  size_t size() const { return ms.size(); }
};

struct Segment {
  int64_t start_ms = 0, end_ms = 0;
  int label = 0;  // index into the lane's class names
};

struct Mark {  // a human annotation on the timeline
  int64_t id = 0, start_ms = 0, end_ms = 0;
  int label = 0;  // index in its scheme's labels (the palette colour)
  std::string label_name, annotator, note;
  std::string color;  // the scheme's own "#rrggbb" for this label, if it has one
};

struct Lane {
  int64_t track_id = 0;       // project track id
  std::string person;         // name or "face N"
  std::vector<Series> probs;  // one per clip class
  Series confidence;
  std::vector<Series> static_probs;  // one per clip class; empty series where no static class maps
  std::vector<Segment> top;          // consecutive windows with the same top class merged
  std::vector<Mark> marks;           // annotations of this person and of the whole video
  // Where the model is unsure (a window's top class below kUnsure): greyed on the timeline.
  // Each window owns the time from halfway to its neighbours' centres.
  std::vector<std::pair<int64_t, int64_t>> unsure;
  // Where the face itself is poor (small, turned or a doubtful detection: core::faceQuality):
  // the curves are greyed there. Each frame owns the time from halfway to its neighbours.
  std::vector<std::pair<int64_t, int64_t>> poor_face;
  // Face movements (AU-like scores from the blendshapes, one per faceMovements() entry); empty
  // series when the analysis computed no blendshapes.
  std::vector<Series> movements;
};

// The face movements the timeline can draw over each lane: smile, brows, jaw, blinks.
struct FaceMovement {
  const char* name;  // "smile (AU12)"
  int action_unit;   // the AU-like score it draws (core/faces/action_units.h)
  const char* color;
};
const std::vector<FaceMovement>& faceMovements();

constexpr float kUnsure = 0.5f;  // as the overlay's "unsure:" (emotion_palette.h)

struct TimelineData {
  std::vector<std::string> classes;
  std::vector<Lane> lanes;
  int64_t duration_ms = 0;
  int64_t fps_num = 30, fps_den = 1;
  std::vector<std::string> annotators;       // everyone who annotated this video
  std::string frame_model = "static model";  // what made the per-frame curves (frameEngineName)
};

TimelineData timelineData(const core::Timeline& timeline);

// Points to draw for `s` over [t0, t1] at `columns` pixel columns: every sample when there are
// few, otherwise per column its minimum and maximum in time order, so peaks survive; one
// sample either side of the range keeps lines running off the edges.
std::vector<std::pair<double, float>> visiblePoints(const Series& s, double t0, double t1,
                                                    int columns);

// Mean per column (for stacked areas, where envelopes do not stack), same edges as above.
std::vector<std::pair<double, float>> visibleMeans(const Series& s, double t0, double t1,
                                                   int columns);

}  // namespace unilearn::ui
