#include "ui/annotation_editor.h"

#include <QUndoCommand>
#include <functional>
#include <memory>

#include "model/base/error.h"

namespace unilearn::ui {

// One edit as a list of row operations and their inverse. Rows deleted by redo come back under
// their id on undo; rows created by redo keep the id they got the first time.
class AnnotationCommand : public QUndoCommand {
 public:
  struct Op {
    enum Kind { kAdd, kUpdate, kDelete } kind;
    core::Annotation row;     // kAdd/kDelete: the row; kUpdate: the new state
    core::Annotation before;  // kUpdate: the old state
  };

  AnnotationCommand(AnnotationEditor* editor, const QString& text, std::vector<Op> ops)
      : QUndoCommand(text), editor_(editor), ops_(std::move(ops)) {}

  void redo() override {
    if (applied_) {  // applied by AnnotationEditor::push before QUndoStack::push calls redo()
      applied_ = false;
      return;
    }
    apply();
  }

  // Writes the edit; throws unilearn::Error when the project refuses it (nothing is written
  // then for single-row edits; multi-row edits roll back what they did).
  void apply() {
    core::Project& p = *editor_->project_;
    size_t done = 0;
    try {
      for (; done < ops_.size(); ++done) {
        Op& op = ops_[done];
        switch (op.kind) {
          case Op::kAdd:
            op.row.id = p.addAnnotation(op.row);
            break;
          case Op::kUpdate:
            p.updateAnnotation(op.row);
            break;
          case Op::kDelete:
            p.deleteAnnotation(op.row.id);
            break;
        }
      }
    } catch (...) {
      undoFirst(done);
      throw;
    }
    notify();
  }
  bool applied_ = false;

  void undo() override {
    undoFirst(ops_.size());
    notify();
  }

 private:
  void undoFirst(size_t n) {
    core::Project& p = *editor_->project_;
    for (size_t i = n; i-- > 0;) {
      const Op& op = ops_[i];
      switch (op.kind) {
        case Op::kAdd:
          p.deleteAnnotation(op.row.id);
          break;
        case Op::kUpdate:
          p.updateAnnotation(op.before);
          break;
        case Op::kDelete:
          p.addAnnotation(op.row);
          break;
      }
    }
  }

  void notify() {
    if (!ops_.empty()) emit editor_->changed(ops_.front().row.media_id);
  }

  AnnotationEditor* editor_;
  std::vector<Op> ops_;
};

// A merge or split of people; redo repeats it, undo puts back exactly the rows it moved.
class PersonCommand : public QUndoCommand {
 public:
  PersonCommand(AnnotationEditor* editor, const QString& text, int64_t media,
                core::Project::TrackMove done, std::function<core::Project::TrackMove()> again)
      : QUndoCommand(text),
        editor_(editor),
        media_(media),
        move_(std::move(done)),
        again_(std::move(again)) {}

  void redo() override {
    if (first_) {
      first_ = false;  // done already, before the push
      return;
    }
    move_ = again_();
    emit editor_->changed(media_);
  }
  void undo() override {
    editor_->project_->undoMove(move_);
    emit editor_->changed(media_);
  }

 private:
  AnnotationEditor* editor_;
  int64_t media_;
  core::Project::TrackMove move_;
  std::function<core::Project::TrackMove()> again_;
  bool first_ = true;
};

class RenameCommand : public QUndoCommand {
 public:
  RenameCommand(AnnotationEditor* editor, core::Project* project, int64_t media, int64_t track,
                std::string before, std::string after)
      : QUndoCommand(AnnotationEditor::tr("Rename person")),
        editor_(editor),
        project_(project),
        media_(media),
        track_(track),
        before_(std::move(before)),
        after_(std::move(after)) {}
  void redo() override { set(after_); }
  void undo() override { set(before_); }

 private:
  void set(const std::string& name) {
    project_->renameTrack(track_, name);
    emit editor_->changed(media_);
  }
  AnnotationEditor* editor_;
  core::Project* project_;
  int64_t media_, track_;
  std::string before_, after_;
};

AnnotationEditor::AnnotationEditor(core::Project* project, QObject* parent)
    : QObject(parent), project_(project) {}

void AnnotationEditor::setProject(core::Project* project) {
  stack_.clear();
  project_ = project;
}

std::optional<core::Annotation> AnnotationEditor::at(int64_t media_id, std::optional<int64_t> track,
                                                     const std::string& annotator,
                                                     int64_t frame) const {
  if (!project_) return std::nullopt;
  for (const auto& a : project_->annotations(media_id))
    if (a.track_id == track && a.annotator == annotator && a.start_frame <= frame &&
        frame <= a.end_frame)
      return a;
  return std::nullopt;
}

bool AnnotationEditor::push(AnnotationCommand* command) {
  // QUndoStack::push runs redo(); a refusal from the project must not leave a command behind.
  std::unique_ptr<AnnotationCommand> owned(command);
  try {
    owned->apply();
  } catch (const Error& e) {
    error_ = QString::fromUtf8(e.what());
    return false;
  }
  owned->applied_ = true;  // push() calls redo(), which must not write it twice
  stack_.push(owned.release());
  error_.clear();
  return true;
}

bool AnnotationEditor::create(const core::Annotation& a) {
  if (!project_) return false;
  core::Annotation row = a;
  row.id = 0;
  return push(new AnnotationCommand(this, tr("New %1 segment").arg(QString::fromStdString(a.label)),
                                    {{AnnotationCommand::Op::kAdd, row, {}}}));
}

bool AnnotationEditor::change(const core::Annotation& before, const core::Annotation& after,
                              const QString& what) {
  if (!project_) return false;
  return push(new AnnotationCommand(this, what, {{AnnotationCommand::Op::kUpdate, after, before}}));
}

bool AnnotationEditor::split(const core::Annotation& a, int64_t at_frame) {
  if (!project_) return false;
  if (at_frame <= a.start_frame || at_frame > a.end_frame) {
    error_ = tr("Split inside the segment (frames %1-%2)").arg(a.start_frame + 1).arg(a.end_frame);
    return false;
  }
  core::Annotation left = a, right = a;
  left.end_frame = at_frame - 1;
  right.id = 0;
  right.start_frame = at_frame;
  return push(new AnnotationCommand(
      this, tr("Split segment"),
      {{AnnotationCommand::Op::kUpdate, left, a}, {AnnotationCommand::Op::kAdd, right, {}}}));
}

bool AnnotationEditor::mergeWithNext(const core::Annotation& a) {
  if (!project_) return false;
  std::optional<core::Annotation> next;
  for (const auto& b : project_->annotations(a.media_id))
    if (b.id != a.id && b.track_id == a.track_id && b.annotator == a.annotator &&
        b.start_frame > a.start_frame && (!next || b.start_frame < next->start_frame))
      next = b;
  if (!next) {
    error_ = tr("There is no later segment to merge with");
    return false;
  }
  if (next->label != a.label) {  // a merge would silently drop one of them
    error_ = tr("The next segment is labelled %1, this one %2: give them the same label first "
                "(a merge keeps one label)")
                 .arg(QString::fromStdString(next->label), QString::fromStdString(a.label));
    return false;
  }
  core::Annotation merged = a;
  merged.end_frame = std::max(a.end_frame, next->end_frame);
  // Both notes are kept.
  if (merged.note.empty())
    merged.note = next->note;
  else if (!next->note.empty() && next->note != merged.note)
    merged.note += "\n" + next->note;
  return push(new AnnotationCommand(
      this, tr("Merge segments"),
      {{AnnotationCommand::Op::kDelete, *next, {}}, {AnnotationCommand::Op::kUpdate, merged, a}}));
}

AnnotationEditor::MergeCandidates AnnotationEditor::mergeCandidates(int64_t media_id,
                                                                    int64_t from) const {
  MergeCandidates out;
  if (!project_) return out;
  for (const auto& t : project_->tracks(media_id)) {
    if (t.id == from) continue;
    if (project_->sharedFrame(from, t.id))
      ++out.together;
    else
      out.people.push_back(t);
  }
  return out;
}

bool AnnotationEditor::mergePeople(int64_t media_id, int64_t from, int64_t into) {
  if (!project_) return false;
  core::Project* p = project_;
  try {
    auto move = p->mergeTracks(from, into);
    stack_.push(new PersonCommand(this, tr("Merge people"), media_id, std::move(move),
                                  [p, from, into] { return p->mergeTracks(from, into); }));
  } catch (const Error& e) {
    error_ = QString::fromUtf8(e.what());
    return false;
  }
  emit changed(media_id);
  return true;
}

bool AnnotationEditor::splitPerson(int64_t media_id, int64_t track, int64_t at_frame) {
  if (!project_) return false;
  core::Project* p = project_;
  try {
    auto move = p->splitTrack(track, at_frame);
    stack_.push(new PersonCommand(this, tr("Split person"), media_id, std::move(move),
                                  [p, track, at_frame] { return p->splitTrack(track, at_frame); }));
  } catch (const Error& e) {
    error_ = QString::fromUtf8(e.what());
    return false;
  }
  emit changed(media_id);
  return true;
}

bool AnnotationEditor::renamePerson(int64_t media_id, int64_t track, const std::string& name) {
  if (!project_) return false;
  try {
    std::string before;
    bool found = false;
    for (const auto& t : project_->tracks(media_id))
      if (t.id == track) {
        before = t.person;
        found = true;
      }
    if (!found) throw Error(Error::Kind::kArgument, "no such person in this video");
    if (before == name) return true;
    stack_.push(new RenameCommand(this, project_, media_id, track, before, name));
  } catch (const Error& e) {
    error_ = QString::fromUtf8(e.what());
    return false;
  }
  return true;
}

bool AnnotationEditor::remove(const core::Annotation& a) {
  if (!project_) return false;
  return push(
      new AnnotationCommand(this, tr("Delete segment"), {{AnnotationCommand::Op::kDelete, a, {}}}));
}

}  // namespace unilearn::ui
