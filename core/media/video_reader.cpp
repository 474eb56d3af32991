#include "core/media/video_reader.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cmath>
#include <fstream>

#include <opencv2/core.hpp>

#include "core/media/frame_time.h"
#include "model/base/error.h"

namespace unilearn::core {
namespace {

std::string avError(int code) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
  av_strerror(code, buf, sizeof buf);
  return buf;
}

constexpr int kMaxConsecutiveErrors = 64;  // then the rest of the file is given up as unreadable

}  // namespace

struct VideoReader::Impl {
  std::string path;
  VideoInfo info;
  AVFormatContext* fmt = nullptr;
  AVCodecContext* dec = nullptr;
  AVPacket* pkt = nullptr;
  AVFrame* frame = nullptr;
  SwsContext* sws = nullptr;
  int stream = -1;
  bool flushing = false;  // the decoder has been sent its end-of-stream packet
  bool finished = false;
  int64_t decoded = 0;  // frames decoded since the last (re)start, for index guesses
  int64_t last_pts = INT64_MIN;
  int64_t last_index = -1;
  int64_t start_pts = 0;
  int64_t expected_step = 0;  // pts per frame at the average frame rate (0 when unknown)
  bool table_built = false;
  FrameTable table;
  std::vector<std::string> problems;

  ~Impl() { close(); }

  void close() {
    sws_freeContext(sws);
    sws = nullptr;
    av_frame_free(&frame);
    av_packet_free(&pkt);
    avcodec_free_context(&dec);
    avformat_close_input(&fmt);
  }

  [[noreturn]] void fail(Error::Kind kind, const std::string& why) const {
    throw Error(kind, "'" + path + "': " + why);
  }

  void open() {
    int rc = avformat_open_input(&fmt, path.c_str(), nullptr, nullptr);
    if (rc < 0) fail(Error::Kind::kFormat, "not a readable media file (" + avError(rc) + ")");
    rc = avformat_find_stream_info(fmt, nullptr);
    if (rc < 0) fail(Error::Kind::kFormat, "cannot read stream information (" + avError(rc) + ")");
    stream = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (stream < 0) fail(Error::Kind::kFormat, "has no video stream");
    AVStream* st = fmt->streams[stream];
    const AVCodec* codec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!codec) {
      const char* name = avcodec_get_name(st->codecpar->codec_id);
      fail(Error::Kind::kFormat, std::string("its video codec '") + (name ? name : "?") +
                                     "' is not supported by this FFmpeg build");
    }
    dec = avcodec_alloc_context3(codec);
    if (!dec || avcodec_parameters_to_context(dec, st->codecpar) < 0)
      fail(Error::Kind::kFormat, "cannot set up the video decoder");
    dec->thread_count = 1;  // one core per decoder; the pipeline runs its own threads
    rc = avcodec_open2(dec, codec, nullptr);
    if (rc < 0) fail(Error::Kind::kFormat, "cannot open the video decoder (" + avError(rc) + ")");
    pkt = av_packet_alloc();
    frame = av_frame_alloc();
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
      fmt->streams[i]->discard =
          (static_cast<int>(i) == stream) ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
  }

  void describe() {
    AVStream* st = fmt->streams[stream];
    info.path = path;
    info.container = fmt->iformat && fmt->iformat->name ? fmt->iformat->name : "";
    info.codec = avcodec_get_name(st->codecpar->codec_id);
    info.time_base = {st->time_base.num, st->time_base.den};
    AVRational fr = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
    info.frame_rate = {fr.num, fr.den};
    if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
      info.duration_ms = rescale(st->duration, st->time_base.num * 1000, st->time_base.den);
    else if (fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0)
      info.duration_ms = fmt->duration / 1000;
    info.frame_count = st->nb_frames > 0 ? st->nb_frames : -1;
    start_pts = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
    if (fr.num > 0 && fr.den > 0)
      expected_step = rescale(1, static_cast<int64_t>(fr.den) * st->time_base.den,
                              static_cast<int64_t>(fr.num) * st->time_base.num);
    size_t size = 0;
    const uint8_t* matrix = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (matrix && size >= 9 * sizeof(int32_t)) {
      const double ccw = av_display_rotation_get(reinterpret_cast<const int32_t*>(matrix));
      if (!std::isnan(ccw))
        info.rotation = ((static_cast<int>(std::lround(-ccw)) % 360) + 360) % 360;
      if (info.rotation % 90 != 0) info.rotation = 0;  // only right angles are applied
    }
    const bool swap = info.rotation == 90 || info.rotation == 270;
    info.width = swap ? st->codecpar->height : st->codecpar->width;
    info.height = swap ? st->codecpar->width : st->codecpar->height;
    info.audio.clear();
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
      const AVCodecParameters* p = fmt->streams[i]->codecpar;
      if (p->codec_type != AVMEDIA_TYPE_AUDIO) continue;
      info.audio.push_back({static_cast<int>(i), avcodec_get_name(p->codec_id), p->sample_rate,
                            p->ch_layout.nb_channels});
    }
  }

  int64_t msOf(int64_t pts) const {
    return ptsToMs(pts, table_built ? table.startPts() : start_pts, info.time_base);
  }

  // A container that promises more than could be decoded was cut short.
  void reportEarlyEnd() {
    if (last_pts == INT64_MIN || info.duration_ms <= 0 || expected_step <= 0) return;
    const int64_t end_ms = msOf(last_pts + expected_step);
    if (end_ms + 2 * msOf(start_pts + expected_step) < info.duration_ms)
      problems.push_back("the video ends at " + clockText(end_ms) + " (frame " +
                         std::to_string(last_index + 1) + ") although the file says it lasts " +
                         clockText(info.duration_ms) + ": truncated or damaged");
  }

  void problem(const std::string& what, int code) {
    const std::string where =
        last_pts == INT64_MIN
            ? std::string("at the start")
            : "after " + clockText(msOf(last_pts)) + " (frame " + std::to_string(last_index) + ")";
    problems.push_back(what + " " + where + ": " + avError(code));
  }

  // Decodes the next frame into `frame`; false at the end. Never loops without progress.
  bool decode() {
    int errors = 0;
    while (!finished) {
      int rc = avcodec_receive_frame(dec, frame);
      if (rc == 0) {
        int64_t pts = frame->best_effort_timestamp;
        if (pts == AV_NOPTS_VALUE) pts = last_pts == INT64_MIN ? 0 : last_pts + step();
        const int64_t previous = last_pts;
        last_pts = pts;
        ++decoded;
        if (frame->decode_error_flags != 0 || (frame->flags & AV_FRAME_FLAG_CORRUPT))
          problems.push_back("frame at " + clockText(msOf(pts)) +
                             " decoded with errors (damaged data)");
        if (previous != INT64_MIN && expected_step > 0 && pts - previous > 3 * expected_step)
          problems.push_back("frames missing between " + clockText(msOf(previous)) + " and " +
                             clockText(msOf(pts)) + " (damaged or cut data)");
        return true;
      }
      if (rc == AVERROR_EOF) {
        finished = true;
        reportEarlyEnd();
        break;
      }
      if (rc != AVERROR(EAGAIN)) {
        problem("decoding failed", rc);
        if (++errors > kMaxConsecutiveErrors) break;
      }
      if (flushing) {  // EAGAIN after the flush packet cannot resolve itself
        if (rc == AVERROR(EAGAIN)) finished = true;
        continue;
      }
      rc = av_read_frame(fmt, pkt);
      if (rc < 0) {
        if (rc != AVERROR_EOF) problem("reading the file failed", rc);
        if (rc == AVERROR_EOF || ++errors > kMaxConsecutiveErrors || avio_feof(fmt->pb)) {
          avcodec_send_packet(dec, nullptr);
          flushing = true;
        }
        continue;
      }
      if (pkt->stream_index == stream) {
        rc = avcodec_send_packet(dec, pkt);
        if (rc < 0 && rc != AVERROR(EAGAIN)) {
          problem("damaged video data", rc);
          if (++errors > kMaxConsecutiveErrors) {
            avcodec_send_packet(dec, nullptr);
            flushing = true;
          }
        } else {
          errors = 0;
        }
      }
      av_packet_unref(pkt);
    }
    return false;
  }

  cv::Mat convert() {
    const int w = frame->width, h = frame->height;
    sws = sws_getCachedContext(sws, w, h, static_cast<AVPixelFormat>(frame->format), w, h,
                               AV_PIX_FMT_BGR24, SWS_BILINEAR, nullptr, nullptr, nullptr);
    if (!sws) fail(Error::Kind::kFormat, "cannot convert its pixel format");
    // swscale's vectorised converters write whole blocks of pixels, past the end of a row whose
    // width is not a multiple of the block (a 360-pixel-wide row overran the image and corrupted
    // the heap): convert into rows padded to 64 pixels, plus a spare row, then keep the picture.
    const int padded = (w + 63) / 64 * 64;
    cv::Mat buffer(h + 1, padded, CV_8UC3);
    uint8_t* dst[4] = {buffer.data, nullptr, nullptr, nullptr};
    int stride[4] = {static_cast<int>(buffer.step[0]), 0, 0, 0};
    sws_scale(sws, frame->data, frame->linesize, 0, h, dst, stride);
    cv::Mat bgr = padded == w ? buffer.rowRange(0, h) : buffer(cv::Rect(0, 0, w, h)).clone();
    if (info.rotation == 90)
      cv::rotate(bgr, bgr, cv::ROTATE_90_CLOCKWISE);
    else if (info.rotation == 180)
      cv::rotate(bgr, bgr, cv::ROTATE_180);
    else if (info.rotation == 270)
      cv::rotate(bgr, bgr, cv::ROTATE_90_COUNTERCLOCKWISE);
    return bgr;
  }

  int64_t step() const { return expected_step > 0 ? expected_step : 1; }

  int64_t indexOf(int64_t pts) {
    if (table_built) {
      const int64_t i = table.indexOfPts(pts);
      if (i >= 0) return i;
    }
    return last_index + 1;
  }

  void restart() {  // back to the first frame by reopening: always works, even without seeking
    close();
    open();
    flushing = finished = false;
    decoded = 0;
    last_pts = INT64_MIN;
    last_index = -1;
  }

  // Presentation timestamps of every packet of the stream, read with a second demuxer so the
  // decoder keeps its place (a packet without one counts by its decoding time, and `dts_only`
  // says so). False when packets carry no timestamps.
  bool scanPackets(std::vector<int64_t>& pts, bool& dts_only) const {
    dts_only = false;
    AVFormatContext* scan = nullptr;
    bool complete = true;
    if (avformat_open_input(&scan, path.c_str(), nullptr, nullptr) == 0 &&
        avformat_find_stream_info(scan, nullptr) >= 0 &&
        static_cast<int>(scan->nb_streams) > stream) {
      for (unsigned i = 0; i < scan->nb_streams; ++i)
        scan->streams[i]->discard =
            static_cast<int>(i) == stream ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
      AVPacket* p = av_packet_alloc();
      int errors = 0;
      while (true) {
        const int rc = av_read_frame(scan, p);
        if (rc == AVERROR_EOF ||
            (rc < 0 && (++errors > kMaxConsecutiveErrors || avio_feof(scan->pb))))
          break;
        if (rc < 0) continue;
        errors = 0;
        if (p->stream_index == stream) {
          const int64_t t = p->pts != AV_NOPTS_VALUE ? p->pts : p->dts;
          dts_only = dts_only || (p->pts == AV_NOPTS_VALUE && t != AV_NOPTS_VALUE);
          if (t == AV_NOPTS_VALUE)
            complete = false;
          else
            pts.push_back(t);
        }
        av_packet_unref(p);
      }
      av_packet_free(&p);
    } else {
      complete = false;
    }
    avformat_close_input(&scan);
    return complete && !pts.empty();
  }

  // The time the decoder gives the first frame, from a second reader so that this one keeps its
  // place; INT64_MIN when nothing decodes.
  int64_t firstFrameTime() const {
    Impl probe;
    probe.path = path;
    probe.expected_step = expected_step;
    try {
      probe.open();
      return probe.decode() ? probe.last_pts : INT64_MIN;
    } catch (const Error&) {
      return INT64_MIN;
    }
  }

  // A decoder that holds frames back (B-frames) in a container without presentation times (an
  // XviD AVI) labels each picture with the time of a later packet: the first with the second
  // packet's, the last with none (decode() steps on from the one before). Number the pictures
  // by those labels, as decode() sees them: the packet times before the first picture's are
  // dropped and as many steps added after the last, so that frame 0 is the first picture and
  // the last frame can be sought.
  void alignToDecoder(std::vector<int64_t>& pts, bool dts_only) const {
    if (!dts_only) return;  // presentation times: the decoder keeps them
    std::sort(pts.begin(), pts.end());
    pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
    const int64_t first = firstFrameTime();
    const auto shift = std::lower_bound(pts.begin(), pts.end(), first) - pts.begin();
    if (first == INT64_MIN || shift == 0 || shift > 4 || shift >= static_cast<long>(pts.size()) ||
        pts[static_cast<size_t>(shift)] != first)
      return;
    pts.erase(pts.begin(), pts.begin() + shift);
    for (long k = 0; k < shift; ++k)
      pts.push_back(pts.back() + step());
  }

  void buildTable() {
    if (table_built) return;
    std::vector<int64_t> pts;
    bool dts_only = false;
    if (scanPackets(pts, dts_only)) {
      alignToDecoder(pts, dts_only);
    } else {
      // No usable timestamps in the container: number the frames by decoding them all.
      pts.clear();
      restart();
      while (decode())
        pts.push_back(last_pts);
      restart();
    }
    table = FrameTable(std::move(pts), info.time_base);
    table_built = true;
  }

  // The packet table, where counting frames is no reliable index (after damage; a first picture
  // that is not at the stream's start), read without moving the decoder.
  void tableFromPackets() {
    if (table_built) return;
    std::vector<int64_t> pts;
    bool dts_only = false;
    if (scanPackets(pts, dts_only)) {
      alignToDecoder(pts, dts_only);
      table = FrameTable(std::move(pts), info.time_base);
      table_built = true;
    }
  }

  bool seekBefore(int64_t target_pts) {
    avcodec_flush_buffers(dec);
    flushing = finished = false;
    const int rc = av_seek_frame(fmt, stream, target_pts, AVSEEK_FLAG_BACKWARD);
    last_pts = INT64_MIN;
    return rc >= 0;
  }
};

VideoReader::VideoReader(const std::string& path) : impl_(std::make_unique<Impl>()) {
  // FFmpeg's own console messages are summarised in problems() instead.
  static const bool quiet = [] {
    av_log_set_level(AV_LOG_FATAL);
    return true;
  }();
  (void)quiet;
  impl_->path = path;
  std::ifstream probe(path, std::ios::binary);
  if (!probe)
    throw Error(Error::Kind::kIo, "cannot open '" + path + "': no such file or no access");
  probe.seekg(0, std::ios::end);
  if (probe.tellg() == 0) throw Error(Error::Kind::kFormat, "'" + path + "' is empty (0 bytes)");
  impl_->open();
  impl_->describe();
}

VideoReader::~VideoReader() = default;

const VideoInfo& VideoReader::info() const {
  return impl_->info;
}

const std::vector<std::string>& VideoReader::problems() const {
  return impl_->problems;
}

const FrameTable& VideoReader::frameTable() {
  impl_->buildTable();
  return impl_->table;
}

bool VideoReader::next(VideoFrame& out) {
  Impl& d = *impl_;
  const size_t problems_before = d.problems.size();
  if (!d.decode()) return false;
  if (d.problems.size() != problems_before || (d.decoded == 1 && d.last_pts != d.start_pts))
    d.tableFromPackets();
  out.pts = d.last_pts;
  out.index = d.indexOf(d.last_pts);
  d.last_index = out.index;
  out.ms = d.msOf(out.pts);
  out.bgr = d.convert();
  return true;
}

VideoFrame VideoReader::frameAt(int64_t index) {
  Impl& d = *impl_;
  d.buildTable();
  if (index < 0 || index >= d.table.size())
    throw Error(Error::Kind::kArgument, "frame " + std::to_string(index) + " is outside '" +
                                            d.path + "' (" + std::to_string(d.table.size()) +
                                            " frames)");
  const int64_t target = d.table.pts(index);
  // Close ahead of the current position: decode forward. Otherwise seek back to a key frame
  // before the target, stepping further back when the demuxer lands after it, and reopen the
  // file as the last resort.
  const bool forward = d.last_pts != INT64_MIN && d.last_pts < target && index - d.last_index <= 48;
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (!forward || attempt > 0) {
      if (attempt < 4) {
        const int64_t back_index = std::max<int64_t>(0, index - (attempt == 0 ? 0 : 16 << attempt));
        if (!d.seekBefore(d.table.pts(back_index))) d.restart();
      } else {
        d.restart();
      }
    }
    bool overshot = false;
    while (d.decode()) {
      if (d.last_pts == target) {
        VideoFrame out;
        out.index = index;
        out.pts = target;
        out.ms = d.table.ms(index);
        out.bgr = d.convert();
        d.last_index = index;
        return out;
      }
      d.last_index = d.indexOf(d.last_pts);
      if (d.last_pts > target) {
        overshot = true;
        break;
      }
    }
    if (!overshot && attempt >= 4) break;
  }
  throw Error(Error::Kind::kFormat, "frame " + std::to_string(index) + " of '" + d.path +
                                        "' cannot be decoded (damaged data?)");
}

}  // namespace unilearn::core
