// A UniLearn Studio project: one SQLite file (WAL, foreign keys, versioned schema) holding media,
// face tracks, models, analyses with their window and frame predictions, annotations and
// training runs. Every write is its own transaction, so killing the process loses at most the
// write in flight and never corrupts the file.
// Thread-safety: one thread at a time per Project; open one Project per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace unilearn::core {

namespace sql {
class Database;
}

struct MediaRecord {
  int64_t id = 0;
  std::string path, content_hash;
  int width = 0, height = 0;
  int64_t fps_num = 0, fps_den = 1, time_base_num = 0, time_base_den = 1;
  int64_t duration_ms = -1, frame_count = -1;
};

struct ModelRecord {
  int64_t id = 0;
  std::string name, config_json, weights_hash, path;
};

struct TrackRecord {
  int64_t id = 0, media_id = 0, tracker_id = 0;
  std::string person;  // empty when not named
};

// A person as every view, report and export names them: their name, or "face N" (the tracker's
// number) until they have one.
inline std::string personName(const TrackRecord& t) {
  return t.person.empty() ? "face " + std::to_string(t.tracker_id) : t.person;
}

struct AnalysisRecord {
  int64_t id = 0, media_id = 0;
  std::optional<int64_t> model_id;
  std::string kind, params_json, status;
};

struct WindowPrediction {
  int64_t id = 0;
  int64_t analysis_id = 0, track_id = 0;
  int64_t start_frame = 0, end_frame = 0, start_ms = 0, end_ms = 0;
  std::vector<float> probs;
  int top_class = 0;
  double confidence = 0, entropy = 0;
  // Per MoE layer: share of token assignments per expert, mean gate weight per expert.
  std::vector<std::vector<float>> expert_share, mean_gate;
};

struct FramePrediction {
  int64_t analysis_id = 0, track_id = 0, frame = 0, ms = 0;
  std::vector<float> probs, smoothed;
  // Box x, y, w, h (image pixels), score, six keypoints x, y; empty when not recorded
  // (projects of schema version 1).
  std::vector<float> face;
  // The 52 blendshape scores (core/faces/face_landmarks.h order) and the 478 landmarks as x, y,
  // z triples in image pixels (stored to a quarter pixel); empty when not computed.
  std::vector<float> blendshapes, landmarks;
};

struct Annotation {
  int64_t id = 0, media_id = 0;
  std::optional<int64_t> track_id;  // empty: the whole video
  std::string scheme;               // annotation scheme name, e.g. "DFEW-7"
  int64_t start_frame = 0, end_frame = 0;
  std::string label, annotator, note;
};

// A person's neutral baseline (participant calibration): frames of one of their face tracks.
struct Baseline {
  int64_t id = 0, media_id = 0, track_id = 0;
  int64_t start_frame = 0, end_frame = 0;  // inclusive
  std::string person;                      // the track's name when it has one
};

class Project {
 public:
  // Opens `path`, creating it (and migrating to the latest schema) when `create` allows.
  // Throws unilearn::Error, leaving an existing file untouched: kIo (missing, unreadable,
  // read-only location), kFormat (not a project, or damaged), kConfig (made by a newer version).
  static std::unique_ptr<Project> open(const std::string& path, bool create = true);
  ~Project();

  int schemaVersion() const;
  const std::string& path() const { return path_; }

  // Media: adding a file with a known content hash returns the existing id.
  int64_t addMedia(const MediaRecord& media);
  std::vector<MediaRecord> media() const;
  // A live session's length, known when it ends.
  void setMediaLength(int64_t media_id, int64_t frame_count, int64_t duration_ms);
  // A live session's recording, once it is complete.
  void setMediaFile(int64_t media_id, const std::string& path, const std::string& content_hash);

  // Tracks: one per tracker id per media (get-or-create).
  int64_t track(int64_t media_id, int64_t tracker_id);
  void renameTrack(int64_t track_id, const std::string& person);
  std::optional<std::string> person(int64_t track_id) const;

  // Tracks of a video, without the ones merged into another.
  std::vector<TrackRecord> tracks(int64_t media_id) const;

  // Person management. A merge moves every frame, window and annotation of `from` to `into`
  // (refused when both faces are on screen in the same frame: they are two people) and hides
  // `from`; a split moves what starts at or after `at_frame` to a new track. Both return what
  // moved, so undoMove() can put it back exactly. Recorded in the track history.
  struct TrackMove {
    int64_t from = 0, to = 0;
    bool split = false;  // `to` was created by the split (undo deletes it)
    std::vector<int64_t> windows, annotations;
    std::vector<std::pair<int64_t, int64_t>> frames;  // (analysis, frame)
  };
  // Throws unilearn::Error (kArgument) for tracks of different videos or faces on screen
  // together (sharedFrame).
  TrackMove mergeTracks(int64_t from, int64_t into);
  // A frame in which both tracks' faces were found (then they are two people), or none.
  std::optional<int64_t> sharedFrame(int64_t a, int64_t b) const;
  TrackMove splitTrack(int64_t track_id, int64_t at_frame);
  void undoMove(const TrackMove& move);

  // Baselines (project_baselines.cpp). Marks frames start..end of a track as its person's neutral
  // baseline, replacing that person's earlier one (the same track, or any track of the same
  // name, in any video). Throws unilearn::Error (kArgument) for an unknown track or bad range.
  int64_t setBaseline(int64_t track_id, int64_t start_frame, int64_t end_frame);
  // The baseline that serves a track: its own, else the latest of a track with the same name
  // (the same person in another session). None when the person has none.
  std::optional<Baseline> baseline(int64_t track_id) const;
  // Forgets the baseline serving a track (its person's). False when there was none.
  bool clearBaseline(int64_t track_id);

  int64_t addModel(const ModelRecord& model);  // get-or-create by (name, weights hash)
  std::vector<ModelRecord> models() const;
  std::optional<ModelRecord> model(int64_t model_id) const;
  std::vector<AnalysisRecord> analyses(int64_t media_id) const;

  int64_t startAnalysis(int64_t media_id, std::optional<int64_t> model_id, const std::string& kind,
                        const std::string& params_json);
  // The latest analysis of that media, kind and parameters that did not finish, to resume.
  // The latest finished ("done") analysis of a media with exactly this kind and parameters.
  std::optional<int64_t> finishedAnalysis(int64_t media_id, const std::string& kind,
                                          const std::string& params_json) const;
  std::optional<int64_t> unfinishedAnalysis(int64_t media_id, const std::string& kind,
                                            const std::string& params_json) const;
  void finishAnalysis(int64_t analysis_id, const std::string& status);
  std::string analysisStatus(int64_t analysis_id) const;

  // One window with its routing summary, in one transaction. Returns its id.
  int64_t addWindow(const WindowPrediction& window);
  std::vector<WindowPrediction> windows(int64_t analysis_id, bool with_routing = false) const;
  // Start frames already stored for a track (to resume an interrupted analysis).
  std::vector<int64_t> windowStarts(int64_t analysis_id, int64_t track_id) const;

  // A batch of frame predictions in one transaction.
  void addFrames(const std::vector<FramePrediction>& frames);
  std::vector<FramePrediction> frames(int64_t analysis_id, int64_t track_id) const;

  std::vector<std::string> annotationSchemes() const;
  std::vector<std::string> schemeLabels(const std::string& scheme) const;
  // Colours of a scheme's labels ("#rrggbb", one per label), empty when it uses the palette.
  std::vector<std::string> schemeColors(const std::string& scheme) const;
  // Whether a scheme's labels are ordered (an intensity scale), so that a weighted kappa means
  // something; emotion categories are not. Throws unilearn::Error (kArgument) when unknown.
  bool schemeOrdinal(const std::string& scheme) const;
  // A user-defined scheme. Throws unilearn::Error (kArgument) for a taken or empty name, no
  // labels, repeated labels, or colours that are not one "#rrggbb" per label.
  void addScheme(const std::string& name, const std::vector<std::string>& labels,
                 const std::vector<std::string>& colors = {}, bool ordinal = false);
  // Throws unilearn::Error (kArgument) for an unknown scheme or a label not in it.
  // Adds an annotation (under `a.id` when it is not 0: undoing a deletion restores the row).
  // Throws unilearn::Error (kArgument) for a label outside the scheme or a bad frame range.
  int64_t addAnnotation(const Annotation& a);
  // Several annotations in one transaction: all of them or, when one is refused (thrown as
  // addAnnotation throws), none.
  std::vector<int64_t> addAnnotations(const std::vector<Annotation>& annotations);
  // Adds the annotations `next` yields until it returns false, in one transaction (all or
  // none, also when `next` throws); returns how many. For imports that stream.
  int64_t addAnnotations(const std::function<bool(Annotation&)>& next);
  // Replaces the annotation `a.id` (track, frames, label, annotator, note) and stamps
  // modified_at. Throws unilearn::Error (kArgument) when there is no such annotation.
  void updateAnnotation(const Annotation& a);
  void deleteAnnotation(int64_t annotation_id);
  std::optional<Annotation> annotation(int64_t annotation_id) const;
  std::vector<Annotation> annotations(int64_t media_id) const;

 private:
  explicit Project(std::string path);
  void validateAnnotation(const Annotation& a) const;
  void migrate();

  std::string path_;
  std::unique_ptr<sql::Database> db_;
};

}  // namespace unilearn::core
