#include "ui/token_routing_view.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

#include "ui/routing_style.h"
#include "ui/translation.h"

namespace unilearn::ui {
namespace {

constexpr double kTitle = 22, kLegend = 30;

}  // namespace

TokenRoutingView::TokenRoutingView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(240, 280);
}

void TokenRoutingView::setRouting(std::shared_ptr<const core::TokenRouting> routing,
                                  const QString& title) {
  routing_ = std::move(routing);
  title_ = title;
  frames_.clear();
  if (routing_ && !routing_->frames.empty()) {
    // A slice covers tubelet frames; show its first.
    const size_t step = std::max<size_t>(
        1, routing_->frames.size() / static_cast<size_t>(std::max(1, routing_->slices)));
    for (int s = 0; s < routing_->slices; ++s)
      frames_.push_back(
          imageFromBgr(routing_->frames[std::min(routing_->frames.size() - 1, s * step)]));
  }
  layer_ = std::clamp(layer_, 0, std::max(0, routing_ ? routing_->layers() - 1 : 0));
  slice_ = std::clamp(slice_, 0, std::max(0, slices() - 1));
  updateCells();
}

void TokenRoutingView::clear() {
  setRouting(nullptr, {});
}

void TokenRoutingView::setLayer(int layer) {
  layer_ = layer;
  updateCells();
}

void TokenRoutingView::setSlice(int slice) {
  slice_ = std::clamp(slice, 0, std::max(0, slices() - 1));
  updateCells();
}

void TokenRoutingView::setHighlightedExpert(int expert) {
  highlight_ = expert;
  updateCells();
  emit expertHighlighted(expert);
}

void TokenRoutingView::selectPatch(int row, int col) {
  sel_row_ = row;
  sel_col_ = col;
  update();
  if (row >= 0) emit patchSelected(row, col);
}

void TokenRoutingView::updateCells() {
  cells_.clear();
  const auto* r = routing_.get();
  if (r && layer_ < r->layers()) {
    for (int row = 0; row < r->rows; ++row)
      for (int col = 0; col < r->cols; ++col) {
        const int t = r->token(slice_, row, col);
        Cell c{r->expertAt(layer_, t, 0), r->gateAt(layer_, t, 0)};
        if (highlight_ >= 0) {
          c = Cell{-1, 0.0f};
          for (int j = 0; j < r->top_k; ++j)
            if (r->expertAt(layer_, t, j) == highlight_)
              c = Cell{highlight_, r->gateAt(layer_, t, j)};
        }
        cells_.push_back(c);
      }
  }
  update();
}

int TokenRoutingView::shownExpert(int row, int col) const {
  return cells_.at(static_cast<size_t>(row * routing_->cols + col)).expert;
}

float TokenRoutingView::shownOpacity(int row, int col) const {
  return cells_.at(static_cast<size_t>(row * routing_->cols + col)).opacity;
}

QString TokenRoutingView::patchDetails(int row, int col) const {
  const auto* r = routing_.get();
  if (!r || row < 0 || col < 0 || row >= r->rows || col >= r->cols) return {};
  const int t = r->token(slice_, row, col);
  QString out = r->video ? tr("Patch row %1, column %2 of slice %3 (frames %4–%5):")
                               .arg(row + 1)
                               .arg(col + 1)
                               .arg(slice_ + 1)
                               .arg(slice_ * 2 + 1)
                               .arg(slice_ * 2 + 2)
                         : tr("Patch row %1, column %2 of the still:").arg(row + 1).arg(col + 1);
  for (int l = 0; l < r->layers(); ++l) {
    out += "\n" + tr("block %1:").arg(static_cast<size_t>(l) < r->blocks.size() ? r->blocks[l] : l);
    for (int j = 0; j < r->top_k; ++j)
      out += QString(" E%1 %2")
                 .arg(r->expertAt(l, t, j))
                 .arg(localNumber(static_cast<double>(r->gateAt(l, t, j)), 2));
  }
  return out;
}

QString TokenRoutingView::toCsv() const {
  return routing_ ? QString::fromStdString(routing_->toCsv()) : QString();
}

bool TokenRoutingView::exportPicture(const QString& path) {
  return exportWidgetPicture(this, path);
}

QRectF TokenRoutingView::imageRect() const {
  const double side =
      std::max(10.0, std::min<double>(width() - 8, height() - kTitle - kLegend - 8));
  return QRectF((width() - side) / 2, kTitle, side, side);
}

QRectF TokenRoutingView::patchRect(int row, int col) const {
  const QRectF img = imageRect();
  const int rows = routing_ ? routing_->rows : 10, cols = routing_ ? routing_->cols : 10;
  return QRectF(img.left() + img.width() * col / cols, img.top() + img.height() * row / rows,
                img.width() / cols, img.height() / rows);
}

QRectF TokenRoutingView::legendRect(int expert) const {
  const int n = routing_ ? routing_->experts : 0;
  const double w = std::min(60.0, (width() - 8.0) / std::max(1, n));
  const double left = (width() - w * n) / 2;
  return QRectF(left + expert * w, imageRect().bottom() + 6, w - 2, kLegend - 8);
}

void TokenRoutingView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::white);
  const auto* r = routing_.get();
  if (!r || cells_.empty()) {
    p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
               title_.isEmpty() ? tr("No clip traced yet.") : title_);
    return;
  }
  QFont bold = font();
  bold.setBold(true);
  p.setFont(bold);
  const int block = static_cast<size_t>(layer_) < r->blocks.size() ? r->blocks[layer_] : layer_;
  p.drawText(
      QRectF(0, 0, width(), kTitle), Qt::AlignCenter,
      r->video
          ? tr("%1 · block %2 · slice %3/%4").arg(title_).arg(block).arg(slice_ + 1).arg(r->slices)
          : tr("%1 · block %2").arg(title_).arg(block));
  p.setFont(font());
  const QRectF img = imageRect();
  if (static_cast<size_t>(slice_) < frames_.size())
    p.drawImage(img, frames_[static_cast<size_t>(slice_)]);
  for (int row = 0; row < r->rows; ++row)
    for (int col = 0; col < r->cols; ++col) {
      const Cell& c = cells_[static_cast<size_t>(row * r->cols + col)];
      QColor fill = c.expert >= 0 ? expertColor(c.expert) : QColor(0, 0, 0);
      fill.setAlphaF(c.expert >= 0 ? 0.85f * c.opacity : 0.55f);
      p.fillRect(patchRect(row, col), fill);
    }
  p.setPen(QPen(QColor(255, 255, 255, 90), 1));
  for (int i = 1; i < r->cols; ++i)
    p.drawLine(QPointF(patchRect(0, i).left(), img.top()),
               QPointF(patchRect(0, i).left(), img.bottom()));
  for (int i = 1; i < r->rows; ++i)
    p.drawLine(QPointF(img.left(), patchRect(i, 0).top()),
               QPointF(img.right(), patchRect(i, 0).top()));
  if (sel_row_ >= 0 && sel_row_ < r->rows && sel_col_ < r->cols) {
    p.setPen(QPen(Qt::white, 3));
    p.drawRect(patchRect(sel_row_, sel_col_));
    p.setPen(QPen(Qt::black, 1));
    p.drawRect(patchRect(sel_row_, sel_col_));
  }
  const auto share = r->expertShare(slice_);
  for (int e = 0; e < r->experts; ++e) {
    const QRectF c = legendRect(e);
    QColor fill = expertColor(e);
    if (highlight_ >= 0 && highlight_ != e) fill.setAlpha(60);
    p.fillRect(c, fill);
    p.setPen(highlight_ == e ? QPen(Qt::black, 2) : QPen(Qt::NoPen));
    p.drawRect(c);
    p.setPen(Qt::white);
    QFont small = font();  // "E7 100%" must fit a narrow box
    small.setPointSizeF(std::max(6.0, std::min(font().pointSizeF(), c.width() / 5.5)));
    p.setFont(small);
    p.drawText(c, Qt::AlignCenter,
               QString("E%1 %2%").arg(e).arg(qRound(share[static_cast<size_t>(layer_)][e] * 100)));
  }
}

void TokenRoutingView::mousePressEvent(QMouseEvent* e) {
  if (!routing_) return;
  const QPointF at = e->position();
  for (int x = 0; x < routing_->experts; ++x)
    if (legendRect(x).contains(at)) {
      setHighlightedExpert(highlight_ == x ? -1 : x);
      return;
    }
  if (!imageRect().contains(at)) return;
  for (int row = 0; row < routing_->rows; ++row)
    for (int col = 0; col < routing_->cols; ++col)
      if (patchRect(row, col).contains(at)) {
        selectPatch(row, col);
        return;
      }
}

}  // namespace unilearn::ui
