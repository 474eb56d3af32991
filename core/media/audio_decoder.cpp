#include "core/media/audio_decoder.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

#include <algorithm>
#include <fstream>

#include "model/base/error.h"

namespace unilearn::core {

struct AudioStream::Impl {
  AVFormatContext* fmt = nullptr;
  AVCodecContext* dec = nullptr;
  SwrContext* swr = nullptr;
  AVPacket* pkt = nullptr;
  AVFrame* frame = nullptr;
  int stream = -1;
  int errors = 0;
  bool flushed = false;
  ~Impl() {
    av_frame_free(&frame);
    av_packet_free(&pkt);
    swr_free(&swr);
    avcodec_free_context(&dec);
    avformat_close_input(&fmt);
  }
};

AudioStream::AudioStream(const std::string& path, int sample_rate, int channels, int stream_index)
    : impl_(std::make_unique<Impl>()), rate_(sample_rate), channels_(channels) {
  if (!std::ifstream(path).good())
    throw Error(Error::Kind::kIo, "cannot open '" + path + "': no such file or no access");
  if (sample_rate <= 0 || channels <= 0 || channels > 8)
    throw Error(Error::Kind::kArgument, "bad audio output format");
  auto fail = [&](const std::string& why) {
    throw Error(Error::Kind::kFormat, "'" + path + "': " + why);
  };
  Impl& h = *impl_;
  if (avformat_open_input(&h.fmt, path.c_str(), nullptr, nullptr) < 0)
    fail("not a readable media file");
  if (avformat_find_stream_info(h.fmt, nullptr) < 0) fail("cannot read stream information");
  h.stream = stream_index >= 0 ? stream_index
                               : av_find_best_stream(h.fmt, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
  if (h.stream < 0 || h.stream >= static_cast<int>(h.fmt->nb_streams) ||
      h.fmt->streams[h.stream]->codecpar->codec_type != AVMEDIA_TYPE_AUDIO)
    fail("has no audio stream");
  const AVCodecParameters* par = h.fmt->streams[h.stream]->codecpar;
  const AVCodec* codec = avcodec_find_decoder(par->codec_id);
  if (!codec)
    fail(std::string("its audio codec '") + avcodec_get_name(par->codec_id) + "' is not supported");
  h.dec = avcodec_alloc_context3(codec);
  if (!h.dec || avcodec_parameters_to_context(h.dec, par) < 0 ||
      avcodec_open2(h.dec, codec, nullptr) < 0)
    fail("cannot open the audio decoder");
  for (unsigned i = 0; i < h.fmt->nb_streams; ++i)
    h.fmt->streams[i]->discard =
        static_cast<int>(i) == h.stream ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
  AVChannelLayout out_layout{};  // zeroed: av_channel_layout_copy frees what dst holds
  av_channel_layout_default(&out_layout, channels);
  AVChannelLayout in_layout{};
  if (h.dec->ch_layout.nb_channels > 0)
    av_channel_layout_copy(&in_layout, &h.dec->ch_layout);
  else
    av_channel_layout_default(&in_layout, 1);
  if (swr_alloc_set_opts2(&h.swr, &out_layout, AV_SAMPLE_FMT_FLT, sample_rate, &in_layout,
                          h.dec->sample_fmt, h.dec->sample_rate, 0, nullptr) < 0 ||
      swr_init(h.swr) < 0)
    fail("cannot set up audio resampling");
  av_channel_layout_uninit(&in_layout);
  h.pkt = av_packet_alloc();
  h.frame = av_frame_alloc();
}

AudioStream::~AudioStream() = default;

void AudioStream::seek(int64_t ms) {
  Impl& h = *impl_;
  const AVStream* st = h.fmt->streams[h.stream];
  const int64_t ts = av_rescale_q(std::max<int64_t>(0, ms), AVRational{1, 1000}, st->time_base) +
                     (st->start_time != AV_NOPTS_VALUE ? st->start_time : 0);
  av_seek_frame(h.fmt, h.stream, ts, AVSEEK_FLAG_BACKWARD);
  avcodec_flush_buffers(h.dec);
  swr_init(h.swr);  // drop the resampler's delay line
  pending_.clear();
  pending_at_ = 0;
  eof_ = false;
  h.flushed = false;
  seek_ms_ = std::max<int64_t>(0, ms);  // the first decoded frame's time decides what to skip
}

bool AudioStream::decodeMore() {
  Impl& h = *impl_;
  const size_t before = pending_.size();
  auto drain = [&] {
    while (avcodec_receive_frame(h.dec, h.frame) == 0) {
      if (seek_ms_ >= 0) {  // after a seek: skip up to the target
        const AVStream* st = h.fmt->streams[h.stream];
        const int64_t start = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
        const int64_t pts = h.frame->pts != AV_NOPTS_VALUE ? h.frame->pts - start : 0;
        const int64_t frame_ms = av_rescale_q(pts, st->time_base, AVRational{1, 1000});
        skip_frames_ = std::max<int64_t>(0, (seek_ms_ - frame_ms) * rate_ / 1000);
        seek_ms_ = -1;
      }
      const int max_out = swr_get_out_samples(h.swr, h.frame->nb_samples);
      if (max_out <= 0) continue;
      const size_t at = pending_.size();
      pending_.resize(at + static_cast<size_t>(max_out) * channels_);
      uint8_t* out[1] = {reinterpret_cast<uint8_t*>(pending_.data() + at)};
      const int got =
          swr_convert(h.swr, out, max_out, const_cast<const uint8_t**>(h.frame->extended_data),
                      h.frame->nb_samples);
      pending_.resize(at + static_cast<size_t>(std::max(got, 0)) * channels_);
    }
  };
  while (pending_.size() == before && !eof_) {
    const int rc = av_read_frame(h.fmt, h.pkt);
    if (rc < 0) {
      if (rc != AVERROR_EOF && ++h.errors < 64 && !avio_feof(h.fmt->pb)) continue;
      if (!h.flushed) {  // the decoder's and the resampler's last samples
        h.flushed = true;
        avcodec_send_packet(h.dec, nullptr);
        drain();
        const int tail = swr_get_out_samples(h.swr, 0);
        if (tail > 0) {
          const size_t at = pending_.size();
          pending_.resize(at + static_cast<size_t>(tail) * channels_);
          uint8_t* out[1] = {reinterpret_cast<uint8_t*>(pending_.data() + at)};
          const int got = swr_convert(h.swr, out, tail, nullptr, 0);
          pending_.resize(at + static_cast<size_t>(std::max(got, 0)) * channels_);
        }
      }
      eof_ = true;
      break;
    }
    if (h.pkt->stream_index == h.stream && avcodec_send_packet(h.dec, h.pkt) < 0)
      problems_.push_back("damaged audio data at packet pts " + std::to_string(h.pkt->pts));
    av_packet_unref(h.pkt);
    drain();
  }
  return pending_.size() > before;
}

int64_t AudioStream::read(std::vector<float>& out, int64_t frames) {
  int64_t done = 0;
  while (done < frames) {
    if (pending_at_ >= pending_.size()) {
      pending_.clear();
      pending_at_ = 0;
      if (!decodeMore()) break;
    }
    const int64_t available = static_cast<int64_t>(pending_.size() - pending_at_) / channels_;
    if (skip_frames_ > 0) {
      const int64_t skip = std::min(skip_frames_, available);
      pending_at_ += static_cast<size_t>(skip * channels_);
      skip_frames_ -= skip;
      continue;
    }
    const int64_t take = std::min(available, frames - done);
    out.insert(out.end(), pending_.begin() + static_cast<std::ptrdiff_t>(pending_at_),
               pending_.begin() + static_cast<std::ptrdiff_t>(pending_at_ + take * channels_));
    pending_at_ += static_cast<size_t>(take * channels_);
    done += take;
  }
  return done;
}

AudioClip decodeAudio(const std::string& path, int sample_rate, int channels, int stream_index) {
  AudioStream s(path, sample_rate, channels, stream_index);
  AudioClip clip;
  clip.sample_rate = sample_rate;
  clip.channels = channels;
  while (s.read(clip.samples, 1 << 16) > 0) {
  }
  clip.problems = s.problems();
  return clip;
}

}  // namespace unilearn::core
