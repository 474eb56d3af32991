// Analysis of a video into a project: faces are detected and tracked on every frame, the static
// model runs on every Nth frame (probabilities plus a smoothed curve per track), and the UniLearn
// clip model runs on 16-frame windows along each track (probabilities, top class, confidence,
// entropy, routing summary). Results are written as they come, window by window, so an
// interrupted analysis resumes where it stopped. Progress and cancel callbacks are called on the
// calling thread; run the whole call on a worker thread in a GUI.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clip_windows.h"
#include "core/content_hash.h"
#include "core/faces/face_detector.h"
#include "core/faces/face_pipeline.h"
#include "core/storage/project.h"

namespace unilearn::core {

class ClipModel;

// Which model gives the per-frame expression curves: the static FaceExpressionNet (face-api.js),
// the UniLearn model's image head (head.image) on the analysis' own crops, so that frames and
// clip windows come from one network, or both combined (combinedFrameProbabilities): on FER+
// validation faces through the app's path the combination is the most balanced of the three
// (highest UAR) and right more often than the static model; the shipped image head alone is
// right more often still, on grey faces like FER+'s (docs/performance.md).
enum class FrameEngine { kStatic, kImageHead, kCombined };

// The combined engine's per-frame probabilities: the normalised geometric mean of the static
// model's and the image head's, class by class (both in the same class order, equal weights,
// chosen before measuring). Throws unilearn::Error (kArgument) when their sizes differ.
std::vector<float> combinedFrameProbabilities(const std::vector<float>& static_probs,
                                              const std::vector<float>& head_probs);

struct AnalysisOptions {
  int every = 1;  // per-frame expression model on every Nth frame
  // kImageHead and kCombined need a clip model whose image head has the seven basic expressions
  // (matched by name, core/analysis/class_names.h); else the analysis refuses with a clear error.
  FrameEngine frame_engine = FrameEngine::kStatic;
  WindowOptions windows;   // 16 frames, every 4th, hop 16 (the official sampling)
  int batch = 4;           // clips per model call; results do not depend on it
  double smoothing = 0.3;  // weight of a new frame in the smoothed static curve
  DetectorOptions detector;
  // On the static model's frames: the 52 blendshape scores per face (MediaPipe), and with
  // `landmarks` its 478 landmarks too (2.9 kB a face a frame: about 260 MB an hour at 25 fps).
  bool blendshapes = false;
  bool landmarks = false;
  // Analyse anew even when the project holds a finished analysis of the video with the same
  // model and settings (otherwise that one is kept and nothing is computed twice).
  bool again = false;
};

struct AnalysisProgress {
  int64_t frame = 0, frame_count = 0;
  int64_t windows = 0;
  double frames_per_second = 0;
};

struct AnalysisSummary {
  int64_t analysis_id = 0, media_id = 0;
  int64_t frames = 0, faces = 0, tracks = 0;
  int64_t windows = 0;          // computed in this run
  int64_t windows_resumed = 0;  // already in the project from an interrupted run
  int64_t windows_skipped = 0;  // too sparse (face not seen in most of the window)
  bool cancelled = false;
  bool already_done = false;          // a finished analysis with this model and settings was kept
  std::vector<std::string> problems;  // damage met in the video
};

// What an analysis stores, as it stores it, for a view that grows with it (a TimelineStream,
// core/analysis/timeline_stream.h). Called on the analysing thread right after each write.
struct AnalysisStream {
  // Before the first frame, also when an unfinished analysis is resumed (read what it holds).
  std::function<void(int64_t analysis_id, int64_t media_id)> on_start;
  std::function<void(const TrackRecord&)> on_track;  // a face track met for the first time
  std::function<void(const WindowPrediction&)> on_window;
  std::function<void(const std::vector<FramePrediction>&)> on_frames;
};

// `model` may be null for a static-only analysis. Throws unilearn::Error for unreadable input;
// damage inside the video is reported in the summary.
AnalysisSummary analyzeVideo(Project& project, const std::string& video, ClipModel* model,
                             const std::string& resources, const AnalysisOptions& options,
                             const std::function<void(const AnalysisProgress&)>& progress = {},
                             const std::function<bool()>& cancelled = {},
                             const AnalysisStream& stream = {});

class LiveCapture;

struct LiveCallbacks {
  // Called on the calling thread for every processed frame (the image, faces with tracks and
  // the static model's expression) and every clip window as soon as it is stored.
  std::function<void(int64_t frame, int64_t ms, const std::vector<FaceResult>&, const cv::Mat&)>
      on_frame;
  std::function<void(const WindowPrediction&)> on_window;
  std::function<void(const AnalysisProgress&)> progress;
  // When set, every analysed frame is also written to this video file (MPEG-4 at the source's
  // frame rate), which then becomes the session's media so that it can be played and annotated
  // afterwards; frame times are then the file's (frame / fps), not the wall clock's.
  std::string record_path;
};

// Live analysis of a running capture (a camera, or a file paced like one) until `cancelled`
// says stop or the source ends. The session becomes a media entry of its own ("live:NAME
// <start time>"). When the analysis is slower than the source, the capture drops frames and the
// analysis numbers the frames it processed consecutively, with their real times in ms, so a
// clip window spans more wall time. A camera that disappears is waited for (LiveCapture
// re-opens it); frames missed meanwhile are simply not there.
AnalysisSummary analyzeLive(Project& project, LiveCapture& capture, const std::string& source_name,
                            double fps, ClipModel* model, const std::string& resources,
                            const AnalysisOptions& options, const LiveCallbacks& callbacks,
                            const std::function<bool()>& cancelled);

// Adds a video file to the project (or finds it by content): path (made absolute), content
// hash, size, frame rate, time base, duration and frame count. Throws unilearn::Error when the
// file cannot be read as a video.
MediaRecord registerVideo(Project& project, const std::string& video);

// An analysis' parameters as the project stores them (AnalysisRecord::params_json): the
// windows, sampling, smoothing, the model and its precision; and the windows read back. The one
// writer and reader of that record.
std::string analysisParamsJson(const AnalysisOptions& options, const ClipModel* model);
WindowOptions analysisWindowOptions(const AnalysisRecord& analysis);
// The crop margin the analysis' windows were cut with (the model's ModelConfig::face_margin).
float analysisFaceMargin(const AnalysisRecord& analysis);
// Which model made the analysis' per-frame curves, and its name for people ("static model",
// "UniLearn image head", ...).
FrameEngine analysisFrameEngine(const AnalysisRecord& analysis);
std::string frameEngineName(FrameEngine engine);
// The engine an analysis with `model` (null: static only) can use: `wanted`, or the static model
// where there is no UniLearn model, it has random weights (a preset) or its image head lacks one
// of the seven expressions; `why`
// (when given) then says which and why. For defaults; an engine a person chose explicitly
// should rather be refused (analyzeVideo does) than quietly replaced.
FrameEngine usableFrameEngine(FrameEngine wanted, const ClipModel* model,
                              std::string* why = nullptr);
// The engine's key in the analysis record, settings and exports ("static", "image_head",
// "combined"), and back; std::nullopt for a key that names none.
std::string frameEngineKey(FrameEngine engine);
std::optional<FrameEngine> frameEngineFromKey(const std::string& key);
// Whether the analysis computed blendshapes (its frames then carry them).
bool analysisHasBlendshapes(const AnalysisRecord& analysis);

// Where a project's video is now, when it is no longer at its recorded path: a project folder
// moved together with its videos. Looks for the same file name beside the project, in its
// subfolders (two levels) and in the folder above, and accepts a file only when its content is
// the recorded one (size first, then contentHash). Nothing when not found; the recorded path
// when it still exists.
std::optional<std::string> findMovedVideo(const MediaRecord& media,
                                          const std::string& project_path);

}  // namespace unilearn::core
