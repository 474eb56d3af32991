// Facial events derived from the stored blendshapes of an analysis (analyze --blendshapes):
// blinks (AU45-like: the mean of eyeBlinkLeft/Right), smiles (AU12-like: mouthSmileLeft/Right)
// and Duchenne-like smiles (a smile during which the eyes narrow: AU6-like cheekSquint or
// AU7-like eyeSquint; MediaPipe's cheekSquint alone rarely rises, see docs/action-units.md).
// Each event is a segment found with two thresholds (it starts when the score rises above `on`
// and lasts while it stays above `off`), written into the project as annotations of the
// "Blinks" and "Smiles" schemes, so that they show on the timeline, export to ELAN and BORIS and
// can be compared with a human coder frame by frame (agreeInProject with the scheme's first
// label, "No blink" / "No smile", for analysed frames nobody labelled).
// These are heuristics over model scores, not FACS coding. Thread-safety: free functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/storage/project.h"

namespace unilearn::core {

struct FaceEventOptions {
  float blink_on = 0.5f, blink_off = 0.3f;
  int64_t blink_max_ms = 500;  // longer closures are "Eyes closed", not blinks
  float smile_on = 0.5f, smile_off = 0.3f;
  int64_t smile_min_ms = 200;  // shorter ones are noise
  float duchenne_eyes = 0.3f;  // eye narrowing (max of AU6-, AU7-like) in at least half the smile
  int64_t max_gap_ms = 500;    // a face unseen for longer ends an event
};

struct FaceEvent {
  std::string scheme, label;  // "Blinks": "Blink" | "Eyes closed"; "Smiles": "Smile" | ...
  int64_t start_frame = 0, end_frame = 0, start_ms = 0, end_ms = 0;
  float peak = 0;  // highest score inside
};

// The schemes and their labels; the first label is the background ("No blink").
struct EventScheme {
  std::string name;
  std::vector<std::string> labels;
};
const std::vector<EventScheme>& faceEventSchemes();
// The background label of an event scheme, or nothing for other schemes.
std::optional<std::string> faceEventBackground(const std::string& scheme);

// Events of one track from its analysed frames (in frame order; frames without blendshapes
// are skipped).
std::vector<FaceEvent> detectFaceEvents(const std::vector<FramePrediction>& frames,
                                        const FaceEventOptions& options = {});

struct TrackEventSummary {
  int64_t media_id = 0, track_id = 0;
  std::string person;       // the track's name, or "face N"
  double seen_minutes = 0;  // span of the analysed frames with blendshapes
  int64_t blinks = 0, closures = 0, smiles = 0, duchenne = 0;
  double blinks_per_minute = 0;  // 0 when seen for less than 10 s
  double smile_seconds = 0;
};

// For every media's latest analysis with blendshapes and each of its tracks: detects the events
// and, unless `dry_run`, replaces the annotations of `annotator` in the event schemes with them
// (creating the schemes when missing; the new ones are added in one transaction). Throws
// unilearn::Error (kArgument) when no analysis has blendshapes.
std::vector<TrackEventSummary> writeFaceEvents(Project& project, const std::string& annotator,
                                               const FaceEventOptions& options = {},
                                               bool dry_run = false);

}  // namespace unilearn::core
