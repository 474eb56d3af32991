#include "core/analysis/analyzer.h"

#include <malloc.h>

#include <opencv2/videoio.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "core/analysis/class_names.h"
#include "core/analysis/clip_model.h"
#include "core/blocking_queue.h"
#include "core/faces/face_aligner.h"
#include "core/faces/face_pipeline.h"
#include "core/library_errors.h"
#include "core/media/frame_source.h"
#include "core/media/video_reader.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "model/base/json.h"
#include "model/base/text.h"

namespace unilearn::core {
namespace {

// Streaming state of one track: the frames it was seen in, its aligned crops for the frames a
// pending window may still need, and where the next window starts.
struct TrackState {
  int64_t db_id = 0;
  std::vector<int64_t> seen;
  std::map<int64_t, cv::Mat> crops;
  int64_t next_start = -1;
  int64_t last_emitted = -1;
  std::set<int64_t> stored;  // window starts already in the project (resume)
  std::vector<float> smoothed;
  int64_t last_static = -1;
  bool finished = false;
};

PipelineOptions pipelineOptions(const AnalysisOptions& o) {
  PipelineOptions po;
  po.detector = o.detector;
  po.blendshapes = o.blendshapes;
  po.landmarks = o.landmarks;
  po.static_model = o.frame_engine != FrameEngine::kImageHead;  // else the image head's curves
  return po;
}

// Where the model came from, absolute, so that the routing views can load it again.
std::string modelPath(const ClipModel& model) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(model.source(), ec)) return model.source();
  return std::filesystem::absolute(model.source()).lexically_normal().string();
}

// For each of the static model's classes (in its order, the frame curves' order), the image
// head's class of the same name; empty, with `problem` saying why, when the model is missing or
// its image head lacks one.
std::vector<int> imageHeadMapping(const ClipModel* model, std::string& problem) {
  if (!model) {
    problem = "per-frame curves from the image head need a UniLearn model (not static-only)";
    return {};
  }
  const auto& heads = model->config().image_class_names;
  const ClassMapping m = mapClassNames(FacePipeline::expressionNames(), heads);
  if (heads.empty() || !m.unmatched.empty()) {
    std::string missing;
    for (const auto& n : m.unmatched)
      missing += (missing.empty() ? "" : ", ") + n;
    problem = "the model's image head cannot give the per-frame curves: it has no class for " +
              (heads.empty() ? std::string("any of the seven expressions") : missing);
    return {};
  }
  return m.to;
}

class Run {
 public:
  Run(Project& project, ClipModel* model, const AnalysisOptions& o, int64_t media_id,
      int64_t analysis_id, const AnalysisStream& stream)
      : project_(project),
        model_(model),
        o_(o),
        stream_(stream),
        media_(media_id),
        analysis_(analysis_id) {
    span_ = static_cast<int64_t>(o.windows.clip_frames - 1) * o.windows.sampling_rate;
    if (o.frame_engine != FrameEngine::kStatic) {
      std::string problem;
      frame_classes_ = imageHeadMapping(model_, problem);
      if (frame_classes_.empty())
        throw Error(Error::Kind::kArgument, problem + "; use the static model for frames");
    }
    if (model_) {
      crop_.size = static_cast<int>(model_->config().img_size);
      crop_.margin = static_cast<float>(model_->config().face_margin);
      worker_ = std::thread([this] { infer(); });
    }
  }

  ~Run() { stopWorker(); }

  AnalysisSummary summary;

  // Frames come in order with consecutive indices from 0 (or from where a resumed run restarts).
  // With the image head as the frame engine, fills the faces' `expression` from it.
  void frame(int64_t index, int64_t ms, const cv::Mat& bgr, std::vector<FaceResult>& faces,
             bool static_frame) {
    if (static_cast<int64_t>(frame_ms_.size()) <= index) frame_ms_.resize(index + 1, ms);
    frame_ms_[index] = ms;
    for (const auto& f : faces) {
      TrackState& t = track(f.track_id);
      t.seen.push_back(index);
      if (t.next_start < 0) t.next_start = index;
      if (model_) t.crops[index] = alignFace(bgr, f.face, crop_).bgr;
    }
    if (static_frame && !frame_classes_.empty() && !faces.empty()) imageHead(index, faces);
    for (const auto& f : faces)
      if (static_frame) addStatic(tracks_.at(f.track_id), index, ms, f);
    // Windows whose last sampled frame has passed are complete.
    for (auto& [id, t] : tracks_) {
      if (t.finished) continue;
      while (model_ && t.next_start >= 0 && t.next_start + span_ < index)
        emit(t, t.next_start);
      if (!t.seen.empty() && index - t.seen.back() > 30) finish(t);  // face gone for good
    }
    if (frames_.size() >= 64) flushFrames();
    flushWindows(false);
  }

  void end() {
    for (auto& [id, t] : tracks_)
      finish(t);
    save();
  }

  // Writes everything computed so far (used on cancel as well).
  void save() {
    flushFrames();
    flushWindows(true);
  }

 private:
  // The image head on this frame's faces, in one batch (their crops are the clip windows' own);
  // with the combined engine, combined with the static model's `expression` the pipeline gave.
  void imageHead(int64_t index, std::vector<FaceResult>& faces) {
    std::vector<cv::Mat> crops;
    for (const auto& f : faces)
      crops.push_back(tracks_.at(f.track_id).crops.at(index));
    const auto probs = model_->predictImages(crops);
    for (size_t i = 0; i < faces.size(); ++i) {
      auto& expression = faces[i].expression;
      std::vector<float> head(expression.size());
      for (size_t c = 0; c < frame_classes_.size() && c < head.size(); ++c)
        head[c] = probs[i][static_cast<size_t>(frame_classes_[c])];
      if (o_.frame_engine == FrameEngine::kCombined) {
        const std::vector<float> own(expression.begin(), expression.end());
        head = combinedFrameProbabilities(own, head);
      }
      std::copy(head.begin(), head.end(), expression.begin());
    }
  }

  TrackState& track(int64_t tracker_id) {
    auto it = tracks_.find(tracker_id);
    if (it != tracks_.end()) return it->second;
    TrackState& t = tracks_[tracker_id];
    t.db_id = project_.track(media_, tracker_id);
    for (int64_t s : project_.windowStarts(analysis_, t.db_id))
      t.stored.insert(s);
    ++summary.tracks;
    if (stream_.on_track) stream_.on_track({t.db_id, media_, tracker_id, {}});
    return t;
  }

  void addStatic(TrackState& t, int64_t index, int64_t ms, const FaceResult& f) {
    std::vector<float> p(f.expression.begin(), f.expression.end());
    if (t.smoothed.empty() || index - t.last_static > 30) {
      t.smoothed = p;
    } else {
      const float a = static_cast<float>(o_.smoothing);
      for (size_t c = 0; c < p.size(); ++c)
        t.smoothed[c] = a * p[c] + (1 - a) * t.smoothed[c];
    }
    t.last_static = index;
    FramePrediction row{analysis_, t.db_id, index, ms, p, t.smoothed, packFace(f.face), {}, {}};
    if (o_.blendshapes && !f.mesh.landmarks.empty())
      row.blendshapes.assign(f.mesh.blendshapes.begin(), f.mesh.blendshapes.end());
    if (o_.landmarks)
      for (const auto& q : f.mesh.landmarks)
        row.landmarks.insert(row.landmarks.end(), {q.x, q.y, q.z});
    frames_.push_back(std::move(row));
    ++summary.faces;
  }

  // Queue the window starting at `start`, unless stored already or too sparse.
  void emit(TrackState& t, int64_t start) {
    t.next_start = std::max(t.next_start, start + o_.windows.hop);
    if (start <= t.last_emitted) return;
    t.last_emitted = start;
    ClipWindow w = windowAt(t.seen, start, o_.windows);
    const int gaps = windowGaps(w, t.seen.back(), o_.windows);
    const bool skip = (o_.windows.gaps == WindowOptions::Gaps::kSkip && gaps > 0) ||
                      gaps > o_.windows.max_missing * o_.windows.clip_frames;
    if (skip) {
      ++summary.windows_skipped;
    } else if (t.stored.count(start)) {
      ++summary.windows_resumed;
    } else {
      Pending p{t.db_id, w, {}};
      for (int64_t f : w.frames)
        p.clip.push_back(t.crops.at(f));
      pending_.push_back(std::move(p));
    }
    // Crops before this window's start are no longer needed (a tail window starts later).
    t.crops.erase(t.crops.begin(), t.crops.lower_bound(start));
  }

  void finish(TrackState& t) {
    if (t.finished || t.seen.empty()) return;
    t.finished = true;
    if (!model_) return;
    const int64_t first = t.seen.front(), last = t.seen.back();
    while (t.next_start + span_ <= last)
      emit(t, t.next_start);
    if (t.last_emitted < 0)
      emit(t, first);  // short track: one window
    else if (t.last_emitted + span_ < last)
      emit(t, last - span_);  // cover the tail
    t.crops.clear();
  }

  void flushFrames() {
    if (frames_.empty()) return;
    project_.addFrames(frames_);
    if (stream_.on_frames) stream_.on_frames(frames_);
    frames_.clear();
  }

  // Hands complete batches to the inference thread (waiting while two are in flight), then
  // writes whatever results are ready. With `all`, also the last partial batch, and waits.
  void flushWindows(bool all) {
    if (!model_) return;
    while (pending_.size() >= static_cast<size_t>(o_.batch) || (all && !pending_.empty())) {
      const size_t n = std::min(pending_.size(), static_cast<size_t>(std::max(1, o_.batch)));
      Job job;
      job.windows.assign(
          std::make_move_iterator(pending_.begin()),
          std::make_move_iterator(pending_.begin() + static_cast<std::ptrdiff_t>(n)));
      pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
      collect();
      jobs_.push(std::move(job));
    }
    if (all) stopWorker();
    collect();
  }

  // The inference thread: batches in, results out, in order.
  void infer() {
    while (auto job = jobs_.pop()) {
      Done d;
      d.windows = std::move(job->windows);
      try {
        std::vector<std::vector<cv::Mat>> clips;
        for (const auto& p : d.windows)
          clips.push_back(p.clip);
        d.results = model_->predict(clips);
      } catch (...) {
        d.error = std::current_exception();
      }
      done_.push(std::move(d));
    }
  }

  void stopWorker() {
    jobs_.close();
    if (worker_.joinable()) worker_.join();
  }

  // Writes finished windows, one transaction each, with the frames seen up to now.
  void collect() {
    while (auto d = done_.tryPop()) {
      if (d->error) std::rethrow_exception(d->error);
      flushFrames();
      for (size_t i = 0; i < d->windows.size(); ++i) {
        const Pending& p = d->windows[i];
        const ClipResult& r = d->results[i];
        WindowPrediction w;
        w.analysis_id = analysis_;
        w.track_id = p.track;
        w.start_frame = p.window.start_frame;
        w.end_frame = p.window.end_frame;
        const int64_t last = static_cast<int64_t>(frame_ms_.size()) - 1;
        w.start_ms = frame_ms_[static_cast<size_t>(std::min(w.start_frame, last))];
        w.end_ms = frame_ms_[static_cast<size_t>(std::min(w.end_frame, last))];
        w.probs = r.probs;
        w.top_class = r.top_class;
        w.confidence = r.confidence;
        w.entropy = r.entropy;
        w.expert_share = r.expert_share;
        w.mean_gate = r.mean_gate;
        project_.addWindow(w);
        ++summary.windows;
        if (stream_.on_window) stream_.on_window(w);
      }
    }
  }

  struct Pending {
    int64_t track;
    ClipWindow window;
    std::vector<cv::Mat> clip;
  };
  struct Job {
    std::vector<Pending> windows;
  };
  struct Done {
    std::vector<Pending> windows;
    std::vector<ClipResult> results;
    std::exception_ptr error;
  };

  Project& project_;
  ClipModel* model_;
  const AnalysisOptions& o_;
  const AnalysisStream& stream_;  // outlives the run (the caller's)
  int64_t media_, analysis_, span_ = 0;
  std::vector<int64_t> frame_ms_;  // media time of every frame seen (8 bytes a frame)
  AlignOptions crop_;
  std::vector<int> frame_classes_;  // image head → frame curve classes; empty: the static model
  std::map<int64_t, TrackState> tracks_;
  std::vector<FramePrediction> frames_;
  std::vector<Pending> pending_;
  BlockingQueue<Job> jobs_{2};    // at most two batches waiting for the model
  BlockingQueue<Done> done_{64};  // results wait here until the main thread writes them
  std::thread worker_;
};

}  // namespace

std::optional<std::string> findMovedVideo(const MediaRecord& media,
                                          const std::string& project_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(media.path, ec)) return media.path;
  const fs::path name = fs::path(media.path).filename();
  if (name.empty()) return std::nullopt;
  // The recorded size is the hash's last field: only files of that size are read.
  const auto colon = media.content_hash.rfind(':');
  const std::string size_text =
      colon == std::string::npos ? std::string() : media.content_hash.substr(colon + 1);
  const fs::path dir = fs::absolute(project_path, ec).parent_path();
  std::vector<fs::path> candidates = {dir / name, dir.parent_path() / name};
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    if (it.depth() > 2) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->path().filename() == name) candidates.push_back(it->path());
  }
  for (const auto& c : candidates) {
    if (!fs::is_regular_file(c, ec)) continue;
    if (!size_text.empty() && std::to_string(fs::file_size(c, ec)) != size_text) continue;
    if (contentHash(c.string()) == media.content_hash)
      return fs::absolute(c).lexically_normal().string();
  }
  return std::nullopt;
}

static MediaRecord registerVideo(Project& project, const std::string& video, VideoReader& reader) {
  const VideoInfo& info = reader.info();
  MediaRecord m;
  m.path = std::filesystem::absolute(video).lexically_normal().string();  // found from anywhere
  m.content_hash = contentHash(video);
  m.width = info.width;
  m.height = info.height;
  m.fps_num = info.frame_rate.num;
  m.fps_den = info.frame_rate.den;
  m.time_base_num = info.time_base.num;
  m.time_base_den = info.time_base.den;
  m.duration_ms = info.duration_ms;
  m.frame_count = reader.frameCount();
  m.id = project.addMedia(m);
  // The same content under another path: a moved or renamed file. Follow it when the old path
  // is gone, so that the player finds it.
  for (const auto& known : project.media()) {
    std::error_code ec;
    if (known.id == m.id && known.path != m.path && !std::filesystem::exists(known.path, ec))
      project.setMediaFile(m.id, m.path, m.content_hash);
  }
  return m;
}

MediaRecord registerVideo(Project& project, const std::string& video) {
  VideoReader reader(video);
  return registerVideo(project, video, reader);
}

FrameEngine usableFrameEngine(FrameEngine wanted, const ClipModel* model, std::string* why) {
  std::string problem;
  if (wanted == FrameEngine::kStatic) return wanted;
  if (model && model->randomWeights())
    problem = "the model has random weights";
  else if (!imageHeadMapping(model, problem).empty())
    return wanted;
  if (why) *why = problem + "; the per-frame curves come from the static model";
  return FrameEngine::kStatic;
}

AnalysisSummary analyzeVideo(Project& project, const std::string& video, ClipModel* model,
                             const std::string& resources, const AnalysisOptions& options,
                             const std::function<void(const AnalysisProgress&)>& progress,
                             const std::function<bool()>& cancelled,
                             const AnalysisStream& stream) try {
  VideoReader reader(video);
  const MediaRecord m = registerVideo(project, video, reader);
  const int64_t media = m.id;
  std::optional<int64_t> model_id;
  if (model)
    model_id = project.addModel({0, model->name(), model->config().toJson().dump(),
                                 model->weightsHash(), modelPath(*model)});
  const std::string kind = model ? "clip" : "static";
  const std::string params = analysisParamsJson(options, model);
  if (!options.again) {
    if (const auto done = project.finishedAnalysis(media, kind, params)) {
      AnalysisSummary s;
      s.analysis_id = *done;
      s.media_id = media;
      s.already_done = true;
      return s;
    }
  }
  auto resumed = project.unfinishedAnalysis(media, kind, params);
  const int64_t analysis =
      resumed ? *resumed : project.startAnalysis(media, model_id, kind, params);

  FacePipeline pipeline(resources, pipelineOptions(options));
  if (stream.on_start) stream.on_start(analysis, media);
  Run run(project, model, options, media, analysis, stream);
  run.summary.analysis_id = analysis;
  run.summary.media_id = media;
  const auto t0 = std::chrono::steady_clock::now();
  auto last_report = t0;
  VideoFrame f;
  while (reader.next(f)) {
    if (cancelled && cancelled()) {
      run.summary.cancelled = true;
      break;
    }
    const bool static_frame = f.index % std::max(1, options.every) == 0;
    auto faces = pipeline.process(f.index, f.bgr, static_frame);
    run.frame(f.index, f.ms, f.bgr, faces, static_frame);
    ++run.summary.frames;
    if (run.summary.frames % 256 == 0) malloc_trim(0);  // see docs/performance.md (analysis memory)
    const auto now = std::chrono::steady_clock::now();
    if (progress && std::chrono::duration<double>(now - last_report).count() > 0.5) {
      const double s = std::chrono::duration<double>(now - t0).count();
      progress({f.index + 1, m.frame_count, run.summary.windows, run.summary.frames / s});
      last_report = now;
    }
  }
  if (run.summary.cancelled) {
    run.save();
    project.finishAnalysis(analysis, "cancelled");
  } else {
    run.end();
    project.finishAnalysis(analysis, "done");
  }
  run.summary.problems = reader.problems();
  if (progress) {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    progress({run.summary.frames, m.frame_count, run.summary.windows,
              run.summary.frames / std::max(s, 1e-9)});
  }
  return run.summary;
} catch (...) {
  rethrowAsError("analysing '" + video + "'");
}

AnalysisSummary analyzeLive(Project& project, LiveCapture& capture, const std::string& source_name,
                            double fps, ClipModel* model, const std::string& resources,
                            const AnalysisOptions& options, const LiveCallbacks& callbacks,
                            const std::function<bool()>& cancelled) try {
  const auto wall = std::chrono::system_clock::now();
  MediaRecord m;
  m.path = "live:" + source_name + " " + nowText("%Y-%m-%d %H:%M:%S", TimeZone::kLocal);
  m.content_hash =
      "live:" +
      std::to_string(
          std::chrono::duration_cast<std::chrono::microseconds>(wall.time_since_epoch()).count());
  m.fps_num = std::llround(std::max(fps, 1.0) * 1000);
  m.fps_den = 1000;
  const int64_t media = project.addMedia(m);
  std::optional<int64_t> model_id;
  if (model)
    model_id = project.addModel({0, model->name(), model->config().toJson().dump(),
                                 model->weightsHash(), modelPath(*model)});
  const int64_t analysis = project.startAnalysis(media, model_id, model ? "clip" : "static",
                                                 analysisParamsJson(options, model));
  FacePipeline pipeline(resources, pipelineOptions(options));
  AnalysisStream stream;
  stream.on_window = callbacks.on_window;
  Run run(project, model, options, media, analysis, stream);
  run.summary.analysis_id = analysis;
  run.summary.media_id = media;
  const auto t0 = std::chrono::steady_clock::now();
  auto last_report = t0;
  int64_t index = 0, first_ms = -1, last_ms = 0;
  const double rate = std::max(fps, 1.0);
  cv::VideoWriter recorder;
  SourceFrame f;
  while (!(cancelled && cancelled())) {
    if (!capture.latest(f, std::chrono::milliseconds(200))) {
      if (!capture.running()) break;  // the source ended (a file) or was stopped
      continue;                       // a camera that is late or being re-opened
    }
    if (first_ms < 0) first_ms = f.ms;
    last_ms = f.ms - first_ms;
    if (!callbacks.record_path.empty()) {
      if (!recorder.isOpened() &&
          !recorder.open(callbacks.record_path, cv::VideoWriter::fourcc('m', 'p', '4', 'v'), rate,
                         f.bgr.size()))
        throw Error(Error::Kind::kIo, "cannot record to '" + callbacks.record_path +
                                          "' (is the folder writable, the disk not full?)");
      recorder.write(f.bgr);
      last_ms = std::llround(static_cast<double>(index) * 1000.0 / rate);  // the file's time
    }
    const bool static_frame = index % std::max(1, options.every) == 0;
    auto faces = pipeline.process(index, f.bgr, static_frame);
    run.frame(index, last_ms, f.bgr, faces, static_frame);
    if (callbacks.on_frame) callbacks.on_frame(index, last_ms, faces, f.bgr);
    ++index;
    ++run.summary.frames;
    if (run.summary.frames % 256 == 0) malloc_trim(0);
    const auto now = std::chrono::steady_clock::now();
    if (callbacks.progress && std::chrono::duration<double>(now - last_report).count() > 0.5) {
      const double s = std::chrono::duration<double>(now - t0).count();
      callbacks.progress({index, -1, run.summary.windows, run.summary.frames / s});
      last_report = now;
    }
  }
  run.end();
  project.finishAnalysis(analysis, "done");
  project.setMediaLength(media, index, last_ms);
  if (recorder.isOpened()) {
    recorder.release();
    const std::string path =
        std::filesystem::absolute(callbacks.record_path).lexically_normal().string();
    project.setMediaFile(media, path, contentHash(path));
  }
  return run.summary;
} catch (...) {
  rethrowAsError("live analysis of " + source_name);
}

}  // namespace unilearn::core
