#include "ui/expert_usage_chart.h"

#include <QMouseEvent>
#include <QPainter>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>

#include "ui/routing_style.h"

namespace unilearn::ui {
namespace {

constexpr double kLeft = 70, kRight = 10, kTop = 24, kBottom = 22;

}  // namespace

ExpertUsageChart::ExpertUsageChart(QWidget* parent) : QWidget(parent) {
  setMinimumSize(360, 240);
}

void ExpertUsageChart::setWindows(std::vector<core::WindowPrediction> windows,
                                  std::vector<int> blocks, const QString& person) {
  windows_ = std::move(windows);
  windows_.erase(
      std::remove_if(windows_.begin(), windows_.end(),
                     [](const core::WindowPrediction& w) { return w.expert_share.empty(); }),
      windows_.end());
  blocks_ = std::move(blocks);
  person_ = person;
  invalidate();
}

void ExpertUsageChart::setRange(double t0, double t1) {
  t0_ = t0;
  t1_ = std::max(t1, t0 + 1);
  invalidate();
}

void ExpertUsageChart::setPlayhead(qint64 ms) {
  playhead_ = ms;
  update();
}

int ExpertUsageChart::layers() const {
  return windows_.empty() ? 0 : static_cast<int>(windows_.front().expert_share.size());
}

QRectF ExpertUsageChart::rowRect(int layer) const {
  const double h = (height() - kTop - kBottom) / std::max(1, layers());
  return QRectF(kLeft, kTop + layer * h, width() - kLeft - kRight, h - 4);
}

double ExpertUsageChart::xAt(double ms) const {
  return kLeft + (ms - t0_) / (t1_ - t0_) * (width() - kLeft - kRight);
}

double ExpertUsageChart::msAt(double x) const {
  return t0_ + (x - kLeft) / std::max(1.0, width() - kLeft - kRight) * (t1_ - t0_);
}

std::vector<float> ExpertUsageChart::usageAt(int layer, double ms) const {
  // Windows overlap (16 frames sampled every 4th, a new one every 16): show the one whose middle
  // is nearest, among those covering `ms` — the window the Clip view shows at that time.
  const core::WindowPrediction* hit = nullptr;
  double best = 0;
  for (const auto& w : windows_) {
    if (w.start_ms > ms) break;
    if (ms > w.end_ms) continue;
    const double d = std::abs((w.start_ms + w.end_ms) / 2.0 - ms);
    if (!hit || d < best) {
      hit = &w;
      best = d;
    }
  }
  if (!hit || layer >= static_cast<int>(hit->expert_share.size())) return {};
  return hit->expert_share[static_cast<size_t>(layer)];
}

QString ExpertUsageChart::toCsv() const {
  QString out = "start_ms,end_ms,layer,block,expert,share\n";
  for (const auto& w : windows_)
    for (size_t l = 0; l < w.expert_share.size(); ++l)
      for (size_t e = 0; e < w.expert_share[l].size(); ++e)
        out += QString("%1,%2,%3,%4,%5,%6\n")
                   .arg(w.start_ms)
                   .arg(w.end_ms)
                   .arg(l)
                   .arg(l < blocks_.size() ? blocks_[l] : -1)
                   .arg(e)
                   .arg(static_cast<double>(w.expert_share[l][e]), 0, 'g', 6);
  return out;
}

bool ExpertUsageChart::exportPicture(const QString& path) {
  if (!path.endsWith(".svg", Qt::CaseInsensitive)) return grab().save(path);
  QSvgGenerator svg;  // vector drawing, not the cached pixmap
  svg.setFileName(path);
  svg.setSize(size());
  svg.setViewBox(rect());
  QPainter p;
  if (!p.begin(&svg)) return false;
  drawContent(p);
  return p.end();
}

void ExpertUsageChart::invalidate() {
  cache_ = QPixmap();
  update();
}

void ExpertUsageChart::paintEvent(QPaintEvent*) {
  QPainter p(this);
  if (cache_.size() != size() * devicePixelRatio()) {
    cache_ = QPixmap(size() * devicePixelRatio());
    cache_.setDevicePixelRatio(devicePixelRatio());
    QPainter c(&cache_);
    drawContent(c);
  }
  p.drawPixmap(0, 0, cache_);
  if (!windows_.empty() && playhead_ >= t0_ && playhead_ <= t1_) {
    p.setPen(QPen(Qt::red, 1.5));
    p.drawLine(QPointF(xAt(playhead_), kTop), QPointF(xAt(playhead_), height() - kBottom));
  }
}

void ExpertUsageChart::drawContent(QPainter& p) {
  p.fillRect(rect(), Qt::white);
  if (windows_.empty()) {
    p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
               tr("No clip windows for this person: analyse with a UniLearn model to see which "
                  "experts each layer uses along the session."));
    return;
  }
  p.drawText(QRectF(0, 2, width(), kTop - 4), Qt::AlignCenter,
             tr("Expert shares over time · %1").arg(person_));
  // One column every 2 px: the mean of the windows whose middle falls in it, else the window
  // covering the column's time (so sparse windows draw as steps).
  const double left = kLeft, right = width() - kRight;
  const int columns = std::max(1, static_cast<int>((right - left) / 2));
  const int experts = static_cast<int>(windows_.front().expert_share.front().size());
  for (int l = 0; l < layers(); ++l) {
    const QRectF row = rowRect(l);
    std::vector<std::vector<float>> col_share(static_cast<size_t>(columns));
    size_t first = 0;
    for (int c = 0; c < columns; ++c) {
      const double a = msAt(left + 2.0 * c), b = msAt(left + 2.0 * (c + 1));
      std::vector<double> sum(static_cast<size_t>(experts));
      int n = 0;
      while (first < windows_.size() && windows_[first].end_ms < a)
        ++first;
      for (size_t i = first; i < windows_.size() && windows_[i].start_ms <= b; ++i) {
        const auto& w = windows_[i];
        const double mid = (w.start_ms + w.end_ms) / 2.0;
        if (mid < a || mid >= b) continue;
        for (int e = 0; e < experts; ++e)
          sum[static_cast<size_t>(e)] +=
              w.expert_share[static_cast<size_t>(l)][static_cast<size_t>(e)];
        ++n;
      }
      if (n > 0) {
        for (double& v : sum)
          v /= n;
        col_share[static_cast<size_t>(c)].assign(sum.begin(), sum.end());
      } else {
        col_share[static_cast<size_t>(c)] = usageAt(l, (a + b) / 2);
      }
    }
    // Stacked bars, expert 0 at the bottom; equal neighbouring columns drawn as one (steps).
    for (int c = 0; c < columns;) {
      const auto& s = col_share[static_cast<size_t>(c)];
      int run = 1;
      while (c + run < columns && col_share[static_cast<size_t>(c + run)] == s)
        ++run;
      if (!s.empty()) {
        double y = row.bottom();
        for (int e = 0; e < experts; ++e) {
          const double h = s[static_cast<size_t>(e)] * row.height();
          p.fillRect(QRectF(left + 2.0 * c, y - h, 2.0 * run, h), expertColor(e));
          y -= h;
        }
      }
      c += run;
    }
    p.setPen(Qt::black);
    p.drawText(QRectF(2, row.top(), kLeft - 8, row.height()), Qt::AlignVCenter | Qt::AlignRight,
               static_cast<size_t>(l) < blocks_.size() ? tr("block %1").arg(blocks_[l])
                                                       : tr("layer %1").arg(l));
    p.setPen(QColor(200, 200, 200));
    p.drawRect(row);
  }
  p.setPen(Qt::black);
  auto stamp = [](double ms) {
    const qint64 s = static_cast<qint64>(ms / 1000);
    return QString("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
  };
  p.drawText(QRectF(kLeft, height() - kBottom + 2, 80, kBottom), Qt::AlignLeft, stamp(t0_));
  p.drawText(QRectF(right - 80, height() - kBottom + 2, 80, kBottom), Qt::AlignRight, stamp(t1_));
  for (int e = 0; e < experts; ++e) {
    const QRectF sw(kLeft + 90 + e * 44, height() - kBottom + 5, 12, 12);
    p.fillRect(sw, expertColor(e));
    p.drawText(sw.translated(15, -2).adjusted(0, 0, 20, 4), Qt::AlignLeft, QString("E%1").arg(e));
  }
}

void ExpertUsageChart::mousePressEvent(QMouseEvent* e) {
  if (e->position().x() >= kLeft) emit seekRequested(static_cast<qint64>(msAt(e->position().x())));
}

}  // namespace unilearn::ui
