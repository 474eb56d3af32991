#include "ui/expert_class_view.h"

#include <QPainter>
#include <algorithm>

#include "ui/routing_style.h"
#include "ui/translation.h"

namespace unilearn::ui {
namespace {

constexpr double kLeft = 130, kTop = 40, kBottom = 28, kRight = 10;

}  // namespace

ExpertClassView::ExpertClassView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(360, 240);
}

void ExpertClassView::setMatrix(core::ExpertClassMatrix matrix, const QString& by,
                                std::vector<int> blocks) {
  matrix_ = std::move(matrix);
  by_ = by;
  blocks_ = std::move(blocks);
  layer_ = std::clamp(layer_, 0, std::max(0, static_cast<int>(matrix_.share.size()) - 1));
  update();
}

void ExpertClassView::setLayer(int layer) {
  layer_ = layer;
  update();
}

float ExpertClassView::shown(int cls, int expert) const {
  return matrix_.share.at(static_cast<size_t>(layer_))
      .at(static_cast<size_t>(cls))
      .at(static_cast<size_t>(expert));
}

QString ExpertClassView::toCsv() const {
  return QString::fromStdString(matrix_.toCsv());
}

bool ExpertClassView::exportPicture(const QString& path) {
  return exportWidgetPicture(this, path);
}

QRectF ExpertClassView::cellRect(int cls, int expert) const {
  const double w = (width() - kLeft - kRight) / std::max(1, matrix_.experts);
  const double h =
      std::min(40.0, (height() - kTop - kBottom) / std::max<size_t>(1, matrix_.classes.size()));
  return QRectF(kLeft + expert * w, kTop + cls * h, w, h);
}

void ExpertClassView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::white);
  if (matrix_.classes.empty() || matrix_.share.empty()) {
    p.drawText(rect().adjusted(10, 0, -10, 0), Qt::AlignCenter | Qt::TextWordWrap,
               by_ == "annotated"
                   ? tr("No annotated clip windows yet: label segments of analysed people to see "
                        "which experts each emotion uses.")
                   : tr("No clip windows in this project yet: analyse a video with a UniLearn "
                        "model."));
    return;
  }
  QFont bold = font();
  bold.setBold(true);
  p.setFont(bold);
  const int block = static_cast<size_t>(layer_) < blocks_.size() ? blocks_[layer_] : layer_;
  p.drawText(QRectF(0, 6, width(), 24), Qt::AlignCenter,
             tr("Mean expert share per %1 class · block %2")
                 .arg(by_ == "annotated" ? tr("annotated") : tr("predicted"))
                 .arg(block));
  p.setFont(font());
  for (size_t c = 0; c < matrix_.classes.size(); ++c) {
    const int ci = static_cast<int>(c);
    const QRectF row = cellRect(ci, 0);
    p.setPen(Qt::black);
    p.drawText(
        QRectF(4, row.top(), kLeft - 10, row.height()), Qt::AlignVCenter | Qt::AlignRight,
        QString("%1 (%2)").arg(QString::fromStdString(matrix_.classes[c])).arg(matrix_.windows[c]));
    // The share an expert would get if the router were uniform is 1/experts: shade relative to
    // twice that, so preferences stand out.
    for (int e = 0; e < matrix_.experts; ++e) {
      const QRectF cell = cellRect(ci, e).adjusted(1, 1, -1, -1);
      const float v = shown(ci, e);
      const float level = std::min(1.0f, v * matrix_.experts / 2.0f);
      p.fillRect(cell, heatColor(level));
      p.setPen(level > 0.55f ? Qt::white : Qt::black);
      p.drawText(cell, Qt::AlignCenter, localNumber(static_cast<double>(v), 2));
    }
  }
  p.setPen(Qt::black);
  const QRectF last = cellRect(static_cast<int>(matrix_.classes.size()) - 1, 0);
  for (int e = 0; e < matrix_.experts; ++e) {
    const QRectF c = cellRect(0, e);
    p.fillRect(QRectF(c.left() + 2, last.bottom() + 4, 10, 10), expertColor(e));
    p.drawText(QRectF(c.left() + 14, last.bottom() + 1, c.width() - 14, 18), Qt::AlignLeft,
               QString("E%1").arg(e));
  }
}

}  // namespace unilearn::ui
