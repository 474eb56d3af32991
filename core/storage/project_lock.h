// Who is writing to a project: the app window that has it open, or a writing command (analyze,
// import, a train job that registers its model) takes the project's writer lock, a `-lock` file
// beside it locked with flock() and naming the holder. A second writer is refused with that name
// instead of editing the same project unseen; reading commands never take it. The kernel drops
// the lock when its process ends, so a killed process leaves nothing that blocks. The lock file is
// never the database: closing it cannot touch SQLite's own locks.
// Thread-safety: a ProjectLock is owned by one thread; the statics are safe from any thread.
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace unilearn::core {

class ProjectLock {
 public:
  // Takes the writer lock of the project at `project_path` for `holder` (e.g. "unilearn-studio",
  // "unilearn analyze"). Throws unilearn::Error (kArgument) naming who has it, (kIo) when the
  // lock file cannot be made.
  static std::unique_ptr<ProjectLock> acquire(const std::string& project_path,
                                              const std::string& holder);
  // Who holds the writer lock ("unilearn analyze (process 4242) since 2026-12-01 10:32"), or
  // nothing when nobody does.
  static std::optional<std::string> holder(const std::string& project_path);
  static std::string lockPath(const std::string& project_path);

  ~ProjectLock();  // releases the lock and removes the file
  ProjectLock(const ProjectLock&) = delete;
  ProjectLock& operator=(const ProjectLock&) = delete;

 private:
  ProjectLock(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_ = -1;
};

}  // namespace unilearn::core
