// Damaged and hostile inputs beyond models and media: project files, annotation imports (CSV,
// BORIS-style TSV, ELAN), train and pre-training job files, safetensors headers. Each either
// works or is refused with unilearn::Error (never a crash, a hang or another exception type); a
// project file that is refused is left byte for byte as it was. Run counts and times are printed.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include "core/analysis/timeline.h"
#include "core/export/eaf.h"
#include "core/export/exporter.h"
#include "core/export/importer.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "model/safetensors.h"
#include "tests/test_util.h"
#include "trainer/train_job.h"

using namespace unilearn;
using core::Project;

namespace {

constexpr int64_t kFrames = 250;

void write(const std::string& path, const std::string& bytes) {
  for (const char* suffix : {"-wal", "-shm"})
    std::remove((path + suffix).c_str());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A small session: one 25 fps video of 250 frames, two people, a finished clip analysis and
// annotations with notes.
std::unique_ptr<Project> makeSession(const std::string& path) {
  auto p = Project::open(test::freshProjectPath(path));
  const int64_t media = p->addMedia(
      {0, "/mnt/share/session.mp4", "h", 640, 480, 25, 1, 1, 25, kFrames * 40, kFrames});
  const int64_t client = p->track(media, 2), therapist = p->track(media, 1);
  p->renameTrack(client, "Client, A");
  p->renameTrack(therapist, "Therapist");
  const int64_t model =
      p->addModel({0, "m", R"({"video_classes":2,"video_class_names":["x","y"]})", "w", ""});
  const int64_t a = p->startAnalysis(media, model, "clip", "{\"hop\":16}");
  for (int64_t s = 0; s + 16 <= kFrames; s += 16) {
    core::WindowPrediction w;
    w.analysis_id = a;
    w.track_id = s % 32 ? client : therapist;
    w.start_frame = s;
    w.end_frame = s + 15;
    w.start_ms = s * 40;
    w.end_ms = (s + 16) * 40;
    w.probs = {0.3f, 0.7f};
    w.top_class = 1;
    w.expert_share.assign(6, std::vector<float>(8, 0.125f));
    w.mean_gate.assign(6, std::vector<float>(8, 0.5f));
    p->addWindow(w);
  }
  p->finishAnalysis(a, "done");
  for (int i = 0; i < 6; ++i)
    p->addAnnotation({0, media, i % 2 ? client : therapist, "DFEW-7", i * 30, i * 30 + 20,
                      i % 2 ? "Happy" : "Sad", "rater1", i == 3 ? "laughs, then \"no\"" : ""});
  return p;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST(FuzzInputs, DamagedProjectsAreRefusedUntouchedOrReadWhole) {
  const std::string src_path = test::freshProjectPath("fuzz_src.ulproj");
  makeSession("fuzz_src.ulproj").reset();  // closed: the WAL is folded into the file
  const std::string src = test::fileBytes(src_path);
  ASSERT_GT(src.size(), 8192u);
  const std::string path = test::tempPath("fuzz_project.ulproj");
  std::mt19937 rng(15);
  const auto start = std::chrono::steady_clock::now();
  const int rounds = 300;
  int refused = 0, opened = 0, read_failed = 0;
  for (int round = 0; round < rounds; ++round) {
    std::string bytes;
    if (round % 4 == 3) {  // a whole page overwritten (zeros or garbage), as a bad sector would
      bytes = src;
      const size_t pages = src.size() / 4096;
      const size_t page = std::uniform_int_distribution<size_t>(0, pages - 1)(rng);
      for (size_t i = 0; i < 4096; ++i)
        bytes[page * 4096 + i] = round % 8 == 3 ? '\0' : static_cast<char>(rng());
    } else {
      bytes = test::mutate(src, rng, round);
    }
    write(path, bytes);
    std::unique_ptr<Project> p;
    try {
      p = Project::open(path, false);
      ++opened;
    } catch (const Error&) {
      ++refused;
      ASSERT_EQ(test::fileBytes(path), bytes) << "round " << round << ": a refused file changed";
      continue;
    }
    try {  // damage the check did not see: reading may fail, but only with an error
      for (const auto& m : p->media()) {
        p->annotations(m.id);
        core::loadTimeline(*p, m.id);
      }
      std::ostringstream out;
      core::exportJson(*p, out, {});
      core::exportCsv(*p, out, {});
    } catch (const Error&) {
      ++read_failed;
    }
  }
  std::printf(
      "[ fuzz     ] projects: %d runs, %d refused untouched, %d opened (%d then failed to "
      "read), %.1f s\n",
      rounds, refused, opened, read_failed, secondsSince(start));
  EXPECT_EQ(refused + opened, rounds);
  EXPECT_GT(refused, rounds / 4);
}

TEST(FuzzInputs, DamagedAnnotationFilesImportOrAreRefused) {
  auto p = makeSession("fuzz_import.ulproj");
  const int64_t media = p->media().at(0).id;
  std::string tsv;
  {
    std::ostringstream out;
    core::exportTsv(*p, out, {});
    tsv = out.str();
  }
  const std::string csv =
      "video,track,start_frame,end_frame,label,note\n"
      "session.mp4,2,0,10,Sad,\"sighs, looks down\"\n"
      "session.mp4,face 2,11,20,Angry,\n"
      "session.mp4,whole video,0,249,Neutral,\"first line\nsecond line\"\n"
      "session.mp4,Therapist,100,140,Happy,\n";
  const std::string eaf = test::fileBytes(test::dataPath("eaf/elan_session.eaf"));
  ASSERT_FALSE(eaf.empty());
  const std::string path = test::tempPath("fuzz_import.in");
  std::mt19937 rng(99);
  const auto start = std::chrono::steady_clock::now();
  const int rounds = 200;
  int runs = 0, refused = 0, imported = 0;
  for (const auto& [kind, src] :
       std::vector<std::pair<std::string, std::string>>{{"csv", csv}, {"tsv", tsv}, {"eaf", eaf}}) {
    for (int round = 0; round < rounds; ++round, ++runs) {
      write(path, test::mutate(src, rng, round));
      try {
        core::ImportReport r = kind == "csv"   ? core::importCsv(*p, path, "fuzz")
                               : kind == "tsv" ? core::importTsv(*p, path, "fuzz")
                                               : core::importEaf(*p, path, "fuzz");
        imported += r.imported;
      } catch (const Error&) {
        ++refused;
      }
    }
  }
  std::printf("[ fuzz     ] imports: %d runs, %d refused, %d annotations imported, %.1f s\n", runs,
              refused, imported, secondsSince(start));
  EXPECT_GT(imported, 0);
  EXPECT_GT(refused, 0);
  for (const auto& a : p->annotations(media)) {  // whatever came in lies inside the video
    EXPECT_GE(a.start_frame, 0);
    EXPECT_LE(a.start_frame, a.end_frame);
    EXPECT_LT(a.end_frame, kFrames);
  }
}

TEST(FuzzInputs, DamagedAndAbsurdJobFilesAreRefusedBeforeAnyWork) {
  const std::string train =
      R"({"data": {"list": "train.csv", "format": "ferplus", "limit": 300, "synthetic_clips": 8},
 "validation": {"fraction": 0.2}, "classes": ["neutral", "happy"], "register": false,
 "training": {"base_model": "unilearn-t16-160", "epochs": 3, "image_batch": 16, "lr": 0.0005,
              "augment": {"image_ops": 2, "crop_scale_min": 0.5}, "threads": 2,
              "select_by": "stills", "routing": "deterministic", "out_dir": "out"}})";
  const std::string pretrain =
      R"({"data": {"list": "faces.csv"},
 "training": {"model": "unilearn-t16-160", "epochs": 2, "decoder_heads": 6, "decoder_depth": 4,
              "image_mask_ratio": 0.9, "threads": 2, "out_dir": "out"}})";
  const std::string path = test::tempPath("fuzz_job.json");
  write(path, train);
  ASSERT_NO_THROW(trainer::TrainJob::fromFile(path));
  write(path, pretrain);
  ASSERT_NO_THROW(trainer::PretrainJob::fromFile(path));

  std::mt19937 rng(5);
  const auto start = std::chrono::steady_clock::now();
  int runs = 0, refused = 0;
  for (const auto* src : {&train, &pretrain})
    for (int round = 0; round < 300; ++round, ++runs) {
      write(path, test::mutate(*src, rng, round));
      try {
        if (src == &train)
          trainer::TrainJob::fromFile(path);
        else
          trainer::PretrainJob::fromFile(path);
      } catch (const Error&) {
        ++refused;
      }
    }
  std::printf("[ fuzz     ] job files: %d runs, %d refused, %.2f s\n", runs, refused,
              secondsSince(start));
  EXPECT_GT(refused, runs / 3);

  // Hostile shapes and absurd numbers: each refused with a message before anything starts.
  auto trainWith = [](const std::string& training) {
    return R"({"data": {"list": "x.csv"}, "training": {)" + training + "}}";
  };
  const std::vector<std::string> hostile = {
      std::string(100000, '['),
      "{\"data\": " + std::string(5000, '[') + std::string(5000, ']') + "}",
      trainWith(R"("epochs": 1e12)"),
      trainWith(R"("epochs": 2.5)"),
      trainWith(R"("epochs": "ten")"),
      trainWith(R"("image_batch": -1)"),
      trainWith(R"("image_batch": 1e300)"),
      trainWith(R"("lr": 1e999)"),
      trainWith(R"("lr": [0.001])"),
      trainWith(R"("threads": 1e6)"),
      trainWith(R"("seed": -1e30)"),
      trainWith(R"("augment": {"image_ops": 1e10})"),
      trainWith(R"("augment": {"image_ops": {"nested": true}})"),
      R"({"data": {"list": "x.csv", "limit": 1e300}, "training": {}})",
      R"({"data": {"list": "x.csv", "clip_frames": 1e10}, "training": {}})",
      R"({"data": {"list": "x.csv", "synthetic_clips": -5.5}, "training": {}})",
      R"({"data": {"list": "x.csv"}, "training": {"decoder_heads": 1e10}})",
  };
  for (const auto& text : hostile) {
    write(path, text);
    EXPECT_THROW(trainer::TrainJob::fromFile(path), Error) << text.substr(0, 80);
  }
  for (const auto& training : {R"("decoder_heads": 1e10)", R"("decoder_dim": -1e300)",
                               R"("epochs": 1e15)", R"("image_mask_ratio": "most")"}) {
    write(path, R"({"data": {"list": "x.csv"}, "training": {)" + std::string(training) + "}}");
    EXPECT_THROW(trainer::PretrainJob::fromFile(path), Error) << training;
  }
}

TEST(FuzzInputs, SafetensorsWithAbsurdHeadersAreRefused) {
  auto file = [](uint64_t header_length, const std::string& header, size_t data_bytes) {
    std::string bytes(8, '\0');
    for (int i = 0; i < 8; ++i)
      bytes[static_cast<size_t>(i)] = static_cast<char>((header_length >> (8 * i)) & 0xFF);
    return bytes + header + std::string(data_bytes, '\x01');
  };
  auto sized = [&](const std::string& header, size_t data_bytes) {
    return file(header.size(), header, data_bytes);
  };
  const std::string path = test::tempPath("absurd.safetensors");
  write(path, sized(R"({"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}})", 16));
  ASSERT_NO_THROW(readSafetensors(path));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"header length 2^62", file(uint64_t{1} << 62, "{}", 0)},
      {"header length past the end", file(4096, "{}", 0)},
      {"header length 2^64-1", file(~uint64_t{0}, "{}", 0)},
      {"overlapping tensors", sized(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                                    R"("b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})",
                                    24)},
      {"offsets past the data",
       sized(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", 8)},
      {"end before begin", sized(R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[16,0]}})", 16)},
      {"size not the shape's",
       sized(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,16]}})", 16)},
      {"shape product overflows",
       sized(R"({"a":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],)"
             R"("data_offsets":[0,16]}})",
             16)},
      {"negative dimension",
       sized(R"({"a":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}})", 16)},
      {"huge offsets",
       sized(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[1e300,1e300]}})", 16)},
      {"unknown dtype", sized(R"({"a":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}})", 16)},
      {"not an object", sized(R"([1,2,3])", 0)},
      {"deep nesting", sized(std::string(100000, '['), 0)},
  };
  for (const auto& [what, bytes] : cases) {
    write(path, bytes);
    EXPECT_THROW(readSafetensors(path), Error) << what;
  }
}
