#include "trainer/augment.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

#include <opencv2/imgproc.hpp>

namespace unilearn::trainer {
namespace {

double uniform(std::mt19937_64& rng, double a, double b) {
  return std::uniform_real_distribution<double>(a, b)(rng);
}

// One RandAugment operation with its parameters drawn once, applicable to many frames.
using Op = std::function<cv::Mat(const cv::Mat&)>;

cv::Mat affine(const cv::Mat& img, const cv::Matx23d& m) {
  cv::Mat out;
  cv::warpAffine(img, out, m, img.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                 cv::Scalar(128, 128, 128));
  return out;
}

cv::Mat blend(const cv::Mat& a, const cv::Mat& b, double factor) {  // b + factor * (a - b)
  cv::Mat out;
  cv::addWeighted(a, factor, b, 1.0 - factor, 0.0, out);
  return out;
}

Op drawOp(std::mt19937_64& rng, double magnitude) {
  const double m =
      std::clamp(magnitude + std::normal_distribution<double>(0, 0.5)(rng), 0.0, 10.0) / 10.0;
  const double sign = uniform(rng, 0, 1) < 0.5 ? -1.0 : 1.0;
  switch (std::uniform_int_distribution<int>(0, 11)(rng)) {
    case 0:
      return [](const cv::Mat& x) { return x.clone(); };
    case 1:  // autocontrast
      return [](const cv::Mat& x) {
        cv::Mat out;
        cv::normalize(x, out, 0, 255, cv::NORM_MINMAX);
        return out;
      };
    case 2:  // equalize (luma)
      return [](const cv::Mat& x) {
        cv::Mat ycc, out;
        cv::cvtColor(x, ycc, cv::COLOR_BGR2YCrCb);
        std::vector<cv::Mat> ch;
        cv::split(ycc, ch);
        cv::equalizeHist(ch[0], ch[0]);
        cv::merge(ch, ycc);
        cv::cvtColor(ycc, out, cv::COLOR_YCrCb2BGR);
        return out;
      };
    case 3: {  // rotate up to 30 degrees
      const double deg = sign * 30 * m;
      return [deg](const cv::Mat& x) {
        return affine(x, cv::getRotationMatrix2D(cv::Point2f(x.cols / 2.f, x.rows / 2.f), deg, 1));
      };
    }
    case 4: {  // solarize: invert above a threshold (increasing severity: lower threshold)
      const int t = static_cast<int>(256 - 256 * m);
      return [t](const cv::Mat& x) {
        cv::Mat out = x.clone();
        out.forEach<cv::Vec3b>([t](cv::Vec3b& p, const int*) {
          for (int c = 0; c < 3; ++c)
            if (p[c] >= t) p[c] = static_cast<uchar>(255 - p[c]);
        });
        return out;
      };
    }
    case 5: {  // colour (saturation)
      const double f = 1 + sign * 0.9 * m;
      return [f](const cv::Mat& x) {
        cv::Mat gray, g3;
        cv::cvtColor(x, gray, cv::COLOR_BGR2GRAY);
        cv::cvtColor(gray, g3, cv::COLOR_GRAY2BGR);
        return blend(x, g3, f);
      };
    }
    case 6: {  // posterize: keep 8 - 4m bits
      const int bits = std::max(1, static_cast<int>(std::lround(8 - 4 * m)));
      return [bits](const cv::Mat& x) {
        cv::Mat out;
        cv::bitwise_and(x, cv::Scalar::all(static_cast<double>((0xFF << (8 - bits)) & 0xFF)), out);
        return out;
      };
    }
    case 7: {  // contrast
      const double f = 1 + sign * 0.9 * m;
      return [f](const cv::Mat& x) {
        cv::Mat gray;
        cv::cvtColor(x, gray, cv::COLOR_BGR2GRAY);
        const cv::Mat mean(x.size(), x.type(), cv::Scalar::all(cv::mean(gray)[0]));
        return blend(x, mean, f);
      };
    }
    case 8: {  // brightness
      const double f = 1 + sign * 0.9 * m;
      return [f](const cv::Mat& x) { return blend(x, cv::Mat::zeros(x.size(), x.type()), f); };
    }
    case 9: {  // sharpness
      const double f = 1 + sign * 0.9 * m;
      return [f](const cv::Mat& x) {
        cv::Mat smooth;
        cv::GaussianBlur(x, smooth, cv::Size(3, 3), 0);
        return blend(x, smooth, f);
      };
    }
    case 10: {  // shear x or y
      const double s = sign * 0.3 * m;
      const bool horizontal = uniform(rng, 0, 1) < 0.5;
      return [s, horizontal](const cv::Mat& x) {
        return affine(x, horizontal ? cv::Matx23d(1, s, -s * x.rows / 2.0, 0, 1, 0)
                                    : cv::Matx23d(1, 0, 0, s, 1, -s * x.cols / 2.0));
      };
    }
    default: {  // translate x or y, up to 45 % of the side
      const double t = sign * 0.45 * m;
      const bool horizontal = uniform(rng, 0, 1) < 0.5;
      return [t, horizontal](const cv::Mat& x) {
        return affine(x, horizontal ? cv::Matx23d(1, 0, t * x.cols, 0, 1, 0)
                                    : cv::Matx23d(1, 0, 0, 0, 1, t * x.rows));
      };
    }
  }
}

std::vector<Op> drawOps(std::mt19937_64& rng, int n, double magnitude) {
  std::vector<Op> ops;
  for (int i = 0; i < n; ++i)
    ops.push_back(drawOp(rng, magnitude));
  return ops;
}

cv::Rect randomResizedCrop(const cv::Size& size, double scale_min, std::mt19937_64& rng) {
  const double area = static_cast<double>(size.area());
  for (int attempt = 0; attempt < 10; ++attempt) {
    const double target = area * uniform(rng, scale_min, 1.0);
    const double ratio = std::exp(uniform(rng, std::log(3.0 / 4), std::log(4.0 / 3)));
    const int w = static_cast<int>(std::lround(std::sqrt(target * ratio)));
    const int h = static_cast<int>(std::lround(std::sqrt(target / ratio)));
    if (w > 0 && h > 0 && w <= size.width && h <= size.height) {
      const int x = std::uniform_int_distribution<int>(0, size.width - w)(rng);
      const int y = std::uniform_int_distribution<int>(0, size.height - h)(rng);
      return {x, y, w, h};
    }
  }
  return {0, 0, size.width, size.height};
}

// Random erasing as the official pixel mode: a box of 2–33 % of the area, aspect 0.3–3.3, filled
// with random pixels; the same box and pixels on every frame.
void erase(std::vector<cv::Mat>& frames, std::mt19937_64& rng, double probability) {
  if (frames.empty() || uniform(rng, 0, 1) >= probability) return;
  const cv::Size size = frames[0].size();
  for (int attempt = 0; attempt < 10; ++attempt) {
    const double target = size.area() * uniform(rng, 0.02, 1.0 / 3);
    const double ratio = std::exp(uniform(rng, std::log(0.3), std::log(1 / 0.3)));
    const int h = static_cast<int>(std::lround(std::sqrt(target * ratio)));
    const int w = static_cast<int>(std::lround(std::sqrt(target / ratio)));
    if (w >= size.width || h >= size.height || w < 1 || h < 1) continue;
    const int x = std::uniform_int_distribution<int>(0, size.width - w)(rng);
    const int y = std::uniform_int_distribution<int>(0, size.height - h)(rng);
    cv::Mat noise(h, w, CV_8UC3);
    std::uniform_int_distribution<int> pixel(0, 255);
    for (int r = 0; r < h; ++r)
      for (int c = 0; c < w * 3; ++c)
        noise.ptr<uchar>(r)[c] = static_cast<uchar>(pixel(rng));
    for (auto& f : frames)
      noise.copyTo(f(cv::Rect(x, y, w, h)));
    return;
  }
}

// With probability p, a skin tone for a grey sample (nothing for a colour one: it has its own).
std::optional<SkinTone> maybeSkinTone(const cv::Mat& first, double p, std::mt19937_64& rng) {
  if (p <= 0 || uniform(rng, 0, 1) >= p || !isGrey(first)) return std::nullopt;
  return drawSkinTone(rng);
}

}  // namespace

SkinTone drawSkinTone(std::mt19937_64& rng) {
  return {uniform(rng, 140, 175), uniform(rng, 95, 120)};
}

bool isGrey(const cv::Mat& bgr, int tolerance) {
  CV_Assert(bgr.type() == CV_8UC3);
  for (int r = 0; r < bgr.rows; ++r) {
    const auto* p = bgr.ptr<cv::Vec3b>(r);
    for (int c = 0; c < bgr.cols; ++c) {
      const int lo = std::min({p[c][0], p[c][1], p[c][2]});
      const int hi = std::max({p[c][0], p[c][1], p[c][2]});
      if (hi - lo > tolerance) return false;
    }
  }
  return true;
}

cv::Mat giveSkinTone(const cv::Mat& bgr, const SkinTone& tone) {
  cv::Mat ycc, out;
  cv::cvtColor(bgr, ycc, cv::COLOR_BGR2YCrCb);
  ycc.forEach<cv::Vec3b>([&tone](cv::Vec3b& p, const int*) {
    const double fade = std::clamp(std::min<double>(p[0], 255 - p[0]) / 48.0, 0.0, 1.0);
    p[1] = cv::saturate_cast<uchar>(128 + fade * (tone.cr - 128));
    p[2] = cv::saturate_cast<uchar>(128 + fade * (tone.cb - 128));
  });
  cv::cvtColor(ycc, out, cv::COLOR_YCrCb2BGR);
  return out;
}

std::vector<cv::Mat> augmentClip(const std::vector<cv::Mat>& frames, int img_size,
                                 std::mt19937_64& rng, const AugmentOptions& o) {
  std::vector<cv::Mat> out;
  if (!o.enabled) {
    for (const auto& f : frames)
      out.push_back(f.clone());
    return out;
  }
  const auto tone = maybeSkinTone(frames.at(0), o.skin_tone, rng);
  const auto ops = drawOps(rng, o.clip_ops, o.clip_magnitude);
  const cv::Rect crop = randomResizedCrop(frames.at(0).size(), o.crop_scale_min, rng);
  const bool flip = uniform(rng, 0, 1) < 0.5;
  for (const auto& f : frames) {
    cv::Mat x = tone ? giveSkinTone(f, *tone) : f;
    for (const auto& op : ops)
      x = op(x);
    cv::Mat y;
    cv::resize(x(crop), y, cv::Size(img_size, img_size), 0, 0, cv::INTER_LINEAR);
    if (flip) cv::flip(y, y, 1);
    out.push_back(y);
  }
  erase(out, rng, o.erase_probability);
  return out;
}

cv::Mat augmentImage(const cv::Mat& face, int img_size, std::mt19937_64& rng,
                     const AugmentOptions& o) {
  if (!o.enabled) return face.clone();
  const auto tone = maybeSkinTone(face, o.skin_tone, rng);
  const int big = img_size * 6 / 5;
  cv::Mat x;
  cv::resize(tone ? giveSkinTone(face, *tone) : face, x, cv::Size(big, big), 0, 0,
             cv::INTER_LINEAR);
  const int cx = std::uniform_int_distribution<int>(0, big - img_size)(rng);
  const int cy = std::uniform_int_distribution<int>(0, big - img_size)(rng);
  x = x(cv::Rect(cx, cy, img_size, img_size)).clone();
  if (uniform(rng, 0, 1) < 0.5) cv::flip(x, x, 1);
  for (const auto& op : drawOps(rng, o.image_ops, o.image_magnitude))
    x = op(x);
  std::vector<cv::Mat> one{x};
  erase(one, rng, o.erase_probability);
  return one[0];
}

}  // namespace unilearn::trainer
