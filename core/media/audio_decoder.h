// Audio of a media file, decoded with FFmpeg and resampled (libswresample) to interleaved float
// samples at a chosen rate and channel count: streamed and seekable for playback (AudioStream),
// or all at once (decodeAudio). Thread-safety: one thread at a time per AudioStream.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace unilearn::core {

struct AudioClip {
  int sample_rate = 0;
  int channels = 0;
  std::vector<float> samples;         // interleaved, [-1, 1]
  std::vector<std::string> problems;  // damage met while decoding
  int64_t frames() const { return channels ? static_cast<int64_t>(samples.size()) / channels : 0; }
};

class AudioStream {
 public:
  // The file's best audio stream (or `stream_index` when >= 0). Throws unilearn::Error: kIo
  // (missing), kFormat (no audio stream, unsupported codec).
  explicit AudioStream(const std::string& path, int sample_rate = 48000, int channels = 2,
                       int stream_index = -1);
  ~AudioStream();
  int sampleRate() const { return rate_; }
  int channels() const { return channels_; }

  // The next read starts at `ms` from the start of the stream (to the sample, as far as the
  // file's timestamps allow).
  void seek(int64_t ms);
  // Appends up to `frames` sample frames (interleaved) to `out`; returns how many; 0 at the end.
  int64_t read(std::vector<float>& out, int64_t frames);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  bool decodeMore();  // false at the end of the stream
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int rate_, channels_;
  std::vector<float> pending_;  // decoded, not read yet
  size_t pending_at_ = 0;
  int64_t skip_frames_ = 0;  // after a seek: decoded frames before the target to drop
  int64_t seek_ms_ = -1;
  bool eof_ = false;
  std::vector<std::string> problems_;
};

// Decodes the file's best audio stream (or stream `stream_index` when >= 0). Throws
// unilearn::Error: kIo (missing), kFormat (no audio stream, unsupported codec).
AudioClip decodeAudio(const std::string& path, int sample_rate = 48000, int channels = 2,
                      int stream_index = -1);

}  // namespace unilearn::core
