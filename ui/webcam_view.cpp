#include "ui/webcam_view.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <algorithm>
#include <chrono>

#include "core/analysis/analyzer.h"
#include "core/analysis/clip_model.h"
#include "core/media/frame_source.h"
#include "core/resources.h"
#include "model/base/error.h"
#include "ui/blendshape_bars.h"
#include "ui/routing_style.h"
#include "ui/timeline_data.h"
#include "ui/timeline_view.h"
#include "ui/video_canvas.h"

namespace unilearn::ui {

WebcamView::WebcamView(QWidget* parent) : QWidget(parent) {
  cameras_ = new QComboBox(this);
  start_ = new QPushButton(tr("Start"), this);
  file_ = new QPushButton(tr("Use a video file as a live source…"), this);
  record_ = new QCheckBox(tr("Record"), this);
  record_->setChecked(true);
  record_->setToolTip(
      tr("Keep the video of the session in the project, to play and annotate it "
         "afterwards"));
  movements_ = new QCheckBox(tr("Face movements"), this);
  movements_->setToolTip(
      tr("Landmarks and blendshapes per face: the mesh on the image and the "
         "AU-like scores of the face you click (else the largest) beside it (about 30 ms per "
         "face)"));
  message_ = new QLabel(this);
  message_->setWordWrap(true);
  canvas_ = new VideoCanvas(this);
  bars_ = new BlendshapeBars(this);
  bars_->setVisible(false);
  timeline_ = new TimelineView(this);
  timeline_->setMinimumHeight(220);
  auto* row = new QHBoxLayout;
  row->addWidget(cameras_, 1);
  row->addWidget(record_);
  row->addWidget(movements_);
  row->addWidget(start_);
  row->addWidget(file_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(row);
  layout->addWidget(message_);
  auto* image_row = new QHBoxLayout;
  image_row->addWidget(canvas_, 1);
  image_row->addWidget(bars_);
  layout->addLayout(image_row, 3);
  layout->addWidget(timeline_, 2);
  connect(start_, &QPushButton::clicked, this, [this] {
    if (work_.running())
      stop();
    else
      start(cameras_->currentData().toString());
  });
  connect(file_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Video as a live source"));
    if (!path.isEmpty()) start(path, /*file=*/true);
  });
  connect(movements_, &QCheckBox::toggled, this, &WebcamView::setFaceMovements);
  connect(canvas_, &VideoCanvas::faceClicked, this, [this](qint64 id) { selectFace(id); });
  rebuild_.setInterval(500);
  connect(&rebuild_, &QTimer::timeout, this, &WebcamView::rebuildTimeline);
  refreshCameras();
}

WebcamView::~WebcamView() {
  stop();
}

void WebcamView::setFrameModel(const QString& model_path, const QString& frame_model) {
  image_head_model_ = model_path;
  frame_model_ = frame_model;
}

void WebcamView::setFaceMovements(bool on) {
  const QSignalBlocker block(movements_);
  movements_->setChecked(on);
  bars_->setVisible(on);
  canvas_->setMeshVisible(on);
  timeline_->setFaceMovements(on);
}

void WebcamView::selectFace(int64_t tracker_id) {
  selected_face_ = tracker_id;
}

void WebcamView::setProjectPath(const QString& path) {
  project_path_ = path;
}

void WebcamView::refreshCameras() {
  cameras_->clear();
  const auto cams = core::listCameras();
  camera_count_ = static_cast<int>(cams.size());
  for (const auto& c : cams)
    cameras_->addItem(QString::fromStdString(c.name), QString::fromStdString(c.id));
  start_->setEnabled(camera_count_ > 0 || work_.running());
  if (camera_count_ == 0)
    message_->setText(
        tr("No camera found. Connect one and reopen this view, or use a video "
           "file as a live source."));
  else
    message_->clear();
}

bool WebcamView::start(const QString& source, bool file) {
  if (work_.running()) return false;
  if (project_path_.isEmpty()) {
    message_->setText(tr("Open or create a project first: live sessions are stored in it."));
    return false;
  }
  std::unique_ptr<core::FrameSource> src;
  try {
    if (file)
      src = std::make_unique<core::FileSource>(source.toStdString());
    else
      src = std::make_unique<core::CameraSource>(source.toStdString());
  } catch (const Error& e) {
    message_->setText(QString::fromUtf8(e.what()));
    return false;
  }
  const double fps = src->fps();
  auto capture = std::make_shared<core::LiveCapture>(std::move(src), 4, /*pace_files=*/true);
  live_.reset({});  // no clip classes: the overlay shows the per-frame model
  work_.wait();     // a stopped session's `done` may still be queued; its thread is over
  frames_shown_ = 0;
  start_->setText(tr("Stop"));
  start_->setEnabled(true);
  message_->setText(tr("Live: %1").arg(source));
  capture->start([this](core::LiveCapture::Event e, const std::string& what) {
    if (e == core::LiveCapture::Event::kLost)
      QMetaObject::invokeMethod(
          this,
          [this, what] {
            message_->setText(tr("The camera stopped delivering (%1); waiting for it to come "
                                 "back. Stop to end the session.")
                                  .arg(QString::fromStdString(what)));
          },
          Qt::QueuedConnection);
    if (e == core::LiveCapture::Event::kEnded) work_.cancel();  // a file source at its end
  });
  const std::string project = project_path_.toStdString(), name = source.toStdString();
  std::string record;
  if (record_->isChecked()) {
    const QFileInfo info(project_path_);
    const QString dir = info.absolutePath() + "/" + info.completeBaseName() + "-recordings";
    QDir().mkpath(dir);
    record = (dir + "/live-" + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss") + ".mp4")
                 .toStdString();
  }
  core::AnalysisOptions options;
  options.blendshapes = movements_->isChecked();
  movements_->setEnabled(false);  // fixed for the session
  options.frame_engine =
      core::frameEngineFromKey(frame_model_.toStdString()).value_or(core::FrameEngine::kStatic);
  const std::string head_model =
      options.frame_engine == core::FrameEngine::kStatic ? "" : image_head_model_.toStdString();
  if (head_model.empty()) options.frame_engine = core::FrameEngine::kStatic;
  // The overlay names the model that speaks (VideoCanvas reads it from the analysis record).
  live_.update([&](core::Timeline& t) {
    t.analysis = core::AnalysisRecord{};
    t.analysis->params_json = core::analysisParamsJson(options, nullptr);
  });
  auto summary = std::make_shared<QString>();
  work_.start(
      [this, capture, project, name, fps, file, record, options, head_model,
       summary](BackgroundJob& work) {
        try {
          auto p = core::Project::open(project, false);
          std::shared_ptr<core::ClipModel> model;  // shared with the Session tab's analyses
          if (!head_model.empty()) model = core::ClipModel::shared(head_model);
          // A model whose image head cannot give the curves: the static model gives them.
          core::AnalysisOptions run = options;
          run.frame_engine = core::usableFrameEngine(options.frame_engine, model.get());
          if (run.frame_engine != options.frame_engine)
            live_.update([&](core::Timeline& t) {
              t.analysis->params_json = core::analysisParamsJson(run, nullptr);
            });
          core::LiveCallbacks cb;
          cb.record_path = record;
          auto last_post = std::chrono::steady_clock::now() - std::chrono::seconds(1);
          cb.on_frame = [&](int64_t frame, int64_t ms, const std::vector<core::FaceResult>& faces,
                            const cv::Mat& bgr) {
            live_.update([&](core::Timeline& live) {
              for (const auto& f : faces) {
                auto it = std::find_if(
                    live.tracks.begin(), live.tracks.end(),
                    [&](const core::TrackTimeline& t) { return t.track.tracker_id == f.track_id; });
                if (it == live.tracks.end()) {
                  core::TrackTimeline tt;
                  tt.track.id = f.track_id;
                  tt.track.tracker_id = f.track_id;
                  live.tracks.push_back(tt);
                  it = std::prev(live.tracks.end());
                }
                std::vector<float> face = {f.face.box.x, f.face.box.y, f.face.box.width,
                                           f.face.box.height, f.face.score};
                for (const auto& k : f.face.keypoints) {
                  face.push_back(k.x);
                  face.push_back(k.y);
                }
                std::vector<float> probs(f.expression.begin(), f.expression.end());
                std::vector<float> shapes;
                if (!f.mesh.landmarks.empty())
                  shapes.assign(f.mesh.blendshapes.begin(), f.mesh.blendshapes.end());
                it->frames.push_back({0, f.track_id, frame, ms, probs, probs, face, shapes, {}});
              }
              live.media.duration_ms = ms;
            });
            const auto now = std::chrono::steady_clock::now();
            if (now - last_post < std::chrono::milliseconds(33)) return;  // the GUI needs no more
            last_post = now;
            QImage image = imageFromBgr(bgr);
            auto snapshot = std::make_shared<core::Timeline>();
            live_.read([&](const core::Timeline& live) {
              snapshot->classes = live.classes;
              snapshot->analysis = live.analysis;
              for (const auto& t : live.tracks) {  // the last frames are all the overlay needs
                core::TrackTimeline tt;
                tt.track = t.track;
                if (!t.frames.empty()) tt.frames.push_back(t.frames.back());
                // The mesh of this frame only (landmarks are not kept for the whole session).
                for (const auto& f : faces)
                  if (f.track_id == t.track.tracker_id && !tt.frames.empty() &&
                      tt.frames.back().frame == frame)
                    for (const auto& q : f.mesh.landmarks)
                      tt.frames.back().landmarks.insert(tt.frames.back().landmarks.end(),
                                                        {q.x, q.y, q.z});
                snapshot->tracks.push_back(tt);
              }
            });
            // The bars follow the face clicked on, else the largest (usually the nearest).
            const core::FaceResult* largest = nullptr;
            for (const auto& f : faces)
              if (!f.mesh.landmarks.empty() &&
                  (!largest || f.face.box.area() > largest->face.box.area()))
                largest = &f;
            for (const auto& f : faces)
              if (!f.mesh.landmarks.empty() && f.track_id == selected_face_.load()) largest = &f;
            const QString who = largest ? tr("face %1").arg(largest->track_id) : QString();
            const auto shapes =
                largest ? largest->mesh.blendshapes : std::array<float, core::kBlendshapes>{};
            work.post([this, image, frame, snapshot, who, shapes] {
              canvas_->setTimeline(snapshot);
              canvas_->setFrame(image, frame);
              if (bars_->isVisible()) bars_->setScores(who, shapes);
              ++frames_shown_;
            });
          };
          const auto s =
              core::analyzeLive(*p, *capture, (file ? "file " : "camera ") + name, fps, model.get(),
                                core::resourceDir(), run, cb, work.cancelCheck());
          *summary =
              tr("Live session stored: %1 frames, %2 people (%3 frames dropped by the capture)")
                  .arg(s.frames)
                  .arg(s.tracks)
                  .arg(capture->dropped());
        } catch (...) {
          capture->stop();
          throw;
        }
        capture->stop();
      },
      [this, summary](const QString& error) {
        rebuild_.stop();
        rebuildTimeline();
        start_->setText(tr("Start"));
        start_->setEnabled(camera_count_ > 0);
        movements_->setEnabled(true);
        const QString text = error.isEmpty() ? *summary : error;
        message_->setText(text);
        emit sessionEnded(text);
      });
  rebuild_.start();
  return true;
}

void WebcamView::stop() {
  work_.cancel();
  work_.wait();
}

// The live timeline shows the last minute, growing as results come. Only that minute is copied
// and converted, so the cost on the GUI thread does not grow with the session.
void WebcamView::rebuildTimeline() {
  int64_t end_ms = 0;
  live_.read([&](const core::Timeline& live) { end_ms = live.media.duration_ms; });
  const auto tail = live_.snapshot(/*only_if_changed=*/true, end_ms - 60000);
  if (!tail) return;
  timeline_->setData(timelineData(*tail));
  const double end = static_cast<double>(timeline_->data().duration_ms);
  timeline_->setRange(std::max(0.0, end - 60000.0), std::max(end, 1000.0));
  timeline_->setPlayhead(static_cast<qint64>(end));
}

}  // namespace unilearn::ui
