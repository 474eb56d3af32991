#include "ui/routing_tracer.h"

#include <chrono>

#include "core/analysis/clip_model.h"
#include "model/base/error.h"

namespace unilearn::ui {

RoutingTracer::RoutingTracer(QObject* parent) : QObject(parent) {
  loop_.start([this](BackgroundJob& loop) { run(loop); });
}

RoutingTracer::~RoutingTracer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  loop_.cancel();
  loop_.wait();
}

bool RoutingTracer::busy() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return working_ || trace_job_ || matrix_job_;
}

void RoutingTracer::post(std::function<void()>& slot, std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    slot = std::move(job);
  }
  wake_.notify_all();
}

void RoutingTracer::run(BackgroundJob& loop) {
  while (!loop.cancelled()) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || trace_job_ || matrix_job_; });
      if (stop_) return;
      std::function<void()>& next = trace_job_ ? trace_job_ : matrix_job_;  // traces first
      job = std::move(next);
      next = nullptr;
      working_ = true;
    }
    job();
    std::lock_guard<std::mutex> lock(mutex_);
    working_ = false;
  }
}

void RoutingTracer::trace(const QString& project_path, const core::AnalysisRecord& analysis,
                          const core::WindowPrediction& window) {
  const std::string path = project_path.toStdString();
  post(trace_job_, [this, path, analysis, window] {
    const auto start = std::chrono::steady_clock::now();
    try {
      auto project = core::Project::open(path, false);  // this thread's own connection
      const std::string spec = core::analysisModelSpec(*project, analysis);
      if (spec.empty())
        throw Error(Error::Kind::kIo,
                    "the model this analysis used is not available any more; import it again "
                    "in the Models panel to inspect its routing token by token");
      if (spec != model_spec_ || !model_) {
        model_ = core::ClipModel::shared(spec);
        model_spec_ = spec;
      }
      auto crops = core::windowCrops(*project, analysis, window,
                                     static_cast<int>(model_->config().img_size));
      auto clip = std::make_shared<core::TokenRouting>(model_->trace(crops));
      auto still =
          std::make_shared<core::TokenRouting>(model_->traceImage(crops[crops.size() / 2]));
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      loop_.post([this, id = window.id, clip, still, ms] {
        emit traced(id, std::move(clip), std::move(still), ms);
      });
    } catch (...) {  // LibTorch, OpenCV and allocation failures too: a message, the loop goes on
      loop_.post([this, id = window.id, message = BackgroundJob::currentErrorMessage()] {
        emit traceFailed(id, message);
      });
    }
  });
}

void RoutingTracer::computeMatrix(const QString& project_path, const QString& by,
                                  const QString& annotator) {
  const std::string path = project_path.toStdString();
  post(matrix_job_, [this, path, by, annotator] {
    try {
      auto project = core::Project::open(path, false);
      auto m = std::make_shared<core::ExpertClassMatrix>(
          core::expertClassMatrix(*project, by.toStdString(), annotator.toStdString()));
      loop_.post([this, m, by] { emit matrixReady(std::move(m), by); });
    } catch (...) {
      loop_.post(
          [this, message = BackgroundJob::currentErrorMessage()] { emit matrixFailed(message); });
    }
  });
}

}  // namespace unilearn::ui
