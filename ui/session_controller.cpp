#include "ui/session_controller.h"

#include <QFileInfo>

#include "core/analysis/analyzer.h"
#include "core/content_hash.h"
#include "core/storage/project.h"
#include "core/storage/project_lock.h"
#include "model/base/error.h"

namespace unilearn::ui {

SessionController::SessionController(QObject* parent) : QObject(parent) {}

SessionController::~SessionController() = default;

bool SessionController::open(const QString& path, bool create) {
  error_.clear();
  const QString absolute = QFileInfo(path).absoluteFilePath();
  try {
    // The writer lock first: a project another window or a writing command has open is refused
    // with its name, before anything is read.
    std::unique_ptr<core::ProjectLock> lock;
    if (lock_ && absolute == path_)
      lock = std::move(lock_);  // reopening our own project
    else
      lock = core::ProjectLock::acquire(path.toStdString(), "unilearn-studio");
    std::unique_ptr<core::Project> p;
    try {
      p = core::Project::open(path.toStdString(), create);
    } catch (...) {
      if (!lock_ && project_) lock_ = std::move(lock);  // keep holding what is still open
      throw;
    }
    if (project_) emit closing();
    project_ = std::move(p);
    lock_ = std::move(lock);
  } catch (const Error& e) {
    error_ = QString::fromUtf8(e.what());
    return false;
  }
  path_ = absolute;
  return true;
}

void SessionController::close() {
  if (project_) emit closing();
  project_.reset();
  lock_.reset();
  path_.clear();
}

bool SessionController::addVideos(const QStringList& paths) {
  error_.clear();
  if (!project_) {
    error_ = tr("Open or create a project first (File › New project).");
    return false;
  }
  QStringList failed;
  for (const QString& path : paths) {
    try {
      core::registerVideo(*project_, path.toStdString());
    } catch (const Error& e) {
      failed << QString("%1: %2").arg(QFileInfo(path).fileName(), QString::fromUtf8(e.what()));
    }
  }
  if (!failed.isEmpty()) error_ = tr("Not added:\n%1").arg(failed.join('\n'));
  return failed.isEmpty();
}

QString SessionController::videoFile(int64_t media_id, bool* moved) {
  if (moved) *moved = false;
  if (!project_) return {};
  for (const auto& m : project_->media()) {
    if (m.id != media_id) continue;
    const QString recorded = QString::fromStdString(m.path);
    if (recorded.startsWith("live:") || QFileInfo::exists(recorded)) return recorded;
    const auto found = core::findMovedVideo(m, path_.toStdString());
    if (!found) return {};
    project_->setMediaFile(m.id, *found, m.content_hash);
    if (moved) *moved = true;
    return QString::fromStdString(*found);
  }
  return {};
}

bool SessionController::locate(int64_t media_id, const QString& file) {
  error_.clear();
  if (!project_) return false;
  for (const auto& m : project_->media()) {
    if (m.id != media_id) continue;
    const std::string path = QFileInfo(file).absoluteFilePath().toStdString();
    try {
      if (core::contentHash(path) != m.content_hash) {
        error_ = tr("%1 is not the video this project analysed (its content differs); choose "
                    "the original file")
                     .arg(QFileInfo(file).fileName());
        return false;
      }
      project_->setMediaFile(m.id, path, m.content_hash);
    } catch (const Error& e) {
      error_ = QString::fromUtf8(e.what());
      return false;
    }
    return true;
  }
  error_ = tr("The project has no such video.");
  return false;
}

}  // namespace unilearn::ui
