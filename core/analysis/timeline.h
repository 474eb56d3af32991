// Everything a timeline shows for one video, loaded from a project in one call: per face track
// the clip windows (with routing summaries) and the static model's per-frame curve of one
// analysis, and the human annotations. The GUI loads it on a worker thread; `unilearn
// bench-timeline` times it. Thread-safety: free functions over a Project (one thread per Project).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/storage/project.h"

namespace unilearn::core {

struct TrackTimeline {
  TrackRecord track;
  std::vector<WindowPrediction> windows;  // ordered by start frame
  std::vector<FramePrediction> frames;    // ordered by frame
  // Set by calibrateTimeline (core/analysis/calibration.h) when the probabilities are relative
  // to the person's neutral baseline: which baseline ("Anna's baseline: frames 120-360 of
  // session1.mp4").
  std::string baseline_note;
};

struct Timeline {
  MediaRecord media;
  std::optional<AnalysisRecord> analysis;  // none when the video was never analysed
  std::vector<std::string> classes;        // the clip model's class names, in its output order
  std::vector<int> moe_blocks;             // the clip model's MoE blocks (routing rows)
  std::vector<TrackTimeline> tracks;
  std::vector<Annotation> annotations;
  std::map<std::string, std::vector<std::string>> schemes;        // labels of the schemes they use
  std::map<std::string, std::vector<std::string>> scheme_colors;  // "#rrggbb" per label, or none
};

// The clip model's class names of an analysis, from the config stored with it ("class0"...
// when the config names none; empty for a static-only analysis).
std::vector<std::string> clipClassNames(const Project& project, const AnalysisRecord& analysis);

// What people change while an analysis runs, read again into a timeline held in memory (a
// TimelineStream's copy): the video's annotations with their schemes, and its people's names
// (tracks merged into another are dropped). Cheap next to the windows and frames.
void reloadAnnotationsAndPeople(const Project& project, Timeline& timeline);

// The analysis a timeline shows by default: the latest finished clip analysis, else the latest
// finished static one, else the latest of any status. None for no analyses.
std::optional<AnalysisRecord> preferredAnalysis(const std::vector<AnalysisRecord>& analyses);

// `analysis_id` empty: the latest finished analysis of the video (clip analyses first), else the
// latest of any status. Throws unilearn::Error (kArgument) for an unknown media or analysis.
Timeline loadTimeline(const Project& project, int64_t media_id,
                      std::optional<int64_t> analysis_id = std::nullopt, bool with_routing = true);

}  // namespace unilearn::core
