// A bounded buffer between a producer thread (capture) and consumers: pushing into a full
// buffer drops the oldest item; consumers take the newest item and discard older ones.
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

namespace unilearn::core {

template <typename T>
class RingBuffer {
 public:
  explicit RingBuffer(size_t capacity) : capacity_(capacity ? capacity : 1) {}

  void push(T item) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (items_.size() == capacity_) {
        items_.pop_front();
        ++dropped_;
      }
      items_.push_back(std::move(item));
    }
    ready_.notify_all();
  }

  // Waits up to `timeout` for an item; takes the newest and discards the rest (counted as
  // dropped). False on timeout or after close() with nothing left.
  bool takeNewest(T& out, std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!ready_.wait_for(lock, timeout, [&] { return !items_.empty() || closed_; })) return false;
    if (items_.empty()) return false;
    out = std::move(items_.back());
    dropped_ += items_.size() - 1;
    items_.clear();
    return true;
  }

  // Takes the oldest item (for consumers that want every frame while the buffer keeps up).
  bool takeOldest(T& out, std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!ready_.wait_for(lock, timeout, [&] { return !items_.empty() || closed_; })) return false;
    if (items_.empty()) return false;
    out = std::move(items_.front());
    items_.pop_front();
    return true;
  }

  // Wakes waiting consumers; later pushes still work (a reopened source).
  void close() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
    }
    ready_.notify_all();
  }

  uint64_t dropped() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return dropped_;
  }
  size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return items_.size();
  }

 private:
  const size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<T> items_;
  uint64_t dropped_ = 0;
  bool closed_ = false;
};

}  // namespace unilearn::core
