#include "ui/video_canvas.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

#include "core/analysis/analyzer.h"
#include "core/faces/face_detector.h"
#include "core/faces/face_pipeline.h"
#include "ui/emotion_palette.h"
#include "ui/translation.h"

namespace unilearn::ui {

VideoCanvas::VideoCanvas(QWidget* parent) : QWidget(parent) {
  setMinimumSize(320, 180);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setAttribute(Qt::WA_OpaquePaintEvent);
}

void VideoCanvas::setFrame(const QImage& image, int64_t index) {
  image_ = image;
  index_ = index;
  computeFaces();
  update();
}

void VideoCanvas::setTimeline(std::shared_ptr<const core::Timeline> timeline) {
  timeline_ = std::move(timeline);
  computeFaces();
  update();
}

void VideoCanvas::setKeypointsVisible(bool on) {
  keypoints_ = on;
  update();
}

void VideoCanvas::setMeshVisible(bool on) {
  mesh_ = on;
  computeFaces();
  update();
}

void VideoCanvas::computeFaces() {
  faces_.clear();
  source_.clear();
  if (!timeline_ || index_ < 0) return;
  const auto& classes = timeline_->classes;
  for (const auto& tt : timeline_->tracks) {
    // The face where it was last seen, at most a few frames ago (the static model may have run
    // on every Nth frame only).
    auto it =
        std::upper_bound(tt.frames.begin(), tt.frames.end(), index_,
                         [](int64_t f, const core::FramePrediction& p) { return f < p.frame; });
    if (it == tt.frames.begin()) continue;
    const core::FramePrediction& fp = *std::prev(it);
    const auto packed = core::unpackFace(fp.face);
    if (index_ - fp.frame > 8 || !packed) continue;
    Face face;
    face.tracker_id = tt.track.tracker_id;
    face.person = QString::fromStdString(core::personName(tt.track));
    face.box = QRectF(packed->box.x, packed->box.y, packed->box.width, packed->box.height);
    for (const auto& k : packed->keypoints)
      face.keypoints.emplace_back(k.x, k.y);
    if (mesh_)  // 478 points a face: only when shown
      for (size_t i = 0; i + 2 < fp.landmarks.size(); i += 3)
        face.mesh.emplace_back(fp.landmarks[i], fp.landmarks[i + 1]);
    // The clip window whose centre is nearest this frame.
    const core::WindowPrediction* best = nullptr;
    for (const auto& w : tt.windows)
      if (w.start_frame <= index_ && index_ <= w.end_frame &&
          (!best || std::abs((w.start_frame + w.end_frame) / 2 - index_) <
                        std::abs((best->start_frame + best->end_frame) / 2 - index_)))
        best = &w;
    if (best && static_cast<size_t>(best->top_class) < classes.size()) {
      face.emotion = QString::fromStdString(classes[static_cast<size_t>(best->top_class)]);
      face.confidence = best->confidence;
      source_ =
          tr("emotions: UniLearn, clips of %1 s")
              .arg(localNumber(static_cast<double>(best->end_ms - best->start_ms) / 1000.0, 1));
    } else if (classes.empty() && !fp.smoothed.empty()) {
      // A static-only analysis: the static model's smoothed expression of this frame.
      const auto top = std::max_element(fp.smoothed.begin(), fp.smoothed.end());
      const auto& names = core::FacePipeline::expressionNames();
      const auto k = static_cast<size_t>(top - fp.smoothed.begin());
      if (k < names.size()) {
        face.emotion = QString::fromStdString(names[k]);
        face.confidence = *top;
        source_ = tr("emotions: %1, per frame")
                      .arg(QString::fromStdString(core::frameEngineName(
                          timeline_->analysis ? core::analysisFrameEngine(*timeline_->analysis)
                                              : core::FrameEngine::kStatic)));
      }
    }
    faces_.push_back(face);
  }
}

QPointF VideoCanvas::toImage(QPointF q) const {
  if (image_.isNull()) return {};
  const QSizeF fitted = QSizeF(image_.size()).scaled(size(), Qt::KeepAspectRatio);
  const QPointF origin((width() - fitted.width()) / 2, (height() - fitted.height()) / 2);
  return (q - origin) * (image_.width() / fitted.width());
}

void VideoCanvas::mousePressEvent(QMouseEvent* e) {
  const QPointF at = toImage(e->position());
  for (const Face& f : faces_)
    if (f.box.contains(at)) {
      emit faceClicked(f.tracker_id);
      return;
    }
  QWidget::mousePressEvent(e);
}

void VideoCanvas::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::black);
  if (image_.isNull()) return;
  const QSizeF fitted = QSizeF(image_.size()).scaled(size(), Qt::KeepAspectRatio);
  const QRectF target(QPointF((width() - fitted.width()) / 2, (height() - fitted.height()) / 2),
                      fitted);
  p.setRenderHint(QPainter::SmoothPixmapTransform);
  p.drawImage(target, image_);
  const double s = target.width() / image_.width();
  auto map = [&](QPointF q) { return target.topLeft() + q * s; };
  p.setRenderHint(QPainter::Antialiasing);
  QFont f = font();
  f.setBold(true);
  p.setFont(f);
  for (const Face& face : faces_) {
    const QRectF box(map(face.box.topLeft()), face.box.size() * s);
    const QColor color =
        face.emotion.isEmpty() ? QColor(0, 200, 255) : emotionColor(face.emotion.toStdString());
    p.setPen(QPen(color, 2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(box);
    QString label = face.person;
    if (!face.emotion.isEmpty()) label += " · " + verdictText(face.emotion, face.confidence);
    const QRectF text = p.fontMetrics().boundingRect(label).adjusted(-4, -2, 4, 2);
    const QRectF tag(box.left(), box.top() - text.height(), text.width(), text.height());
    p.fillRect(tag, QColor(0, 0, 0, 170));
    p.setPen(Qt::white);
    p.drawText(tag, Qt::AlignCenter, label);
    if (mesh_ && !face.mesh.empty()) {
      p.setPen(Qt::NoPen);
      p.setBrush(QColor(80, 255, 120, 200));
      const double r = std::clamp(box.width() / 250.0, 0.8, 2.0);
      for (const QPointF& k : face.mesh)
        p.drawEllipse(map(k), r, r);
    }
    if (keypoints_) {
      p.setPen(Qt::NoPen);
      p.setBrush(QColor(255, 255, 0));
      for (const QPointF& k : face.keypoints)
        p.drawEllipse(map(k), 2.5, 2.5);
    }
  }
  if (!source_.isEmpty()) {  // which model speaks here
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    p.setFont(small);
    const QRectF text = p.fontMetrics().boundingRect(source_).adjusted(-5, -2, 5, 2);
    const QRectF tag(target.left() + 4, target.bottom() - text.height() - 4, text.width(),
                     text.height());
    p.fillRect(tag, QColor(0, 0, 0, 150));
    p.setPen(Qt::white);
    p.drawText(tag, Qt::AlignCenter, source_);
  }
}

}  // namespace unilearn::ui
