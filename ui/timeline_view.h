// The emotion timeline: one lane per person with the clip model's class probabilities (lines or
// stacked areas), its confidence, optionally the static model's per-frame curves and the face
// movements (smile, brows, jaw, blinks from the blendshapes), and a band of
// top classes; a playhead; zoom (wheel, +/-), pan (drag, arrow keys) and click-to-seek. Charts
// get only what is visible (min/max per pixel column) and are rebuilt on a 33 ms timer, never
// per result, so an hour at 30 fps stays fluid and a running analysis can feed it live.
// Thread-safety: GUI thread only.
#pragma once

#include <QTimer>
#include <QWidget>
#include <cstdint>
#include <optional>
#include <string>

#include "ui/lane_host.h"
#include "ui/timeline_data.h"

class QVBoxLayout;

namespace unilearn::ui {

class LaneChart;

class TimelineView : public QWidget, public LaneHost {
  Q_OBJECT

 public:
  explicit TimelineView(QWidget* parent = nullptr);
  ~TimelineView() override;

  // Replaces what is shown (a new video, or more results of a running analysis). Keeps the
  // visible range unless it was showing everything.
  void setData(TimelineData data);
  const TimelineData& data() const override { return data_; }

  void setPlayhead(qint64 ms);
  qint64 playhead() const override { return playhead_; }

  // Visible time range in ms; clamped to the data's duration, at least 200 ms wide.
  void setRange(double t0, double t1) override;
  double rangeStart() const override { return t0_; }
  double rangeEnd() const override { return t1_; }
  void zoom(double factor, double around_ms) override;

  void setStacked(bool stacked);
  bool stacked() const override { return stacked_; }
  void setStaticOverlay(bool on);
  bool staticOverlay() const override { return static_overlay_; }
  // Smile, brows, jaw and blinks (faceMovements()) over each lane, where there are blendshapes.
  void setFaceMovements(bool on);
  bool faceMovements() const override { return movements_; }

  // Annotation rows under each lane: `first`'s segments, and `second`'s to compare (may be "").
  void setAnnotators(const std::string& first, const std::string& second);
  const std::string& firstAnnotator() const override { return first_annotator_; }
  const std::string& secondAnnotator() const override { return second_annotator_; }
  // The in/out selection drawn over the lanes (ms; -1 for none).
  void setSelection(qint64 start_ms, qint64 end_ms);
  qint64 selectionStart() const override { return sel_start_; }
  qint64 selectionEnd() const override { return sel_end_; }
  // Whose lane the selection is drawn on (the person its label will go to); none: every lane (a
  // label for the whole video).
  void setSelectionTrack(std::optional<int64_t> track_id);
  std::optional<int64_t> selectionTrack() const override { return sel_track_; }

  // Colour of a class (also used by the band and by other views).

  // The timeline as a figure of its own size, not the window's: the same data, range and display
  // choices drawn `width` px wide with kFigureLaneHeight px per person (titles and legend never
  // clipped by a small window); SVG by the suffix, else PNG. False when it cannot be written.
  bool exportFigure(const QString& path, int width = 1600) const;
  static constexpr int kFigureLaneHeight = 260;

  // Rebuilds the charts now (normally done by the timer); returns how long it took in ms.
  double rebuildNow();
  int laneCount() const { return static_cast<int>(lanes_.size()); }
  LaneChart* lane(int i) const { return lanes_.at(static_cast<size_t>(i)); }
  // Points currently handed to lane `i`'s chart for class `c` (tests, benchmarks).
  int pointCount(int lane, int cls) const;

  // LaneHost: what the lanes ask for.
  double msAt(double x, double plot_left, double plot_width) const override;
  void requestSeek(qint64 ms) override { emit seekRequested(ms); }
  void moveAnnotationEdge(qint64 annotation_id, bool start_edge, qint64 ms) override {
    emit annotationEdgeMoved(annotation_id, start_edge, ms);
  }
  void scheduleRebuild() override;

 signals:
  void seekRequested(qint64 ms);
  // An annotation edge dragged to `ms` (the start edge, or the end edge).
  void annotationEdgeMoved(qint64 annotation_id, bool start_edge, qint64 ms);
  void rangeChanged(double t0, double t1);

 protected:
  void keyPressEvent(QKeyEvent* e) override;

 private:
  TimelineData data_;
  std::vector<LaneChart*> lanes_;
  QVBoxLayout* layout_ = nullptr;
  QTimer repaint_;
  bool dirty_ = false;
  double t0_ = 0, t1_ = 1000;
  qint64 playhead_ = 0;
  bool stacked_ = false, static_overlay_ = false, movements_ = false;
  std::string first_annotator_, second_annotator_;
  qint64 sel_start_ = -1, sel_end_ = -1;
  std::optional<int64_t> sel_track_;
};

}  // namespace unilearn::ui
