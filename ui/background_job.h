// One facility for work off the GUI thread. A BackgroundJob owns one worker thread at a time:
// start() runs `work` there; the work reports progress through post() and checks cancelled();
// when it ends, `done` runs on the owner's (GUI) thread with an empty message, or with the
// message of whatever the work threw — unilearn::Error, LibTorch's c10::Error, OpenCV's
// cv::Exception, std::bad_alloc or anything else, translated by core's library boundary — so an
// error from below reaches the person as text and never ends the program through
// std::terminate. Destroying the job (or its owner) asks the work to stop and waits for it; a
// `done` still queued for a destroyed owner is dropped (so make the job a member of its owner:
// they go together).
// Thread-safety: start/wait/running on the owner's thread; cancel from any thread;
// cancelled/post from the work.
#pragma once

#include <QMetaObject>
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <thread>

namespace unilearn::ui {

class BackgroundJob {
 public:
  explicit BackgroundJob(QObject* owner) : owner_(owner) {}
  ~BackgroundJob();
  BackgroundJob(const BackgroundJob&) = delete;
  BackgroundJob& operator=(const BackgroundJob&) = delete;

  using Work = std::function<void(BackgroundJob& job)>;
  using Done = std::function<void(const QString& error)>;  // empty error: the work succeeded

  // Waits for the previous work (which should have ended), then runs `work` on a new thread.
  void start(Work work, Done done = {});
  bool running() const { return running_; }
  // Asks the work to stop; it sees cancelled() and ends when it can. Any thread may ask.
  void cancel() { cancel_ = true; }
  bool cancelled() const { return cancel_; }
  // For core's cancel callbacks.
  std::function<bool()> cancelCheck() const {
    return [this] { return cancel_.load(); };
  }
  // Blocks until the work has ended; running() is false from then on (its `done`, if still
  // queued, runs later on the owner).
  void wait();

  // From the work: runs `f` on the owner's thread, in order; dropped when the owner is gone.
  template <class F>
  void post(F f) const {
    QMetaObject::invokeMethod(owner_, std::move(f), Qt::QueuedConnection);
  }

  // Inside a catch block: the exception being handled as a person reads it (library errors
  // translated, no backtraces). For work that goes on after one item fails, such as a queue.
  static QString currentErrorMessage();

 private:
  QObject* owner_;
  std::thread thread_;
  std::atomic<bool> cancel_{false}, running_{false};
  int generation_ = 0;  // owner's thread only: which start() a queued `done` belongs to
};

}  // namespace unilearn::ui
