#include "core/storage/project_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "model/base/error.h"
#include "model/base/text.h"

namespace unilearn::core {
namespace {

std::string readAll(int fd) {
  std::string text;
  char buf[512];
  ::lseek(fd, 0, SEEK_SET);
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0 && text.size() < 4096;)
    text.append(buf, static_cast<size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0'))
    text.pop_back();
  return text.empty() ? "another program" : text;
}

}  // namespace

std::string ProjectLock::lockPath(const std::string& project_path) {
  return project_path + "-lock";
}

std::unique_ptr<ProjectLock> ProjectLock::acquire(const std::string& project_path,
                                                  const std::string& holder) {
  const std::string path = lockPath(project_path);
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT)
      throw Error(Error::Kind::kIo, "project '" + project_path + "': its folder does not exist");
    if (fd < 0 && (errno == EACCES || errno == EROFS))  // as Project::open says it
      throw Error(Error::Kind::kIo, "project '" + project_path +
                                        "' is in a folder you cannot write to: the project "
                                        "keeps its journal beside it, so copy it to a folder "
                                        "of yours (or ask for write access) and open the copy");
    if (fd < 0)
      throw Error(Error::Kind::kIo, "cannot make the lock file '" + path +
                                        "' beside the project: " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      const std::string who = err == EWOULDBLOCK ? readAll(fd) : std::strerror(err);
      ::close(fd);
      if (err != EWOULDBLOCK) throw Error(Error::Kind::kIo, "cannot lock '" + path + "': " + who);
      const std::string mine = "(process " + std::to_string(::getpid()) + ")";
      throw Error(Error::Kind::kArgument,
                  "project '" + project_path + "' is open in " + who +
                      (who.find(mine) != std::string::npos ? ", another window of this app" : "") +
                      ": close it there first (reading commands such as export and agree work "
                      "meanwhile)");
    }
    // The holder before us may have removed the file after we opened it: ours must still be
    // the file at the path, or the lock guards nothing.
    struct stat mine {
    }, at_path{};
    if (::fstat(fd, &mine) == 0 && ::stat(path.c_str(), &at_path) == 0 &&
        mine.st_ino == at_path.st_ino && mine.st_dev == at_path.st_dev) {
      const std::string text = holder + " (process " + std::to_string(::getpid()) + ") since " +
                               nowText("%Y-%m-%d %H:%M", TimeZone::kLocal) + "\n";
      if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, text.data(), text.size(), 0) < 0) {
        // The name is a courtesy; the lock itself holds.
      }
      return std::unique_ptr<ProjectLock>(new ProjectLock(path, fd));
    }
    ::close(fd);
  }
  throw Error(Error::Kind::kIo, "cannot lock '" + path + "': it keeps being replaced");
}

std::optional<std::string> ProjectLock::holder(const std::string& project_path) {
  const int fd = ::open(lockPath(project_path).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<std::string> who;
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0)
    who = readAll(fd);
  else
    ::flock(fd, LOCK_UN);
  ::close(fd);
  return who;
}

ProjectLock::~ProjectLock() {
  ::unlink(path_.c_str());  // while still locked: a waiting acquirer sees the file replaced
  ::close(fd_);
}

}  // namespace unilearn::core
