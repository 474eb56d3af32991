// The app's one facility for background work: results and errors arrive on the GUI thread in
// order, errors of every kind the libraries below throw arrive as messages (never as
// std::terminate), cancelling reaches the work, and a job destroyed mid-work stops and waits.
#include <QCoreApplication>
#include <QObject>
#include <QStringList>
#include <QTest>
#include <QThread>
#include <atomic>
#include <chrono>
#include <memory>
#include <new>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <thread>

#include <gtest/gtest.h>

#include "model/base/error.h"
#include "ui/background_job.h"

using namespace unilearn;

namespace {

// Runs `work` on a job and returns the message its `done` received on this (the GUI) thread.
QString errorOf(const ui::BackgroundJob::Work& work) {
  QObject owner;
  ui::BackgroundJob job(&owner);
  std::optional<QString> error;
  job.start(work, [&](const QString& e) {
    EXPECT_EQ(QThread::currentThread(), owner.thread());
    error = e;
  });
  EXPECT_TRUE(QTest::qWaitFor([&] { return error.has_value(); }, 10000));
  EXPECT_FALSE(job.running());
  return error.value_or("no answer");
}

}  // namespace

TEST(BackgroundJob, ErrorsOfEveryKindArriveAsMessages) {
  EXPECT_EQ(errorOf([](ui::BackgroundJob&) {}), "");
  EXPECT_EQ(errorOf([](ui::BackgroundJob&) { throw Error(Error::Kind::kIo, "disk full"); }),
            "disk full");
  const QString cv_error = errorOf([](ui::BackgroundJob&) {
    cv::Mat out;
    cv::resize(cv::Mat(), out, cv::Size(4, 4));  // OpenCV throws cv::Exception
  });
  EXPECT_TRUE(cv_error.startsWith("image processing failed (")) << cv_error.toStdString();
  EXPECT_FALSE(cv_error.contains('\n')) << cv_error.toStdString();
  EXPECT_TRUE(
      errorOf([](ui::BackgroundJob&) { throw std::bad_alloc(); }).contains("out of memory"));
  EXPECT_EQ(errorOf([](ui::BackgroundJob&) { throw 42; }), "an unknown error");
}

TEST(BackgroundJob, ProgressArrivesInOrderBeforeDone) {
  QObject owner;
  ui::BackgroundJob job(&owner);
  QStringList seen;
  bool finished = false;
  job.start(
      [&seen](ui::BackgroundJob& work) {
        for (int i = 0; i < 50; ++i)
          work.post([&seen, i] { seen << QString::number(i); });
      },
      [&](const QString& error) {
        EXPECT_TRUE(error.isEmpty());
        seen << "done";
        finished = true;
      });
  EXPECT_TRUE(job.running());
  ASSERT_TRUE(QTest::qWaitFor([&] { return finished; }, 10000));
  ASSERT_EQ(seen.size(), 51);
  for (int i = 0; i < 50; ++i)
    EXPECT_EQ(seen.at(i), QString::number(i));
  EXPECT_EQ(seen.back(), "done");
}

TEST(BackgroundJob, CancelReachesTheWorkAndANewStartWaitsForTheOldOne) {
  QObject owner;
  ui::BackgroundJob job(&owner);
  std::atomic<int> loops{0};
  int done_calls = 0;
  auto until_cancelled = [&loops](ui::BackgroundJob& work) {
    const auto cancelled = work.cancelCheck();
    while (!cancelled()) {
      ++loops;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  };
  job.start(until_cancelled, [&](const QString&) { ++done_calls; });
  ASSERT_TRUE(QTest::qWaitFor([&] { return loops > 3; }, 10000));
  job.cancel();
  job.wait();
  EXPECT_FALSE(job.running());
  // Started again before the first `done` was delivered: both `done`s come, the job is fresh.
  job.start([](ui::BackgroundJob& work) { EXPECT_FALSE(work.cancelled()); },
            [&](const QString&) { ++done_calls; });
  ASSERT_TRUE(QTest::qWaitFor([&] { return done_calls == 2; }, 10000));
  EXPECT_FALSE(job.running());
}

TEST(BackgroundJob, DestroyingTheOwnerStopsTheWorkAndDropsItsDone) {
  std::atomic<bool> stopped{false};
  bool done_ran = false;
  {
    QObject owner;
    ui::BackgroundJob job(&owner);
    job.start(
        [&stopped](ui::BackgroundJob& work) {
          while (!work.cancelled())
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
          stopped = true;
        },
        [&](const QString&) { done_ran = true; });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }  // the job cancels and waits; the owner goes with its queued `done`
  EXPECT_TRUE(stopped);
  QCoreApplication::processEvents();
  EXPECT_FALSE(done_ran);
}
