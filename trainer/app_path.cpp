#include "trainer/app_path.h"

#include <opencv2/imgproc.hpp>

#include "core/faces/face_aligner.h"
#include "core/faces/face_detector.h"
#include "model/base/error.h"

namespace unilearn::trainer {

AppPathResult throughAppPath(const Dataset& stills, const std::string& resources, int img_size,
                             const AppPathOptions& o) {
  core::FaceDetector detector(resources + "/models", {});
  core::AlignOptions align;
  align.size = img_size;
  align.margin = o.margin;
  align.level_eyes = o.level_eyes;
  AppPathResult r;
  r.crops.classes = stills.classes;
  for (const auto& still : stills.images) {
    const cv::Mat& face = still.face;
    if (face.cols > o.frame_width || face.rows > o.frame_height)
      throw Error(Error::Kind::kArgument, "a still is larger than the frame it is placed in");
    // The still in the middle of the frame, its border pixels continued outwards (no hard edge
    // for the detector to take for a face boundary).
    const int left = (o.frame_width - face.cols) / 2, top = (o.frame_height - face.rows) / 2;
    cv::Mat frame;
    cv::copyMakeBorder(face, frame, top, o.frame_height - face.rows - top, left,
                       o.frame_width - face.cols - left, cv::BORDER_REPLICATE);
    const auto found = detector.detect(frame);
    if (found.empty()) {
      ++r.missed;
      continue;
    }
    ImageItem item = still;
    item.face = core::alignFace(frame, found.front(), align).bgr;  // highest score first
    r.crops.images.push_back(std::move(item));
  }
  return r;
}

}  // namespace unilearn::trainer
