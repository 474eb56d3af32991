// Issue 6, view 2: token routing on the face. The aligned face crop of one temporal slice with its
// patch grid; each patch is filled with the colour of its top-1 expert in the chosen MoE layer,
// its opacity the gate weight. Clicking an expert in the legend shows only the tokens routed to it
// (any of their top-k); clicking a patch selects it and patchDetails() lists its top-k experts
// and weights in every layer. Exports: PNG/SVG and the trace's CSV.
// Thread-safety: GUI thread only.
#pragma once

#include <QImage>
#include <QWidget>
#include <memory>
#include <vector>

#include "core/analysis/token_routing.h"

namespace unilearn::ui {

class TokenRoutingView : public QWidget {
  Q_OBJECT

 public:
  explicit TokenRoutingView(QWidget* parent = nullptr);

  void setRouting(std::shared_ptr<const core::TokenRouting> routing, const QString& title);
  void clear();
  const core::TokenRouting* routing() const { return routing_.get(); }

  void setLayer(int layer);
  void setSlice(int slice);
  void setHighlightedExpert(int expert);  // -1: all experts
  void selectPatch(int row, int col);     // -1, -1: none
  int layer() const { return layer_; }
  int slice() const { return slice_; }
  int highlightedExpert() const { return highlight_; }
  int slices() const { return routing_ ? routing_->slices : 0; }

  // What a patch of the shown slice looks like: the expert whose colour fills it (-1: dimmed
  // because the highlighted expert did not get it) and the fill's opacity (its gate weight).
  int shownExpert(int row, int col) const;
  float shownOpacity(int row, int col) const;
  QString patchDetails(int row, int col) const;  // top-k in every layer, for the shown slice
  QString toCsv() const;
  bool exportPicture(const QString& path);
  QRectF patchRect(int row, int col) const;  // widget coordinates
  QRectF legendRect(int expert) const;

 signals:
  void patchSelected(int row, int col);
  void expertHighlighted(int expert);

 protected:
  void paintEvent(QPaintEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;

 private:
  struct Cell {
    int expert = -1;
    float opacity = 0;
  };
  void updateCells();
  QRectF imageRect() const;

  std::shared_ptr<const core::TokenRouting> routing_;
  std::vector<QImage> frames_;  // one per temporal slice
  std::vector<Cell> cells_;     // rows * cols of the shown slice and layer
  int layer_ = 0, slice_ = 0, highlight_ = -1, sel_row_ = -1, sel_col_ = -1;
  QString title_;
};

}  // namespace unilearn::ui
