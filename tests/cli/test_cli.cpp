// The `unilearn` command line, run as a user runs it.
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <tuple>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "core/storage/project.h"
#include "core/storage/project_lock.h"
#include "model/base/json.h"
#include "model/checkpoint.h"
#include "tests/test_util.h"

using namespace unilearn;

namespace {

struct CliRun {
  int code;
  std::string out, err;
};

// Runs `unilearn ARGS`, behind `prefix` (e.g. "env -u VAR") when given.
CliRun cli(const std::string& args, const std::string& prefix = "") {
  const std::string err_path = test::tempPath("cli_err.txt");
  const std::string cmd = prefix + std::string(UNILEARN_CLI) + " " + args + " 2>" + err_path;
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0)
    r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream e(err_path);
  std::stringstream ss;
  ss << e.rdbuf();
  r.err = ss.str();
  return r;
}

int lineCount(const std::string& s) {
  return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
}

const std::string kTinyConfig = [] {
  const std::string path = test::tempPath("tiny_config.json");
  test::tinyConfig().toFile(path);
  return path;
}();

}  // namespace

TEST(Cli, InfoDescribesThePaperModel) {
  CliRun r = cli("info --threads 2");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("parameters:  100513646 in 380 tensors"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("800 tokens"), std::string::npos);
  EXPECT_NE(r.out.find("blocks 6,7,8,9,10,11"), std::string::npos);
}

TEST(Cli, InfoKeysListsEveryKeyWithItsShape) {
  CliRun r = cli("info --keys");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(lineCount(r.out), 380);
  EXPECT_NE(r.out.find("blocks.0.attn.qkv.weight 2304,768\n"), std::string::npos);
  EXPECT_NE(r.out.find("head.video.weight 7,768\n"), std::string::npos);
}

TEST(Cli, InfoReadsAnAuthorsCheckpoint) {
  CliRun r = cli("info --config " + kTinyConfig + " --weights " +
                 test::dataPath("tiny_authors_checkpoint.pth"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("loading:     100 tensors loaded\n"), std::string::npos) << r.out;
}

TEST(Cli, ForwardWritesLogitsFeaturesAndRoutingThatMatchTheReference) {
  const std::string out = test::tempPath("y.pt");
  CliRun r = cli("forward --config " + kTinyConfig + " --weights " +
                 test::dataPath("tiny_authors_checkpoint.pth") + " --input " +
                 test::dataPath("tiny_video_input.pt") + " --output " + out + " --routing");
  ASSERT_EQ(r.code, 0) << r.err;
  pickle::Value y = readTorchFile(out);
  ASSERT_NE(y.get("logits"), nullptr);
  EXPECT_TRUE(torch::allclose(y.get("logits")->asTensor(),
                              test::golden("golden_tiny.pt", "det_video_logits"), 0, 1e-5));
  EXPECT_EQ(y.get("features")->asTensor().sizes(), (std::vector<int64_t>{3, 32}));
  const pickle::Value* routing = y.get("routing");
  ASSERT_NE(routing, nullptr);
  ASSERT_EQ(routing->items().size(), 2u);
  EXPECT_EQ(routing->items()[0].get("indices")->asTensor().sizes(),
            (std::vector<int64_t>{3, 18, 2}));

  // Official mode with the reference's seed reproduces the reference's noisy output.
  CliRun o = cli("forward --config " + kTinyConfig + " --weights " +
                 test::dataPath("tiny_authors_checkpoint.pth") + " --input " +
                 test::dataPath("tiny_video_input.pt") + " --output " + out +
                 " --mode official --seed 1234");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_TRUE(torch::allclose(readTorchFile(out).get("logits")->asTensor(),
                              test::golden("golden_tiny.pt", "off_video_logits"), 0, 1e-5));
}

TEST(Cli, ForwardOutputLoadsInPythonTorch) {
  if (std::system("/usr/bin/python3 -c 'import torch' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "Debian's python3-torch is not installed";
  const std::string out = test::tempPath("py.pt");
  CliRun r = cli("forward --config " + kTinyConfig + " --weights " +
                 test::dataPath("tiny_authors_checkpoint.pth") + " --input " +
                 test::dataPath("tiny_image_input.pt") + " --output " + out + " --routing");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string py =
      "/usr/bin/python3 -c \"import torch; y = torch.load('" + out + "'); g = torch.load('" +
      test::dataPath("golden_tiny.pt") +
      "'); assert y['head'] == 'image'; assert len(y['routing']) == 2; "
      "assert torch.allclose(y['logits'], g['det_image_logits'], atol=1e-5, rtol=0)\"";
  EXPECT_EQ(std::system(py.c_str()), 0);
}

TEST(Cli, ConvertProducesAModelFileThatForwardsIdentically) {
  const std::string st = test::tempPath("tiny.safetensors");
  CliRun c = cli("convert " + test::dataPath("tiny_authors_checkpoint.pth") + " " + st +
                 " --config " + kTinyConfig);
  ASSERT_EQ(c.code, 0) << c.err;
  const std::string out = test::tempPath("y2.pt");
  CliRun r = cli("forward --weights " + st + " --input " + test::dataPath("tiny_video_input.pt") +
                 " --output " + out);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(torch::allclose(readTorchFile(out).get("logits")->asTensor(),
                              test::golden("golden_tiny.pt", "det_video_logits"), 0, 1e-5));
  CliRun i = cli("info --weights " + st);
  EXPECT_NE(i.out.find("source:"), std::string::npos) << i.out;
}

TEST(Cli, BenchRunsWithPassiveOpenMpEvenWhenTheUserDidNotSetIt) {
  // libgomp reads the policy before main(); the CLI re-executes itself with it set.
  CliRun r =
      cli("bench --config unilearn-t16-160 --repeat 1 --no-video", "env -u OMP_WAIT_POLICY ");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("(OpenMP wait policy passive)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ms per image"), std::string::npos) << r.out;
}

TEST(Cli, BenchPretrainMeasuresBothModalitiesAndTheFineTuningStep) {
  const std::string config = test::tempPath("bench_pretrain.json");
  std::ofstream(config) << R"({"img_size":32,"patch_size":16,"num_frames":4,"tubelet_size":2,)"
                           R"("embed_dim":32,"depth":2,"num_heads":2,"moe_layers":[1],)"
                           R"("num_experts":4,"top_k":2,"image_classes":7,"video_classes":7})";
  CliRun r = cli("bench-pretrain --config " + config + " --steps 1 --threads 1");
  ASSERT_EQ(r.code, 0) << r.err;
  double clip = 0, still = 0, finetune = 0;
  const size_t at = r.out.find(" pre-training: ");
  ASSERT_NE(at, std::string::npos) << r.out;
  ASSERT_EQ(std::sscanf(r.out.c_str() + at,
                        " pre-training: %lf clip steps/s (batch 2, 95 %% masked), %lf still "
                        "steps/s (batch 4, 90 %% masked); fine-tuning the same clips: %lf",
                        &clip, &still, &finetune),
            3)
      << r.out;
  EXPECT_GT(clip, 0);
  EXPECT_GT(still, 0);
  EXPECT_GT(finetune, 0);
}

TEST(Cli, BenchMeasuresWhatTheRoutingTraceCosts) {
  CliRun r = cli("bench --config unilearn-t16-160 --repeat 1 --no-image --trace-overhead");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("routing trace: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" ms with: "), std::string::npos) << r.out;
}

TEST(Cli, ErrorsAreOneClearLineAndANonZeroExit) {
  auto expectError = [](const std::string& args, const std::string& needle) {
    CliRun r = cli(args);
    EXPECT_NE(r.code, 0) << args;
    EXPECT_EQ(lineCount(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
  };
  const std::string w = " --weights " + test::dataPath("tiny_authors_checkpoint.pth");
  expectError("info --weights /nonexistent/w.pth", "cannot open '/nonexistent/w.pth'");
  expectError("forward --config " + kTinyConfig + w + " --input " +
                  test::dataPath("tiny_authors_checkpoint.pth") + " --output /tmp/x.pt",
              "not a tensor");
  expectError("forward --config " + kTinyConfig + w + " --input " +
                  test::dataPath("keys_unilearn-b16-160.txt") + " --output /tmp/x.pt",
              "not a PyTorch torch.save file");
  expectError("info --weights " + test::dataPath("hostile_os_system.pth"), "posix.system");
  expectError("forward --config unilearn-t16-160" + w + " --input a --output b",
              "does not match the model");
  expectError("info --config nope", "neither a preset");
  expectError("frobnicate", "unknown command");
  expectError("info --bogus", "unknown option --bogus");

  // Wrong input shape.
  const std::string bad_input = test::tempPath("bad_input.pt");
  {
    std::vector<char> bytes = torch::pickle_save(torch::zeros({1, 3, 8, 48, 48}));
    std::ofstream(bad_input, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  expectError(
      "forward --config " + kTinyConfig + w + " --input " + bad_input + " --output /tmp/x.pt",
      "does not match the video input [B,3,4,48,48]");
}

TEST(Cli, FacesWritesOneRowPerFaceWithATrackAndTheStaticModel) {
  const std::string clip = test::tempPath("astro_pan.mp4");
  ASSERT_EQ(std::system(("ffmpeg -v error -y -loop 1 -i " + test::dataPath("faces/astronaut.jpg") +
                         " -vf \"scale=1024:1024,zoompan=z='1.2+0.3*sin(on/10)':x='iw/2-(iw/zoom/2)"
                         "+60*sin(on/8)':y='ih/2-(ih/zoom/2)-80':d=24:s=640x480:fps=12\" "
                         "-frames:v 24 -c:v libx264 -pix_fmt yuv420p " +
                         clip + " >/dev/null 2>&1")
                            .c_str()),
            0);
  const std::string csv = test::tempPath("faces.csv"), preview = test::tempPath("preview");
  CliRun r = cli("faces " + clip + " --out " + csv + " --preview " + preview + " --every 2");
  ASSERT_EQ(r.code, 0) << r.err;
  std::ifstream in(csv);
  std::string header, line;
  std::getline(in, header);
  EXPECT_EQ(header.rfind("frame,ms,track,x,y,w,h,score,right_eye_x", 0), 0u) << header;
  EXPECT_NE(header.find(",neutral,happy,sad,angry,fearful,disgusted,surprised"), std::string::npos);
  int rows = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, ',');)
      cells.push_back(c);
    ASSERT_EQ(cells.size(), 27u) << line;
    EXPECT_EQ(std::stoi(cells[0]) % 2, 0);
    EXPECT_EQ(cells[2], "1");              // one identity all along
    EXPECT_GT(std::stod(cells[21]), 0.9);  // happy
    EXPECT_EQ(std::stoll(cells[1]), (std::stoll(cells[0]) * 1000 + 6) / 12);  // rounded ms
    ++rows;
  }
  EXPECT_GE(rows, 11);
  EXPECT_TRUE(std::ifstream(preview + "/frame_000000.jpg").good());
  CliRun bad = cli("faces /nonexistent.mp4");
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("cannot open '/nonexistent.mp4'"), std::string::npos) << bad.err;
  CliRun cam = cli("faces --camera /dev/video99");
  EXPECT_EQ(cam.code, 1);
  EXPECT_NE(cam.err.find("camera '/dev/video99' cannot be opened"), std::string::npos) << cam.err;
}

// suggest ranks where to label next; baseline sets and clears a person's neutral baseline.
TEST(Cli, SuggestAndBaselineOnAProject) {
  const std::string path = test::freshProjectPath("cli_suggest.ulproj");
  {
    auto p = core::Project::open(path);
    const int64_t media =
        p->addMedia({0, "/v/session.mp4", "h", 640, 480, 25, 1, 1, 12800, 4000, 100});
    const int64_t track = p->track(media, 1);
    p->renameTrack(track, "Client");
    const int64_t model = p->addModel(
        {0, "m", R"({"video_classes":3,"video_class_names":["neutral","happy","sad"]})", "x", ""});
    const int64_t analysis = p->startAnalysis(media, model, "clip", "{}");
    for (int64_t start : {0, 16, 32}) {
      core::WindowPrediction w;
      w.analysis_id = analysis;
      w.track_id = track;
      w.start_frame = start;
      w.end_frame = start + 15;
      w.start_ms = start * 40;
      w.end_ms = (start + 16) * 40;
      w.probs =
          start == 16 ? std::vector<float>{0.4f, 0.1f, 0.5f} : std::vector<float>{0.8f, 0.1f, 0.1f};
      p->addWindow(w);
    }
    p->finishAnalysis(analysis, "done");
  }
  CliRun s = cli("suggest " + path + " --annotator ann");
  ASSERT_EQ(s.code, 0) << s.err;
  EXPECT_NE(s.out.find("   1  Client         0:00.640    0:01.280     model unsure: sad 50 % or "
                       "neutral 40 %"),
            std::string::npos)
      << s.out;
  EXPECT_EQ(lineCount(s.out), 2);  // the header and one stretch
  CliRun b = cli("baseline " + path + " --person Client --from 0s --to f31");
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_NE(b.out.find("Client's neutral baseline: frames 0-31"), std::string::npos) << b.out;
  // Mean of the windows at 0 and 16: neutral 60 %, happy 10 %, sad 30 %.
  EXPECT_NE(b.out.find("(2 windows): neutral 60.0 % happy 10.0 % sad 30.0 %"), std::string::npos)
      << b.out;
  EXPECT_TRUE(core::Project::open(path, false)->baseline(1).has_value());
  EXPECT_EQ(cli("baseline " + path + " --person Nobody --from 0 --to 1").code, 2);
  EXPECT_EQ(cli("baseline " + path + " --person Client --from 0").code, 2);
  CliRun c = cli("baseline " + path + " --person Client --clear");
  ASSERT_EQ(c.code, 0) << c.err;
  EXPECT_NE(c.out.find("Client has no baseline now"), std::string::npos);
  EXPECT_FALSE(core::Project::open(path, false)->baseline(1).has_value());
}

TEST(Cli, AgreeAndExportWorkOnAProject) {
  const std::string path = test::freshProjectPath("cli_agree.ulproj");
  {
    auto p = core::Project::open(path);
    const int64_t media =
        p->addMedia({0, "/v/session.mp4", "h", 640, 480, 25, 1, 1, 12800, 4000, 100});
    const int64_t track = p->track(media, 1);
    for (auto [who, f1, label2] :
         {std::tuple<const char*, int, const char*>{"ann", 49, "Sad"}, {"bob", 59, "Sad"}}) {
      core::Annotation a;
      a.media_id = media;
      a.track_id = track;
      a.scheme = "DFEW-7";
      a.annotator = who;
      a.start_frame = 0;
      a.end_frame = f1;
      a.label = "Happy";
      p->addAnnotation(a);
      a.start_frame = f1 + 1;
      a.end_frame = 99;
      a.label = label2;
      p->addAnnotation(a);
    }
  }
  CliRun r = cli("agree " + path + " --a ann --b bob");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("frames rated by both: 100"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Cohen's kappa:        0.8000"), std::string::npos) << r.out;
  CliRun st = cli("stats " + path + " --from 0:00.0");
  ASSERT_EQ(st.code, 0) << st.err;
  EXPECT_EQ(st.out.substr(0, st.out.find('\n')),
            "person,rater,label,frames,seconds,share,bouts,mean_bout_s,latency_s");
  EXPECT_NE(st.out.find("face 1,ann,Happy,50,2.000,0.5000,1,2.000,0.000\n"), std::string::npos)
      << st.out;
  EXPECT_NE(st.out.find("face 1,bob,Sad,40,1.600,0.4000,1,1.600,2.400\n"), std::string::npos)
      << st.out;
  EXPECT_EQ(cli("stats " + path + " --from soon").code, 2);
  const std::string tsv = test::tempPath("agree.tsv");
  CliRun e = cli("export " + path + " --format tsv --out " + tsv);
  ASSERT_EQ(e.code, 0) << e.err;
  EXPECT_NE(test::fileBytes(tsv).find("annotator:bob"), std::string::npos);
  // The exported TSV reads back as the same annotations under the same annotators.
  CliRun imp = cli("import " + path + " --tsv " + tsv);
  ASSERT_EQ(imp.code, 0) << imp.err;
  // Importing what the project already holds adds nothing twice.
  EXPECT_NE(imp.out.find("0 annotations imported, 4 already in the project, 0 rows skipped"),
            std::string::npos)
      << imp.out;
  // So does the ELAN document.
  const std::string eaf = test::tempPath("agree.eaf");
  CliRun ex = cli("export " + path + " --format eaf --out " + eaf);
  ASSERT_EQ(ex.code, 0) << ex.err;
  EXPECT_NE(test::fileBytes(eaf).find("ANNOTATOR=\"bob\""), std::string::npos);
  CliRun back = cli("import " + path + " --eaf " + eaf);
  ASSERT_EQ(back.code, 0) << back.err;
  EXPECT_NE(back.out.find("0 annotations imported, 4 already in the project, 0 rows skipped"),
            std::string::npos)
      << back.out;
  // A failed export replaces nothing and leaves no half-written file.
  const std::string kept = test::tempPath("kept.csv");
  std::ofstream(kept) << "previous export\n";
  CliRun wrong = cli("export " + path + " --format csv --video nosuch.mp4 --out " + kept);
  EXPECT_EQ(wrong.code, 1);
  EXPECT_EQ(test::fileBytes(kept), "previous export\n");
  EXPECT_FALSE(std::ifstream(kept + ".partial").good());
  CliRun missing = cli("agree /nonexistent.ulproj --a a --b b");
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("does not exist"), std::string::npos) << missing.err;
}

TEST(Cli, BenchTimelineLoadsASynthesizedSession) {
  const std::string path = test::freshProjectPath("cli_timeline.ulproj");
  CliRun r = cli("bench-timeline " + path + " --synthesize 0.01 --repeat 2");  // 36 s at 30 fps
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("1 tracks, 64 windows (with routing), 1080 frame predictions"),
            std::string::npos)
      << r.out;
  CliRun again = cli("bench-timeline " + path + " --synthesize 0.01");
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("exists"), std::string::npos) << again.err;
}

// What a hostile-input probe of the command line found (issue 15): each is refused with a clear
// message, and nothing is overwritten or crashes.
TEST(Cli, RefusesAbsurdThreadCounts) {
  for (const char* n : {"100000", "-1", "lots"}) {
    CliRun r = cli(std::string("info --threads ") + n);
    EXPECT_EQ(r.code, 2) << n;
    EXPECT_NE(r.err.find("--threads takes a number from 0"), std::string::npos) << r.err;
  }
}

TEST(Cli, ExportNeverReplacesTheProjectAndWritesToStandardOutputOrThroughLinks) {
  const std::string path = test::freshProjectPath("cli_export_self.ulproj");
  core::Project::open(path)->addMedia({0, "/v/a.mp4", "h-self", 64, 48, 25, 1, 1, 12800, 400, 10});
  const std::string before = test::fileBytes(path);
  CliRun r = cli("export " + path + " --format json --out " + path);
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("the project itself"), std::string::npos) << r.err;
  EXPECT_EQ(test::fileBytes(path), before);
  r = cli("export " + path + " --format json --out -");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NO_THROW(json::parse(r.out)) << r.out;
  // A link is written through: the link stays, its target gets the export.
  const std::string target = test::tempPath("export_target.json"),
                    link = test::tempPath("export_link.json");
  std::remove(link.c_str());
  std::ofstream(target) << "old";
  ASSERT_EQ(symlink(target.c_str(), link.c_str()), 0);
  r = cli("export " + path + " --format json --out " + link);
  ASSERT_EQ(r.code, 0) << r.err;
  struct stat st {};
  ASSERT_EQ(lstat(link.c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode)) << "the link was replaced by a file";
  EXPECT_NE(test::fileBytes(target).find("\"media\""), std::string::npos);
}

TEST(Cli, AnotherProgramsDatabaseIsLeftAlone) {
  const std::string path = test::tempPath("someone_elses.sqlite");
  std::remove(path.c_str());
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');",
                 nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  const std::string before = test::fileBytes(path);
  for (const std::string& cmd :
       {"export " + path + " --format json --out -", "agree " + path + " --a x --b y"}) {
    CliRun r = cli(cmd);
    EXPECT_NE(r.code, 0) << cmd;
    EXPECT_NE(r.err.find("another program"), std::string::npos) << r.err;
  }
  EXPECT_EQ(test::fileBytes(path), before);
  EXPECT_FALSE(std::ifstream(path + "-wal").good());
}

TEST(Cli, TrainingJobsWithImpossibleSettingsAreRefusedBeforeAnyWork) {
  const std::string job = test::tempPath("bad_job.json"), pre = test::tempPath("bad_pre.json");
  const std::string list = test::tempPath("bad_job_list.csv");
  std::ofstream(list) << "x.png,happy\n";
  for (const std::string& training : {R"("device": "cuda:7")", R"("label_smoothing": 5)",
                                      R"("mixup": -1)", R"("lr": 0)", R"("threads": 100000)"}) {
    std::ofstream(job) << R"({"data": {"list": ")" << list << R"("}, "training": {)" << training
                       << "}}";
    CliRun r = cli("train " + job);
    EXPECT_EQ(r.code, 1) << training << r.err;
    EXPECT_NE(r.err.find("must"), std::string::npos) << training << ": " << r.err;
  }
  std::ofstream(job) << R"({"data": {"list": ")" << list << R"("}, "validation": {"fraction": 1}})";
  CliRun r = cli("train " + job);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("fraction must lie in [0, 1)"), std::string::npos) << r.err;
  // Pre-training: a decoder without heads divided by zero (SIGFPE); world size 0 too.
  for (const std::string& training : {R"("decoder_heads": 0)", R"("decoder_depth": -1)"}) {
    std::ofstream(pre) << R"({"data": {"list": ")" << list << R"("}, "training": {)" << training
                       << "}}";
    r = cli("pretrain " + pre);
    EXPECT_EQ(r.code, 1) << training << r.err;
    EXPECT_NE(r.err.find("decoder"), std::string::npos) << r.err;
  }
  std::ofstream(pre) << R"({"data": {"list": ")" << list << R"("}})";
  for (const char* flags : {"--world-size 0", "--world-size -1", "--rank -1"}) {
    r = cli("pretrain " + pre + " " + flags);
    EXPECT_EQ(r.code, 1) << flags << r.err;
    EXPECT_NE(r.err.find("must lie in"), std::string::npos) << flags << ": " << r.err;
  }
}

// While the app has a project open, writing commands are refused with its name, reading ones
// work, and nothing the app holds is disturbed.
TEST(Cli, WritingCommandsRefuseAProjectTheAppHasOpenAndReadingOnesWork) {
  const std::string path = test::freshProjectPath("cli_locked.ulproj");
  auto p = core::Project::open(path);
  const int64_t media =
      p->addMedia({0, "/v/session.mp4", "h", 640, 480, 25, 1, 1, 12800, 4000, 100});
  p->addAnnotation({0, media, std::nullopt, "DFEW-7", 0, 10, "Happy", "ann", ""});
  const auto lock = core::ProjectLock::acquire(path, "unilearn-studio");
  const std::string csv = test::tempPath("cli_locked.csv");
  std::ofstream(csv)
      << "video,track,start_frame,end_frame,label\nsession.mp4,whole video,20,30,Sad\n";
  CliRun imp = cli("import " + path + " --csv " + csv);
  EXPECT_EQ(imp.code, 1);
  EXPECT_NE(imp.err.find("is open in unilearn-studio (process " + std::to_string(getpid())),
            std::string::npos)
      << imp.err;
  EXPECT_EQ(p->annotations(media).size(), 1u);
  CliRun exp = cli("export " + path + " --format json --out -");
  ASSERT_EQ(exp.code, 0) << exp.err;
  EXPECT_NE(exp.out.find("\"Happy\""), std::string::npos);
  // The app's connection keeps writing after both commands.
  p->addAnnotation({0, media, std::nullopt, "DFEW-7", 40, 50, "Sad", "ann", ""});
  EXPECT_EQ(p->annotations(media).size(), 2u);
}

// A colleague's ELAN file names the client "Client"; here the person is "face 1": the import
// says how to map them, and --subjects does.
TEST(Cli, ImportMapsAColleaguesParticipantsWithSubjects) {
  const std::string theirs = test::freshProjectPath("cli_theirs.ulproj"),
                    ours = test::freshProjectPath("cli_ours.ulproj");
  for (const auto& path : {theirs, ours}) {
    auto p = core::Project::open(path);
    const int64_t media =
        p->addMedia({0, "/v/session.mp4", "h", 640, 480, 25, 1, 1, 12800, 4000, 100});
    const int64_t track = p->track(media, 1);
    if (path == theirs) {
      p->renameTrack(track, "Client");
      p->addAnnotation({0, media, track, "DFEW-7", 0, 40, "Happy", "colleague", ""});
    }
  }
  const std::string eaf = test::tempPath("cli_theirs.eaf");
  ASSERT_EQ(cli("export " + theirs + " --format eaf --out " + eaf).code, 0);
  CliRun dry = cli("import " + ours + " --eaf " + eaf);
  ASSERT_EQ(dry.code, 0) << dry.err;
  EXPECT_NE(dry.out.find("0 annotations imported"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("--subjects \"Client=PERSON\" (people here: face 1)"), std::string::npos)
      << dry.out;
  CliRun mapped = cli("import " + ours + " --eaf " + eaf + " --subjects \"Client=face 1\"");
  ASSERT_EQ(mapped.code, 0) << mapped.err;
  EXPECT_NE(mapped.out.find("1 annotations imported"), std::string::npos) << mapped.out;
  EXPECT_EQ(cli("import " + ours + " --eaf " + eaf + " --subjects Client").code, 2);
}
