// Real video for the clip head (issue 14): the face tracks of a project's analysed videos, each
// cut into clips and labelled by a teacher UniLearn model's image head, its probabilities averaged
// over the clip's frames. FER+ has no video, so this is how head.video meets real facial motion
// in joint fine-tuning. Thread-safety: a free function.
#pragma once

#include <string>
#include <vector>

#include "trainer/dataset.h"

namespace unilearn::core {
class Project;
}

namespace unilearn::trainer {

struct TeacherTrackOptions {
  std::string teacher;               // a model file whose head.image labels the clips
  std::vector<std::string> classes;  // the target classes; the teacher's map onto them by name
  int img_size = 160;                // the student's input size (the teacher's crops are resized)
  int clip_frames = 64;              // frames a clip; a shorter tail joins the last clip
};

// Every face track of the project's analysed videos (latest finished analysis of each) in clips
// of `clip_frames` frames. A clip's soft target: the teacher's image-head probabilities averaged
// over all its frames, mapped onto `classes` by name (matchClassName) and renormalised; its label
// the top class; its group the video and face. No stills: the image head is not taught its own
// answers. Throws unilearn::Error (kArgument) when the teacher is a preset (random weights), its
// classes are unnamed or share no name with `classes`, or the project has no analysed face
// tracks; (kIo / kFormat) for an unreadable teacher.
Dataset teacherLabelledTracks(const core::Project& project, const TeacherTrackOptions& options);

}  // namespace unilearn::trainer
