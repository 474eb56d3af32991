#include "ui/timeline_view.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QSvgGenerator>
#include <QVBoxLayout>
#include <algorithm>
#include <map>

#include "ui/emotion_palette.h"
#include "ui/lane_chart.h"

namespace unilearn::ui {

TimelineView::TimelineView(QWidget* parent) : QWidget(parent) {
  layout_ = new QVBoxLayout(this);
  layout_->setContentsMargins(0, 0, 0, 0);
  layout_->setSpacing(2);
  setFocusPolicy(Qt::StrongFocus);
  repaint_.setInterval(33);
  connect(&repaint_, &QTimer::timeout, this, [this] {
    if (dirty_) rebuildNow();
  });
  repaint_.start();
  setData({});
}

TimelineView::~TimelineView() = default;

void TimelineView::setData(TimelineData data) {
  const bool was_all = t0_ <= 0 && t1_ >= static_cast<double>(data_.duration_ms);
  // Same people and classes: keep the charts (live growth); otherwise build them again.
  bool same_lanes = data.classes == data_.classes && data.lanes.size() == data_.lanes.size() &&
                    data.frame_model == data_.frame_model;
  for (size_t i = 0; same_lanes && i < data.lanes.size(); ++i)
    same_lanes = data.lanes[i].person == data_.lanes[i].person;
  data_ = std::move(data);
  if (!same_lanes || lanes_.empty()) {
    for (LaneChart* l : lanes_)
      delete l;
    lanes_.clear();
    QLayoutItem* item;
    while ((item = layout_->takeAt(0)) != nullptr) {
      delete item->widget();
      delete item;
    }
    // A legend of the class colours, once for all lanes.
    QString legend;
    for (size_t c = 0; c < data_.classes.size(); ++c)
      legend += QString("<span style='color:%1'>&#9632;</span>&nbsp;%2&nbsp;&nbsp; ")
                    .arg(emotionColor(data_.classes[c]).name(),
                         QString::fromStdString(data_.classes[c]).toHtmlEscaped());
    if (!data_.classes.empty()) legend += tr("<span style='color:#555'>&#8943; confidence</span>");
    if (!data_.lanes.empty())
      legend += tr("&nbsp;&nbsp;<span style='color:#777'>per frame: %1</span>")
                    .arg(QString::fromStdString(data_.frame_model));
    if (!data_.lanes.empty())
      legend +=
          tr("&nbsp;&nbsp;<span style='color:#aaa'>&#9632;</span>&nbsp;<span "
             "style='color:#777'>face small, turned or doubtful</span>");
    auto* legend_label = new QLabel(legend);
    legend_label->setTextFormat(Qt::RichText);
    legend_label->setWordWrap(true);  // a long legend wraps instead of widening the timeline
    layout_->addWidget(legend_label);
    if (data_.lanes.empty()) {
      auto* empty = new QLabel(tr("No analysis yet: analyse this video to see its timeline."));
      empty->setAlignment(Qt::AlignCenter);
      layout_->addWidget(empty);
    }
    for (size_t i = 0; i < data_.lanes.size(); ++i) {
      lanes_.push_back(new LaneChart(this, static_cast<int>(i), this));
      layout_->addWidget(lanes_.back());
    }
  }
  if (was_all || t1_ <= t0_) {
    t0_ = 0;
    t1_ = std::max<double>(1000.0, static_cast<double>(data_.duration_ms));
  }
  scheduleRebuild();
}

void TimelineView::setPlayhead(qint64 ms) {
  if (ms == playhead_) return;
  playhead_ = ms;
  // Keep the playhead in view while playing: page forward when it leaves the range.
  if (static_cast<double>(ms) > t1_ || static_cast<double>(ms) < t0_) {
    const double w = t1_ - t0_;
    setRange(static_cast<double>(ms) - 0.1 * w, static_cast<double>(ms) + 0.9 * w);
  }
  for (LaneChart* l : lanes_)
    l->viewport()->update();
}

void TimelineView::setRange(double t0, double t1) {
  const double duration = std::max<double>(1000.0, static_cast<double>(data_.duration_ms));
  double w = std::clamp(t1 - t0, 200.0, duration);
  t0 = std::clamp(t0, 0.0, duration - w);
  if (t0 == t0_ && t0 + w == t1_) return;
  t0_ = t0;
  t1_ = t0 + w;
  scheduleRebuild();
  emit rangeChanged(t0_, t1_);
}

void TimelineView::zoom(double factor, double around) {
  setRange(around - (around - t0_) * factor, around + (t1_ - around) * factor);
}

void TimelineView::setAnnotators(const std::string& first, const std::string& second) {
  first_annotator_ = first;
  second_annotator_ = second;
  for (LaneChart* l : lanes_)
    l->viewport()->update();
}

void TimelineView::setSelection(qint64 start_ms, qint64 end_ms) {
  sel_start_ = start_ms;
  sel_end_ = end_ms;
  for (LaneChart* l : lanes_)
    l->viewport()->update();
}

bool TimelineView::exportFigure(const QString& path, int width) const {
  TimelineView copy;
  copy.setAttribute(Qt::WA_DontShowOnScreen);
  copy.setData(data_);
  copy.stacked_ = stacked_;
  copy.static_overlay_ = static_overlay_;
  copy.movements_ = movements_;
  copy.first_annotator_ = first_annotator_;
  copy.second_annotator_ = second_annotator_;
  copy.playhead_ = -1;  // no playhead in a figure
  const int height = 48 + kFigureLaneHeight * std::max(1, static_cast<int>(data_.lanes.size()));
  copy.resize(width, height);
  copy.show();
  copy.setRange(t0_, t1_);
  copy.rebuildNow();
  QCoreApplication::processEvents();  // the lanes' layout at the figure's size
  if (path.endsWith(".svg", Qt::CaseInsensitive)) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(copy.size());
    svg.setViewBox(QRect(QPoint(0, 0), copy.size()));
    svg.setTitle(tr("UniLearn Studio timeline"));
    QPainter p;
    if (!p.begin(&svg)) return false;
    copy.render(&p);
    return p.end();
  }
  return copy.grab().save(path);
}

void TimelineView::setSelectionTrack(std::optional<int64_t> track_id) {
  sel_track_ = track_id;
  for (LaneChart* l : lanes_)
    l->viewport()->update();
}

void TimelineView::setStacked(bool stacked) {
  stacked_ = stacked;
  scheduleRebuild();
}

void TimelineView::setStaticOverlay(bool on) {
  static_overlay_ = on;
  scheduleRebuild();
}

void TimelineView::setFaceMovements(bool on) {
  movements_ = on;
  scheduleRebuild();
}

double TimelineView::msAt(double x, double plot_left, double plot_width) const {
  return t0_ + (x - plot_left) / std::max(1.0, plot_width) * (t1_ - t0_);
}

void TimelineView::scheduleRebuild() {
  dirty_ = true;
}

double TimelineView::rebuildNow() {
  QElapsedTimer timer;
  timer.start();
  dirty_ = false;
  for (LaneChart* l : lanes_)
    l->rebuild();
  return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

int TimelineView::pointCount(int lane, int cls) const {
  return lanes_.at(static_cast<size_t>(lane))->pointCount(cls);
}

void TimelineView::keyPressEvent(QKeyEvent* e) {
  const int key = e->key();
  if (key == Qt::Key_Plus || key == Qt::Key_Equal || key == Qt::Key_Minus) {
    zoom(key == Qt::Key_Minus ? 1.25 : 0.8, (t0_ + t1_) / 2);
    return;
  }
  // The keys that move the visible range, and where to: a fifth of a view back or on, the
  // start, the end, or the whole video (0).
  const double w = t1_ - t0_, end = static_cast<double>(data_.duration_ms);
  const std::map<int, std::pair<double, double>> moves = {
      {Qt::Key_Left, {t0_ - 0.2 * w, t1_ - 0.2 * w}},
      {Qt::Key_Right, {t0_ + 0.2 * w, t1_ + 0.2 * w}},
      {Qt::Key_Home, {0, w}},
      {Qt::Key_End, {end - w, end}},
      {Qt::Key_0, {0, end}}};
  const auto to = moves.find(key);
  if (to == moves.end()) {
    QWidget::keyPressEvent(e);
    return;
  }
  setRange(to->second.first, to->second.second);
}

}  // namespace unilearn::ui
