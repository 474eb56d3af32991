// Analysis of a project's videos off the GUI thread, as Analysis › Analyze and Analyze all
// videos run it: one video or a queue of them, one after the other; a video already analysed
// with this model and these settings is kept, a missing or broken one is reported and the queue
// goes on; cancel stops after the current video's resumable state is stored. What the analysis
// stores also goes to stream() (core::TimelineStream) for the timeline to follow without reading
// the project back. progress() and finished() arrive on the GUI thread; finished() once per
// start(), with a message for people.
// Thread-safety: GUI thread only; the work opens its own Project connection.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

#include "core/analysis/analyzer.h"
#include "model/precision.h"
#include "ui/background_job.h"

namespace unilearn::core {
class TimelineStream;
}

namespace unilearn::ui {

class AnalysisController : public QObject {
  Q_OBJECT

 public:
  explicit AnalysisController(QObject* parent = nullptr);

  struct Request {
    QString project;     // the project file
    QStringList videos;  // their paths, in queue order
    QString model;       // a UniLearn model file or preset; empty: the static model only
    Precision precision = Precision::kFp32;
    core::AnalysisOptions options;
  };
  // Starts the queue; false (nothing started) while one runs.
  bool start(const Request& request);
  void cancel() { job_.cancel(); }
  // Blocks until the work has ended (closing the window).
  void wait() { job_.wait(); }
  bool running() const { return running_; }
  // While running: what the analysis stores, in memory; null otherwise.
  std::shared_ptr<core::TimelineStream> stream() const { return stream_; }

 signals:
  // `prefix` says which video of a queue ("video 2 of 5 · "), empty for one video.
  void progress(int64_t frame, int64_t frame_count, double frames_per_second,
                const QString& prefix);
  void finished(bool ok, const QString& message);

 private:
  bool running_ = false;
  std::shared_ptr<core::TimelineStream> stream_;
  BackgroundJob job_{this};
};

}  // namespace unilearn::ui
