#include "core/media/frame_source.h"

#include <dirent.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include <opencv2/videoio.hpp>

#include "core/library_errors.h"
#include "core/media/video_reader.h"
#include "model/base/error.h"

namespace unilearn::core {

int64_t steadyMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

FileSource::FileSource(const std::string& path)
    : path_(path), reader_(std::make_unique<VideoReader>(path)) {}

FileSource::~FileSource() = default;

bool FileSource::read(SourceFrame& frame) {
  VideoFrame f;
  if (!reader_->next(f)) return false;
  frame.index = f.index;
  frame.ms = f.ms;
  frame.arrival_us = steadyMicros();
  frame.bgr = f.bgr;
  return true;
}

bool FileSource::reopen() {
  try {
    reader_ = std::make_unique<VideoReader>(path_);
    return true;
  } catch (const Error&) {
    return false;
  }
}

double FileSource::fps() const {
  return reader_->info().frame_rate.toDouble();
}

std::vector<CameraInfo> listCameras() {
  std::vector<CameraInfo> cams;
#ifdef __linux__
  std::vector<std::string> devices;
  if (DIR* dir = opendir("/dev")) {
    while (dirent* e = readdir(dir)) {
      const std::string name = e->d_name;
      if (name.rfind("video", 0) == 0) devices.push_back("/dev/" + name);
    }
    closedir(dir);
  }
  std::sort(devices.begin(), devices.end());
  for (const auto& d : devices) {
    cv::VideoCapture cap(d, cv::CAP_V4L2);
    if (cap.isOpened()) cams.push_back({d, d});  // metadata-only nodes do not open
  }
#else
  for (int i = 0; i < 10; ++i) {
    cv::VideoCapture cap(i);
    if (cap.isOpened()) cams.push_back({std::to_string(i), "camera " + std::to_string(i)});
  }
#endif
  return cams;
}

struct CameraSource::Impl {
  cv::VideoCapture cap;
};

CameraSource::CameraSource(const std::string& id, Options options)
    : id_(id), options_(options), impl_(std::make_unique<Impl>()) {
  if (!open())
    throw Error(Error::Kind::kIo, "camera '" + id +
                                      "' cannot be opened (unplugged, busy, or "
                                      "no permission?)");
}

CameraSource::~CameraSource() = default;

bool CameraSource::open() {
  impl_->cap.release();
  const bool is_index = !id_.empty() && std::all_of(id_.begin(), id_.end(), ::isdigit);
  const bool is_pipeline = id_.find('!') != std::string::npos;
  try {
    if (is_index)
      impl_->cap.open(std::atoi(id_.c_str()), cv::CAP_ANY);
    else if (is_pipeline)
      impl_->cap.open(id_, cv::CAP_GSTREAMER);
    else
      impl_->cap.open(id_, cv::CAP_ANY);
  } catch (const cv::Exception&) {
    return false;
  }
  if (!impl_->cap.isOpened()) return false;
  if (!is_pipeline) {
    impl_->cap.set(cv::CAP_PROP_FRAME_WIDTH, options_.width);
    impl_->cap.set(cv::CAP_PROP_FRAME_HEIGHT, options_.height);
    impl_->cap.set(cv::CAP_PROP_FPS, options_.fps);
  }
  return true;
}

bool CameraSource::read(SourceFrame& frame) {
  cv::Mat img;
  try {
    if (!impl_->cap.isOpened() || !impl_->cap.read(img) || img.empty()) return false;
  } catch (const cv::Exception&) {
    return false;
  }
  frame.arrival_us = steadyMicros();
  if (start_us_ < 0) start_us_ = frame.arrival_us;
  frame.index = next_index_++;
  frame.ms = (frame.arrival_us - start_us_) / 1000;
  frame.bgr = img;
  return true;
}

bool CameraSource::reopen() {
  return open();
}

double CameraSource::fps() const {
  const double f = impl_->cap.isOpened() ? impl_->cap.get(cv::CAP_PROP_FPS) : 0.0;
  return f > 0 ? f : 0.0;
}

LiveCapture::LiveCapture(std::unique_ptr<FrameSource> source, size_t buffer_frames, bool pace_files,
                         int retry_ms)
    : source_(std::move(source)), buffer_(buffer_frames), pace_(pace_files), retry_ms_(retry_ms) {}

LiveCapture::~LiveCapture() {
  stop();
}

void LiveCapture::start(EventHandler on_event) {
  if (thread_.joinable()) return;
  on_event_ = std::move(on_event);
  stop_ = false;
  running_ = true;
  thread_ = std::thread([this] { loop(); });
}

void LiveCapture::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  running_ = false;
  buffer_.close();
}

bool LiveCapture::latest(SourceFrame& frame, std::chrono::milliseconds timeout) {
  return buffer_.takeNewest(frame, timeout);
}

void LiveCapture::loop() {
  auto emit = [&](Event e, const std::string& what) {
    if (on_event_) on_event_(e, what);
  };
  emit(Event::kStarted, source_->describe());
  const bool pace = pace_ && !source_->live() && source_->fps() > 0;
  int64_t first_ms = -1, t0 = 0;
  while (!stop_) {
    SourceFrame f;
    // A read that throws (a decoder failing on damaged data, a driver error) must not end the
    // program from this thread: a file then ends, a camera counts as lost, with the reason.
    bool got = false;
    std::string failure;
    try {
      got = source_->read(f);
    } catch (...) {
      failure = ": " + currentErrorMessage();
    }
    if (got) {
      if (pace) {  // release each file frame at its presentation time
        if (first_ms < 0) {
          first_ms = f.ms;
          t0 = steadyMicros();
        }
        const int64_t due = t0 + (f.ms - first_ms) * 1000;
        while (!stop_ && steadyMicros() < due)
          std::this_thread::sleep_for(
              std::chrono::microseconds(std::min<int64_t>(due - steadyMicros(), 20000)));
        f.arrival_us = steadyMicros();
      }
      buffer_.push(std::move(f));
      continue;
    }
    if (!source_->live()) {
      emit(Event::kEnded, source_->describe() + failure);
      break;
    }
    emit(Event::kLost, source_->describe() + failure);
    while (!stop_) {  // wait for the camera to come back
      for (int waited = 0; waited < retry_ms_ && !stop_; waited += 20)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      if (!stop_ && source_->reopen()) {
        emit(Event::kRecovered, source_->describe());
        break;
      }
    }
  }
  running_ = false;
  buffer_.close();
}

}  // namespace unilearn::core
