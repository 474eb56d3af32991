// The routing views' engine: one background job (a loop over a queue) that re-runs the clip model
// an analysis used on one stored window (rebuilding its face crops from the video) with every
// token's routing kept, the middle face of that clip through the image path too, and computes
// project-wide expert × class matrices. Bounded: one pending job of each kind, a newer request
// replaces an older one that has not started. Results come as signals on the GUI thread.
// Thread-safety: call from the GUI thread.
#pragma once

#include <QObject>
#include <QString>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

#include "core/analysis/token_routing.h"
#include "ui/background_job.h"

namespace unilearn::core {
class ClipModel;
}

namespace unilearn::ui {

class RoutingTracer : public QObject {
  Q_OBJECT

 public:
  explicit RoutingTracer(QObject* parent = nullptr);
  ~RoutingTracer() override;

  void trace(const QString& project_path, const core::AnalysisRecord& analysis,
             const core::WindowPrediction& window);
  void computeMatrix(const QString& project_path, const QString& by, const QString& annotator);
  bool busy() const;

 signals:
  void traced(qint64 window_id, std::shared_ptr<const core::TokenRouting> clip,
              std::shared_ptr<const core::TokenRouting> still, double milliseconds);
  void traceFailed(qint64 window_id, const QString& message);
  void matrixReady(std::shared_ptr<const core::ExpertClassMatrix> matrix, const QString& by);
  void matrixFailed(const QString& message);

 private:
  void run(BackgroundJob& loop);
  void post(std::function<void()>& slot, std::function<void()> job);

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::function<void()> trace_job_, matrix_job_;
  bool stop_ = false, working_ = false;
  // Loop thread only: the model last used, kept for the next window.
  std::string model_spec_;
  std::shared_ptr<core::ClipModel> model_;  // from ClipModel::shared: one load per process
  BackgroundJob loop_{this};                // last: stopped before the members it reads go
};

}  // namespace unilearn::ui
