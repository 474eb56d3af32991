// A thin RAII layer over SQLite: a connection, prepared statements, transactions. Every SQLite
// failure becomes unilearn::Error with the statement and SQLite's message (kIo for disk-level
// failures such as a full disk or a read-only location, kFormat for a damaged file).
// Thread-safety: a Database and its statements belong to one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace unilearn::core::sql {

class Statement;

class Database {
 public:
  enum class Mode { kReadOnly, kReadWrite, kCreate };
  Database(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const std::string& sql);
  Statement prepare(const std::string& sql);
  int64_t lastInsertId() const;
  int changes() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

  [[noreturn]] void fail(int code, const std::string& context) const;

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Database& db, const std::string& sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding is 1-based, as in SQLite. Returns *this for chaining.
  Statement& bind(int index, int64_t v);
  Statement& bind(int index, double v);
  Statement& bind(int index, const std::string& v);
  Statement& bindNull(int index);
  Statement& bindBlob(int index, const void* data, size_t bytes);
  Statement& bindFloats(int index, const std::vector<float>& v) {
    return bindBlob(index, v.data(), v.size() * sizeof(float));
  }
  // Binds `params...` to the placeholders from the first, in order.
  template <class... P>
  Statement& bindAll(const P&... params) {
    int index = 1;
    (bind(index++, params), ...);
    return *this;
  }

  // Steps once: true when a row is available.
  bool step();
  // Steps to completion (for INSERT/UPDATE/DELETE), then resets for reuse.
  void run();
  void reset();

  bool isNull(int col) const;
  int64_t integer(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  std::vector<float> floats(int col) const;
  std::string blob(int col) const;  // empty for NULL

  // The current row's columns, from the first, into `out...` in order: int64_t, int, double,
  // std::string, std::vector<float>, std::optional<int64_t> (NULL: none). One call per row
  // instead of a line per column: the fields follow the SELECT's order, nobody counts indexes.
  template <class... T>
  void read(T&... out) const {
    int col = 0;
    (column(col++, out), ...);
  }

  // Every row the statement returns, as a T each: `fields(t)` ties t's members in the SELECT's
  // order (std::tie) and read() fills them. The one loop of every query that returns rows.
  template <class T, class Fields>
  std::vector<T> rows(Fields fields) {
    std::vector<T> out;
    while (step()) {
      T t{};
      std::apply([this](auto&... f) { read(f...); }, fields(t));
      out.push_back(std::move(t));
    }
    return out;
  }

  // The first column of every row (ids, names).
  template <class T>
  std::vector<T> firstColumn() {
    return rows<T>([](T& v) { return std::tie(v); });
  }

 private:
  void column(int col, int64_t& v) const { v = integer(col); }
  void column(int col, int& v) const { v = static_cast<int>(integer(col)); }
  void column(int col, double& v) const { v = real(col); }
  void column(int col, std::string& v) const { v = text(col); }
  void column(int col, std::vector<float>& v) const { v = floats(col); }
  void column(int col, std::optional<int64_t>& v) const {
    v = isNull(col) ? std::nullopt : std::optional<int64_t>(integer(col));
  }

  Database* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

// Begins on construction (IMMEDIATE: takes the write lock now); rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace unilearn::core::sql
