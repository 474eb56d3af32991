#include "ui/path_comparison.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "ui/routing_style.h"
#include "ui/token_routing_view.h"
#include "ui/translation.h"

namespace unilearn::ui {
namespace {

QString answer(const core::TokenRouting& r) {
  const auto c = static_cast<size_t>(r.top_class);
  return QString("%1 %2%")
      .arg(c < r.classes.size() ? QString::fromStdString(r.classes[c]) : QString::number(c))
      .arg(qRound(r.probs.at(c) * 100));
}

}  // namespace

PathComparison::PathComparison(QWidget* parent) : QWidget(parent) {
  still_ = new TokenRoutingView(this);
  clip_ = new TokenRoutingView(this);
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* views = new QHBoxLayout;
  views->addWidget(still_);
  views->addWidget(clip_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(views, 1);
  layout->addWidget(summary_);
  // Highlighting an expert on one side highlights it on both.
  connect(still_, &TokenRoutingView::expertHighlighted, this, [this](int e) {
    if (clip_->highlightedExpert() != e) clip_->setHighlightedExpert(e);
  });
  connect(clip_, &TokenRoutingView::expertHighlighted, this, [this](int e) {
    if (still_->highlightedExpert() != e) still_->setHighlightedExpert(e);
  });
  clear();
}

void PathComparison::setRoutings(std::shared_ptr<const core::TokenRouting> still,
                                 std::shared_ptr<const core::TokenRouting> clip) {
  distance_ = core::routingDistance(still->expertShare(), clip->expertShare());
  still_->setRouting(still, tr("Still · head.image"));
  clip_->setRouting(clip, tr("Clip · head.video"));
  summary_->setText(summary());
}

void PathComparison::clear() {
  distance_.clear();
  still_->clear();
  clip_->clear();
  summary_->setText(
      tr("The middle face of the clip goes through the image path (as a 2-frame "
         "still, head.image) and the whole clip through the video path "
         "(head.video); their routings appear here side by side."));
}

void PathComparison::setLayer(int layer) {
  still_->setLayer(layer);
  clip_->setLayer(layer);
}

void PathComparison::setSlice(int slice) {
  clip_->setSlice(slice);
}

QString PathComparison::summary() const {
  const auto* s = still_->routing();
  const auto* c = clip_->routing();
  if (!s || !c) return {};
  QString text = tr("Still: %1 · Clip: %2. How differently the two paths use the experts "
                    "(0 = same experts, same proportions; 1 = disjoint):")
                     .arg(answer(*s), answer(*c));
  for (size_t l = 0; l < distance_.size(); ++l)
    text += QString(" block %1: %2%3")
                .arg(l < c->blocks.size() ? c->blocks[l] : static_cast<int>(l))
                .arg(localNumber(static_cast<double>(distance_[l]), 2))
                .arg(l + 1 < distance_.size() ? "," : ".");
  return text;
}

QString PathComparison::toCsv() const {
  QString out = "path,layer,block,expert,share,mean_gate,distance\n";
  const std::pair<const char*, const core::TokenRouting*> paths[] = {{"image", still_->routing()},
                                                                     {"video", clip_->routing()}};
  for (const auto& [name, r] : paths) {
    if (!r) continue;
    const auto share = r->expertShare(), gate = r->meanGate();
    for (size_t l = 0; l < share.size(); ++l)
      for (size_t e = 0; e < share[l].size(); ++e)
        out += QString("%1,%2,%3,%4,%5,%6,%7\n")
                   .arg(name)
                   .arg(l)
                   .arg(l < r->blocks.size() ? r->blocks[l] : -1)
                   .arg(e)
                   .arg(static_cast<double>(share[l][e]), 0, 'g', 6)
                   .arg(static_cast<double>(gate[l][e]), 0, 'g', 6)
                   .arg(l < distance_.size() ? static_cast<double>(distance_[l]) : 0.0, 0, 'g', 6);
  }
  return out;
}

bool PathComparison::exportPicture(const QString& path) {
  return exportWidgetPicture(this, path);
}

}  // namespace unilearn::ui
