// The SQLite project beside other users of its file: refusal of newer, damaged and foreign
// files without touching them, durability when the writing process is killed, SQLite's locks
// across opens and processes, read-only places, and the writer lock.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "core/storage/project.h"
#include "core/storage/project_lock.h"
#include "model/base/error.h"
#include "tests/core/project_fixtures.h"
#include "tests/test_util.h"

using namespace unilearn;
using core::Project;
using test::openKind;
using test::rawExec;
using test::window;
namespace fs = std::filesystem;

TEST(Project, RefusesNewerDamagedAndForeignFilesAndLeavesThemUntouched) {
  const std::string newer = test::freshProjectPath("newer.ulproj");
  Project::open(newer).reset();
  rawExec(newer, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;");
  std::string msg;
  std::string before = test::fileBytes(newer);
  EXPECT_EQ(openKind(newer, &msg), Error::Kind::kConfig);
  EXPECT_NE(msg.find("newer UniLearn Studio"), std::string::npos) << msg;
  EXPECT_EQ(test::fileBytes(newer), before);

  const std::string damaged = test::freshProjectPath("damaged.ulproj");
  {
    auto p = Project::open(damaged);
    const int64_t media = p->addMedia({0, "v.mp4", "h"});
    const int64_t track = p->track(media, 1);
    for (int i = 0; i < 50; ++i)
      p->addWindow(window(p->startAnalysis(media, std::nullopt, "static", "{}"), track, i));
  }
  rawExec(damaged, "PRAGMA journal_mode = DELETE;");
  std::string bytes = test::fileBytes(damaged);
  ASSERT_GT(bytes.size(), 4096u * 4);
  for (size_t i = 4096 * 2; i < 4096 * 2 + 2000; ++i)
    bytes[i] = static_cast<char>(i * 131);
  std::ofstream(damaged, std::ios::binary | std::ios::trunc) << bytes;
  EXPECT_EQ(openKind(damaged, &msg), Error::Kind::kFormat);
  EXPECT_NE(msg.find("damaged"), std::string::npos) << msg;
  EXPECT_EQ(test::fileBytes(damaged), bytes);

  const std::string text = test::freshProjectPath("notes.ulproj");
  std::ofstream(text) << "not a database, just some notes about the session";
  EXPECT_EQ(openKind(text, &msg), Error::Kind::kFormat);
  EXPECT_NE(msg.find("not a UniLearn Studio project"), std::string::npos) << msg;

  const std::string other = test::freshProjectPath("other.db");
  rawExec(other, "PRAGMA application_id = 42; CREATE TABLE t(x);");
  EXPECT_EQ(openKind(other, &msg), Error::Kind::kFormat);
  EXPECT_NE(msg.find("another program"), std::string::npos) << msg;

  EXPECT_EQ(openKind(test::freshProjectPath("missing.ulproj")), Error::Kind::kIo);
  try {
    Project::open("/proc/self/unilearn.ulproj");  // a location nobody can create files in
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), Error::Kind::kIo) << e.what();
  }
}

TEST(Project, AKilledWriterLosesAtMostTheWindowInFlight) {
  const std::string path = test::freshProjectPath("killed.ulproj");
  int64_t analysis = 0, track = 0;
  {
    auto p = Project::open(path);
    const int64_t media = p->addMedia({0, "v.mp4", "hash"});
    track = p->track(media, 1);
    analysis = p->startAnalysis(media, std::nullopt, "clip", "{}");
  }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // the writer: windows as fast as it can until killed
    auto p = Project::open(path, false);
    for (int64_t s = 0;; s += 16)
      p->addWindow(window(analysis, track, s));
  }
  usleep(400 * 1000);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  auto p = Project::open(path, false);  // passes the integrity check
  auto ws = p->windows(analysis, true);
  ASSERT_GT(ws.size(), 10u);
  for (size_t i = 0; i < ws.size(); ++i) {
    EXPECT_EQ(ws[i].start_frame, static_cast<int64_t>(i) * 16);  // no holes
    EXPECT_EQ(ws[i].expert_share.size(), 6u);                    // never half a window
  }
  EXPECT_EQ(p->unfinishedAnalysis(1, "clip", "{}"), analysis);  // ready to resume
  p->addWindow(window(analysis, track, static_cast<int64_t>(ws.size()) * 16));
}

// A second open of the project in the process (a worker, a timeline reload) must not drop the
// first connection's SQLite locks: before, it read the file through a descriptor of its own,
// whose closing released every POSIX lock of the process on it, so a read-only command in
// another process (`unilearn export`) took itself for the last user, checkpointed and deleted
// the WAL, and the app's next label went into a deleted file.
TEST(Project, ASecondOpenKeepsTheLocksSoAnotherProcessNeverDeletesTheWal) {
  const std::string path = test::freshProjectPath("shared_by_two.ulproj");
  auto app = Project::open(path);
  const int64_t media = app->addMedia({0, "v.mp4", "shared-h"});
  core::Annotation a;
  a.media_id = media;
  a.scheme = "DFEW-7";
  a.end_frame = 10;
  a.label = "Happy";
  a.annotator = "rater1";
  app->addAnnotation(a);
  auto worker = Project::open(path);  // as a worker thread or a timeline reload does
  worker.reset();
  const std::string out = test::tempPath("shared_by_two.json");
  const std::string cmd = std::string(UNILEARN_CLI) + " export " + path + " --format json --out " +
                          out + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_TRUE(std::ifstream(path + "-wal").good()) << "the other process deleted the app's WAL";
  a.start_frame = 20;
  a.end_frame = 30;
  a.label = "Sad";
  app->addAnnotation(a);
  // Another process sees both labels.
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const std::string json = test::fileBytes(out);
  EXPECT_NE(json.find("\"Happy\""), std::string::npos);
  EXPECT_NE(json.find("\"Sad\""), std::string::npos) << "the app's second label was lost";
}

// What an unprivileged user sees for a project in a folder they cannot write to, and for a
// read-only project file: the reason and what to do, never "damaged". Run as `nobody` in a child
// when the tests run as root (root writes anywhere).
TEST(Project, AReadOnlyFolderOrFileIsNamedAsSuchNotAsDamage) {
  const fs::path dir = test::tempPath("ro-folder");
  fs::remove_all(dir);
  fs::create_directories(dir / "locked");
  const std::string in_locked = (dir / "locked" / "p.ulproj").string();
  const std::string locked_file = (dir / "p.ulproj").string();
  Project::open(in_locked)->addMedia({0, "v.mp4", "hash"});
  Project::open(locked_file)->addMedia({0, "v.mp4", "hash"});
  fs::permissions(dir / "locked",
                  fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                  fs::perm_options::remove);
  fs::permissions(locked_file, fs::perms::all, fs::perm_options::remove);
  fs::permissions(locked_file,
                  fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read,
                  fs::perm_options::add);
  fs::permissions(dir, fs::perms::others_all, fs::perm_options::add);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(3);
    std::string out;
    for (const auto& p : {in_locked, locked_file, (dir / "missing" / "new.ulproj").string()}) {
      std::string message = "opened";
      openKind(p, &message);
      out += message + "\n";
    }
    try {
      Project::open((dir / "locked" / "new.ulproj").string(), true);
      out += "created\n";
    } catch (const Error& e) {
      out += std::string(e.what()) + "\n";
    }
    try {  // the app takes the writer lock first: the same reason
      core::ProjectLock::acquire(in_locked, "unilearn-studio");
      out += "locked\n";
    } catch (const Error& e) {
      out += std::string(e.what()) + "\n";
    }
    if (write(fds[1], out.data(), out.size()) < 0) _exit(4);
    _exit(0);
  }
  close(fds[1]);
  std::string got;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
    got.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  fs::permissions(dir / "locked", fs::perms::owner_all, fs::perm_options::add);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << got;
  std::istringstream lines(got);
  std::string folder, file, missing, create;
  std::getline(lines, folder);
  std::getline(lines, file);
  std::getline(lines, missing);
  std::getline(lines, create);
  std::string lock;
  std::getline(lines, lock);
  EXPECT_NE(lock.find("in a folder you cannot write to"), std::string::npos) << lock;
  EXPECT_NE(folder.find("in a folder you cannot write to"), std::string::npos) << folder;
  EXPECT_NE(file.find("is read-only for you"), std::string::npos) << file;
  EXPECT_NE(missing.find("does not exist"), std::string::npos) << missing;
  EXPECT_NE(create.find("in a folder you cannot write to"), std::string::npos) << create;
  for (const auto& m : {folder, file, create})
    EXPECT_EQ(m.find("damaged"), std::string::npos) << m;
  EXPECT_NO_THROW(Project::open(in_locked, false));  // untouched, opens again for its owner
}

// The writer lock: a second writer (another process, or another window of this one) is refused
// with the holder's name; a killed holder leaves nothing that blocks; releasing removes the file.
TEST(ProjectLock, ASecondWriterIsToldWhoHasTheProjectAndAKilledOneBlocksNothing) {
  const std::string path = test::freshProjectPath("locked.ulproj");
  Project::open(path).reset();
  const std::string lock_file = core::ProjectLock::lockPath(path);
  EXPECT_FALSE(core::ProjectLock::holder(path));
  {
    const auto lock = core::ProjectLock::acquire(path, "test-writer");
    const auto who = core::ProjectLock::holder(path);
    ASSERT_TRUE(who);
    EXPECT_NE(who->find("test-writer (process " + std::to_string(getpid()) + ") since "),
              std::string::npos)
        << *who;
    std::string message;
    try {
      core::ProjectLock::acquire(path, "second window");
    } catch (const Error& e) {
      message = e.what();
    }
    EXPECT_NE(message.find("another window of this app"), std::string::npos) << message;
    const pid_t child = fork();  // another program
    ASSERT_GE(child, 0);
    if (child == 0) {
      try {
        core::ProjectLock::acquire(path, "unilearn import");
      } catch (const Error& e) {
        const std::string m = e.what();
        _exit(m.find("is open in test-writer") != std::string::npos &&
                      m.find("another window") == std::string::npos
                  ? 0
                  : 2);
      }
      _exit(1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  }
  EXPECT_FALSE(std::ifstream(lock_file).good());  // released: the file is gone
  EXPECT_FALSE(core::ProjectLock::holder(path));

  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t holder = fork();
  ASSERT_GE(holder, 0);
  if (holder == 0) {
    const auto lock = core::ProjectLock::acquire(path, "doomed writer");
    if (write(ready[1], "x", 1) != 1) _exit(3);
    pause();
    _exit(0);
  }
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  EXPECT_TRUE(core::ProjectLock::holder(path));
  kill(holder, SIGKILL);
  waitpid(holder, nullptr, 0);
  EXPECT_TRUE(std::ifstream(lock_file).good());   // left behind by the killed process ...
  EXPECT_FALSE(core::ProjectLock::holder(path));  // ... and held by nobody
  EXPECT_NO_THROW(core::ProjectLock::acquire(path, "next writer"));
  close(ready[0]);
  close(ready[1]);
}
