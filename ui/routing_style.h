// What the routing views share: one colour per expert, the heat scale of the shares, and
// exporting a view as PNG or SVG. Thread-safety: GUI thread only.
#pragma once

#include <QColor>
#include <QString>

class QWidget;

namespace unilearn::ui {

QColor expertColor(int expert);  // distinct hues, the same expert the same colour everywhere
QColor heatColor(float v);       // 0 → pale, 1 → deep blue
// `path` ending in .svg: vector drawing of the widget; anything else: a raster image by suffix.
bool exportWidgetPicture(QWidget* widget, const QString& path);

}  // namespace unilearn::ui
