// Issue 6, view 3: expert usage over time. One row per MoE layer, each a stacked area of the
// experts' shares of the tokens along the session (one step per clip window), over the same time
// range as the emotion timeline (follow its rangeChanged) with the same playhead. When more
// windows fall in the range than there are pixel columns, each column shows their mean.
// Thread-safety: GUI thread only.
#pragma once

#include <QPixmap>
#include <QWidget>
#include <vector>

#include "core/storage/project.h"

namespace unilearn::ui {

class ExpertUsageChart : public QWidget {
  Q_OBJECT

 public:
  explicit ExpertUsageChart(QWidget* parent = nullptr);

  // The windows of one person (ordered by start), the MoE blocks (labels), whose lane this is.
  void setWindows(std::vector<core::WindowPrediction> windows, std::vector<int> blocks,
                  const QString& person);
  void setRange(double t0_ms, double t1_ms);
  void setPlayhead(qint64 ms);
  double rangeStart() const { return t0_; }
  double rangeEnd() const { return t1_; }

  int layers() const;
  // The shares of a layer at `ms`: the window covering `ms` whose middle is nearest (empty where
  // no window is). Zoomed out, a pixel column shows the mean of the windows centred in it.
  std::vector<float> usageAt(int layer, double ms) const;
  QString toCsv() const;  // start_ms,end_ms,layer,block,expert,share
  bool exportPicture(const QString& path);

 signals:
  void seekRequested(qint64 ms);

 protected:
  void paintEvent(QPaintEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;

 private:
  void drawContent(QPainter& p);  // everything but the playhead; cached in a pixmap
  void invalidate();
  QRectF rowRect(int layer) const;
  double xAt(double ms) const;
  double msAt(double x) const;

  std::vector<core::WindowPrediction> windows_;
  std::vector<int> blocks_;
  QString person_;
  double t0_ = 0, t1_ = 1000;
  qint64 playhead_ = -1;
  QPixmap cache_;
};

}  // namespace unilearn::ui
