// The project a window works on: opened under the writer lock (one window or writing command at
// a time; a second is told who has it), its SQLite connection, the videos added to it, and
// their files found again after a move (beside the project, else where the person points,
// accepted only with the same content). closing() goes out before a project is closed — by
// close() or by opening another — so that the widgets let go of it while it still exists.
// Thread-safety: GUI thread only; background work opens its own connection to path().
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

namespace unilearn::core {
class Project;
class ProjectLock;
}  // namespace unilearn::core

namespace unilearn::ui {

class SessionController : public QObject {
  Q_OBJECT

 public:
  explicit SessionController(QObject* parent = nullptr);
  ~SessionController() override;

  // Opens (or creates) the project at `path`; false with lastError() when it cannot be (locked
  // by another, damaged, not a project, a newer version), and then the project open before
  // stays open. Reopening the open project keeps its lock.
  bool open(const QString& path, bool create = false);
  void close();
  core::Project* project() const { return project_.get(); }
  QString path() const { return path_; }  // absolute; empty when none is open

  // Adds each video (found by content when it is in the project already); false when any could
  // not be added, each with the reason in lastError().
  bool addVideos(const QStringList& paths);
  // Where the file of the project's video `media_id` is: its recorded path, or — moved with the
  // project — the same video beside it (then recorded there, and *moved set); empty when neither.
  QString videoFile(int64_t media_id, bool* moved = nullptr);
  // The project's video `media_id` is now `file`: refused (lastError) unless the content is the
  // same as the one analysed.
  bool locate(int64_t media_id, const QString& file);

  QString lastError() const { return error_; }

 signals:
  void closing();

 private:
  std::unique_ptr<core::ProjectLock> lock_;  // outlives the connection
  std::unique_ptr<core::Project> project_;
  QString path_, error_;
};

}  // namespace unilearn::ui
