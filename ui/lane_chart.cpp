#include "ui/lane_chart.h"

#include <QAreaSeries>
#include <QChart>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QValueAxis>
#include <QWheelEvent>
#include <algorithm>

#include "ui/emotion_palette.h"

namespace unilearn::ui {
namespace {

constexpr int kBandHeight = 14;
constexpr int kBands = 3;  // the model's top classes, then two annotators' rows

QList<QPointF> toPoints(const std::vector<std::pair<double, float>>& v) {
  QList<QPointF> out;
  out.reserve(static_cast<qsizetype>(v.size()));
  for (const auto& [ms, value] : v)
    out.append(QPointF(ms / 1000.0, value));  // the x axis is in seconds
  return out;
}

}  // namespace

LaneChart::LaneChart(LaneHost* timeline, int lane, QWidget* parent)
    : QChartView(parent), timeline_(timeline), lane_(lane) {
  setRenderHint(QPainter::Antialiasing, false);  // thousands of segments: keep it cheap
  setMinimumHeight(190);
  setFocusPolicy(Qt::NoFocus);
  build();
  // Charts lay out lazily: whatever changes in the scene later invalidates the cached picture.
  // (The view keeps one scene across setChart(), so this is connected once.)
  connect(scene(), &QGraphicsScene::changed, this, [this] {
    cache_dirty_ = true;
    viewport()->update();
  });
}

const Lane& LaneChart::data() const {
  return timeline_->data().lanes.at(static_cast<size_t>(lane_));
}

void LaneChart::build() {
  auto* chart = new QChart;
  chart->legend()->hide();
  chart->setMargins(QMargins(4, 4, 4, kBands * kBandHeight + 6));
  chart->setBackgroundRoundness(0);
  chart->setTitle(QString::fromStdString(data().person));
  QFont f = chart->titleFont();
  f.setPointSizeF(f.pointSizeF() * 0.9);
  f.setBold(true);
  chart->setTitleFont(f);
  auto* x = new QValueAxis;
  x->setLabelFormat("%.1f s");
  auto* y = new QValueAxis;
  y->setRange(0, 1);
  y->setTickCount(3);
  y->setLabelFormat("%.1f");
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  stacked_ = timeline_->stacked();
  const size_t n = timeline_->data().classes.size();
  lines_.clear();
  lowers_.clear();
  statics_.clear();
  for (size_t c = 0; c < n; ++c) {
    const QColor color = emotionColor(timeline_->data().classes[c]);
    auto* line = new QLineSeries;
    line->setName(QString::fromStdString(timeline_->data().classes[c]));
    lines_.push_back(line);
    if (stacked_) {
      auto* lower = new QLineSeries;
      lowers_.push_back(lower);
      auto* area = new QAreaSeries(line, lower);
      area->setName(line->name());
      QColor fill = color;
      fill.setAlpha(170);
      area->setBrush(fill);
      area->setPen(Qt::NoPen);
      chart->addSeries(area);
      area->attachAxis(x);
      area->attachAxis(y);
    } else {
      line->setPen(QPen(color, 1));
      chart->addSeries(line);
      line->attachAxis(x);
      line->attachAxis(y);
    }
    auto* st = new QLineSeries;
    QColor faint = color;
    faint.setAlpha(110);
    st->setPen(QPen(faint, 1));  // thin solid pens: wide or dashed ones cost 10x to draw
    st->setVisible(timeline_->staticOverlay());
    chart->addSeries(st);
    st->attachAxis(x);
    st->attachAxis(y);
    statics_.push_back(st);
  }
  movements_.clear();
  for (const auto& m : faceMovements()) {
    auto* line = new QLineSeries;
    line->setName(QString::fromUtf8(m.name));
    line->setPen(QPen(QColor(m.color), 1.5));
    line->setVisible(timeline_->faceMovements());
    chart->addSeries(line);
    line->attachAxis(x);
    line->attachAxis(y);
    movements_.push_back(line);
  }
  confidence_ = new QLineSeries;
  confidence_->setName(tr("confidence"));
  confidence_->setPen(QPen(QColor(30, 30, 30, 150), 1));
  chart->addSeries(confidence_);
  confidence_->attachAxis(x);
  confidence_->attachAxis(y);
  QChart* old = this->chart();
  setChart(chart);
  delete old;
  cache_dirty_ = true;
}

QRectF LaneChart::plotArea() const {
  return chart()->plotArea();
}

QRectF LaneChart::bandRect(int i) const {
  const QRectF plot = plotArea();
  return QRectF(plot.left(), plot.bottom() + 22 + i * kBandHeight, plot.width(), kBandHeight - 3);
}

int LaneChart::pointCount(int cls) const {
  return static_cast<int>(lines_.at(static_cast<size_t>(cls))->count());
}

void LaneChart::rebuild() {
  if (stacked_ != timeline_->stacked()) build();
  const Lane& lane = data();
  const double t0 = timeline_->rangeStart(), t1 = timeline_->rangeEnd();
  // One column per two pixels: a line drawn from min/max pairs looks the same, at half the cost.
  const int columns = std::max(1, static_cast<int>(plotArea().width() / 2));
  auto* x = qobject_cast<QValueAxis*>(chart()->axes(Qt::Horizontal).value(0));
  x->setRange(t0 / 1000.0, t1 / 1000.0);
  if (stacked_) {
    std::vector<float> below;
    for (size_t c = 0; c < lines_.size(); ++c) {
      const auto m = visibleMeans(lane.probs[c], t0, t1, columns);
      if (below.size() != m.size()) below.assign(m.size(), 0.0f);
      QList<QPointF> upper, lower;
      for (size_t i = 0; i < m.size(); ++i) {
        lower.append(QPointF(m[i].first / 1000.0, below[i]));
        below[i] += m[i].second;
        upper.append(QPointF(m[i].first / 1000.0, below[i]));
      }
      lines_[c]->replace(upper);
      lowers_[c]->replace(lower);
    }
  } else {
    for (size_t c = 0; c < lines_.size(); ++c)
      lines_[c]->replace(toPoints(visiblePoints(lane.probs[c], t0, t1, columns)));
  }
  for (size_t c = 0; c < statics_.size(); ++c) {
    statics_[c]->setVisible(timeline_->staticOverlay());
    if (timeline_->staticOverlay())
      statics_[c]->replace(toPoints(visiblePoints(lane.static_probs[c], t0, t1, columns)));
    else
      statics_[c]->clear();
  }
  for (size_t k = 0; k < movements_.size(); ++k) {
    const bool on =
        timeline_->faceMovements() && k < lane.movements.size() && lane.movements[k].size() > 0;
    movements_[k]->setVisible(on);
    if (on)
      movements_[k]->replace(toPoints(visiblePoints(lane.movements[k], t0, t1, columns)));
    else
      movements_[k]->clear();
  }
  confidence_->replace(toPoints(visiblePoints(lane.confidence, t0, t1, columns)));
  cache_dirty_ = true;
  viewport()->update();
}

// The chart is drawn once into a pixmap whenever it changes; moving the playhead then costs a
// blit and a line, not a redraw of thousands of segments.
void LaneChart::paintEvent(QPaintEvent*) {
  const qreal dpr = viewport()->devicePixelRatioF();
  const QSize size = viewport()->size() * dpr;
  if (cache_dirty_ || cache_.size() != size) {
    cache_ = QPixmap(size);
    cache_.setDevicePixelRatio(dpr);
    cache_.fill(Qt::white);
    QPainter cp(&cache_);
    scene()->render(&cp, QRectF(QPointF(0, 0), QSizeF(viewport()->size())),
                    mapToScene(viewport()->rect()).boundingRect());
    cache_dirty_ = false;
  }
  QPainter p(viewport());
  p.drawPixmap(0, 0, cache_);
  drawOverlay(&p);
}

void LaneChart::drawOverlay(QPainter* p) {
  const QRectF plot = plotArea();
  const double t0 = timeline_->rangeStart(), t1 = timeline_->rangeEnd();
  auto xOf = [&](double ms) { return plot.left() + (ms - t0) / (t1 - t0) * plot.width(); };
  // Bands under the plot (beneath the axis labels): the model's top classes, then the segments
  // of the first and second annotator.
  auto bandRect = [&](int i) { return this->bandRect(i); };
  auto fill = [&](const QRectF& band, double start, double end, const QColor& color) {
    if (end < t0 || start > t1) return;
    const double a = xOf(start), b = xOf(end);
    p->fillRect(QRectF(a, band.top(), std::max(1.0, b - a), band.height()), color);
  };
  // Where the face is poor (small, turned, doubtful), the curves are greyed: read with care.
  p->save();
  p->setClipRect(plot);
  for (const auto& [a, b] : data().poor_face) {
    if (static_cast<double>(b) < t0 || static_cast<double>(a) > t1) continue;
    const double x0 = xOf(static_cast<double>(a)), x1 = xOf(static_cast<double>(b));
    p->fillRect(QRectF(x0, plot.top(), std::max(1.0, x1 - x0), plot.height()),
                QColor(120, 120, 120, 80));
  }
  p->restore();
  p->save();
  const QRectF top = bandRect(0);
  p->setClipRect(QRectF(plot.left(), top.top(), plot.width(), kBands * kBandHeight));
  p->fillRect(top, QColor(235, 235, 235));
  for (const auto& s : data().top)
    fill(top, static_cast<double>(s.start_ms), static_cast<double>(s.end_ms),
         emotionColor(static_cast<size_t>(s.label) < timeline_->data().classes.size()
                          ? timeline_->data().classes[static_cast<size_t>(s.label)]
                          : std::string()));
  // Where the model is unsure, its band is washed out and hatched: read it with care.
  for (const auto& [a, b] : data().unsure) {
    fill(top, static_cast<double>(a), static_cast<double>(b), QColor(255, 255, 255, 150));
    if (static_cast<double>(b) < t0 || static_cast<double>(a) > t1) continue;
    const double x0 = std::max(xOf(static_cast<double>(a)), plot.left());
    const double x1 = std::min(xOf(static_cast<double>(b)), plot.right());
    p->fillRect(QRectF(x0, top.top(), std::max(1.0, x1 - x0), top.height()),
                QBrush(QColor(90, 90, 90, 120), Qt::BDiagPattern));
  }
  const std::string* who[2] = {&timeline_->firstAnnotator(), &timeline_->secondAnnotator()};
  for (int row = 0; row < 2; ++row) {
    if (who[row]->empty()) continue;
    const QRectF band = bandRect(1 + row);
    p->fillRect(band, QColor(245, 245, 250));
    for (const Mark& m : data().marks) {
      if (m.annotator != *who[row]) continue;
      fill(band, static_cast<double>(m.start_ms), static_cast<double>(m.end_ms),
           m.color.empty() ? emotionColor(m.label_name) : QColor(QString::fromStdString(m.color)));
      const double a = std::max(xOf(static_cast<double>(m.start_ms)), plot.left());
      const double b = std::min(xOf(static_cast<double>(m.end_ms)), plot.right());
      if (b - a > 40) {  // the label when it fits
        p->setPen(Qt::white);
        QFont f = p->font();
        f.setPointSizeF(7.5);
        p->setFont(f);
        p->drawText(QRectF(a + 2, band.top(), b - a - 4, band.height()),
                    Qt::AlignVCenter | Qt::AlignLeft,
                    QString::fromStdString(m.label_name + (m.note.empty() ? "" : " ✎")));
      }
    }
  }
  p->restore();
  // The face movements' key, inside the plot's top edge (the chart's own legend is hidden).
  const auto& mv = data().movements;
  if (timeline_->faceMovements() && !mv.empty() && mv.front().size() > 0) {
    p->save();
    QFont f = p->font();
    f.setPointSizeF(7.5);
    p->setFont(f);
    double x = plot.left() + 4;
    for (const auto& m : faceMovements()) {
      const QString name = QString::fromUtf8(m.name);
      const double w = p->fontMetrics().horizontalAdvance(name) + 8;
      p->fillRect(QRectF(x - 2, plot.top() + 1, w, p->fontMetrics().height()),
                  QColor(255, 255, 255, 200));
      p->setPen(QColor(m.color));
      p->drawText(QPointF(x, plot.top() + p->fontMetrics().ascent() + 1), name);
      x += w + 2;
    }
    p->restore();
  }
  const QRectF band(plot.left(), top.top(), plot.width(), kBands * kBandHeight - 3);
  // The in/out selection, on the lane of the person it would label (every lane: the whole video).
  const auto sel_track = timeline_->selectionTrack();
  if (timeline_->selectionStart() >= 0 &&
      timeline_->selectionEnd() >= timeline_->selectionStart() &&
      (!sel_track || *sel_track == data().track_id)) {
    const double a = xOf(static_cast<double>(timeline_->selectionStart()));
    const double b = xOf(static_cast<double>(timeline_->selectionEnd()));
    p->fillRect(QRectF(QPointF(std::max(a, plot.left()), plot.top()),
                       QPointF(std::min(b, plot.right()), band.bottom())),
                QColor(30, 120, 255, 40));
  }
  if (edge_mark_ >= 0 && dragging_) {  // an edge being dragged
    p->setPen(QPen(QColor(20, 20, 20), 1, Qt::DashLine));
    p->drawLine(QPointF(edge_x_, plot.top()), QPointF(edge_x_, band.bottom()));
  }
  // The playhead across plot and band.
  const double x = xOf(static_cast<double>(timeline_->playhead()));
  if (x >= plot.left() && x <= plot.right()) {
    p->setPen(QPen(QColor(200, 30, 30), 1.5));
    p->drawLine(QPointF(x, plot.top()), QPointF(x, band.bottom()));
  }
}

void LaneChart::resizeEvent(QResizeEvent* e) {
  QChartView::resizeEvent(e);
  cache_dirty_ = true;
  timeline_->scheduleRebuild();
}

void LaneChart::wheelEvent(QWheelEvent* e) {
  const QRectF plot = plotArea();
  const double at = timeline_->msAt(e->position().x(), plot.left(), plot.width());
  timeline_->zoom(e->angleDelta().y() > 0 ? 0.8 : 1.25, at);
  e->accept();
}

void LaneChart::mousePressEvent(QMouseEvent* e) {
  press_ = e->pos();
  press_t0_ = timeline_->rangeStart();
  press_t1_ = timeline_->rangeEnd();
  dragging_ = false;
  edge_mark_ = -1;
  // On an edge of one of the first annotator's segments: drag that edge.
  const QRectF row = bandRect(1);
  if (!timeline_->firstAnnotator().empty() && e->position().y() >= row.top() - 2 &&
      e->position().y() <= row.bottom() + 2) {
    const QRectF plot = plotArea();
    auto xOf = [&](double ms) {
      return plot.left() + (ms - press_t0_) / (press_t1_ - press_t0_) * plot.width();
    };
    for (const Mark& m : data().marks) {
      if (m.annotator != timeline_->firstAnnotator()) continue;
      for (bool start : {true, false})
        if (std::abs(xOf(static_cast<double>(start ? m.start_ms : m.end_ms)) - e->position().x()) <=
            4) {
          edge_mark_ = m.id;
          edge_start_ = start;
        }
    }
  }
  e->accept();
}

QString LaneChart::markTipAt(QPointF pos) const {
  const std::string* who[2] = {&timeline_->firstAnnotator(), &timeline_->secondAnnotator()};
  const QRectF plot = plotArea();
  const double at = timeline_->msAt(pos.x(), plot.left(), plot.width());
  auto clock = [](int64_t ms) {
    return QString("%1:%2").arg(ms / 60000).arg((ms % 60000) / 1000.0, 4, 'f', 1, QChar('0'));
  };
  for (int row = 0; row < 2; ++row) {
    if (who[row]->empty() || !bandRect(1 + row).contains(pos)) continue;
    for (const Mark& m : data().marks) {
      if (m.annotator != *who[row] || at < static_cast<double>(m.start_ms) ||
          at > static_cast<double>(m.end_ms))
        continue;
      QString tip =
          QString("%1 · %2 · %3–%4")
              .arg(QString::fromStdString(m.label_name), QString::fromStdString(m.annotator),
                   clock(m.start_ms), clock(m.end_ms));
      if (!m.note.empty()) tip += "\n" + tr("note: %1").arg(QString::fromStdString(m.note));
      return tip;
    }
  }
  return {};
}

bool LaneChart::viewportEvent(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(e);
    const QString tip = markTipAt(help->pos());
    if (tip.isEmpty())
      QToolTip::hideText();
    else
      QToolTip::showText(help->globalPos(), tip, viewport());
    return true;
  }
  return QChartView::viewportEvent(e);
}

void LaneChart::mouseMoveEvent(QMouseEvent* e) {
  if (!(e->buttons() & Qt::LeftButton)) return;
  const int dx = e->pos().x() - press_.x();
  if (std::abs(dx) > 3) dragging_ = true;
  if (!dragging_) return;
  if (edge_mark_ >= 0) {  // the guide line follows the mouse; the edit happens on release
    edge_x_ = e->position().x();
    viewport()->update();
    return;
  }
  const double per_px = (press_t1_ - press_t0_) / std::max(1.0, plotArea().width());
  timeline_->setRange(press_t0_ - dx * per_px, press_t1_ - dx * per_px);
}

void LaneChart::mouseReleaseEvent(QMouseEvent* e) {
  if (edge_mark_ >= 0 && dragging_) {
    const QRectF plot = plotArea();
    timeline_->moveAnnotationEdge(
        edge_mark_, edge_start_,
        static_cast<qint64>(timeline_->msAt(e->position().x(), plot.left(), plot.width())));
    edge_mark_ = -1;
    dragging_ = false;
    viewport()->update();
    return;
  }
  edge_mark_ = -1;
  if (!dragging_) {
    const QRectF plot = plotArea();
    timeline_->requestSeek(
        static_cast<qint64>(timeline_->msAt(e->position().x(), plot.left(), plot.width())));
  }
  dragging_ = false;
}

}  // namespace unilearn::ui
