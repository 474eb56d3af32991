#include "ui/blendshape_bars.h"

#include <QPainter>

#include "core/faces/action_units.h"

namespace unilearn::ui {

BlendshapeBars::BlendshapeBars(QWidget* parent) : QWidget(parent) {
  setMinimumWidth(200);
  setToolTip(
      tr("Blendshape scores (MediaPipe) under the nearest FACS action unit's name: "
         "not certified FACS codes (docs/action-units.md)"));
}

void BlendshapeBars::setScores(const QString& who,
                               const std::array<float, core::kBlendshapes>& blendshapes) {
  who_ = who;
  values_ = who.isEmpty() ? std::vector<float>() : core::actionUnitScores(blendshapes);
  update();
}

void BlendshapeBars::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().window());
  const auto& units = core::actionUnits();
  const int line = std::max(12, std::min(20, (height() - 24) / static_cast<int>(units.size())));
  p.setPen(palette().windowText().color());
  p.drawText(QRect(4, 2, width() - 8, 18), Qt::AlignLeft | Qt::AlignVCenter,
             who_.isEmpty() ? tr("Face movements: no face") : tr("Face movements: %1").arg(who_));
  QFont f = font();
  f.setPointSizeF(std::max(6.5, font().pointSizeF() * 0.85));
  p.setFont(f);
  const int label_w = 118;
  for (size_t i = 0; i < units.size(); ++i) {
    const int y = 22 + static_cast<int>(i) * line;
    const QString name = QString("AU%1 %2").arg(units[i].number).arg(units[i].name);
    p.setPen(palette().windowText().color());
    p.drawText(QRect(4, y, label_w - 6, line), Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(name, Qt::ElideRight, label_w - 6));
    const QRect track(label_w, y + 2, width() - label_w - 6, line - 4);
    p.fillRect(track, QColor(225, 225, 225));
    if (i < values_.size()) {
      const float v = std::clamp(values_[i], 0.0f, 1.0f);
      p.fillRect(
          QRect(track.left(), track.top(), static_cast<int>(track.width() * v), track.height()),
          v >= 0.5f ? QColor(230, 126, 34) : QColor(52, 152, 219));
    }
  }
}

}  // namespace unilearn::ui
