// Where frames come from: video files and cameras behind one interface, and a capture thread
// that turns any source into a live feed (bounded ring buffer, newest frame wins).
// Thread-safety: a FrameSource is used by one thread at a time; LiveCapture's methods may be
// called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "core/media/ring_buffer.h"

namespace unilearn::core {

struct SourceFrame {
  int64_t index = -1;      // frame number from the source's start
  int64_t ms = 0;          // media time (files) or time since capture started (cameras)
  int64_t arrival_us = 0;  // steady-clock time the frame was taken from the source
  cv::Mat bgr;
};

class FrameSource {
 public:
  virtual ~FrameSource() = default;
  // Blocks for the next frame; false at the end of a file or when a camera stops delivering.
  virtual bool read(SourceFrame& frame) = 0;
  // Re-opens after a failure (camera unplugged and back); false when still unavailable.
  virtual bool reopen() = 0;
  // Frames per second the source delivers at (0 when unknown).
  virtual double fps() const = 0;
  virtual bool live() const = 0;
  virtual std::string describe() const = 0;
};

class VideoReader;

// A video file read sequentially.
class FileSource : public FrameSource {
 public:
  explicit FileSource(const std::string& path);  // throws unilearn::Error like VideoReader
  ~FileSource() override;
  bool read(SourceFrame& frame) override;
  bool reopen() override;
  double fps() const override;
  bool live() const override { return false; }
  std::string describe() const override { return path_; }

 private:
  std::string path_;
  std::unique_ptr<VideoReader> reader_;
};

struct CameraInfo {
  std::string id;    // what CameraSource accepts: "0", "/dev/video2"
  std::string name;  // for people
};

// Cameras available now (Linux: /dev/video* devices that open). Empty when there are none.
std::vector<CameraInfo> listCameras();

// A camera through OpenCV (V4L2 on Linux): an index ("0"), a device path ("/dev/video0"), or a
// GStreamer pipeline ending in appsink ("videotestsrc ! videoconvert ! appsink") for demos and
// tests. Throws unilearn::Error (kIo) when it cannot be opened.
class CameraSource : public FrameSource {
 public:
  struct Options {
    int width = 640, height = 480;
    double fps = 30;
  };
  CameraSource(const std::string& id, Options options);
  CameraSource(const std::string& id) : CameraSource(id, Options()) {}
  ~CameraSource() override;
  bool read(SourceFrame& frame) override;
  bool reopen() override;
  double fps() const override;
  bool live() const override { return true; }
  std::string describe() const override { return id_; }

 private:
  bool open();
  std::string id_;
  Options options_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int64_t next_index_ = 0;
  int64_t start_us_ = -1;
};

// Runs a source on its own thread into a ring buffer. File sources are paced at their frame
// rate so that a file can stand in for a camera. A source that fails raises an event and is
// re-opened every `retry_ms` until it comes back or stop() is called.
class LiveCapture {
 public:
  enum class Event { kStarted, kLost, kRecovered, kEnded };
  using EventHandler = std::function<void(Event, const std::string&)>;

  LiveCapture(std::unique_ptr<FrameSource> source, size_t buffer_frames = 4, bool pace_files = true,
              int retry_ms = 1000);
  ~LiveCapture();  // stops the thread

  void start(EventHandler on_event = {});
  void stop();
  // The newest frame, waiting up to `timeout`; older unread frames are dropped.
  bool latest(SourceFrame& frame, std::chrono::milliseconds timeout);
  uint64_t dropped() const { return buffer_.dropped(); }
  bool running() const { return running_; }

 private:
  void loop();

  std::unique_ptr<FrameSource> source_;
  RingBuffer<SourceFrame> buffer_;
  bool pace_;
  int retry_ms_;
  EventHandler on_event_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> running_{false};
  std::thread thread_;
};

int64_t steadyMicros();

}  // namespace unilearn::core
