// The timeline: decimation keeps peaks and bounds the points; lanes come from a project's
// timeline; the widget zooms, pans, seeks and repaints an hour quickly (offscreen).
#include <gtest/gtest.h>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <random>
#include <set>

#include "core/faces/face_detector.h"
#include "ui/emotion_palette.h"
#include "ui/lane_chart.h"
#include "ui/timeline_view.h"

using namespace unilearn;

namespace {

// An hour at 30 fps of one person: windows every 16 frames, static curve on every frame.
core::Timeline hourTimeline(int people = 1) {
  core::Timeline t;
  t.media.duration_ms = 3600 * 1000;
  t.classes = {"Happy", "Sad", "Neutral", "Angry", "Surprise", "Disgust", "Fear"};
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(0, 1);
  for (int p = 0; p < people; ++p) {
    core::TrackTimeline tt;
    tt.track.id = p + 1;
    tt.track.tracker_id = p + 1;
    for (int64_t s = 0; s + 61 <= 108000; s += 16) {
      core::WindowPrediction w;
      w.start_frame = s;
      w.end_frame = s + 60;
      w.start_ms = s * 1000 / 30;
      w.end_ms = (s + 60) * 1000 / 30;
      float sum = 0;
      for (int c = 0; c < 7; ++c)
        sum += w.probs.emplace_back(u(rng));
      for (auto& x : w.probs)
        x /= sum;
      w.top_class =
          static_cast<int>(std::max_element(w.probs.begin(), w.probs.end()) - w.probs.begin());
      w.confidence = w.probs[static_cast<size_t>(w.top_class)];
      tt.windows.push_back(w);
    }
    for (int64_t f = 0; f < 108000; ++f) {
      std::vector<float> p(7, 0.1f);
      p[1] = f == 54321 ? 0.99f : 0.4f;  // one spike in "happy" (static class 1)
      tt.frames.push_back({0, tt.track.id, f, f * 1000 / 30, p, p, {}});
    }
    t.tracks.push_back(std::move(tt));
  }
  return t;
}

}  // namespace

TEST(TimelineData, DecimationBoundsThePointsAndKeepsPeaks) {
  ui::Series s;
  for (int64_t i = 0; i < 108000; ++i) {
    s.ms.push_back(i * 1000 / 30);
    s.value.push_back(i == 70000 ? 1.0f : (i == 20000 ? -1.0f : 0.5f));
  }
  const auto pts = ui::visiblePoints(s, 0, 3600e3, 800);
  EXPECT_LE(pts.size(), 2u * 800 + 4);
  bool peak = false, dip = false;
  for (const auto& [ms, v] : pts) {
    peak |= v == 1.0f;
    dip |= v == -1.0f;
  }
  EXPECT_TRUE(peak);
  EXPECT_TRUE(dip);
  for (size_t i = 1; i < pts.size(); ++i)
    ASSERT_LE(pts[i - 1].first, pts[i].first);  // time order
  // Zoomed in: every sample in range plus one either side.
  const auto near = ui::visiblePoints(s, 1000, 2000, 800);
  EXPECT_EQ(near.size(), 31u + 2);  // frames 30..60, and 29 and 61
  EXPECT_EQ(near.front().first, 966.0);
  const auto means = ui::visibleMeans(s, 0, 3600e3, 800);
  EXPECT_LE(means.size(), 802u);
  EXPECT_TRUE(ui::visiblePoints({}, 0, 1, 10).empty());
}

TEST(TimelineData, LanesFollowTracksAndStaticCurvesMapByClassName) {
  core::Timeline t = hourTimeline(2);
  t.tracks[1].track.person = "Client";
  const ui::TimelineData d = ui::timelineData(t);
  ASSERT_EQ(d.lanes.size(), 2u);
  EXPECT_EQ(d.lanes[0].person, "face 1");
  EXPECT_EQ(d.lanes[1].person, "Client");
  EXPECT_EQ(d.lanes[0].probs.size(), 7u);
  EXPECT_EQ(d.lanes[0].probs[0].size(), t.tracks[0].windows.size());
  // The static model's "happy" (its class 1) overlays the clip model's "Happy" (class 0).
  ASSERT_EQ(d.lanes[0].static_probs[0].size(), 108000u);
  EXPECT_FLOAT_EQ(d.lanes[0].static_probs[0].value[54321], 0.99f);
  EXPECT_FLOAT_EQ(d.lanes[0].static_probs[2].value[0], 0.1f);  // Neutral <- neutral (class 0)
  // The band: no two neighbours with the same class, no overlaps.
  const auto& top = d.lanes[0].top;
  for (size_t i = 1; i < top.size(); ++i) {
    EXPECT_NE(top[i - 1].label, top[i].label);
    EXPECT_LE(top[i - 1].end_ms, top[i].start_ms);
  }
  EXPECT_EQ(d.duration_ms, 3600 * 1000);
}

TEST(TimelineView, AnHourRepaintsQuicklyZoomsPansAndSeeks) {
  ui::TimelineView view;
  view.resize(1200, 700);
  view.setData(ui::timelineData(hourTimeline(2)));
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  view.rebuildNow();
  std::vector<double> ms;
  for (int i = 0; i < 20; ++i) {
    view.setRange(i * 60e3, i * 60e3 + 1800e3);
    ms.push_back(view.rebuildNow());
  }
  std::sort(ms.begin(), ms.end());
  std::vector<double> paint;
  for (int i = 0; i < 10; ++i) {
    view.setRange(600e3 + i, 600e3 + i + 1800e3);  // new series every time
    view.rebuildNow();
    QElapsedTimer t;
    t.start();
    for (int l = 0; l < view.laneCount(); ++l)
      view.lane(l)->viewport()->repaint();  // synchronous paint, as the event loop would
    paint.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
  }
  std::sort(paint.begin(), paint.end());
  std::vector<double> playhead;  // what playback costs: the playhead moves, the series stay
  for (int i = 0; i < 10; ++i) {
    view.setPlayhead(700000 + i * 33);
    QElapsedTimer t;
    t.start();
    for (int l = 0; l < view.laneCount(); ++l)
      view.lane(l)->viewport()->repaint();
    playhead.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
  }
  std::sort(playhead.begin(), playhead.end());
  std::printf(
      "timeline, 2 people x 1 hour, 30-minute view: rebuild median %.1f ms (max %.1f), "
      "repaint median %.1f ms (max %.1f), repaint after a playhead move median %.1f ms\n",
      ms[ms.size() / 2], ms.back(), paint[paint.size() / 2], paint.back(),
      playhead[playhead.size() / 2]);
  EXPECT_LE(view.pointCount(0, 0), 2 * 1200 + 4);  // bounded by the width, not the hour
  // Zoom in around 10 min: narrower range containing it.
  view.setRange(0, 3600e3);
  view.zoom(0.5, 600e3);
  EXPECT_NEAR(view.rangeEnd() - view.rangeStart(), 1800e3, 1);
  EXPECT_LE(view.rangeStart(), 600e3);
  EXPECT_GE(view.rangeEnd(), 600e3);
  // Keyboard: pan right by a fifth of the view.
  const double before = view.rangeStart();
  QTest::keyClick(&view, Qt::Key_Right);
  EXPECT_NEAR(view.rangeStart() - before, 0.2 * 1800e3, 1);
  QTest::keyClick(&view, Qt::Key_Left);  // and back
  EXPECT_NEAR(view.rangeStart(), before, 1);
  QTest::keyClick(&view, Qt::Key_Plus);  // in by a fifth around the middle
  EXPECT_NEAR(view.rangeEnd() - view.rangeStart(), 0.8 * 1800e3, 1);
  QTest::keyClick(&view, Qt::Key_Minus);
  EXPECT_NEAR(view.rangeEnd() - view.rangeStart(), 1800e3, 1);
  QTest::keyClick(&view, Qt::Key_End);  // the last half hour
  EXPECT_NEAR(view.rangeEnd(), 3600e3, 1);
  EXPECT_NEAR(view.rangeStart(), 1800e3, 1);
  QTest::keyClick(&view, Qt::Key_Home);
  EXPECT_NEAR(view.rangeStart(), 0, 1);
  EXPECT_NEAR(view.rangeEnd(), 1800e3, 1);
  QTest::keyClick(&view, Qt::Key_0);  // the whole hour
  EXPECT_NEAR(view.rangeEnd() - view.rangeStart(), 3600e3, 1);
  QSignalSpy unchanged(&view, &ui::TimelineView::rangeChanged);
  QTest::keyClick(&view, Qt::Key_Q);  // not a timeline key: passed on, the range stays
  EXPECT_EQ(unchanged.count(), 0);
  view.setRange(before, before + 1800e3);
  // A click in a lane asks the player to seek to that time.
  view.setRange(0, 100e3);
  view.rebuildNow();
  QSignalSpy seek(&view, &ui::TimelineView::seekRequested);
  ui::LaneChart* lane = view.lane(0);
  const QRectF plot = lane->plotArea();
  QTest::mouseClick(lane->viewport(), Qt::LeftButton, {},
                    QPoint(static_cast<int>(plot.left() + plot.width() / 4), 60));
  ASSERT_EQ(seek.count(), 1);
  EXPECT_NEAR(seek.at(0).at(0).toLongLong(), 25000, 250);
  // Stacked areas and the static overlay render too.
  view.setPlayhead(40000);
  view.setStaticOverlay(true);
  view.setRange(0, 120e3);
  view.rebuildNow();
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  EXPECT_TRUE(view.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/timeline_lines.png"));
  view.setStacked(true);
  view.setStaticOverlay(false);
  view.rebuildNow();
  EXPECT_TRUE(view.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/timeline_stacked.png"));
  // A renamed person gets a lane titled with the new name.
  core::Timeline renamed = hourTimeline(2);
  renamed.tracks[0].track.person = "Client";
  view.setData(ui::timelineData(renamed));
  EXPECT_EQ(view.lane(0)->chart()->title(), "Client");
}

// Colours belong to label names: a coder's "Sad" (DFEW-7) is the model's "sad", "Fear" is
// "fearful"; the seven expressions are seven distinct colours; other labels keep theirs.
TEST(EmotionPalette, AHumanLabelIsDrawnInTheModelsColourForTheSameEmotion) {
  const std::vector<std::pair<std::string, std::string>> same = {
      {"Happy", "happy"},        {"Sad", "sad"},
      {"Neutral", "neutral"},    {"Angry", "angry"},
      {"Surprise", "surprised"}, {"Disgust", "disgusted"},
      {"Fear", "fearful"},       {"happiness", "happy"},
      {"Anger", "angry"}};
  for (const auto& [human, model] : same)
    EXPECT_EQ(ui::emotionColor(human), ui::emotionColor(model)) << human;
  std::set<QRgb> distinct;
  for (const char* m : {"neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised"})
    distinct.insert(ui::emotionColor(m).rgb());
  EXPECT_EQ(distinct.size(), 7u);
  EXPECT_EQ(ui::emotionColor("Engaged"), ui::emotionColor("engaged"));  // stable for any label
  EXPECT_TRUE(ui::emotionColor("Engaged").isValid());
}

// The overlay qualifies a verdict by the model's confidence instead of stating it flatly.
TEST(EmotionPalette, VerdictsSayHowSureTheModelIs) {
  EXPECT_EQ(ui::verdictText("happy", 0.82), "happy 82 %");
  EXPECT_EQ(ui::verdictText("happy", 0.61), "likely happy 61 %");
  EXPECT_EQ(ui::verdictText("sad", 0.38), "unsure: sad? 38 %");
}

// Hovering an annotation on the timeline shows its label, annotator, times and note.
TEST(TimelineView, HoveringAnAnnotationShowsItsNote) {
  ui::TimelineView view;
  view.resize(1000, 400);
  ui::TimelineData d = ui::timelineData(hourTimeline(1));
  ui::Mark m;
  m.id = 1;
  m.start_ms = 10000;
  m.end_ms = 20000;
  m.label_name = "Sad";
  m.annotator = "rater1";
  m.note = "looks down";
  d.lanes[0].marks.push_back(m);
  view.setData(d);
  view.setAnnotators("rater1", "");
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  view.setRange(0, 60000);
  view.rebuildNow();
  ui::LaneChart* lane = view.lane(0);
  const QRectF plot = lane->plotArea();
  const double x = plot.left() + 15000.0 / 60000.0 * plot.width();
  const QString tip = lane->markTipAt({x, lane->bandRect(1).center().y()});
  EXPECT_TRUE(tip.contains("Sad · rater1 · 0:10.0–0:20.0")) << tip.toStdString();
  EXPECT_TRUE(tip.contains("note: looks down")) << tip.toStdString();
  EXPECT_TRUE(lane->markTipAt({x, lane->bandRect(0).center().y()}).isEmpty());  // model band
  EXPECT_TRUE(lane->markTipAt({plot.left() + 2, lane->bandRect(1).center().y()}).isEmpty());
}

// The in/out selection is drawn on the lane of the person its label would go to; with nobody
// selected (a label for the whole video), on every lane.
TEST(TimelineView, TheSelectionIsDrawnOnTheSelectedPersonsLane) {
  ui::TimelineView view;
  view.resize(1000, 500);
  view.setData(ui::timelineData(hourTimeline(2)));
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  view.setRange(0, 60000);
  view.rebuildNow();
  auto picture = [&](int lane) {
    QTest::qWait(20);
    return view.lane(lane)->viewport()->grab().toImage();
  };
  const QImage plain0 = picture(0), plain1 = picture(1);
  view.setSelection(10000, 20000);
  EXPECT_NE(picture(0), plain0);  // nobody selected: every lane
  EXPECT_NE(picture(1), plain1);
  view.setSelectionTrack(view.data().lanes[0].track_id);
  EXPECT_NE(picture(0), plain0);
  EXPECT_EQ(picture(1), plain1);
  view.setSelectionTrack(view.data().lanes[1].track_id);
  EXPECT_EQ(picture(0), plain0);
  EXPECT_NE(picture(1), plain1);
}

// Stretches where the model is unsure (top class below 50 %) are marked for greying: each
// window owns the time between its neighbours' centres; adjacent unsure windows merge.
TEST(TimelineData, UnsureStretchesFollowTheWindowsConfidence) {
  core::Timeline t;
  t.classes = {"happy", "sad"};
  core::TrackTimeline tt;
  tt.track.id = 1;
  const float conf[5] = {0.9f, 0.4f, 0.45f, 0.8f, 0.3f};
  for (int i = 0; i < 5; ++i) {
    core::WindowPrediction w;
    w.start_ms = i * 1000;
    w.end_ms = i * 1000 + 2000;  // centres at 1000, 2000, ... 5000
    w.probs = {conf[i], 1 - conf[i]};
    w.confidence = conf[i];
    tt.windows.push_back(w);
  }
  t.tracks.push_back(tt);
  const auto d = ui::timelineData(t);
  const std::vector<std::pair<int64_t, int64_t>> want = {{1500, 3500}, {4500, 6000}};
  EXPECT_EQ(d.lanes[0].unsure, want);
}

// Frames whose face is poor (small, turned, a doubtful detection) are marked for greying, each
// owning the time to halfway to its neighbours; adjacent ones merge. The lane draws them.
TEST(TimelineData, PoorFacesAreGreyedOnTheLane) {
  core::Timeline t;
  core::TrackTimeline tt;
  tt.track.id = 1;
  for (int i = 0; i < 10; ++i) {
    core::FaceDetection face;
    face.box = {100, 100, 120, 120};
    face.score = 0.95f;
    face.keypoints = {cv::Point2f(140, 140), cv::Point2f(180, 140), cv::Point2f(160, 165),
                      cv::Point2f(160, 190), cv::Point2f(110, 150), cv::Point2f(210, 150)};
    if (i == 3 || i == 4) face.box.height = 30;             // small
    if (i == 8) face.keypoints[2] = cv::Point2f(190, 165);  // nose towards one eye: turned
    core::FramePrediction f;
    f.frame = i;
    f.ms = i * 100;
    f.probs = f.smoothed = {0.9f, 0.02f, 0.02f, 0.02f, 0.02f, 0.01f, 0.01f};
    f.face = core::packFace(face);
    tt.frames.push_back(f);
  }
  t.tracks.push_back(tt);
  const auto d = ui::timelineData(t);
  const std::vector<std::pair<int64_t, int64_t>> want = {{250, 450}, {750, 850}};
  EXPECT_EQ(d.lanes[0].poor_face, want);

  ui::TimelineView view;
  view.resize(1000, 300);
  view.setData(d);
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  view.setRange(0, 900);
  view.rebuildNow();
  QTest::qWait(20);
  ui::LaneChart* lane = view.lane(0);
  const QImage image = lane->viewport()->grab().toImage();
  const QRectF plot = lane->plotArea();
  const double scale = image.width() / static_cast<double>(lane->viewport()->width());
  auto grey = [&](double ms) {
    const QColor c =
        image.pixelColor(static_cast<int>((plot.left() + ms / 900.0 * plot.width()) * scale),
                         static_cast<int>((plot.top() + plot.height() * 0.3) * scale));
    return c.lightness();
  };
  EXPECT_LT(grey(350), grey(150) - 20) << "the small faces' stretch is greyed";
  EXPECT_LT(grey(800), grey(650) - 20) << "the turned face's stretch is greyed";
  bool explained = false;  // the legend says what grey means
  for (QLabel* l : view.findChildren<QLabel*>())
    explained |= l->text().contains("face small, turned or doubtful");
  EXPECT_TRUE(explained);
  QDir().mkpath(UNILEARN_SCREENSHOT_DIR);
  EXPECT_TRUE(view.grab().save(QString(UNILEARN_SCREENSHOT_DIR) + "/timeline-poor-faces.png"));
}
