// Every annotation edit as an undoable command on a QUndoStack: create, change (edges, label,
// note, person), split at a frame, merge with the next segment, delete; and the person edits
// (merge two tracks, split a track at a frame). Each command writes the
// project at once (one transaction per change), so an edit is saved when it is made; undo and
// redo write again. Widgets and tests drive the same calls.
// Thread-safety: GUI thread only.
#pragma once

#include <QObject>
#include <QUndoStack>
#include <optional>

#include "core/storage/project.h"

namespace unilearn::ui {

class AnnotationEditor : public QObject {
  Q_OBJECT

 public:
  // `project` must outlive the editor (the main window clears the stack before closing it).
  AnnotationEditor(core::Project* project, QObject* parent = nullptr);

  QUndoStack* stack() { return &stack_; }
  void setProject(core::Project* project);  // clears the undo history

  // The segment annotator `annotator` has on `track` (empty: whole video) at `frame`, if any.
  std::optional<core::Annotation> at(int64_t media_id, std::optional<int64_t> track,
                                     const std::string& annotator, int64_t frame) const;

  // Each returns false (with the reason in lastError()) when the project refuses the change.
  bool create(const core::Annotation& a);
  bool change(const core::Annotation& before, const core::Annotation& after, const QString& what);
  bool split(const core::Annotation& a, int64_t at_frame);  // [start, at-1] and [at, end]
  bool mergeWithNext(const core::Annotation& a);  // with the annotator's next segment on the track
  bool remove(const core::Annotation& a);
  // People: merge `from` into `into`, or split `track` at a frame (see core::Project).
  bool mergePeople(int64_t media_id, int64_t from, int64_t into);
  bool splitPerson(int64_t media_id, int64_t track, int64_t at_frame);
  // Names a person (undoable like every edit here).
  bool renamePerson(int64_t media_id, int64_t track, const std::string& name);
  // Who `from` may be merged into: the video's other people who are never on screen at the same
  // time as `from` (two faces in one frame are two people); `together` counts those left out.
  struct MergeCandidates {
    std::vector<core::TrackRecord> people;
    int together = 0;
  };
  MergeCandidates mergeCandidates(int64_t media_id, int64_t from) const;
  QString lastError() const { return error_; }

 signals:
  // The annotations of `media_id` changed (an edit, an undo or a redo).
  void changed(qint64 media_id);

 private:
  friend class AnnotationCommand;
  friend class PersonCommand;
  bool push(class AnnotationCommand* command);

  core::Project* project_;
  QUndoStack stack_;
  QString error_;
};

}  // namespace unilearn::ui
