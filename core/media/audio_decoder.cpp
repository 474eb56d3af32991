#include "core/media/audio_decoder.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

#include <fstream>
#include <memory>

#include "model/error.h"

namespace unilearn::core {
namespace {

struct Handles {
  AVFormatContext* fmt = nullptr;
  AVCodecContext* dec = nullptr;
  SwrContext* swr = nullptr;
  AVPacket* pkt = nullptr;
  AVFrame* frame = nullptr;
  ~Handles() {
    av_frame_free(&frame);
    av_packet_free(&pkt);
    swr_free(&swr);
    avcodec_free_context(&dec);
    avformat_close_input(&fmt);
  }
};

}  // namespace

AudioClip decodeAudio(const std::string& path, int sample_rate, int channels, int stream_index) {
  if (!std::ifstream(path).good())
    throw Error(Error::Kind::kIo, "cannot open '" + path + "': no such file or no access");
  if (sample_rate <= 0 || channels <= 0 || channels > 8)
    throw Error(Error::Kind::kArgument, "bad audio output format");
  auto fail = [&](const std::string& why) {
    throw Error(Error::Kind::kFormat, "'" + path + "': " + why);
  };
  Handles h;
  if (avformat_open_input(&h.fmt, path.c_str(), nullptr, nullptr) < 0)
    fail("not a readable media file");
  if (avformat_find_stream_info(h.fmt, nullptr) < 0) fail("cannot read stream information");
  const int stream = stream_index >= 0
                         ? stream_index
                         : av_find_best_stream(h.fmt, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
  if (stream < 0 || stream >= static_cast<int>(h.fmt->nb_streams) ||
      h.fmt->streams[stream]->codecpar->codec_type != AVMEDIA_TYPE_AUDIO)
    fail("has no audio stream");
  const AVCodecParameters* par = h.fmt->streams[stream]->codecpar;
  const AVCodec* codec = avcodec_find_decoder(par->codec_id);
  if (!codec)
    fail(std::string("its audio codec '") + avcodec_get_name(par->codec_id) + "' is not supported");
  h.dec = avcodec_alloc_context3(codec);
  if (!h.dec || avcodec_parameters_to_context(h.dec, par) < 0 ||
      avcodec_open2(h.dec, codec, nullptr) < 0)
    fail("cannot open the audio decoder");
  for (unsigned i = 0; i < h.fmt->nb_streams; ++i)
    h.fmt->streams[i]->discard = static_cast<int>(i) == stream ? AVDISCARD_DEFAULT : AVDISCARD_ALL;

  AVChannelLayout out_layout;
  av_channel_layout_default(&out_layout, channels);
  AVChannelLayout in_layout;
  if (h.dec->ch_layout.nb_channels > 0)
    av_channel_layout_copy(&in_layout, &h.dec->ch_layout);
  else
    av_channel_layout_default(&in_layout, 1);
  if (swr_alloc_set_opts2(&h.swr, &out_layout, AV_SAMPLE_FMT_FLT, sample_rate, &in_layout,
                          h.dec->sample_fmt, h.dec->sample_rate, 0, nullptr) < 0 ||
      swr_init(h.swr) < 0)
    fail("cannot set up audio resampling");
  av_channel_layout_uninit(&in_layout);

  AudioClip clip;
  clip.sample_rate = sample_rate;
  clip.channels = channels;
  h.pkt = av_packet_alloc();
  h.frame = av_frame_alloc();
  auto drain = [&]() {
    while (avcodec_receive_frame(h.dec, h.frame) == 0) {
      const int max_out = swr_get_out_samples(h.swr, h.frame->nb_samples);
      if (max_out <= 0) continue;
      const size_t at = clip.samples.size();
      clip.samples.resize(at + static_cast<size_t>(max_out) * channels);
      uint8_t* out[1] = {reinterpret_cast<uint8_t*>(clip.samples.data() + at)};
      const int got =
          swr_convert(h.swr, out, max_out, const_cast<const uint8_t**>(h.frame->extended_data),
                      h.frame->nb_samples);
      clip.samples.resize(at + static_cast<size_t>(std::max(got, 0)) * channels);
    }
  };
  int errors = 0;
  while (true) {
    const int rc = av_read_frame(h.fmt, h.pkt);
    if (rc < 0) {
      if (rc != AVERROR_EOF && ++errors < 64 && !avio_feof(h.fmt->pb)) continue;
      break;
    }
    if (h.pkt->stream_index == stream && avcodec_send_packet(h.dec, h.pkt) < 0)
      clip.problems.push_back("damaged audio data at packet pts " + std::to_string(h.pkt->pts));
    av_packet_unref(h.pkt);
    drain();
  }
  avcodec_send_packet(h.dec, nullptr);
  drain();
  // Flush the resampler's delay line.
  const int tail = swr_get_out_samples(h.swr, 0);
  if (tail > 0) {
    const size_t at = clip.samples.size();
    clip.samples.resize(at + static_cast<size_t>(tail) * channels);
    uint8_t* out[1] = {reinterpret_cast<uint8_t*>(clip.samples.data() + at)};
    const int got = swr_convert(h.swr, out, tail, nullptr, 0);
    clip.samples.resize(at + static_cast<size_t>(std::max(got, 0)) * channels);
  }
  return clip;
}

}  // namespace unilearn::core
