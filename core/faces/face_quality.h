// How far a face detection can be trusted, from what the detector stored with each frame: its
// score, the face's size and its head turn (yaw) estimated from the keypoints. Poor faces are
// greyed on the timeline and flagged in exports, so a verdict on a tiny, turned or doubtful face
// is read with care. Thread-safety: free function.
#pragma once

#include <string>

#include "core/faces/face_detector.h"

namespace unilearn::core {

constexpr float kPoorFaceScore = 0.75f;  // the detector keeps faces from 0.65
constexpr float kSmallFacePx = 48.0f;    // box height; FER+'s faces are 48 px
constexpr float kTurnedFaceDeg = 40.0f;  // |yaw| beyond which an expression is half hidden

struct FaceQuality {
  float score = 0;    // the detector's
  float size_px = 0;  // the box's height in image pixels
  // Head turn in degrees (sign: towards the image's right is positive), from how far the nose
  // sits from the eyes' midpoint along the eye line (so a tilted head reads as frontal); about
  // ±10° on frontal faces.
  float yaw_deg = 0;
  bool poor = false;
  std::string why;  // "small", "turned", "doubtful detection", joined by ", "; empty when fine
};

FaceQuality faceQuality(const FaceDetection& face);

}  // namespace unilearn::core
