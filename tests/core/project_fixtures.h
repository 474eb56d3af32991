// Shared helpers of the project tests: raw SQL on a project file, the kind of error an open
// gives, and a window prediction with routing.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/storage/project.h"
#include "model/base/error.h"

namespace unilearn::test {

// Runs `sql` on the file at `path` with SQLite itself, beside the project's own connection.
inline void rawExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  sqlite3_close(db);
}

// The kind of error opening `path` read-only gives (kArgument when it opens), and its message.
inline Error::Kind openKind(const std::string& path, std::string* message = nullptr) {
  try {
    core::Project::open(path, false);
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  return Error::Kind::kArgument;
}

// A 60-frame window of `track` from `start`, happy at 0.6, routing spread evenly over 8 experts in
// 6 layers.
inline core::WindowPrediction window(int64_t analysis, int64_t track, int64_t start) {
  core::WindowPrediction w;
  w.analysis_id = analysis;
  w.track_id = track;
  w.start_frame = start;
  w.end_frame = start + 60;
  w.start_ms = start * 40;
  w.end_ms = (start + 60) * 40;
  w.probs = {0.1f, 0.6f, 0.1f, 0.05f, 0.05f, 0.05f, 0.05f};
  w.top_class = 1;
  w.confidence = 0.6;
  w.entropy = 1.3;
  for (int l = 0; l < 6; ++l) {
    w.expert_share.push_back(std::vector<float>(8, 0.125f));
    w.mean_gate.push_back(std::vector<float>(8, 0.5f + 0.01f * static_cast<float>(l)));
  }
  return w;
}

}  // namespace unilearn::test
