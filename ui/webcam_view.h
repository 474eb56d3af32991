// The webcam view: pick a camera (or a video file played as a live source), see the live image
// with face boxes, person ids and the current emotion (optionally the face mesh and the largest
// face's AU-like bars), and a timeline of the last minute scrolling beneath it. The live analysis
// (core::analyzeLive) runs on a worker thread with its own project connection and stores the
// session in the project, recorded to a video file next to it (on by default) so that it can be
// played and annotated afterwards; frames reach the GUI at most every 33 ms, the timeline is
// rebuilt every 500 ms. Thread-safety: GUI thread only.
#pragma once

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QWidget>
#include <atomic>
#include <memory>
#include <mutex>

#include "core/analysis/timeline.h"
#include "core/analysis/timeline_stream.h"
#include "ui/background_job.h"

namespace unilearn::ui {

class VideoCanvas;
class TimelineView;
class BlendshapeBars;

class WebcamView : public QWidget {
  Q_OBJECT

 public:
  explicit WebcamView(QWidget* parent = nullptr);
  ~WebcamView() override;

  // Where live sessions are stored; empty: none (start refuses with a message).
  void setProjectPath(const QString& path);
  // Re-lists the cameras; with none, says so and offers a video file instead.
  void refreshCameras();
  int cameraCount() const { return camera_count_; }

  // Starts on a camera id ("0", "/dev/video2", a GStreamer pipeline) or, with `file`, on a
  // video file paced like a camera. False with the reason in message().
  bool start(const QString& source, bool file = false);
  void stop();
  bool running() const { return work_.running(); }
  QString message() const { return message_->text(); }

  // What has been seen so far (tests): frames shown, and the live timeline's data.
  int64_t framesShown() const { return frames_shown_; }
  TimelineView* timeline() const { return timeline_; }
  VideoCanvas* canvas() const { return canvas_; }
  BlendshapeBars* bars() const { return bars_; }
  // Face movements: landmarks and blendshapes per face, the mesh on the image and the AU-like
  // bars of the face clicked on the image (until then, or when it is gone, the largest face)
  // beside it (set before start()).
  void setFaceMovements(bool on);
  void selectFace(int64_t tracker_id);  // -1: the largest
  // Which model gives the live per-frame emotions (Analysis › Per-frame curves): `frame_model`
  // as core::frameEngineKey names it; other than "static", this UniLearn model's image head
  // (alone or combined with the static model), and the session then also stores its clip
  // windows. An empty `model_path` or a model whose image head cannot: the static model.
  // Takes effect at the next start().
  void setFrameModel(const QString& model_path, const QString& frame_model);

 signals:
  void sessionEnded(const QString& summary);

 private:
  void rebuildTimeline();

  QComboBox* cameras_ = nullptr;
  QPushButton* start_ = nullptr;
  QPushButton* file_ = nullptr;
  QCheckBox* record_ = nullptr;
  QCheckBox* movements_ = nullptr;
  BlendshapeBars* bars_ = nullptr;
  QLabel* message_ = nullptr;
  VideoCanvas* canvas_ = nullptr;
  TimelineView* timeline_ = nullptr;
  QTimer rebuild_;
  QString project_path_;
  QString image_head_model_;
  QString frame_model_ = "static";
  int camera_count_ = 0;
  int64_t frames_shown_ = 0;

  std::atomic<int64_t> selected_face_{-1};
  // The session as it grows (written by the worker, read by the GUI): the same path as a file
  // analysis' results take to the Session tab's timeline.
  core::TimelineStream live_;
  BackgroundJob work_{this};  // last: stopped before the members it reads go
};

}  // namespace unilearn::ui
