// Issue 6, view 5: the image path next to the clip path. The same face once as a still (the
// middle crop of the clip, through the image path and `head.image`) and once as the clip
// (`head.video`): both token routings side by side for the chosen layer, both heads' answers,
// and per layer how far apart the two paths' expert usage is (total variation distance: 0 = the
// same experts in the same proportions, 1 = disjoint) — a direct look at whether joint training
// made experts specialise by modality. Thread-safety: GUI thread only.
#pragma once

#include <QWidget>
#include <memory>

#include "core/analysis/token_routing.h"

class QLabel;

namespace unilearn::ui {

class TokenRoutingView;

class PathComparison : public QWidget {
  Q_OBJECT

 public:
  explicit PathComparison(QWidget* parent = nullptr);

  void setRoutings(std::shared_ptr<const core::TokenRouting> still,
                   std::shared_ptr<const core::TokenRouting> clip);
  void clear();
  void setLayer(int layer);
  void setSlice(int slice);  // of the clip side

  TokenRoutingView* stillView() const { return still_; }
  TokenRoutingView* clipView() const { return clip_; }
  const std::vector<float>& distances() const { return distance_; }  // per layer
  QString summary() const;
  QString toCsv() const;  // path,layer,block,expert,share,mean_gate,distance
  bool exportPicture(const QString& path);

 private:
  TokenRoutingView *still_ = nullptr, *clip_ = nullptr;
  QLabel* summary_ = nullptr;
  std::vector<float> distance_;
};

}  // namespace unilearn::ui
