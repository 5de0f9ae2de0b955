// RAII for SQLite handles, and a statement wrapper that binds and reads by
// position. Internal to store/: no other folder sees sqlite3 types.

#ifndef CT_STORE_SQLITE_H_
#define CT_STORE_SQLITE_H_

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace ct::store {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteDb = std::unique_ptr<sqlite3, SqliteCloser>;

struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// The error of the last call on `db`, as a user reads it: it names the
// database at `path`, says what went wrong in words ("is locked by another
// process", "disk is full") and never holds SQL. `what` goes in front when
// it is not empty: "storing https://...: database x.db is locked ...".
// Codes: Unavailable (locked, busy), IoError (disk full, read-only, I/O),
// Corruption (damaged file), InvalidArgument (a constraint failed).
Status SqliteError(sqlite3* db, std::string_view path, std::string_view what);

// A prepared statement borrowed from the store's cache. Binds by position
// from 1; reset when the Stmt goes out of scope, so the cached statement is
// ready for its next use.
class Stmt {
 public:
  // `path` names the database in errors and must outlive the Stmt.
  Stmt(sqlite3* db, sqlite3_stmt* stmt, const std::string* path)
      : db_(db), stmt_(stmt), path_(path) {}
  ~Stmt() {
    if (stmt_ != nullptr) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Bind(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const std::string& v) {
    return Bind(i, std::string_view(v));
  }
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, bool v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  Stmt& Bind(int i, std::optional<double> v) {
    if (v) return Bind(i, *v);
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  Stmt& BindNull(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  // Empty text binds NULL: for optional references and dates.
  Stmt& BindOrNull(int i, std::string_view v) {
    return v.empty() ? BindNull(i) : Bind(i, v);
  }
  Stmt& BindOrNull(int i, int64_t v) { return v ? Bind(i, v) : BindNull(i); }

  // Makes the statement ready to bind and run again.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  // Steps once. Returns true with a row, false when done; an error sets *s.
  bool Step(Status* s);
  // Runs to completion; for statements without rows.
  Status Run();

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const {
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
  }
  std::optional<double> OptDouble(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Double(col);
  }
  // The text of `col`, valid until the next Step, Reset or column call.
  std::string_view View(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::string_view(reinterpret_cast<const char*>(p),
                                static_cast<size_t>(n))
             : std::string_view();
  }
  std::string Text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), n) : std::string();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  const std::string* path_;
};

// While it lives, a statement on `db` that runs past `limit` is interrupted
// and fails with Timeout: for answers that are worth giving only when they
// come quickly, such as a listing's counts.
class QueryDeadline {
 public:
  QueryDeadline(sqlite3* db, std::chrono::milliseconds limit);
  ~QueryDeadline();
  QueryDeadline(const QueryDeadline&) = delete;
  QueryDeadline& operator=(const QueryDeadline&) = delete;

 private:
  sqlite3* db_;
  std::chrono::steady_clock::time_point end_;
};

// Rolls back unless committed, so every early return leaves nothing behind.
class Transaction {
 public:
  // `path` names the database in errors and must outlive the Transaction.
  Transaction(sqlite3* db, const std::string* path) : db_(db), path_(path) {}
  ~Transaction() { Rollback(); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // A write transaction: takes the write lock now, waiting out another
  // writer for the busy timeout, so that later statements never fail on it.
  Status Begin() { return Start("BEGIN IMMEDIATE", false); }
  // A read transaction: every read until Commit sees one snapshot.
  Status BeginRead() { return Start("BEGIN", false); }
  // A savepoint inside a transaction that is already open: Commit keeps
  // its writes in that transaction, Rollback undoes only them.
  Status BeginNested() { return Start("SAVEPOINT nested", true); }
  Status Commit();
  void Rollback();
  // Leaves the transaction open and forgets it: another owner ends it.
  void Release() { open_ = false; }
  bool open() const { return open_; }

 private:
  Status Start(const char* sql, bool nested);

  sqlite3* db_;
  const std::string* path_;
  bool open_ = false;
  bool nested_ = false;
};

}  // namespace ct::store

#endif  // CT_STORE_SQLITE_H_
