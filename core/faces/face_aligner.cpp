#include "core/faces/face_aligner.h"

#include <cmath>

#include <opencv2/imgproc.hpp>

namespace unilearn::core {

AlignedFace alignFace(const cv::Mat& image, const FaceDetection& face, const AlignOptions& o) {
  AlignedFace out;
  const cv::Point2f centre(face.box.x + face.box.width / 2, face.box.y + face.box.height / 2);
  const double side = std::max(face.box.width, face.box.height) * (1.0 + 2.0 * o.margin);
  if (o.level_eyes) {
    const cv::Point2f r = face.keypoints[FaceDetection::kRightEye];
    const cv::Point2f l = face.keypoints[FaceDetection::kLeftEye];
    out.angle_deg = std::atan2(l.y - r.y, l.x - r.x) * 180.0 / CV_PI;
  }
  cv::Mat m = cv::getRotationMatrix2D(centre, out.angle_deg, side > 0 ? o.size / side : 1.0);
  m.at<double>(0, 2) += o.size / 2.0 - centre.x;
  m.at<double>(1, 2) += o.size / 2.0 - centre.y;
  out.to_crop = cv::Matx23d(m);
  cv::warpAffine(image, out.bgr, m, cv::Size(o.size, o.size), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                 cv::Scalar::all(0));
  return out;
}

void imageNetChw(const cv::Mat& bgr, float* out) {
  CV_Assert(bgr.type() == CV_8UC3);
  static const float mean[3] = {0.485f, 0.456f, 0.406f};
  static const float stdev[3] = {0.229f, 0.224f, 0.225f};
  const int plane = bgr.rows * bgr.cols;
  for (int y = 0; y < bgr.rows; ++y) {
    const cv::Vec3b* row = bgr.ptr<cv::Vec3b>(y);
    for (int x = 0; x < bgr.cols; ++x) {
      for (int c = 0; c < 3; ++c) {  // RGB planes from BGR pixels
        const float v = static_cast<float>(row[x][2 - c]) / 255.0f;
        out[c * plane + y * bgr.cols + x] = (v - mean[c]) / stdev[c];
      }
    }
  }
}

}  // namespace unilearn::core
