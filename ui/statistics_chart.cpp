#include "ui/statistics_chart.h"

#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>
#include <algorithm>

#include "ui/emotion_palette.h"
#include "ui/translation.h"

namespace unilearn::ui {
namespace {

// Everything is laid out on a canvas kLogical units wide and scaled to the target width, so
// that the exported figure and the widget look alike at any size.
constexpr double kLogical = 800;
constexpr double kTitle = 34, kRow = 34, kBar = 22, kLabels = 210, kRight = 20;
constexpr double kLegendRow = 22, kLegendItem = 130, kBottom = 12;

int legendRows(size_t emotions) {
  const int per_row = static_cast<int>((kLogical - 2 * kRight) / kLegendItem);
  return static_cast<int>((emotions + static_cast<size_t>(per_row) - 1) /
                          static_cast<size_t>(per_row));
}

}  // namespace

StatisticsChart::StatisticsChart(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
}

void StatisticsChart::setStatistics(const std::vector<core::EmotionStatistics>& stats,
                                    const QString& title) {
  title_ = title;
  bars_.clear();
  emotions_.clear();
  for (const auto& s : stats) {
    if (bars_.empty() || bars_.back().person != s.person || bars_.back().rater != s.rater ||
        bars_.back().epoch != s.epoch || bars_.back().epoch_start != s.epoch_start)
      bars_.push_back({s.epoch, s.epoch_start, s.person, s.rater, {}});
    bars_.back().shares.emplace_back(s.label, s.share);
    if (std::find(emotions_.begin(), emotions_.end(), s.label) == emotions_.end())
      emotions_.push_back(s.label);
  }
  // Every bar in the legend's order, so that one emotion sits in the same place in each.
  for (auto& b : bars_)
    std::sort(b.shares.begin(), b.shares.end(), [&](const auto& x, const auto& y) {
      return std::find(emotions_.begin(), emotions_.end(), x.first) <
             std::find(emotions_.begin(), emotions_.end(), y.first);
    });
  setMinimumHeight(heightFor(std::max(width(), static_cast<int>(kLogical))));
  updateGeometry();
  update();
}

void StatisticsChart::resizeEvent(QResizeEvent*) {
  setMinimumHeight(heightFor(std::max(width(), static_cast<int>(kLogical) / 2)));
}

int StatisticsChart::heightFor(int width) const {
  const double logical = kTitle + kRow * static_cast<double>(std::max<size_t>(1, bars_.size())) +
                         8 + kLegendRow * legendRows(emotions_.size()) + kBottom;
  return static_cast<int>(logical * width / kLogical + 0.5);
}

QSize StatisticsChart::sizeHint() const {
  return {static_cast<int>(kLogical), heightFor(static_cast<int>(kLogical))};
}

void StatisticsChart::paintEvent(QPaintEvent*) {
  QPainter p(this);
  draw(p, size());
}

bool StatisticsChart::exportPicture(const QString& path) const {
  const QSize size(kExportWidth, heightFor(kExportWidth));
  if (path.endsWith(".svg", Qt::CaseInsensitive)) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(title_);
    QPainter p;
    if (!p.begin(&svg)) return false;
    draw(p, size);
    return p.end();
  }
  QImage image(size, QImage::Format_RGB32);
  image.fill(Qt::white);
  {
    QPainter p(&image);
    draw(p, size);
  }
  return image.save(path);
}

void StatisticsChart::draw(QPainter& p, QSize size) const {
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
  const double scale = size.width() / kLogical;
  p.scale(scale, scale);
  QFont font = p.font();
  font.setPixelSize(13);
  p.setFont(font);
  QFont bold = font;
  bold.setBold(true);
  bold.setPixelSize(15);
  p.setFont(bold);
  p.setPen(Qt::black);
  p.drawText(QRectF(kRight, 6, kLogical - 2 * kRight, kTitle - 10),
             Qt::AlignLeft | Qt::AlignVCenter, title_);
  p.setFont(font);
  if (bars_.empty()) {
    p.drawText(QRectF(kRight, kTitle, kLogical - 2 * kRight, kRow), Qt::AlignLeft,
               tr("Nothing rated in this stretch: analyse the video or annotate it first."));
    p.restore();
    return;
  }
  const double bar_width = kLogical - kLabels - kRight;
  const QFontMetricsF metrics(font);
  double y = kTitle;
  for (const Bar& b : bars_) {
    QString who = QString::fromStdString(b.person) + " · " + QString::fromStdString(b.rater);
    if (!b.epoch.empty()) who = QString::fromStdString(b.epoch) + " · " + who;
    p.setPen(Qt::black);
    p.drawText(QRectF(kRight, y, kLabels - kRight - 8, kRow), Qt::AlignRight | Qt::AlignVCenter,
               metrics.elidedText(who, Qt::ElideMiddle, kLabels - kRight - 8));
    double x = kLabels;
    const double top = y + (kRow - kBar) / 2;
    for (const auto& [label, share] : b.shares) {
      const double w = bar_width * std::clamp(share, 0.0, 1.0);
      const QColor colour = emotionColor(label);
      p.fillRect(QRectF(x, top, w, kBar), colour);
      const QString text = localNumber(share * 100, 0) + " %";
      if (metrics.horizontalAdvance(text) + 6 < w) {
        const double luma = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue();
        p.setPen(luma > 150 ? Qt::black : Qt::white);
        p.drawText(QRectF(x, top, w, kBar), Qt::AlignCenter, text);
      }
      x += w;
    }
    p.setPen(QColor(160, 160, 160));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(kLabels, top, bar_width, kBar));
    y += kRow;
  }
  // The legend: a swatch and the emotion's name, in rows.
  y += 8;
  double x = kRight;
  for (const auto& e : emotions_) {
    if (x + kLegendItem > kLogical - kRight + 1) {
      x = kRight;
      y += kLegendRow;
    }
    p.fillRect(QRectF(x, y + 5, 12, 12), emotionColor(e));
    p.setPen(Qt::black);
    p.drawText(QRectF(x + 16, y, kLegendItem - 20, kLegendRow), Qt::AlignLeft | Qt::AlignVCenter,
               QString::fromStdString(e));
    x += kLegendItem;
  }
  p.restore();
}

}  // namespace unilearn::ui
