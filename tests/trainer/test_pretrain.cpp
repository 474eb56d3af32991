// Issue 8: the masked-autoencoder pre-training network matches an independent Python
// implementation on an authors'-format checkpoint, masks as the official code, learns to
// reconstruct real faces, resumes exactly, and hands its encoder to fine-tuning.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <numeric>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "core/analysis/analyzer.h"
#include "core/analysis/reconstruction.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "model/checkpoint.h"
#include "model/mae.h"
#include "model/network_file.h"
#include "tests/core/analysis_fixtures.h"
#include "tests/test_util.h"
#include "tests/trainer/trainer_fixtures.h"
#include "trainer/finetune.h"
#include "trainer/pretrain.h"
#include "trainer/train_job.h"
#include "trainer/train_session.h"

using namespace unilearn;
namespace fs = std::filesystem;

namespace {

MaeConfig tinyMae() {  // the sizes of scripts/reference/make_mae_goldens.py
  MaeConfig c;
  c.encoder = test::tinyConfig();
  c.encoder.img_size = 48;
  c.encoder.num_frames = 4;
  c.encoder.embed_dim = 32;
  c.encoder.depth = 2;
  c.encoder.num_heads = 2;
  c.encoder.moe_layers = {1};
  c.decoder_dim = 16;
  c.decoder_depth = 1;
  c.decoder_heads = 2;
  return c;
}

std::string freshDir(const std::string& name) {
  const std::string dir = test::tempPath(name);
  fs::remove_all(dir);
  return dir;
}

trainer::PretrainConfig quickPretrain(const std::string& out) {
  trainer::PretrainConfig c;
  c.model = test::tinyTrainConfig();
  c.decoder_dim = 32;
  c.decoder_depth = 1;
  c.decoder_heads = 2;
  c.epochs = 3;
  c.video_batch = 4;
  c.image_batch = 8;
  c.lr = 1e-3;
  c.sampling_rate = 2;
  c.threads = 2;
  c.out_dir = out;
  c.resume = false;
  return c;
}

// `count` real-face stills as a list file under `dir` ("faces.csv").
void writeStillList(const fs::path& dir, int count, uint64_t seed) {
  fs::create_directories(dir / "faces");
  std::mt19937_64 rng(seed);
  std::ofstream list(dir / "faces.csv");
  for (int i = 0; i < count; ++i) {
    const auto frames = test::learnableClip(i % 3, 2, 64, rng);
    const std::string name = "f" + std::to_string(i) + ".png";
    cv::imwrite((dir / "faces" / name).string(), frames[1]);
    list << "faces/" << name << ",face\n";
  }
}

}  // namespace

TEST(Pretrain, MasksAsTheOfficialCode) {
  torch::manual_seed(3);
  const auto video = randomTokenMask(4, 800, 0.95), image = randomTokenMask(4, 100, 0.9);
  for (int64_t i = 0; i < 4; ++i) {
    EXPECT_EQ(video[i].sum().item<int64_t>(), 760);  // not tubes: any (t, h, w)
    EXPECT_EQ(image[i].sum().item<int64_t>(), 90);
  }
  EXPECT_FALSE(torch::equal(video[0], video[1]));  // each sample its own pattern
  // Not tubes: some spatial position is masked in one slice and visible in another.
  const auto grid = video[0].view({8, 100});
  EXPECT_TRUE((grid.any(0) & ~grid.all(0)).any().item<bool>());
  torch::manual_seed(3);
  EXPECT_TRUE(torch::equal(randomTokenMask(4, 800, 0.95), video));  // seeded
}

TEST(Pretrain, AnAuthorsCheckpointReproducesTheReferencePredictionsAndLoss) {
  LoadedMae m = loadMae(test::dataPath("tiny_mae_checkpoint.pth"), tinyMae());
  m.network->eval();
  torch::NoGradGuard no_grad;
  for (const std::string kind : {"video", "image"}) {
    const auto x = test::golden("tiny_mae_golden.pt", kind + "_input");
    const auto mask = test::golden("tiny_mae_golden.pt", kind + "_mask");
    const auto pred = m.network->forward(x, mask);
    EXPECT_TRUE(
        torch::allclose(pred, test::golden("tiny_mae_golden.pt", kind + "_pred"), 1e-4, 1e-4))
        << kind;
    const auto loss = maeLoss(pred, maeTargets(x, m.config.encoder), mask);
    EXPECT_NEAR(loss.item<double>(),
                test::golden("tiny_mae_golden.pt", kind + "_loss").item<double>(), 1e-5)
        << kind;
  }
  // A wrong config is refused with the key that does not fit.
  MaeConfig wrong = tinyMae();
  wrong.decoder_depth = 2;
  try {
    loadMae(test::dataPath("tiny_mae_checkpoint.pth"), wrong);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("decoder.blocks.1"), std::string::npos) << e.what();
  }
}

TEST(Pretrain, TargetsAreNormalisedPerTokenAndChannelAsByHand) {
  // One token (16 px, 2 frames), channel c = ramp over the pixels: by hand, the normalised
  // values are (v - mean) / sqrt(unbiased variance + 1e-6).
  ModelConfig e;
  e.img_size = 16;
  e.patch_size = 16;
  e.num_frames = 2;
  auto x = torch::empty({1, 3, 2, 16, 16});
  auto a = x.accessor<float, 5>();
  for (int c = 0; c < 3; ++c)
    for (int t = 0; t < 2; ++t)
      for (int h = 0; h < 16; ++h)
        for (int w = 0; w < 16; ++w)
          a[0][c][t][h][w] = static_cast<float>((t * 256 + h * 16 + w) * (c + 1)) / 512.0f;
  const auto target = maeTargets(x, e);
  ASSERT_EQ(target.sizes(), (std::vector<int64_t>{1, 1, 1536}));
  const double mean_std[3][2] = {{0.485, 0.229}, {0.456, 0.224}, {0.406, 0.225}};
  for (int c = 0; c < 3; ++c) {
    std::vector<double> v;
    for (int i = 0; i < 512; ++i)
      v.push_back(static_cast<double>(i * (c + 1)) / 512.0 * mean_std[c][1] + mean_std[c][0]);
    const double mean = std::accumulate(v.begin(), v.end(), 0.0) / 512;
    double var = 0;
    for (double y : v)
      var += (y - mean) * (y - mean);
    var /= 511;
    for (int i : {0, 1, 300, 511})
      EXPECT_NEAR(target[0][0][i * 3 + c].item<double>(), (v[i] - mean) / std::sqrt(var + 1e-6),
                  1e-4);
  }
  // A prediction of zeros costs the mean square of the targets on the masked token.
  const auto mask = torch::ones({1, 1}, torch::kBool);
  EXPECT_NEAR(maeLoss(torch::zeros_like(target), target, mask).item<double>(),
              target.pow(2).mean().item<double>(), 1e-6);
}

TEST(Pretrain, ReconstructionLossFallsOnRealFacesAndTheEncoderFeedsFineTuning) {
  const auto faces = test::learnableSet(6, 21);
  auto c = quickPretrain(freshDir("pre_learn"));
  c.epochs = 30;  // 240 steps
  c.lr = 2e-3;
  c.augment = false;
  std::vector<double> losses;
  const auto r = trainer::pretrain(
      c, faces, {nullptr, [&](const trainer::PretrainEpoch& e) { losses.push_back(e.loss); }});
  ASSERT_EQ(losses.size(), 30u);
  std::printf("reconstruction loss per epoch: %.3f ... %.3f\n", losses.front(), losses.back());
  // Predicting nothing (zeros) costs (n-1)/n ≈ 0.998 of the normalised targets: going clearly
  // below it means the network reconstructs structure it cannot see.
  EXPECT_LT(losses.back(), 0.98);
  EXPECT_LT(losses.back(), losses.front() * 0.95);
  ASSERT_TRUE(fs::exists(r.model_path));
  // The file loads back as a pre-training network...
  const LoadedMae back = loadMae(r.model_path, std::nullopt);
  EXPECT_EQ(back.config.decoder_dim, 32);
  // ...and, as a base model, feeds the fine-tuning network the authors' way: encoder weights in,
  // routers, experts, fc_norm and heads new.
  LoadOptions partial;
  partial.allow_partial = true;
  const LoadedNetwork ft = loadNetwork(r.model_path, std::nullopt, partial);
  EXPECT_TRUE(ft.report.pretrain);
  auto has = [](const std::vector<std::string>& v, const std::string& k) {
    return std::find(v.begin(), v.end(), k) != v.end();
  };
  EXPECT_TRUE(has(ft.report.loaded, "patch_embed.proj.weight"));
  EXPECT_TRUE(has(ft.report.loaded, "blocks.1.mlp.fc1.weight"));
  EXPECT_TRUE(has(ft.report.missing, "blocks.1.moe_layer.router.topkroute_linear.weight"));
  EXPECT_TRUE(has(ft.report.missing, "head.video.weight"));
  EXPECT_TRUE(has(ft.report.unused, "mask_token"));
  std::map<std::string, torch::Tensor> tuned_state;
  for (const auto& [k, t] : stateDictOf(*ft.network))
    tuned_state[k] = t;
  for (const auto& [k, t] : stateDictOf(*back.network))
    if (k == "encoder.blocks.0.attn.qkv.weight")
      EXPECT_TRUE(torch::equal(t, tuned_state.at("blocks.0.attn.qkv.weight")));
  // Fine-tuning from it runs.
  auto ftc = trainer::FinetuneConfig{};
  ftc.base_model = r.model_path;
  ftc.epochs = 1;
  ftc.video_batch = 6;
  ftc.image_batch = 12;
  ftc.sampling_rate = 2;
  ftc.out_dir = freshDir("pre_then_ft");
  ftc.resume = false;
  const auto tuned = trainer::finetune(ftc, faces, test::learnableSet(1, 22));
  EXPECT_EQ(tuned.epochs.size(), 1u);
  EXPECT_NE(tuned.load_report.find("pre-training"), std::string::npos) << tuned.load_report;
}

TEST(Pretrain, AStoppedRunResumesToTheSameWeights) {
  const auto faces = test::learnableSet(3, 23);
  const auto c = quickPretrain(freshDir("pre_whole"));
  const auto whole = trainer::pretrain(c, faces);
  auto d = c;
  d.out_dir = freshDir("pre_stopped");
  int steps = 0;
  const auto stopped =
      trainer::pretrain(d, faces,
                        {[&](const trainer::PretrainProgress&) { ++steps; }, nullptr,
                         [&] { return steps >= 4; }});  // 3 steps per epoch: inside the second
  ASSERT_TRUE(stopped.cancelled);
  d.resume = true;
  const auto resumed = trainer::pretrain(d, faces);
  EXPECT_EQ(resumed.resumed_after_epoch, 0);
  const auto a = stateDictOf(*loadMae(whole.model_path, std::nullopt).network),
             b = stateDictOf(*loadMae(resumed.model_path, std::nullopt).network);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i)
    EXPECT_TRUE(torch::equal(a[i].second, b[i].second)) << a[i].first;
}

// The settings files and the run's state.json go through one field list each way: written and
// read back the same, a typo named, a damaged state a clear error (not a crash) when resuming.
TEST(Pretrain, ConfigsAndTheRunStateRoundTripAndNameWhatIsWrong) {
  trainer::PretrainConfig p;
  p.decoder_dim = 96;
  p.seed = 42;
  p.rendezvous = "tcp://x:1";
  const auto p2 = trainer::PretrainConfig::fromJson(p.toJson());
  EXPECT_EQ(p2.toJson().dump(), p.toJson().dump());
  EXPECT_EQ(p2.seed, 42u);
  try {
    trainer::PretrainConfig::fromJson(json::parse(R"({"mask": 0.5})"));
    ADD_FAILURE() << "accepted a typo";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "unknown pre-training setting 'mask'");
  }
  MaeConfig m;
  m.encoder.depth = 4;
  m.encoder.moe_layers = {2, 3};
  m.decoder_depth = 2;
  EXPECT_EQ(MaeConfig::fromJson(m.toJson()).toJson().dump(), m.toJson().dump());
  EXPECT_EQ(MaeConfig::fromJson(m.toJson()).encoder.depth, 4);
  EXPECT_THROW(MaeConfig::fromJson(json::parse(R"({"encoder": {"depht": 4}})")), Error);

  const fs::path dir = freshDir("pre_state");
  fs::create_directories(dir);
  trainer::detail::Saved saved;
  saved.epoch = 2;
  saved.best_epoch = 1;
  saved.best_still_uar = 0.5;
  trainer::EpochReport e;
  e.epoch = 1;
  e.loss = 0.25;
  e.best = true;
  e.val.war = 0.75;
  e.val.recall = {1.0, -1.0};
  e.val_stills.recall = {0.5};
  saved.history = {e, e};
  trainer::detail::writeState(dir, saved);
  const auto back = trainer::detail::readState(dir);
  EXPECT_EQ(back.epoch, 2);
  EXPECT_EQ(back.best_epoch, 1);
  EXPECT_EQ(back.best_still_uar, 0.5);
  ASSERT_EQ(back.history.size(), 2u);
  EXPECT_EQ(back.history[1].loss, 0.25);
  EXPECT_TRUE(back.history[1].best);
  EXPECT_EQ(back.history[1].val.war, 0.75);
  EXPECT_EQ(back.history[1].val.recall, (std::vector<double>{1.0, -1.0}));
  EXPECT_EQ(back.history[1].val_stills.recall, (std::vector<double>{0.5}));
  EXPECT_EQ(trainer::detail::readState(freshDir("pre_state_none")).epoch, -1);
  for (const char* damaged : {R"({"epoch": 2, "history": [{"val": 3}]})", R"({"epoch": "x"})",
                              R"({"epoch": 2, "histry": []})", R"({"epoch": 2, "hist)"}) {
    std::ofstream(dir / "state.json") << damaged;
    try {
      trainer::detail::readState(dir);
      ADD_FAILURE() << "accepted " << damaged;
    } catch (const Error& err) {
      EXPECT_NE(std::string(err.what()).find("is damaged"), std::string::npos) << err.what();
    }
  }
}

TEST(Pretrain, CliPretrainsFromAListAndExplainsBadJobs) {
  const fs::path dir = freshDir("pre_cli");
  writeStillList(dir, 12, 5);
  std::ofstream(dir / "job.json")
      << R"({"data": {"list": "faces.csv"}, "training": {"model": ")" << test::tinyTrainConfig()
      << R"(", "decoder_dim": 32, "decoder_depth": 1, "decoder_heads": 2,)"
      << R"( "epochs": 2, "image_batch": 4, "threads": 2}})";
  const std::string out = test::tempPath("pre_cli_out.txt");
  ASSERT_EQ(std::system((std::string(UNILEARN_CLI) + " pretrain " + (dir / "job.json").string() +
                         " >" + out + " 2>&1")
                            .c_str()),
            0);
  std::ifstream in(out);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("0 clips, 12 stills"), std::string::npos) << text;
  EXPECT_NE(text.find("reconstruction loss"), std::string::npos) << text;
  EXPECT_TRUE(fs::exists(dir / "pretrained-pretraining" / "pretrained.safetensors")) << text;
  std::ofstream(dir / "bad.json")
      << R"({"data": {"list": "faces.csv"}, "training": {"mask": 0.5}})";
  EXPECT_NE(std::system((std::string(UNILEARN_CLI) + " pretrain " + (dir / "bad.json").string() +
                         " >/dev/null 2>&1")
                            .c_str()),
            0);
}

// Stage 1 of the shipped model's recipe: a list's stills plus the face tracks of real videos
// (a project's analysed videos, "videos" in the job); bad "videos" entries are named.
TEST(Pretrain, AVideosProjectAddsRealFaceTracksToAListsStills) {
  const fs::path dir = freshDir("pre_videos");
  writeStillList(dir, 6, 9);
  const std::string project_path = (dir / "videos.ulproj").string();
  {
    auto project = core::Project::open(project_path);
    core::analyzeVideo(*project, test::astroClip(40), nullptr, UNILEARN_RESOURCE_SOURCE_DIR, {});
  }
  auto job = [&](const std::string& videos) {
    std::ofstream(dir / "job.json")
        << R"({"data": {"list": "faces.csv", "synthetic_clips": 2, "clip_frames": 8},)" << videos
        << R"("training": {"model": ")" << test::tinyTrainConfig() << R"("}})";
    return trainer::PretrainJob::fromFile((dir / "job.json").string());
  };
  const trainer::Dataset stills = trainer::loadPretrainData(job(""));
  EXPECT_EQ(stills.clips.size(), 2u);  // synthesised
  EXPECT_EQ(stills.images.size(), 6u);
  const trainer::Dataset both =
      trainer::loadPretrainData(job(R"("videos": {"project": "videos.ulproj"},)"));
  ASSERT_GE(both.clips.size(), 3u);  // the astronaut's face track joins the two
  size_t tracked = 0;
  for (size_t i = 2; i < both.clips.size(); ++i)
    tracked += both.clips[i].frames.size();
  EXPECT_GE(tracked, 30u);                                           // most of its 40 frames
  EXPECT_EQ(both.images.size(), 6u + 4u * (both.clips.size() - 2));  // four stills a clip
  EXPECT_EQ(both.clips[2].frames[0].cols, 64);
  try {
    job(R"("videos": {"list": "faces.csv"},)");
    ADD_FAILURE() << "accepted a list as videos";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("project of analysed videos"), std::string::npos);
  }
  try {  // a project as data already gives its videos' faces
    std::ofstream(dir / "project-job.json")
        << R"({"data": {"project": "videos.ulproj"}, "videos": {"project": "videos.ulproj"},)"
        << R"("training": {"model": ")" << test::tinyTrainConfig() << R"("}})";
    trainer::PretrainJob::fromFile((dir / "project-job.json").string());
    ADD_FAILURE() << "accepted videos beside a project";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("to a list's stills"), std::string::npos);
  }
  core::Project::open((dir / "empty.ulproj").string());
  try {
    trainer::loadPretrainData(job(R"("videos": {"project": "empty.ulproj"},)"));
    ADD_FAILURE() << "accepted a project without analysed videos";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no analysed face tracks"), std::string::npos);
  }
}

TEST(Pretrain, TwoProcessesTrainAsOneThroughGloo) {
  // Two CPU processes on this machine meet through a rendezvous file, share each batch and
  // average their gradients: both end with the same weights, and only rank 0 writes files.
  const fs::path dir = freshDir("pre_ddp");
  writeStillList(dir, 16, 6);
  std::ofstream(dir / "job.json")
      << R"({"data": {"list": "faces.csv"}, "training": {"model": ")" << test::tinyTrainConfig()
      << R"(", "decoder_dim": 32, "decoder_depth": 1, "decoder_heads": 2,)"
      << R"( "epochs": 2, "image_batch": 4, "threads": 1}})";
  const std::string store = (dir / "rendezvous").string();
  std::string outputs[2];
  std::vector<FILE*> pipes;
  for (int rank = 0; rank < 2; ++rank) {
    const std::string cmd = std::string(UNILEARN_CLI) + " pretrain " + (dir / "job.json").string() +
                            " --rank " + std::to_string(rank) + " --world-size 2 --rendezvous " +
                            store + " 2>&1";
    pipes.push_back(popen(cmd.c_str(), "r"));
  }
  for (int rank = 0; rank < 2; ++rank) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipes[rank])) > 0)
      outputs[rank].append(buf, n);
    EXPECT_EQ(pclose(pipes[rank]), 0) << outputs[rank];
  }
  auto checksum = [](const std::string& out) {
    const auto at = out.find("weights checksum ");
    return at == std::string::npos ? std::string() : out.substr(at, out.find('\n', at) - at);
  };
  ASSERT_FALSE(checksum(outputs[0]).empty()) << outputs[0];
  EXPECT_EQ(checksum(outputs[0]), checksum(outputs[1])) << outputs[0] << outputs[1];
  EXPECT_NE(outputs[0].find("process 0 of 2"), std::string::npos);
  EXPECT_NE(outputs[1].find("process 1 of 2"), std::string::npos);
  EXPECT_NE(outputs[0].find("wrote "), std::string::npos);
  EXPECT_EQ(outputs[1].find("wrote "), std::string::npos);
}

TEST(Pretrain, TheReconstructionPictureShowsWhatWasHiddenAndWhatTheNetworkMadeOfIt) {
  const auto faces = test::learnableSet(2, 31);
  auto c = quickPretrain(freshDir("pre_picture"));
  c.epochs = 1;
  const auto r = trainer::pretrain(c, faces);
  auto model = core::MaeModel::load(r.model_path);
  EXPECT_EQ(model->encoder().img_size, 64);
  std::vector<cv::Mat> clip(faces.clips[0].frames.begin(), faces.clips[0].frames.begin() + 8);
  const core::Reconstruction pic = model->reconstruct(clip, 7);
  ASSERT_EQ(pic.original.size(), 4u);  // one picture per temporal slice
  EXPECT_DOUBLE_EQ(pic.mask_ratio, 0.95);
  EXPECT_GT(pic.loss, 0);
  int hidden = 0, shown = 0;
  for (size_t k = 0; k < 4; ++k) {
    EXPECT_LE(cv::norm(pic.original[k], clip[k * 2], cv::NORM_INF), 1);  // the input, back
    for (int row = 0; row < 4; ++row)
      for (int col = 0; col < 4; ++col) {
        const cv::Rect patch(col * 16, row * 16, 16, 16);
        const cv::Scalar grey = cv::mean(pic.masked[k](patch));
        const bool is_hidden =
            cv::norm(pic.masked[k](patch), pic.original[k](patch), cv::NORM_INF) > 0 &&
            std::abs(grey[0] - 128) < 1 && std::abs(grey[1] - 128) < 1;
        if (is_hidden) {
          ++hidden;
          EXPECT_GT(cv::norm(pic.reconstructed[k](patch), pic.masked[k](patch), cv::NORM_INF), 0);
        } else {
          ++shown;  // visible patches are shown as they are
          EXPECT_EQ(cv::norm(pic.reconstructed[k](patch), pic.original[k](patch), cv::NORM_INF), 0);
        }
      }
  }
  EXPECT_EQ(hidden + shown, 64);
  EXPECT_EQ(shown, 3);  // 64 tokens, 95 % hidden: 61 hidden, 3 shown
  const core::Reconstruction still = model->reconstruct({clip[0]}, 7);
  EXPECT_EQ(still.original.size(), 1u);
  EXPECT_DOUBLE_EQ(still.mask_ratio, 0.9);
}
