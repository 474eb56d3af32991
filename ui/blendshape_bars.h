// Live bars of one face's AU-like scores (blendshapes under the nearest action unit's name,
// core/faces/action_units.h): what the webcam view shows beside the image when face movements
// are on. Not FACS codes; the heading says so. Thread-safety: GUI thread only.
#pragma once

#include <QString>
#include <QWidget>
#include <array>
#include <vector>

#include "core/faces/face_landmarks.h"

namespace unilearn::ui {

class BlendshapeBars : public QWidget {
  Q_OBJECT

 public:
  explicit BlendshapeBars(QWidget* parent = nullptr);

  // The face shown (`who`, e.g. "face 2") and its 52 blendshape scores; an empty `who` clears.
  void setScores(const QString& who, const std::array<float, core::kBlendshapes>& blendshapes);
  const QString& who() const { return who_; }
  // The AU-like scores drawn, in core::actionUnits() order (tests).
  const std::vector<float>& values() const { return values_; }

  QSize sizeHint() const override { return {230, 420}; }

 protected:
  void paintEvent(QPaintEvent* e) override;

 private:
  QString who_;
  std::vector<float> values_;
};

}  // namespace unilearn::ui
