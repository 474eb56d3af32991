// One person's lane of the timeline: a Qt Charts view (class probabilities, confidence, static
// overlay) above a band of top classes, both mapped to the timeline's visible range, with the
// playhead drawn over them. Mouse: wheel zooms around the cursor, drag pans, click seeks.
// Thread-safety: GUI thread only.
#pragma once

#include <QChartView>
#include <QLineSeries>
#include <QPixmap>
#include <vector>

#include "ui/lane_host.h"
#include "ui/timeline_data.h"

namespace unilearn::ui {

class LaneChart : public QChartView {
  Q_OBJECT

 public:
  LaneChart(LaneHost* timeline, int lane, QWidget* parent = nullptr);

  // Re-feeds the series with what is visible at the current width.
  void rebuild();
  int pointCount(int cls) const;
  QRectF plotArea() const;
  // Band i under the plot: 0 the model's top classes, 1 and 2 the annotators' rows.
  QRectF bandRect(int i) const;
  // What hovering `pos` (viewport pixels) shows: an annotation's label, annotator, times and
  // note on the annotators' rows; empty elsewhere.
  QString markTipAt(QPointF pos) const;

 protected:
  void paintEvent(QPaintEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;
  void wheelEvent(QWheelEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  bool viewportEvent(QEvent* e) override;

 private:
  void build();
  void drawOverlay(QPainter* painter);  // the band of top classes and the playhead
  const Lane& data() const;

  LaneHost* timeline_;
  int lane_;
  bool stacked_ = false;
  std::vector<QLineSeries*> lines_;      // per class (upper edges when stacked)
  std::vector<QLineSeries*> statics_;    // per class, dashed
  std::vector<QLineSeries*> lowers_;     // stacked mode: lower edges
  std::vector<QLineSeries*> movements_;  // per faceMovements() entry
  QLineSeries* confidence_ = nullptr;
  QPoint press_;
  double press_t0_ = 0, press_t1_ = 0;
  bool dragging_ = false;
  int64_t edge_mark_ = -1;  // annotation whose edge is being dragged
  bool edge_start_ = false;
  double edge_x_ = 0;
  QPixmap cache_;  // the rendered chart, redrawn only when it changes
  bool cache_dirty_ = true;
};

}  // namespace unilearn::ui
