// Cohen's kappa against hand-computed examples, and agreement between raters in a project.
#include <sstream>
#include <tuple>

#include <gtest/gtest.h>

#include "core/analysis/agreement.h"
#include "core/analysis/class_names.h"
#include "core/analysis/statistics.h"
#include "core/storage/project.h"
#include "model/base/error.h"
#include "tests/test_util.h"

using namespace unilearn;

TEST(Agreement, TextbookTwoByTwoExample) {
  // 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: po = 0.7, pe = 0.5, kappa = 0.4.
  std::vector<int> a, b;
  auto add = [&](int x, int y, int n) {
    for (int i = 0; i < n; ++i) {
      a.push_back(x);
      b.push_back(y);
    }
  };
  add(0, 0, 20);
  add(0, 1, 5);
  add(1, 0, 10);
  add(1, 1, 15);
  add(-1, 0, 7);  // not rated by a: left out
  auto r = core::cohensKappa(a, b, {"yes", "no"});
  EXPECT_EQ(r.items, 50);
  EXPECT_NEAR(r.observed, 0.7, 1e-12);
  EXPECT_NEAR(r.kappa, 0.4, 1e-12);
  EXPECT_EQ(r.confusion[1][0], 10);
  EXPECT_NEAR(r.per_class[0], 40.0 / 55.0, 1e-12);  // 2*20 / (25 + 30)
}

TEST(Agreement, WeightedKappaForOrdinalLabels) {
  // Worked by hand: kappa 0.5, quadratic weighted kappa 0.8.
  auto r = core::cohensKappa({0, 1, 2}, {0, 2, 2}, {"low", "mid", "high"});
  EXPECT_NEAR(r.kappa, 0.5, 1e-12);
  EXPECT_NEAR(r.weighted_kappa, 0.8, 1e-12);
  EXPECT_NEAR(r.per_class[2], 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(core::cohensKappa({1, 1}, {1, 1}, {"a", "b"}).kappa, 1.0, 1e-12);
}

TEST(Agreement, BetweenAnnotatorsAndWithTheModelInAProject) {
  const std::string path = test::freshProjectPath("agree.ulproj");
  auto p = core::Project::open(path);
  const int64_t media = p->addMedia({0, "v.mp4", "h"});
  const int64_t track = p->track(media, 1);
  auto annotate = [&](const std::string& who, int64_t f0, int64_t f1, const std::string& label) {
    core::Annotation a;
    a.media_id = media;
    a.track_id = track;
    a.scheme = "DFEW-7";
    a.start_frame = f0;
    a.end_frame = f1;
    a.label = label;
    a.annotator = who;
    p->addAnnotation(a);
  };
  annotate("ann", 0, 49, "Happy");
  annotate("ann", 50, 99, "Sad");
  annotate("bob", 0, 59, "Happy");  // disagrees on frames 50..59
  annotate("bob", 60, 119, "Sad");  // 100..119 only bob: left out
  auto r = core::agreeInProject(*p, "ann", "bob");
  EXPECT_EQ(r.items, 100);
  EXPECT_NEAR(r.observed, 0.9, 1e-12);
  // pe = 0.5*0.6 + 0.5*0.4 = 0.5 -> kappa = 0.8
  EXPECT_NEAR(r.kappa, 0.8, 1e-12);

  const int64_t model =
      p->addModel({0, "m", R"({"video_classes":2,"video_class_names":["happy","SAD"]})", "x", ""});
  const int64_t analysis = p->startAnalysis(media, model, "clip", "{}");
  core::WindowPrediction w;
  w.analysis_id = analysis;
  w.track_id = track;
  w.start_frame = 0;
  w.end_frame = 99;
  w.probs = {0.9f, 0.1f};
  w.top_class = 0;  // "happy" all along
  p->addWindow(w);
  auto m = core::agreeInProject(*p, "ann", "model");
  EXPECT_EQ(m.items, 100);
  EXPECT_NEAR(m.observed, 0.5, 1e-12);
  EXPECT_NEAR(m.kappa, 0.0, 1e-12);
  EXPECT_THROW(core::agreeInProject(*p, "ann", "nobody"), Error);
}

// The model's class names (neutral, happy, sad, angry, fearful, disgusted, surprised) against
// DFEW-7's (Fear, Disgust, Surprise, ...): matched by the one class-name rule, so fear frames
// count; a class the scheme lacks is reported with the frames left out.
TEST(Agreement, TheModelsFearfulIsTheSchemesFearAndUnmatchedClassesAreReported) {
  auto p = core::Project::open(test::freshProjectPath("agree_names.ulproj"));
  const int64_t media = p->addMedia({0, "v.mp4", "h"});
  const int64_t track = p->track(media, 1);
  for (auto [f0, f1, label] : {std::tuple<int64_t, int64_t, const char*>{0, 29, "Fear"},
                               {30, 59, "Disgust"},
                               {60, 89, "Surprise"},
                               {90, 119, "Happy"}})
    p->addAnnotation({0, media, track, "DFEW-7", f0, f1, label, "ann", ""});
  const int64_t model = p->addModel(
      {0, "m",
       R"({"video_classes":8,"video_class_names":["neutral","happy","sad","angry","fearful",)"
       R"("disgusted","surprised","contempt"]})",
       "x", ""});
  const int64_t analysis = p->startAnalysis(media, model, "clip", "{}");
  for (auto [f0, cls] : {std::pair<int64_t, int>{0, 4}, {30, 5}, {60, 6}, {90, 7}}) {
    core::WindowPrediction w;
    w.analysis_id = analysis;
    w.track_id = track;
    w.start_frame = f0;
    w.end_frame = f0 + 29;
    w.probs.assign(8, 0.1f);
    w.top_class = cls;
    p->addWindow(w);
  }
  const auto r = core::agreeInProject(*p, "ann", "model");
  EXPECT_EQ(r.items, 90);  // fear, disgust and surprise frames: all agree
  EXPECT_NEAR(r.observed, 1.0, 1e-12);
  EXPECT_EQ(r.unmatched, std::vector<std::string>{"contempt"});
  EXPECT_EQ(r.unmatched_frames, 30);
  EXPECT_EQ(core::mapClassNames({"fearful", "happy", "joy"}, p->schemeLabels("DFEW-7")).to,
            (std::vector<int>{6, 0, -1}));
  EXPECT_FALSE(r.ordinal);  // emotions are categories: no weighted kappa is reported
  p->addScheme("Intensity", {"none", "slight", "strong"}, {}, /*ordinal=*/true);
  p->addAnnotation({0, media, track, "Intensity", 0, 9, "slight", "ann", ""});
  p->addAnnotation({0, media, track, "Intensity", 0, 9, "strong", "bob", ""});
  EXPECT_TRUE(core::agreeInProject(*p, "ann", "bob", "Intensity").ordinal);
}

// Session statistics checked by hand: 25 fps, 100 frames; the model says happy on frames 0-49
// and sad on 50-99 for face 1; an annotator marks Happy 10-19 and 30-39 (two bouts) and Sad
// 60-79; over the interval 0-99 and over 20-99.
TEST(Statistics, TimeSharesBoutsAndLatenciesPerPersonAndRater) {
  auto p = core::Project::open(test::freshProjectPath("stats.ulproj"));
  const int64_t media = p->addMedia({0, "v.mp4", "h", 640, 480, 25, 1, 1, 12800, 4000, 100});
  const int64_t track = p->track(media, 1);
  const int64_t model =
      p->addModel({0, "m", R"({"video_classes":2,"video_class_names":["happy","sad"]})", "x", ""});
  const int64_t a = p->startAnalysis(media, model, "clip", "{}");
  for (auto [f0, f1, cls] : {std::tuple<int64_t, int64_t, int>{0, 49, 0}, {50, 99, 1}}) {
    core::WindowPrediction w;
    w.analysis_id = a;
    w.track_id = track;
    w.start_frame = f0;
    w.end_frame = f1;
    w.probs = {0.5f, 0.5f};
    w.top_class = cls;
    p->addWindow(w);
  }
  p->finishAnalysis(a, "done");
  for (auto [f0, f1, label] : {std::tuple<int64_t, int64_t, const char*>{10, 19, "Happy"},
                               {30, 39, "Happy"},
                               {60, 79, "Sad"}})
    p->addAnnotation({0, media, track, "DFEW-7", f0, f1, label, "ann", ""});
  auto s = core::sessionStatistics(*p, media);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].rater, "model");  // the model first, then the annotators
  EXPECT_EQ(s[0].label, "happy");
  EXPECT_EQ(s[0].frames, 50);
  EXPECT_NEAR(s[0].seconds, 2.0, 1e-9);
  EXPECT_NEAR(s[0].share, 0.5, 1e-9);
  EXPECT_EQ(s[0].bouts, 1);
  EXPECT_NEAR(*s[0].latency_seconds, 0.0, 1e-9);
  EXPECT_NEAR(*s[1].latency_seconds, 2.0, 1e-9);  // model sad from frame 50
  EXPECT_EQ(s[2].rater, "ann");
  EXPECT_EQ(s[2].label, "Happy");
  EXPECT_EQ(s[2].frames, 20);
  EXPECT_EQ(s[2].bouts, 2);
  EXPECT_NEAR(s[2].mean_bout_seconds, 0.4, 1e-9);
  EXPECT_NEAR(s[2].share, 0.5, 1e-9);  // of the 40 frames the annotator labelled
  EXPECT_NEAR(*s[2].latency_seconds, 0.4, 1e-9);
  EXPECT_EQ(s[3].label, "Sad");
  EXPECT_NEAR(*s[3].latency_seconds, 2.4, 1e-9);
  core::StatisticsOptions late;
  late.from = 20;
  auto t = core::sessionStatistics(*p, media, late);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].frames, 30);                     // model happy on 20-49
  EXPECT_EQ(t[2].bouts, 1);                       // only 30-39 is left
  EXPECT_NEAR(*t[2].latency_seconds, 0.4, 1e-9);  // 10 frames after 20
  std::ostringstream csv;
  core::writeStatisticsCsv(s, csv);
  EXPECT_NE(csv.str().find("face 1,ann,Happy,20,0.800,0.5000,2,0.400,0.400\n"), std::string::npos)
      << csv.str();
  late.to = 10;
  EXPECT_THROW(core::sessionStatistics(*p, media, late), Error);

  // Per epoch (a whole-video "Epochs" scheme: baseline 0-39, task 40-99): each epoch its own
  // stretch, latency from its start; the CSV leads with the epoch.
  p->addScheme("Epochs", {"baseline", "task"});
  p->addAnnotation({0, media, std::nullopt, "Epochs", 40, 99, "task", "ann", ""});
  p->addAnnotation({0, media, std::nullopt, "Epochs", 0, 39, "baseline", "ann", ""});
  core::StatisticsOptions per_epoch;
  per_epoch.epochs_scheme = "Epochs";
  const auto e = core::sessionStatistics(*p, media, per_epoch);
  ASSERT_EQ(e.size(), 5u);  // baseline: model happy, ann Happy; task: model happy, sad; ann Sad
  EXPECT_EQ(e[0].epoch, "baseline");
  EXPECT_EQ(e[0].epoch_end, 39);
  EXPECT_EQ(e[0].frames, 40);  // model happy on 0-39
  EXPECT_EQ(e[1].label, "Happy");
  EXPECT_EQ(e[1].bouts, 2);
  EXPECT_EQ(e[2].epoch, "task");
  EXPECT_EQ(e[2].epoch_start, 40);
  EXPECT_EQ(e[2].frames, 10);  // model happy on 40-49
  EXPECT_EQ(e[3].label, "sad");
  EXPECT_NEAR(*e[3].latency_seconds, 0.4, 1e-9);  // frame 50, 10 frames into the task
  EXPECT_EQ(e[4].label, "Sad");
  EXPECT_NEAR(e[4].share, 1.0, 1e-9);
  std::ostringstream epoch_csv;
  core::writeStatisticsCsv(e, epoch_csv);
  EXPECT_EQ(epoch_csv.str().rfind("epoch,epoch_start_frame,epoch_end_frame,person,rater,", 0), 0u);
  EXPECT_NE(epoch_csv.str().find("\ntask,40,99,face 1,model,sad,50,"), std::string::npos)
      << epoch_csv.str();
  per_epoch.epochs_scheme = "Phases";
  EXPECT_THROW(core::sessionStatistics(*p, media, per_epoch), Error);
}
