// What the routing and model views share: one colour per expert, the heat scale of the shares,
// exporting a view as PNG or SVG, and OpenCV crops as Qt images. Thread-safety: GUI thread only.
#pragma once

#include <QColor>
#include <QImage>
#include <QString>

#include <opencv2/core/mat.hpp>

class QWidget;

namespace unilearn::ui {

QColor expertColor(int expert);  // distinct hues, the same expert the same colour everywhere
QColor heatColor(float v);       // 0 → pale, 1 → deep blue
// `path` ending in .svg: vector drawing of the widget; anything else: a raster image by suffix.
bool exportWidgetPicture(QWidget* widget, const QString& path);
// An OpenCV BGR image as a Qt image (a deep copy, no colour conversion): the one converter the
// player, the webcam view and the routing views share.
QImage imageFromBgr(const cv::Mat& bgr);

}  // namespace unilearn::ui
