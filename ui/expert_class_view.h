// Issue 6, view 4: the expert × emotion matrix of a whole project for one MoE layer — for the
// clip windows predicted (or annotated) as each class, the mean share of the tokens each expert
// received. Rows are classes (with how many windows), columns experts.
// Thread-safety: GUI thread only.
#pragma once

#include <QWidget>

#include "core/analysis/token_routing.h"

namespace unilearn::ui {

class ExpertClassView : public QWidget {
  Q_OBJECT

 public:
  explicit ExpertClassView(QWidget* parent = nullptr);

  void setMatrix(core::ExpertClassMatrix matrix, const QString& by, std::vector<int> blocks);
  const core::ExpertClassMatrix& matrix() const { return matrix_; }
  void setLayer(int layer);
  int layer() const { return layer_; }
  float shown(int cls, int expert) const;  // the value drawn in a cell of the shown layer
  QString toCsv() const;
  bool exportPicture(const QString& path);

 protected:
  void paintEvent(QPaintEvent* e) override;

 private:
  QRectF cellRect(int cls, int expert) const;

  core::ExpertClassMatrix matrix_;
  std::vector<int> blocks_;
  QString by_;
  int layer_ = 0;
};

}  // namespace unilearn::ui
