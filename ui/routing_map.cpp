#include "ui/routing_map.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

#include "ui/routing_style.h"
#include "ui/translation.h"

namespace unilearn::ui {
namespace {

constexpr int kLeft = 80, kTop = 40, kBottom = 30;

}  // namespace

RoutingMap::RoutingMap(QWidget* parent) : QWidget(parent) {
  setMinimumSize(360, 240);
  setToolTip(explanation());
}

QString RoutingMap::explanation() {
  return tr(
      "In UniLearn's last six blocks a router looks at every token (a 16×16 patch over two "
      "frames) and sends it to its top-k experts — small adapter networks — with a gate "
      "weight saying how much each expert's output counts. Each cell: the share of this "
      "clip's token assignments that went to an expert in a layer; hover for the mean "
      "gate weight.");
}

void RoutingMap::setWindow(const core::WindowPrediction& w, const std::vector<int>& blocks) {
  setShares(w.expert_share, w.mean_gate, blocks,
            tr("Expert routing, frames %1–%2").arg(w.start_frame).arg(w.end_frame));
}

void RoutingMap::setShares(const std::vector<std::vector<float>>& share,
                           const std::vector<std::vector<float>>& gate,
                           const std::vector<int>& blocks, const QString& title) {
  share_ = share;
  gate_ = gate;
  blocks_ = blocks;
  title_ = title;
  update();
}

void RoutingMap::clear() {
  share_.clear();
  gate_.clear();
  title_.clear();
  update();
}

float RoutingMap::share(int l, int e) const {
  return share_.at(static_cast<size_t>(l)).at(static_cast<size_t>(e));
}

float RoutingMap::gate(int l, int e) const {
  const auto& g = gate_.at(static_cast<size_t>(l));
  return static_cast<size_t>(e) < g.size() ? g[static_cast<size_t>(e)] : 0.0f;
}

QString RoutingMap::toCsv() const {
  QString out = "layer,block,expert,share,mean_gate\n";
  for (int l = 0; l < layers(); ++l)
    for (int e = 0; e < static_cast<int>(share_[static_cast<size_t>(l)].size()); ++e)
      out +=
          QString("%1,%2,%3,%4,%5\n")
              .arg(l)
              .arg(static_cast<size_t>(l) < blocks_.size() ? blocks_[static_cast<size_t>(l)] : -1)
              .arg(e)
              .arg(static_cast<double>(share(l, e)), 0, 'g', 6)
              .arg(static_cast<double>(gate(l, e)), 0, 'g', 6);
  return out;
}

bool RoutingMap::exportPicture(const QString& path) {
  return exportWidgetPicture(this, path);
}

QRectF RoutingMap::cellRect(int l, int e) const {
  const double w = (width() - kLeft - 10.0) / std::max(1, experts());
  const double h = (height() - kTop - kBottom) / std::max(1, layers());
  return QRectF(kLeft + e * w, kTop + l * h, w, h);
}

void RoutingMap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::white);
  if (share_.empty()) {
    p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
               tr("No clip window here: analyse with a UniLearn model to see its routing."));
    return;
  }
  QFont bold = font();
  bold.setBold(true);
  p.setFont(bold);
  p.drawText(QRectF(0, 5, width(), 25), Qt::AlignCenter, title_);
  p.setFont(font());
  for (int l = 0; l < layers(); ++l) {
    const QRectF row = cellRect(l, 0);
    const QString label = static_cast<size_t>(l) < blocks_.size()
                              ? tr("block %1").arg(blocks_[static_cast<size_t>(l)])
                              : tr("layer %1").arg(l);
    p.setPen(Qt::black);
    p.drawText(QRectF(4, row.top(), kLeft - 8, row.height()), Qt::AlignVCenter | Qt::AlignRight,
               label);
    for (int e = 0; e < static_cast<int>(share_[static_cast<size_t>(l)].size()); ++e) {
      const QRectF c = cellRect(l, e).adjusted(1, 1, -1, -1);
      const float v = share(l, e);
      // Shaded relative to twice the uniform share (1/experts), so preferences stand out.
      const float level = std::min(1.0f, v * static_cast<float>(experts()) / 2.0f);
      p.fillRect(c, heatColor(level));
      p.setPen(level > 0.55f ? Qt::white : Qt::black);
      p.drawText(c, Qt::AlignCenter, localNumber(static_cast<double>(v), 2));
    }
  }
  p.setPen(Qt::black);
  for (int e = 0; e < experts(); ++e) {
    const QRectF c = cellRect(layers() - 1, e);
    p.drawText(QRectF(c.left(), c.bottom() + 4, c.width(), 20), Qt::AlignHCenter, tr("E%1").arg(e));
  }
}

bool RoutingMap::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(e);
    for (int l = 0; l < layers(); ++l)
      for (int x = 0; x < experts(); ++x)
        if (cellRect(l, x).contains(help->pos())) {
          QToolTip::showText(help->globalPos(),
                             tr("expert %1 in %2: %3% of the tokens, mean gate weight %4")
                                 .arg(x)
                                 .arg(static_cast<size_t>(l) < blocks_.size()
                                          ? tr("block %1").arg(blocks_[static_cast<size_t>(l)])
                                          : tr("layer %1").arg(l))
                                 .arg(qRound(share(l, x) * 100))
                                 .arg(localNumber(static_cast<double>(gate(l, x)), 2)),
                             this);
          return true;
        }
  }
  return QWidget::event(e);
}

}  // namespace unilearn::ui
