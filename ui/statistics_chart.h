// Session statistics as a figure (issue 18): per person and rater (the model, then each
// annotator; per epoch when the statistics are) one horizontal bar split into the emotions' shares
// of the time that rater rated, coloured as everywhere else (emotion_palette.h), the share written
// where it fits, a legend below. Saved as a PNG of a fixed size for papers and slides (not the
// widget's size) or as SVG. Thread-safety: GUI thread only.
#pragma once

#include <QString>
#include <QWidget>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/analysis/statistics.h"

namespace unilearn::ui {

class StatisticsChart : public QWidget {
  Q_OBJECT

 public:
  explicit StatisticsChart(QWidget* parent = nullptr);

  struct Bar {
    std::string epoch;  // per-epoch statistics: the epoch's label (core::EmotionStatistics)
    int64_t epoch_start = 0;
    std::string person, rater;
    std::vector<std::pair<std::string, double>> shares;  // (emotion, 0..1) in the legend's order
  };

  // `stats` as core::sessionStatistics orders them; `title` says which stretch they cover.
  void setStatistics(const std::vector<core::EmotionStatistics>& stats, const QString& title);
  const std::vector<Bar>& bars() const { return bars_; }
  const std::vector<std::string>& emotions() const { return emotions_; }  // the legend

  // .svg: vector drawing; anything else: a PNG kExportWidth pixels wide (height by the bars).
  bool exportPicture(const QString& path) const;
  static constexpr int kExportWidth = 1600;

  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent*) override;
  void resizeEvent(QResizeEvent*) override;  // keeps the height the bars need at this width

 private:
  int heightFor(int width) const;
  void draw(QPainter& p, QSize size) const;

  QString title_;
  std::vector<Bar> bars_;
  std::vector<std::string> emotions_;
};

}  // namespace unilearn::ui
