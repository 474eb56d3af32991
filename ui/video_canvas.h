// Paints a video frame (aspect kept) with the analysis overlay: per face its box, the person's
// name and the current top emotion with its confidence, and optionally the keypoints and the
// face mesh (the landmarks an analysis with face movements stored).
// Thread-safety: GUI thread only.
#pragma once

#include <QImage>
#include <QWidget>
#include <memory>

#include "core/analysis/timeline.h"

namespace unilearn::ui {

class VideoCanvas : public QWidget {
  Q_OBJECT

 public:
  explicit VideoCanvas(QWidget* parent = nullptr);

  void setFrame(const QImage& image, int64_t index);
  void setTimeline(std::shared_ptr<const core::Timeline> timeline);
  void setKeypointsVisible(bool on);
  void setMeshVisible(bool on);
  bool meshVisible() const { return mesh_; }

  struct Face {
    int64_t tracker_id = -1;
    QString person, emotion;
    double confidence = 0;
    QRectF box;  // image pixels
    std::vector<QPointF> keypoints;
    std::vector<QPointF> mesh;  // 478 landmarks when the analysis stored them
  };
  // The faces the overlay shows for the current frame (tests read them).
  const std::vector<Face>& faces() const { return faces_; }
  // Which model the shown emotions come from ("UniLearn, 16-frame clips" or "static model, per
  // frame"), drawn in the corner so nobody has to guess; empty without emotions.
  const QString& emotionSource() const { return source_; }
  const QImage& image() const { return image_; }
  int64_t frameIndex() const { return index_; }

  // Widget pixel -> image pixel (the image is fitted, aspect kept, centred).
  QPointF toImage(QPointF widget_px) const;

 signals:
  // A click on a face's box.
  void faceClicked(qint64 tracker_id);

 protected:
  void paintEvent(QPaintEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;

 private:
  void computeFaces();

  QImage image_;
  int64_t index_ = -1;
  std::shared_ptr<const core::Timeline> timeline_;
  std::vector<Face> faces_;
  QString source_;
  bool keypoints_ = false, mesh_ = false;
};

}  // namespace unilearn::ui
