// The interface between a timeline lane (LaneChart) and the timeline that holds it
// (TimelineView), so that each depends on this and not on the other. Thread-safety: GUI thread.
#pragma once

#include <QtGlobal>
#include <cstdint>
#include <optional>
#include <string>

#include "ui/timeline_data.h"

namespace unilearn::ui {

// What a lane reads from and asks of the timeline that holds it (TimelineView implements it), so
// that the lane does not depend on the timeline's class: the shared range, playhead, selection
// and display choices, and the requests its mouse makes.
class LaneHost {
 public:
  virtual ~LaneHost() = default;
  virtual const TimelineData& data() const = 0;
  virtual double rangeStart() const = 0;
  virtual double rangeEnd() const = 0;
  virtual qint64 playhead() const = 0;
  virtual qint64 selectionStart() const = 0;
  virtual qint64 selectionEnd() const = 0;
  virtual std::optional<int64_t> selectionTrack() const = 0;
  virtual const std::string& firstAnnotator() const = 0;
  virtual const std::string& secondAnnotator() const = 0;
  virtual bool stacked() const = 0;
  virtual bool staticOverlay() const = 0;
  virtual bool faceMovements() const = 0;
  // Pixel x in a lane's plot area <-> ms.
  virtual double msAt(double x, double plot_left, double plot_width) const = 0;
  virtual void zoom(double factor, double around_ms) = 0;
  virtual void setRange(double t0, double t1) = 0;
  virtual void requestSeek(qint64 ms) = 0;
  virtual void moveAnnotationEdge(qint64 annotation_id, bool start_edge, qint64 ms) = 0;
  virtual void scheduleRebuild() = 0;
};

}  // namespace unilearn::ui
