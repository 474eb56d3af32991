#include "ui/background_job.h"

#include "core/library_errors.h"

namespace unilearn::ui {

BackgroundJob::~BackgroundJob() {
  cancel();
  wait();
}

void BackgroundJob::wait() {
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) {
    thread_.join();
    running_ = false;
  }
}

QString BackgroundJob::currentErrorMessage() {
  return QString::fromStdString(core::currentErrorMessage());
}

void BackgroundJob::start(Work work, Done done) {
  wait();
  cancel_ = false;
  running_ = true;
  const int generation = ++generation_;
  thread_ = std::thread([this, generation, work = std::move(work), done = std::move(done)] {
    QString error;
    try {
      work(*this);
    } catch (...) {
      error = currentErrorMessage();
      if (error.isEmpty()) error = QObject::tr("an error without a message");
    }
    post([this, generation, done, error] {
      // Not when a newer start() already waited for this one; the thread is past its last
      // statement, so this returns at once.
      if (generation == generation_) wait();
      if (done) done(error);
    });
  });
}

}  // namespace unilearn::ui
