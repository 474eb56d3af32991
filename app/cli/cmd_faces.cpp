// `unilearn faces` (per frame and face: track, box, keypoints, score, static expression; with
// --blendshapes the 52 blendshape scores and the AU-like set, with --landmarks the 478 landmarks)
// and `unilearn bench-media` (frames/s of decoding, detection, tracking + alignment, landmarks and
// blendshapes, the pipeline).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/faces/action_units.h"
#include "core/faces/face_aligner.h"
#include "core/faces/face_pipeline.h"
#include "core/media/frame_source.h"
#include "core/media/video_reader.h"
#include "core/resources.h"
#include "model/base/error.h"
#include "model/runtime.h"

namespace unilearn::cli {
namespace {

double seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double rssMb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * 4096.0 / (1024.0 * 1024.0);
}

double peakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

core::DetectorOptions detectorFrom(const Args& args) {
  core::DetectorOptions d;
  const std::string m = args.get("detector").value_or("auto");
  if (m == "128")
    d.model = core::DetectorOptions::Model::kFront128;
  else if (m == "256")
    d.model = core::DetectorOptions::Model::kBack256;
  else if (m != "auto")
    throw UsageError{"--detector must be auto, 128 or 256"};
  return d;
}

}  // namespace

int runFaces(const std::vector<std::string>& argv) {
  Args args(argv, {"camera", "out", "preview", "every", "max-frames", "threads", "detector"},
            {"blendshapes", "landmarks"});
  const long long every = args.getInt("every", 1);
  const long long max_frames = args.getInt("max-frames", -1);
  if (every < 1) throw UsageError{"--every must be >= 1"};
  std::unique_ptr<core::FrameSource> source;
  if (auto cam = args.get("camera")) {
    if (!args.positional().empty()) throw UsageError{"give a VIDEO or --camera, not both"};
    source = std::make_unique<core::CameraSource>(*cam);
  } else {
    if (args.positional().size() != 1) throw UsageError{"faces needs one VIDEO (or --camera ID)"};
    source = std::make_unique<core::FileSource>(args.positional()[0]);
  }
  core::PipelineOptions options;
  options.detector = detectorFrom(args);
  options.blendshapes = args.has("blendshapes");
  options.landmarks = args.has("landmarks");
  core::FacePipeline pipeline(core::resourceDir(), options);

  std::ofstream file;
  if (auto out = args.get("out")) {
    file.open(*out, std::ios::trunc);
    if (!file) throw Error(Error::Kind::kIo, "cannot write '" + *out + "'");
  }
  std::ostream& csv = file.is_open() ? static_cast<std::ostream&>(file) : std::cout;
  csv << "frame,ms,track,x,y,w,h,score";
  for (const char* k : {"right_eye", "left_eye", "nose", "mouth", "right_ear", "left_ear"})
    csv << ',' << k << "_x," << k << "_y";
  for (const auto& n : core::FacePipeline::expressionNames())
    csv << ',' << n;
  if (options.blendshapes || options.landmarks) csv << ",face_presence";
  if (options.blendshapes) {
    for (const auto& n : core::FaceLandmarker::blendshapeNames())
      csv << ",bs_" << n;
    for (const auto& au : core::actionUnits())
      csv << ',' << au.column();
  }
  if (options.landmarks)  // OpenFace's layout: all x, then all y, then all z
    for (const char axis : {'x', 'y', 'z'})
      for (int i = 0; i < core::kMeshLandmarks; ++i)
        csv << ',' << axis << '_' << i;
  csv << '\n';
  const auto preview = args.get("preview");
  if (preview && std::system(("mkdir -p '" + *preview + "'").c_str()) != 0)
    throw Error(Error::Kind::kIo, "cannot create '" + *preview + "'");

  const auto t0 = std::chrono::steady_clock::now();
  core::SourceFrame f;
  long long processed = 0, faces = 0;
  auto last_report = t0;
  while ((max_frames < 0 || processed < max_frames) && source->read(f)) {
    if (f.index % every != 0) continue;
    const auto results = pipeline.process(f.index, f.bgr);
    char buf[64];
    for (const auto& r : results) {
      csv << f.index << ',' << f.ms << ',' << r.track_id;
      std::snprintf(buf, sizeof buf, ",%.1f,%.1f,%.1f,%.1f,%.4f", r.face.box.x, r.face.box.y,
                    r.face.box.width, r.face.box.height, r.face.score);
      csv << buf;
      for (const auto& k : r.face.keypoints) {
        std::snprintf(buf, sizeof buf, ",%.1f,%.1f", k.x, k.y);
        csv << buf;
      }
      for (float p : r.expression) {
        std::snprintf(buf, sizeof buf, ",%.5f", p);
        csv << buf;
      }
      if (options.blendshapes || options.landmarks) {
        std::snprintf(buf, sizeof buf, ",%.4f", r.mesh.presence);
        csv << buf;
      }
      if (options.blendshapes) {
        for (float b : r.mesh.blendshapes) {
          std::snprintf(buf, sizeof buf, ",%.5f", b);
          csv << buf;
        }
        for (float a : core::actionUnitScores(r.mesh.blendshapes)) {
          std::snprintf(buf, sizeof buf, ",%.5f", a);
          csv << buf;
        }
      }
      if (options.landmarks) {
        for (int axis = 0; axis < 3; ++axis)
          for (const auto& p : r.mesh.landmarks) {
            std::snprintf(buf, sizeof buf, ",%.2f", axis == 0 ? p.x : axis == 1 ? p.y : p.z);
            csv << buf;
          }
      }
      csv << '\n';
    }
    if (preview) {
      cv::Mat shot = f.bgr.clone();
      core::drawFaces(shot, results);
      std::snprintf(buf, sizeof buf, "/frame_%06lld.jpg", static_cast<long long>(f.index));
      cv::imwrite(*preview + buf, shot);
    }
    ++processed;
    faces += static_cast<long long>(results.size());
    if (seconds(last_report) > 1.0) {
      std::fprintf(stderr, "\rframe %lld, %lld faces, %.1f frames/s",
                   static_cast<long long>(f.index), faces, processed / seconds(t0));
      last_report = std::chrono::steady_clock::now();
    }
  }
  std::fprintf(stderr, "\r%lld frames processed, %lld faces, %.1f frames/s\n", processed, faces,
               processed / std::max(1e-9, seconds(t0)));
  return 0;
}

int runBenchMedia(const std::vector<std::string>& argv) {
  Args args(argv, {"threads", "frames", "detector"}, {"no-landmarks"});
  if (args.positional().size() != 1) throw UsageError{"bench-media needs one VIDEO"};
  const std::string path = args.positional()[0];
  const long long frames = args.getInt("frames", 600);
  cv::setNumThreads(static_cast<int>(args.getInt("threads", 1)));
  core::PipelineOptions options;
  options.detector = detectorFrom(args);
  options.blendshapes = !args.has("no-landmarks");
  core::FacePipeline pipeline(core::resourceDir(), options);
  auto reader = std::make_unique<core::VideoReader>(path);
  std::printf("%s: %dx%d, %.2f fps; %lld frames (looping), %d threads\n", path.c_str(),
              reader->info().width, reader->info().height, reader->info().frame_rate.toDouble(),
              frames, runtimeThreads());
  double decode_s = 0, align_s = 0;
  const double rss_start = rssMb();
  double rss_after_warmup = 0;
  core::VideoFrame f;
  core::AlignOptions clip_crop;  // the UniLearn crop: 160 px, eyes level
  const auto t0 = std::chrono::steady_clock::now();
  for (long long i = 0; i < frames; ++i) {
    auto td = std::chrono::steady_clock::now();
    if (!reader->next(f)) {
      reader = std::make_unique<core::VideoReader>(path);
      if (!reader->next(f)) throw Error(Error::Kind::kFormat, "'" + path + "' has no frames");
    }
    decode_s += seconds(td);
    const auto results = pipeline.process(i, f.bgr);
    auto ta = std::chrono::steady_clock::now();
    for (const auto& r : results)
      core::alignFace(f.bgr, r.face, clip_crop);
    align_s += seconds(ta);
    if (i == std::min<long long>(100, frames - 1)) rss_after_warmup = rssMb();
  }
  const double total = seconds(t0);
  const auto& t = pipeline.times();
  auto fps = [&](double s) { return s > 0 ? static_cast<double>(frames) / s : 0.0; };
  std::printf("decode:            %8.1f frames/s\n", fps(decode_s));
  std::printf("detect:            %8.1f frames/s (%.2f faces per frame)\n", fps(t.detect / 1000.0),
              static_cast<double>(t.faces) / static_cast<double>(frames));
  std::printf("track + align:     %8.1f frames/s\n", fps(t.track / 1000.0 + align_s));
  std::printf("decode+detect+track+align: %.1f frames/s\n",
              fps(decode_s + t.detect / 1000.0 + t.track / 1000.0 + align_s));
  std::printf("static model:      %8.2f ms per face\n",
              t.faces ? t.expression / static_cast<double>(t.faces) : 0.0);
  if (options.blendshapes) {
    std::printf("landmarks + blendshapes: %8.2f ms per face, %.1f faces/s\n",
                t.faces ? t.landmarks / static_cast<double>(t.faces) : 0.0,
                t.landmarks > 0 ? static_cast<double>(t.faces) * 1000.0 / t.landmarks : 0.0);
  }
  std::printf("whole pipeline:    %8.1f frames/s\n", fps(total));
  std::printf(
      "memory: %.0f MB at start, %.0f MB after 100 frames, %.0f MB at the end, peak %.0f MB\n",
      rss_start, rss_after_warmup, rssMb(), peakRssMb());
  return 0;
}

}  // namespace unilearn::cli
