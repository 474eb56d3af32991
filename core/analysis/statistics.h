// Session statistics as BORIS and FaceReader report them, per person and per rater (the model or
// an annotator): for each emotion the time and share of the rated time, the number of bouts
// (uninterrupted stretches) and their mean length, and the latency to the first frame showing
// it — over the whole video, an interval, or per epoch (each annotation of an epochs scheme, such
// as baseline / task / recovery, its own stretch). For R, SPSS and methods sections.
// Thread-safety: free functions over a Project.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace unilearn::core {

class Project;

struct EmotionStatistics {
  // Per epoch: the epoch annotation's label and frames (inclusive); empty label otherwise.
  std::string epoch;
  int64_t epoch_start = 0, epoch_end = 0;
  std::string person;  // "face N", a name, or "whole video"
  std::string rater;   // "model" or an annotator
  std::string label;
  int64_t frames = 0;  // frames with this label
  double seconds = 0;  // their duration
  double share = 0;    // of the frames this rater labelled for this person, 0..1
  int bouts = 0;       // uninterrupted runs of frames with this label
  double mean_bout_seconds = 0;
  std::optional<double> latency_seconds;  // from the interval's start to the first such frame
};

struct StatisticsOptions {
  std::string scheme = "DFEW-7";    // the annotators' labels
  std::optional<int64_t> from, to;  // frame interval (inclusive); default the whole video
  // Non-empty: statistics per epoch, one stretch per annotation of this scheme (any person or
  // the whole video, any annotator) clipped to the interval; latency from the epoch's start.
  std::string epochs_scheme;
};

// Every (person, rater, label) with at least one frame, ordered by person, rater (the model
// first), then label; per epoch, epochs in time order, each so ordered. Throws unilearn::Error
// (kArgument) when the epochs scheme has no annotation in the interval. The model's frames take the
// top class of the latest clip analysis's latest window covering them. Throws unilearn::Error
// (kArgument) for an unknown video.
std::vector<EmotionStatistics> sessionStatistics(const Project& project, int64_t media_id,
                                                 const StatisticsOptions& options = {});

// The same as CSV: person,rater,label,frames,seconds,share,bouts,mean_bout_s,latency_s; per
// epoch led by epoch,epoch_start_frame,epoch_end_frame.
void writeStatisticsCsv(const std::vector<EmotionStatistics>& stats, std::ostream& out);

}  // namespace unilearn::core
