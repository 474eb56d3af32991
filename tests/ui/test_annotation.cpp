// Annotation edits through the undo stack, checked in the project database after every step.
#include <gtest/gtest.h>
#include <QTemporaryDir>

#include "ui/annotation_editor.h"

using namespace unilearn;

namespace {

struct Fixture {
  QTemporaryDir dir;
  std::unique_ptr<core::Project> p;
  int64_t media = 0, track = 0;
  Fixture() {
    p = core::Project::open(dir.filePath("a.ulproj").toStdString());
    media = p->addMedia({0, "/v/a.mp4", "h"});
    track = p->track(media, 1);
  }
  core::Annotation segment(int64_t f0, int64_t f1, const char* label) const {
    core::Annotation a;
    a.media_id = media;
    a.track_id = track;
    a.scheme = "DFEW-7";
    a.start_frame = f0;
    a.end_frame = f1;
    a.label = label;
    a.annotator = "ann";
    return a;
  }
  std::string rows() const {  // "start-end:label" of every annotation, in order
    std::string out;
    for (const auto& a : p->annotations(media))
      out += std::to_string(a.start_frame) + "-" + std::to_string(a.end_frame) + ":" + a.label +
             (a.note.empty() ? "" : "(" + a.note + ")") + " ";
    return out;
  }
};

}  // namespace

TEST(AnnotationEditor, EveryEditIsSavedAndUndoable) {
  Fixture f;
  ui::AnnotationEditor e(f.p.get());
  int changes = 0;
  QObject::connect(&e, &ui::AnnotationEditor::changed, [&] { ++changes; });
  ASSERT_TRUE(e.create(f.segment(10, 59, "Happy")));
  EXPECT_EQ(f.rows(), "10-59:Happy ");
  auto a = e.at(f.media, f.track, "ann", 30);
  ASSERT_TRUE(a.has_value());
  // Drag the end edge, then relabel with a note.
  core::Annotation longer = *a;
  longer.end_frame = 89;
  ASSERT_TRUE(e.change(*a, longer, "Adjust end"));
  core::Annotation sad = longer;
  sad.label = "Sad";
  sad.note = "looks down";
  ASSERT_TRUE(e.change(longer, sad, "Relabel"));
  EXPECT_EQ(f.rows(), "10-89:Sad(looks down) ");
  // Split at the playhead, then merge back.
  ASSERT_TRUE(e.split(sad, 50));
  EXPECT_EQ(f.rows(), "10-49:Sad(looks down) 50-89:Sad(looks down) ");
  ASSERT_TRUE(e.mergeWithNext(*e.at(f.media, f.track, "ann", 10)));
  EXPECT_EQ(f.rows(), "10-89:Sad(looks down) ");
  ASSERT_TRUE(e.remove(*e.at(f.media, f.track, "ann", 10)));
  EXPECT_EQ(f.rows(), "");
  // Undo all the way back, then redo all the way forward: the database follows every step.
  const std::vector<std::string> history = {
      "10-89:Sad(looks down) ", "10-49:Sad(looks down) 50-89:Sad(looks down) ",
      "10-89:Sad(looks down) ", "10-89:Happy ",
      "10-59:Happy ",           ""};
  for (const auto& want : history) {
    e.stack()->undo();
    EXPECT_EQ(f.rows(), want);
  }
  for (int i = 0; i < 6; ++i)
    e.stack()->redo();
  EXPECT_EQ(f.rows(), "");
  e.stack()->undo();  // the deleted segment comes back under its id
  EXPECT_EQ(f.rows(), "10-89:Sad(looks down) ");
  EXPECT_GT(changes, 12);
  EXPECT_EQ(e.stack()->undoText(), "Merge segments");
}

TEST(AnnotationEditor, RefusedEditsLeaveNoTraceAndSayWhy) {
  Fixture f;
  ui::AnnotationEditor e(f.p.get());
  EXPECT_FALSE(e.create(f.segment(10, 5, "Happy")));
  EXPECT_TRUE(e.lastError().contains("start frame"));
  EXPECT_FALSE(e.create(f.segment(0, 5, "Amused")));
  EXPECT_TRUE(e.lastError().contains("not in the scheme"));
  EXPECT_EQ(e.stack()->count(), 0);
  ASSERT_TRUE(e.create(f.segment(0, 9, "Fear")));
  auto a = *e.at(f.media, f.track, "ann", 0);
  EXPECT_FALSE(e.split(a, 0));       // not inside
  EXPECT_FALSE(e.mergeWithNext(a));  // nothing after it
  EXPECT_EQ(e.stack()->count(), 1);
  EXPECT_EQ(f.rows(), "0-9:Fear ");
  // A merge that would drop a label is refused with both labels named.
  ASSERT_TRUE(e.create(f.segment(20, 29, "Happy")));
  EXPECT_FALSE(e.mergeWithNext(a));
  EXPECT_TRUE(e.lastError().contains("labelled Happy, this one Fear"))
      << e.lastError().toStdString();
  EXPECT_EQ(f.rows(), "0-9:Fear 20-29:Happy ");
}

TEST(AnnotationEditor, OnlyPeopleNeverOnScreenTogetherAreOfferedForAMerge) {
  Fixture f;
  const int64_t two = f.p->track(f.media, 2), three = f.p->track(f.media, 3);
  f.p->renameTrack(three, "Ann");
  const int64_t analysis = f.p->startAnalysis(f.media, std::nullopt, "static", "{}");
  // Face 1 on frames 0-9, face 2 on 5-14 (both on screen at 5-9), Ann on 20-29.
  std::vector<core::FramePrediction> frames;
  for (int64_t i = 0; i < 10; ++i) {
    frames.push_back({analysis, f.track, i, i * 40, {1.f}, {1.f}});
    frames.push_back({analysis, two, i + 5, (i + 5) * 40, {1.f}, {1.f}});
    frames.push_back({analysis, three, i + 20, (i + 20) * 40, {1.f}, {1.f}});
  }
  f.p->addFrames(frames);
  ui::AnnotationEditor e(f.p.get());
  const auto c = e.mergeCandidates(f.media, f.track);
  ASSERT_EQ(c.people.size(), 1u);
  EXPECT_EQ(c.people[0].id, three);
  EXPECT_EQ(core::personName(c.people[0]), "Ann");
  EXPECT_EQ(c.together, 1);  // face 2
  const auto of_two = e.mergeCandidates(f.media, two);
  ASSERT_EQ(of_two.people.size(), 1u);
  EXPECT_EQ(of_two.people[0].id, three);
  // Everyone's name as the People list and the exports show it: "face N" until named.
  EXPECT_EQ(core::personName(f.p->tracks(f.media)[1]), "face 2");
  ASSERT_TRUE(e.mergePeople(f.media, f.track, three));
  EXPECT_EQ(e.mergeCandidates(f.media, three).people.size(), 0u);
  EXPECT_EQ(e.mergeCandidates(f.media, three).together, 1);
}
