#include "ui/playback_decoder.h"

#include <algorithm>

#include "core/library_errors.h"
#include "model/base/error.h"

namespace unilearn::ui {
namespace {
constexpr size_t kQueueFrames = 8;
}

PlaybackDecoder::PlaybackDecoder(const std::string& path)
    : reader_(std::make_unique<core::VideoReader>(path)) {
  info_ = reader_->info();
  const auto& table = reader_->frameTable();
  frame_count_ = table.size();
  ms_.reserve(static_cast<size_t>(frame_count_));
  for (int64_t i = 0; i < frame_count_; ++i)
    ms_.push_back(table.ms(i));
  thread_ = std::thread([this] { loop(); });
}

PlaybackDecoder::~PlaybackDecoder() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

int64_t PlaybackDecoder::msOf(int64_t index) const {
  if (ms_.empty()) return 0;
  return ms_[static_cast<size_t>(std::clamp<int64_t>(index, 0, frame_count_ - 1))];
}

void PlaybackDecoder::request(int64_t index, bool stream) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++generation_;
    queue_.clear();
    next_ = std::clamp<int64_t>(index, 0, std::max<int64_t>(0, frame_count_ - 1));
    stream_ = stream;
  }
  wake_.notify_all();
}

std::optional<core::VideoFrame> PlaybackDecoder::take() {
  std::optional<core::VideoFrame> out;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (queue_.empty()) return out;
    out = std::move(queue_.front());
    queue_.pop_front();
  }
  wake_.notify_all();  // room for the next frame
  return out;
}

size_t PlaybackDecoder::queued() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size();
}

std::string PlaybackDecoder::error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_;
}

void PlaybackDecoder::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    wake_.wait(lock, [&] { return stop_ || (next_ >= 0 && queue_.size() < kQueueFrames); });
    if (stop_) break;
    const int64_t index = next_;
    const uint64_t generation = generation_;
    lock.unlock();
    core::VideoFrame frame;
    std::string error;
    try {
      frame = reader_->frameAt(index);  // forward from the last frame: no seek while playing
    } catch (...) {  // FFmpeg/OpenCV/allocation failures too: shown, the player goes on
      error = core::currentErrorMessage();
    }
    lock.lock();
    if (generation != generation_) continue;  // a seek came in meanwhile
    if (!error.empty())
      error_ = error;
    else
      queue_.push_back(std::move(frame));
    next_ = stream_ && index + 1 < frame_count_ ? index + 1 : -1;
  }
}

}  // namespace unilearn::ui
