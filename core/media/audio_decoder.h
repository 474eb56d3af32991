// Audio of a media file, decoded with FFmpeg and resampled (libswresample) to interleaved float
// samples at a chosen rate and channel count, for playback and analysis.
// Thread-safety: free function.
#pragma once

#include <cstdint>
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

// Decodes the file's best audio stream (or stream `stream_index` when >= 0). Throws
// unilearn::Error: kIo (missing), kFormat (no audio stream, unsupported codec).
AudioClip decodeAudio(const std::string& path, int sample_rate = 48000, int channels = 2,
                      int stream_index = -1);

}  // namespace unilearn::core
