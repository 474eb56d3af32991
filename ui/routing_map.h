// Issue 6, view 1: the layer × expert map of one clip window — for each MoE layer (rows) the
// share of the clip's token assignments each expert received (colour), with the mean gate
// weight on hover — plus the words that explain what is shown. Exports: PNG/SVG and CSV.
// Thread-safety: GUI thread only.
#pragma once

#include <QWidget>
#include <vector>

#include "core/storage/project.h"

namespace unilearn::ui {

class RoutingMap : public QWidget {
  Q_OBJECT

 public:
  explicit RoutingMap(QWidget* parent = nullptr);

  // `blocks`: the transformer block of each MoE layer (labels); may be empty.
  void setWindow(const core::WindowPrediction& window, const std::vector<int>& blocks);
  void setShares(const std::vector<std::vector<float>>& share,
                 const std::vector<std::vector<float>>& gate, const std::vector<int>& blocks,
                 const QString& title);
  void clear();

  int layers() const { return static_cast<int>(share_.size()); }
  int experts() const { return share_.empty() ? 0 : static_cast<int>(share_[0].size()); }
  float share(int layer, int expert) const;
  float gate(int layer, int expert) const;
  QString toCsv() const;                    // layer,expert,share,mean_gate
  bool exportPicture(const QString& path);  // .png or .svg

  static QString explanation();  // what a router, an expert, top-k and a gate weight are

 protected:
  void paintEvent(QPaintEvent* e) override;
  bool event(QEvent* e) override;  // tooltips

 private:
  QRectF cellRect(int layer, int expert) const;

  std::vector<std::vector<float>> share_, gate_;
  std::vector<int> blocks_;
  QString title_;
};

}  // namespace unilearn::ui
