// Issue 7: the trainer learns a learnable set, resumes to the same weights, freezes what it
// should, evaluates as the official protocol, and reads its data from lists and projects.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <numeric>

#include <gtest/gtest.h>

#include "core/analysis/analyzer.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "model/network_file.h"
#include "tests/core/analysis_fixtures.h"
#include "tests/trainer/trainer_fixtures.h"
#include "trainer/augment.h"
#include "trainer/finetune.h"
#include "trainer/metrics.h"

using namespace unilearn;
namespace fs = std::filesystem;

namespace {

trainer::FinetuneConfig quickConfig(const std::string& out) {
  trainer::FinetuneConfig c;
  c.base_model = test::tinyTrainConfig();
  c.epochs = 6;
  c.video_batch = 6;
  c.image_batch = 12;
  c.lr = 2e-3;
  c.warmup_epochs = 1;
  c.mixup = c.cutmix = 0;  // a tiny set learns faster unmixed; mixing is tested separately
  c.augment.enabled = false;
  c.sampling_rate = 2;
  c.threads = 2;
  c.out_dir = out;
  c.resume = false;
  return c;
}

std::string freshDir(const std::string& name) {
  const std::string dir = test::tempPath(name);
  fs::remove_all(dir);
  return dir;
}

// A base model file of the tiny config with `classes`, so that its heads load too.
std::string baseModelFile(const std::vector<std::string>& classes, uint64_t seed,
                          const std::string& name) {
  ModelConfig config = ModelConfig::fromFile(test::tinyTrainConfig());
  config.video_class_names = config.image_class_names = classes;
  torch::manual_seed(seed);
  VitMoE base(config);
  const std::string path = test::tempPath(name);
  saveNetwork(path, base);
  return path;
}

std::map<std::string, torch::Tensor> weightsOf(const std::string& model) {
  const StateDict state = stateDictOf(*loadNetwork(model, std::nullopt).network);
  return {state.begin(), state.end()};
}

}  // namespace

TEST(Metrics, EqualHandComputedValues) {
  // Class 0: 1 of 2 right; class 1: 2 of 2; class 2: 2 of 3. Class 3 never occurs.
  const auto m = trainer::computeMetrics({0, 0, 1, 1, 2, 2, 2}, {0, 1, 1, 1, 2, 0, 2}, 4);
  EXPECT_DOUBLE_EQ(m.war, 5.0 / 7.0);
  EXPECT_DOUBLE_EQ(m.recall[0], 0.5);
  EXPECT_DOUBLE_EQ(m.recall[1], 1.0);
  EXPECT_DOUBLE_EQ(m.recall[2], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(m.recall[3], -1.0);
  EXPECT_DOUBLE_EQ(m.uar, (0.5 + 1.0 + 2.0 / 3.0) / 3.0);
  EXPECT_EQ(m.confusion[2][0], 1);
  EXPECT_EQ(m.confusion[0][1], 1);
  EXPECT_EQ(m.samples, 7);
  EXPECT_THROW(trainer::computeMetrics({0, 5}, {0, 0}, 4), Error);
  EXPECT_NE(m.summary({"a", "b", "c", "d"}).find("UAR 72.2 %"), std::string::npos) << m.summary({});
}

TEST(Augment, IsSeededAndTreatsEveryFrameOfAClipAlike) {
  std::mt19937_64 make(3);
  const auto clip = test::learnableClip(1, 8, 64, make);
  std::vector<cv::Mat> same(8, clip[0]);
  trainer::AugmentOptions o;
  o.erase_probability = 1.0;
  for (uint64_t seed = 0; seed < 20; ++seed) {
    std::mt19937_64 a(seed), b(seed);
    const auto x = trainer::augmentClip(same, 64, a, o), y = trainer::augmentClip(same, 64, b, o);
    for (size_t f = 0; f < 8; ++f) {
      EXPECT_EQ(cv::norm(x[f], y[f], cv::NORM_INF), 0);  // same seed, same result
      EXPECT_EQ(cv::norm(x[f], x[0], cv::NORM_INF), 0);  // same ops, crop, flip, box per frame
    }
    EXPECT_EQ(x[0].size(), cv::Size(64, 64));
    const cv::Mat img = trainer::augmentImage(clip[0], 64, a, o);
    EXPECT_EQ(img.size(), cv::Size(64, 64));
  }
}

TEST(Finetune, LearnsALearnableSetAndEvaluatesAsTheOfficialProtocol) {
  const auto train = test::learnableSet(12, 1), val = test::learnableSet(6, 2);
  const std::string dir = freshDir("ft_learn");
  auto c = quickConfig(dir);
  c.epochs = 10;
  std::vector<double> losses;
  const auto r =
      trainer::finetune(c, train, val, {nullptr, [&](const trainer::EpochReport& e) {
                                          losses.push_back(e.loss);
                                          std::printf("epoch %d: loss %.3f, %s\n", e.epoch, e.loss,
                                                      e.val.summary({}).c_str());
                                        }});
  ASSERT_EQ(r.epochs.size(), 10u);
  EXPECT_LT(losses.back(), losses.front() * 0.7);               // the loss decreases
  EXPECT_GE(r.best.war, 0.9) << r.best.summary(train.classes);  // chance: 1/3
  ASSERT_TRUE(fs::exists(r.model_path));
  // The model file evaluates to the best epoch's validation numbers, and its metrics are those
  // of its own predictions.
  const auto e = trainer::evaluateModel(r.model_path, val, c.sampling_rate, "cpu");
  EXPECT_DOUBLE_EQ(e.clips.war, r.best.war);
  std::vector<int> truth;
  for (const auto& clip : val.clips)
    truth.push_back(clip.label);
  EXPECT_DOUBLE_EQ(trainer::computeMetrics(truth, e.clip_predictions, 3).uar, e.clips.uar);
  EXPECT_GE(e.images.war, 0.8) << e.images.summary(val.classes);  // the still head learnt too
  const auto loaded = loadNetwork(r.model_path, std::nullopt);
  EXPECT_EQ(loaded.config.video_class_names, train.classes);
  bool has_metrics = false;
  for (const auto& [k, v] : loaded.metadata)
    has_metrics |= k == "val_metrics" && v.find("\"war\"") != std::string::npos;
  EXPECT_TRUE(has_metrics);
}

TEST(Finetune, AResumedRunEndsAtTheSameWeightsAsAnUninterruptedOne) {
  const auto train = test::learnableSet(4, 3), val = test::learnableSet(2, 4);
  auto c = quickConfig(freshDir("ft_whole"));
  c.epochs = 3;
  c.mixup = 0.8;  // the random parts too: mixing, augmentation, router noise
  c.cutmix = 1.0;
  c.augment.enabled = true;
  const auto whole = trainer::finetune(c, train, val);
  ASSERT_FALSE(whole.cancelled);
  auto again_config = c;  // a fixed seed reproduces a run exactly
  again_config.out_dir = freshDir("ft_whole_again");
  const auto again = trainer::finetune(again_config, train, val);
  for (size_t i = 0; i < 3; ++i)
    ASSERT_DOUBLE_EQ(again.epochs[i].loss, whole.epochs[i].loss) << "epoch " << i;

  auto d = c;
  d.out_dir = freshDir("ft_killed");
  int steps = 0;
  const auto stopped =
      trainer::finetune(d, train, val,
                        {[&](const trainer::TrainProgress&) { ++steps; }, nullptr,
                         [&] {
                           return steps >= 3 + 1;  // 3 steps per epoch: stop inside the second
                         }});
  ASSERT_TRUE(stopped.cancelled);
  ASSERT_EQ(stopped.epochs.size(), 1u);
  d.resume = true;
  const auto resumed = trainer::finetune(d, train, val);
  EXPECT_EQ(resumed.resumed_after_epoch, 0);
  ASSERT_EQ(resumed.epochs.size(), 3u);
  EXPECT_EQ(resumed.best_epoch, whole.best_epoch);
  const auto a = weightsOf(whole.model_path), b = weightsOf(resumed.model_path);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [key, tensor] : a)
    EXPECT_TRUE(torch::equal(tensor, b.at(key))) << key;
  for (size_t i = 0; i < 3; ++i)
    EXPECT_DOUBLE_EQ(resumed.epochs[i].loss, whole.epochs[i].loss);
}

TEST(Finetune, PartialTrainingLeavesTheFrozenWeightsBitIdentical) {
  const auto train = test::learnableSet(3, 5);
  trainer::Dataset val;  // none: the result is the last epoch's weights
  val.classes = train.classes;
  const std::string base_path = baseModelFile(train.classes, 7, "ft_base.safetensors");
  const auto before = weightsOf(base_path);
  for (const std::string what : {"experts", "heads"}) {
    auto c = quickConfig(freshDir("ft_partial_" + what));
    c.base_model = base_path;
    c.train = what;
    c.epochs = 2;
    const auto r = trainer::finetune(c, train, val);
    const auto after = weightsOf(r.model_path);
    int changed = 0, frozen = 0;
    for (const auto& [key, tensor] : before) {
      const bool trained = key.rfind("head.", 0) == 0 ||
                           (what == "experts" && key.find("moe_layer.") != std::string::npos);
      if (trained) {
        changed += !torch::equal(tensor, after.at(key));
      } else {
        EXPECT_TRUE(torch::equal(tensor, after.at(key))) << what << ": " << key;
        ++frozen;
      }
    }
    EXPECT_GE(changed, what == "heads" ? 2 : 6) << what;  // heads: the video head's two
    EXPECT_GT(frozen, 10);
  }
}

// The image-only arm of the paper's ablation: stills alone train the network and head.image;
// head.video takes no step and keeps its weights bit for bit.
TEST(Finetune, StillsAloneTrainTheImageHeadAndLeaveTheClipHead) {
  auto train = test::learnableSet(12, 11), val = test::learnableSet(6, 12);
  train.clips.clear();
  val.clips.clear();
  // Warnings count the stills then, not the clips there are none of.
  EXPECT_TRUE(train.warnings(5).empty()) << train.warnings(5)[0];
  ASSERT_FALSE(train.warnings(1000).empty());
  EXPECT_NE(train.warnings(1000)[0].find(" stills: "), std::string::npos)
      << train.warnings(1000)[0];
  const std::string base_path = baseModelFile(train.classes, 8, "ft_stills_base.safetensors");
  auto c = quickConfig(freshDir("ft_stills_only"));
  c.base_model = base_path;
  c.epochs = 8;
  c.image_ratio = 1;
  c.select_by = "stills";
  const auto r = trainer::finetune(c, train, val);
  ASSERT_EQ(r.epochs.size(), 8u);
  EXPECT_GE(r.epochs.back().val_stills.war, 0.8) << r.epochs.back().val_stills.summary({});
  const auto before = weightsOf(base_path), after = weightsOf(r.model_path);
  int video_head = 0, changed = 0;
  for (const auto& [key, tensor] : before) {
    const bool same = torch::equal(tensor, after.at(key));
    if (key.rfind("head.video.", 0) == 0) {
      EXPECT_TRUE(same) << key << " changed without clips";
      ++video_head;
    } else {
      changed += !same;
    }
  }
  EXPECT_EQ(video_head, 2);
  EXPECT_GT(changed, 10);
  // Without clips there is nothing to train when the stills take no steps either.
  c.image_ratio = 0;
  c.out_dir = freshDir("ft_stills_none");
  EXPECT_THROW(trainer::finetune(c, train, val), Error);
}

TEST(Finetune, ListFilesGiveClipsAndStillsAndClearErrors) {
  const fs::path dir = freshDir("ft_list");
  fs::create_directories(dir / "clips" / "a");
  std::mt19937_64 rng(1);
  const auto frames = test::learnableClip(0, 6, 80, rng);
  for (size_t i = 0; i < frames.size(); ++i)
    cv::imwrite((dir / "clips" / "a" / ("f" + std::to_string(i) + ".png")).string(), frames[i]);
  cv::imwrite((dir / "still.png").string(), frames[2]);
  std::ofstream(dir / "list.csv") << "path,label,split\nclips/a,Zoom,train\nstill.png,2,train\n"
                                     "still.png,bright,test\n";
  const auto d =
      trainer::loadList((dir / "list.csv").string(), {"bright", "zoom", "pan"}, 64, "train");
  ASSERT_EQ(d.clips.size(), 1u);
  EXPECT_EQ(d.clips[0].frames.size(), 6u);
  EXPECT_EQ(d.clips[0].frames[0].size(), cv::Size(64, 64));
  EXPECT_EQ(d.clips[0].label, 1);  // case-insensitive name
  ASSERT_EQ(d.images.size(), 1u);
  EXPECT_EQ(d.images[0].label, 2);  // index
  // AffectNet style: "path label" with spaces, classes collected in order.
  std::ofstream(dir / "affectnet.txt") << "still.png 4\nstill.png 1\n";
  const auto a = trainer::loadList((dir / "affectnet.txt").string(), {}, 64);
  EXPECT_EQ(a.classes, (std::vector<std::string>{"4", "1"}));
  std::ofstream(dir / "bad.csv") << "still.png,angry\n";
  try {
    trainer::loadList((dir / "bad.csv").string(), {"bright"}, 64);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.csv:1: 'angry' is not one of the classes"),
              std::string::npos)
        << e.what();
  }
  std::ofstream(dir / "missing.csv") << "nothere.png,bright\n";
  EXPECT_THROW(trainer::loadList((dir / "missing.csv").string(), {"bright"}, 64), Error);
}

TEST(Finetune, AProjectsLabelledSegmentsBecomeClipsAndStills) {
  auto project = core::Project::open(test::freshProjectPath("ft_project.ulproj"));
  const auto s =
      core::analyzeVideo(*project, test::astroClip(90), nullptr, UNILEARN_RESOURCE_SOURCE_DIR, {});
  const auto tracks = project->tracks(s.media_id);
  ASSERT_EQ(tracks.size(), 1u);
  auto label = [&](int64_t a, int64_t b, const std::string& l, std::optional<int64_t> track) {
    core::Annotation x;
    x.media_id = s.media_id;
    x.track_id = track;
    x.scheme = "DFEW-7";
    x.start_frame = a;
    x.end_frame = b;
    x.label = l;
    x.annotator = "ana";
    project->addAnnotation(x);
  };
  label(0, 29, "Happy", tracks[0].id);
  label(30, 89, "Neutral", std::nullopt);  // whole video, one person: counts for them
  std::vector<std::string> skipped;
  trainer::ProjectDataOptions o;
  o.scheme = "DFEW-7";
  o.img_size = 64;
  o.clip_frames = 32;
  const auto d = trainer::projectDataset(*project, o, &skipped);
  EXPECT_TRUE(skipped.empty());
  EXPECT_EQ(d.classes.size(), 7u);
  ASSERT_EQ(d.clips.size(), 3u);  // 30 frames; 60 frames in two pieces
  EXPECT_EQ(d.clips[0].frames.size(), 30u);
  EXPECT_EQ(d.clips[1].frames.size() + d.clips[2].frames.size(), 60u);
  EXPECT_EQ(d.clips[0].label, 0);  // Happy
  EXPECT_EQ(d.clips[1].label, 2);  // Neutral
  EXPECT_EQ(d.images.size(), 3u * 4);
  EXPECT_EQ(d.clipCounts()[0], 1);
  EXPECT_FALSE(d.warnings(5).empty());  // far too few clips per class
  o.annotators = {"someone else"};
  EXPECT_THROW(trainer::projectDataset(*project, o), Error);
  const auto [train_part, val_part] = trainer::splitDataset(d, 0.5, 1);
  EXPECT_EQ(train_part.clips.size() + val_part.clips.size(), 3u);
}

// balance_power 1 draws both classes equally often, 0.5 halfway (class shares ∝ √count), 0 in
// the data's 9:1 mix; out of [0, 1] is refused.
TEST(Finetune, ClassWeightedDrawsFollowTheBalancePower) {
  std::vector<int> labels(900, 0);
  labels.insert(labels.end(), 100, 1);
  for (auto [power, share] : {std::pair{1.0, 0.5}, {0.5, 0.25}, {0.0, 0.1}}) {
    std::mt19937_64 rng(7);
    const auto draws = trainer::classWeightedDraws(labels, 2, 20000, power, rng);
    const double ones =
        std::count_if(draws.begin(), draws.end(), [&](size_t i) { return labels[i] == 1; });
    EXPECT_NEAR(ones / 20000.0, share, 0.015) << "power " << power;
  }
  EXPECT_THROW(trainer::FinetuneConfig::fromJson(json::parse(R"({"balance_power": 2})")), Error);
  EXPECT_EQ(
      trainer::FinetuneConfig::fromJson(json::parse(R"({"balance_power": 0.5})")).balance_power,
      0.5);
}

TEST(Finetune, ConfigRejectsTyposAndTrainRefusesEmptyData) {
  EXPECT_THROW(trainer::FinetuneConfig::fromJson(json::parse(R"({"epoch": 3})")), Error);
  EXPECT_THROW(trainer::FinetuneConfig::fromJson(json::parse(R"({"train": "backbone"})")), Error);
  const auto c = trainer::FinetuneConfig::fromJson(
      json::parse(R"({"epochs": 3, "train": "experts", "lr": 0.001})"));
  EXPECT_EQ(c.epochs, 3);
  EXPECT_EQ(c.train, "experts");
  EXPECT_EQ(trainer::FinetuneConfig::fromJson(c.toJson()).toJson().dump(), c.toJson().dump());
  // The augmentations: true/false while they are the official ones, else an object of the
  // changed operations; a typo inside is named too.
  EXPECT_EQ(c.toJson().find("augment")->dump(), "true");
  const auto changed =
      trainer::FinetuneConfig::fromJson(json::parse(R"({"augment": {"clip_ops": 3}})"));
  EXPECT_EQ(changed.augment.clip_ops, 3);
  EXPECT_TRUE(changed.toJson().find("augment")->isObject());
  EXPECT_EQ(trainer::FinetuneConfig::fromJson(changed.toJson()).augment.clip_ops, 3);
  EXPECT_FALSE(
      trainer::FinetuneConfig::fromJson(json::parse(R"({"augment": false})")).augment.enabled);
  try {
    trainer::FinetuneConfig::fromJson(json::parse(R"({"augment": {"clip_opz": 3}})"));
    ADD_FAILURE() << "accepted a typo";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "unknown augment setting 'clip_opz'");
  }
  EXPECT_THROW(trainer::FinetuneConfig::fromJson(json::parse(R"({"augment": {"clip_ops": 20}})")),
               Error);
  trainer::Dataset empty;
  empty.classes = {"a", "b"};
  EXPECT_THROW(trainer::finetune(quickConfig(freshDir("ft_empty")), empty, empty), Error);
}

namespace {

// Writes a data set as frame folders and still images with a list file; returns the list.
std::string writeList(const trainer::Dataset& d, const fs::path& dir) {
  fs::create_directories(dir);
  std::ofstream list(dir / "list.csv");
  list << "path,label\n";
  for (size_t i = 0; i < d.clips.size(); ++i) {
    const fs::path folder = dir / ("clip" + std::to_string(i));
    fs::create_directories(folder);
    for (size_t f = 0; f < d.clips[i].frames.size(); ++f) {
      char name[32];
      std::snprintf(name, sizeof name, "%03zu.png", f);
      cv::imwrite((folder / name).string(), d.clips[i].frames[f]);
    }
    list << folder.filename().string() << ',' << d.classes[d.clips[i].label] << '\n';
  }
  for (size_t i = 0; i < d.images.size(); ++i) {
    const std::string name = "still" + std::to_string(i) + ".png";
    cv::imwrite((dir / name).string(), d.images[i].face);
    list << name << ',' << d.classes[d.images[i].label] << '\n';
  }
  return (dir / "list.csv").string();
}

std::string writeJob(const fs::path& dir, const std::string& train, const std::string& val,
                     int epochs) {
  fs::create_directories(dir);
  std::ofstream(dir / "job.json")
      << R"({"data": {"list": ")" << train << R"("}, "validation": {"list": ")" << val
      << R"("}, "training": {"base_model": ")" << test::tinyTrainConfig() << R"(", "epochs": )"
      << epochs << R"(, "video_batch": 6, "image_batch": 12, "lr": 0.002,)"
      << R"( "mixup": 0, "cutmix": 0, "sampling_rate": 2, "threads": 2,)"
      << R"( "model_name": "mine"}})";
  return (dir / "job.json").string();
}

int run(const std::string& args) {
  return std::system((std::string(UNILEARN_CLI) + " " + args + " >/dev/null 2>&1").c_str());
}

}  // namespace

TEST(Finetune, CliTrainsEvaluatesAndResumesAfterAKill) {
  const fs::path root = freshDir("ft_cli");
  const std::string train = writeList(test::learnableSet(4, 11), root / "train"),
                    val = writeList(test::learnableSet(2, 12), root / "val");
  const std::string whole = writeJob(root / "whole", train, val, 6),
                    killed = writeJob(root / "killed", train, val, 6);
  ASSERT_EQ(run("train " + whole), 0);
  const fs::path model = root / "whole" / "mine-training" / "mine.safetensors";
  ASSERT_TRUE(fs::exists(model));
  const std::string out = test::tempPath("ft_cli_eval.txt");
  ASSERT_EQ(std::system((std::string(UNILEARN_CLI) + " evaluate " + model.string() + " --data " +
                         val + " --sampling-rate 2 >" + out + " 2>&1")
                            .c_str()),
            0);
  std::ifstream in(out);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("clips (head.video, 2 temporal views): WAR"), std::string::npos) << text;
  EXPECT_NE(text.find("confusion"), std::string::npos) << text;

  // Kill a run as soon as its first epoch is saved; running it again finishes it.
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    execl(UNILEARN_CLI, UNILEARN_CLI, "train", killed.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  const fs::path state = root / "killed" / "mine-training" / "state.json";
  for (int i = 0; i < 6000 && !fs::exists(state); ++i)
    usleep(2000);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the run finished before it could be killed";
  EXPECT_FALSE(fs::exists(root / "killed" / "mine-training" / "epoch-5.model.pt"));
  ASSERT_EQ(run("train " + killed), 0);
  const auto a = weightsOf(model.string()),
             b = weightsOf((root / "killed" / "mine-training" / "mine.safetensors").string());
  for (const auto& [key, tensor] : a)
    EXPECT_TRUE(torch::equal(tensor, b.at(key))) << key;
  // A typo in the job is a clear error.
  std::ofstream(root / "bad.json") << R"({"data": {"lists": "x.csv"}})";
  EXPECT_EQ(run("train " + (root / "bad.json").string()), 1 << 8);
}

TEST(Finetune, StaticModelClassesMapOntoSchemesByName) {
  EXPECT_EQ(trainer::matchClassName("fearful", dfewClassNames()), 6);
  EXPECT_EQ(trainer::matchClassName("surprised", dfewClassNames()), 4);
  EXPECT_EQ(trainer::matchClassName("angry", mafwClassNames()), 0);      // Anger
  EXPECT_EQ(trainer::matchClassName("disgusted", mafwClassNames()), 4);  // not Disappointment
  EXPECT_EQ(trainer::matchClassName("happy", mafwClassNames()), 6);      // Happiness
  EXPECT_EQ(trainer::matchClassName("NEUTRAL", dfewClassNames()), 2);
  EXPECT_EQ(trainer::matchClassName("contempt", dfewClassNames()), -1);
}

TEST(Finetune, PseudoLabelsComeFromTheStaticModelsConfidentStretches) {
  auto project = core::Project::open(test::freshProjectPath("ft_pseudo.ulproj"));
  core::analyzeVideo(*project, test::astroClip(90), nullptr, UNILEARN_RESOURCE_SOURCE_DIR, {});
  trainer::PseudoLabelOptions o;
  o.classes = dfewClassNames();
  o.img_size = 64;
  o.clip_frames = 32;
  const auto d = trainer::pseudoLabelDataset(*project, o);
  ASSERT_FALSE(d.clips.empty());
  size_t frames = 0;
  for (const auto& clip : d.clips) {
    EXPECT_EQ(clip.label, 0);  // the astronaut smiles: Happy
    EXPECT_GE(clip.frames.size(), 16u);
    frames += clip.frames.size();
  }
  EXPECT_GT(frames, 60u);  // most of the 90 frames are confidently happy
  EXPECT_EQ(d.images.size(), d.clips.size() * 4);
  o.min_confidence = 1.01;  // never that sure
  EXPECT_TRUE(trainer::pseudoLabelDataset(*project, o).clips.empty());
}

TEST(Finetune, TheOfficialDfewSplitFilesAreRead) {
  const fs::path root = freshDir("ft_dfew");
  std::mt19937_64 rng(2);
  for (const char* folder : {"00001", "00002"}) {
    fs::create_directories(root / "clips" / folder);
    const auto frames = test::learnableClip(0, 4, 64, rng);
    for (size_t i = 0; i < frames.size(); ++i)
      cv::imwrite((root / "clips" / folder / (std::to_string(i) + ".jpg")).string(), frames[i]);
  }
  std::ofstream(root / "set_1.csv") << "video_name,label\n1,1\n2,5\n";
  const auto d = trainer::loadList((root / "set_1.csv").string(), {}, 64, {},
                                   {"dfew", (root / "clips").string()});
  EXPECT_EQ(d.classes, dfewClassNames());
  ASSERT_EQ(d.clips.size(), 2u);
  EXPECT_EQ(d.clips[0].label, 0);  // 1 → Happy
  EXPECT_EQ(d.clips[1].label, 4);  // 5 → Surprise
  EXPECT_EQ(d.clips[1].frames.size(), 4u);
  EXPECT_THROW(trainer::loadList((root / "set_1.csv").string(), {}, 64, {}, {"mafw", ""}), Error);
}
