#include "core/storage/sqlite.h"

#include <sqlite3.h>

#include <cstring>

#include "model/base/error.h"

namespace unilearn::core::sql {

Database::Database(const std::string& path, Mode mode) : path_(path) {
  int flags = SQLITE_OPEN_FULLMUTEX;
  if (mode == Mode::kReadOnly)
    flags |= SQLITE_OPEN_READONLY;
  else if (mode == Mode::kReadWrite)
    flags |= SQLITE_OPEN_READWRITE;
  else
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(Error::Kind::kIo, "cannot open project '" + path + "': " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
}

Database::~Database() {
  sqlite3_close_v2(db_);
}

void Database::fail(int code, const std::string& context) const {
  const int primary = code & 0xFF;
  std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
  Error::Kind kind = Error::Kind::kIo;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) kind = Error::Kind::kFormat;
  if (primary == SQLITE_CONSTRAINT || primary == SQLITE_MISMATCH || primary == SQLITE_ERROR)
    kind = Error::Kind::kArgument;
  std::string hint;
  if (primary == SQLITE_FULL) hint = " (the disk is full: free space and retry; nothing was lost)";
  if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM)
    hint = " (is the location read-only?)";
  throw Error(kind, "project '" + path_ + "': " + msg + hint + " [" + context + "]");
}

void Database::exec(const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) fail(rc, sql.substr(0, 80));
}

Statement Database::prepare(const std::string& sql) {
  return Statement(*this, sql);
}

int64_t Database::lastInsertId() const {
  return sqlite3_last_insert_rowid(db_);
}

int Database::changes() const {
  return sqlite3_changes(db_);
}

Statement::Statement(Database& db, const std::string& sql) : db_(&db), sql_(sql) {
  const int rc = sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &stmt_, nullptr);
  if (rc != SQLITE_OK) db.fail(rc, sql.substr(0, 80));
}

Statement::Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_), sql_(std::move(o.sql_)) {
  o.stmt_ = nullptr;
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Statement& Statement::bind(int i, const std::string& v) {
  sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}
Statement& Statement::bindBlob(int i, const void* data, size_t bytes) {
  sqlite3_bind_blob(stmt_, i, data, static_cast<int>(bytes), SQLITE_TRANSIENT);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const std::string context = sql_.substr(0, 80);
  sqlite3_reset(stmt_);
  db_->fail(rc, context);
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int c) const {
  return sqlite3_column_type(stmt_, c) == SQLITE_NULL;
}
int64_t Statement::integer(int c) const {
  return sqlite3_column_int64(stmt_, c);
}
double Statement::real(int c) const {
  return sqlite3_column_double(stmt_, c);
}
std::string Statement::text(int c) const {
  const auto* t = sqlite3_column_text(stmt_, c);
  return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt_, c)) : "";
}
std::vector<float> Statement::floats(int c) const {
  const int bytes = sqlite3_column_bytes(stmt_, c);
  std::vector<float> v(static_cast<size_t>(bytes) / sizeof(float));
  if (!v.empty()) std::memcpy(v.data(), sqlite3_column_blob(stmt_, c), v.size() * sizeof(float));
  return v;
}

std::string Statement::blob(int c) const {
  const void* data = sqlite3_column_blob(stmt_, c);
  const int bytes = sqlite3_column_bytes(stmt_, c);
  return data ? std::string(static_cast<const char*>(data), static_cast<size_t>(bytes))
              : std::string();
}

Transaction::Transaction(Database& db) : db_(db) {
  db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace unilearn::core::sql
