// Video files through FFmpeg (libavformat/libavcodec/libswscale): stream information, fast
// sequential decoding, and frame-accurate random access by frame index, for constant and
// variable frame rate files. Rotation metadata is applied to every frame. Damage mid-file is
// decoded around and reported in problems(); unreadable input throws unilearn::Error.
// Thread-safety: one thread at a time per reader; separate readers are independent.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "core/media/frame_time.h"

namespace unilearn::core {

struct AudioStreamInfo {
  int index = -1;  // stream index in the container
  std::string codec;
  int sample_rate = 0;
  int channels = 0;
};

struct VideoInfo {
  std::string path;
  std::string container;      // e.g. "mov,mp4,m4a,3gp,3g2,mj2"
  std::string codec;          // e.g. "h264"
  int width = 0, height = 0;  // of the frames handed out, i.e. after rotation
  int rotation = 0;           // degrees clockwise applied to decoded frames: 0, 90, 180, 270
  Rational time_base;         // of the video stream's timestamps
  Rational frame_rate;        // average frame rate as the container states or guesses it
  int64_t duration_ms = -1;   // -1 when unknown
  int64_t frame_count = -1;   // from the container header, -1 when it does not say
  std::vector<AudioStreamInfo> audio;
};

struct VideoFrame {
  int64_t index = -1;  // presentation order, 0-based
  int64_t pts = 0;     // in info().time_base
  int64_t ms = 0;      // from the first frame
  cv::Mat bgr;         // 8-bit BGR, rotation applied
};

class VideoReader {
 public:
  // Throws unilearn::Error: kIo (missing, unreadable), kFormat (not a media file, no video
  // stream, unsupported codec).
  explicit VideoReader(const std::string& path);
  ~VideoReader();
  VideoReader(const VideoReader&) = delete;
  VideoReader& operator=(const VideoReader&) = delete;

  const VideoInfo& info() const;

  // The next frame in presentation order; false at the end of the stream.
  bool next(VideoFrame& frame);

  // Exactly frame `index` (seek to the key frame before it, decode forward). Throws
  // unilearn::Error (kArgument) when out of range, (kFormat) when that frame cannot be decoded.
  VideoFrame frameAt(int64_t index);

  // Every frame's pts, from the container's packets (read once, no decoding).
  const FrameTable& frameTable();
  int64_t frameCount() { return frameTable().size(); }

  // Damage met so far, one line each ("decoding failed near 00:01.240 (frame 31): ...").
  const std::vector<std::string>& problems() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace unilearn::core
