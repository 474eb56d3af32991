#include "ui/routing_style.h"

#include <QPainter>
#include <QSvgGenerator>
#include <QWidget>
#include <algorithm>
#include <array>

#include <opencv2/imgproc.hpp>

namespace unilearn::ui {

QColor expertColor(int expert) {
  static const std::array<QColor, 12> palette = {
      QColor(31, 119, 180),  QColor(255, 127, 14), QColor(44, 160, 44),   QColor(214, 39, 40),
      QColor(148, 103, 189), QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127),
      QColor(188, 189, 34),  QColor(23, 190, 207), QColor(0, 0, 128),     QColor(128, 128, 0)};
  if (expert < 0) return Qt::black;
  if (expert < static_cast<int>(palette.size())) return palette[static_cast<size_t>(expert)];
  return QColor::fromHsv((expert * 47) % 360, 200, 200);
}

QColor heatColor(float v) {
  const float t = std::clamp(v, 0.0f, 1.0f);
  return QColor::fromRgbF(1.0f - 0.85f * t, 1.0f - 0.6f * t, 1.0f - 0.1f * t);
}

bool exportWidgetPicture(QWidget* widget, const QString& path) {
  if (!path.endsWith(".svg", Qt::CaseInsensitive)) return widget->grab().save(path);
  QSvgGenerator svg;
  svg.setFileName(path);
  svg.setSize(widget->size());
  svg.setViewBox(widget->rect());
  QPainter p;
  if (!p.begin(&svg)) return false;
  widget->render(&p);
  return p.end();
}

QImage imageFromBgr(const cv::Mat& bgr) {
  // BGR888 wraps the OpenCV buffer; copy() detaches it from the cv::Mat.
  return QImage(bgr.data, bgr.cols, bgr.rows, static_cast<qsizetype>(bgr.step),
                QImage::Format_BGR888)
      .copy();
}

}  // namespace unilearn::ui
