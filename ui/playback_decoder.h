// Decodes a video for the player on its own thread: a request names the first frame wanted and
// whether to keep going; decoded frames wait in a short queue (8 frames) tagged with the
// request they answer, so frames of an old request are never shown after a seek. Unlike the
// BackgroundJob work elsewhere in ui/, this is a producer the player polls (take()), not a job
// that reports to the GUI thread; it lives exactly as long as the decoder.
// Thread-safety: request() and take() may be called from any one thread (the GUI's).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/media/video_reader.h"

namespace unilearn::ui {

class PlaybackDecoder {
 public:
  // Throws unilearn::Error like core::VideoReader.
  explicit PlaybackDecoder(const std::string& path);
  ~PlaybackDecoder();

  const core::VideoInfo& info() const { return info_; }
  int64_t frameCount() const { return frame_count_; }
  int64_t msOf(int64_t index) const;  // presentation time of a frame (from the frame table)

  // Frames from `index` on (just that one unless `stream`); queued frames are dropped.
  void request(int64_t index, bool stream);
  // The oldest decoded frame of the latest request, if any.
  std::optional<core::VideoFrame> take();
  // Frames decoded for the latest request but not taken yet.
  size_t queued() const;
  // The last decoding error ("" when none), e.g. a frame that cannot be decoded.
  std::string error() const;

 private:
  void loop();

  std::unique_ptr<core::VideoReader> reader_;
  core::VideoInfo info_;
  int64_t frame_count_ = 0;
  std::vector<int64_t> ms_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<core::VideoFrame> queue_;
  uint64_t generation_ = 0;
  int64_t next_ = -1;  // next frame to decode for the current request; -1: idle
  bool stream_ = false, stop_ = false;
  std::string error_;
  std::thread thread_;
};

}  // namespace unilearn::ui
