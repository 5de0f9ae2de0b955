#include "store/sqlite.h"

#include <cstring>

namespace ct::store {

Status SqliteError(sqlite3* db, std::string_view path, std::string_view what) {
  std::string msg(what);
  if (!msg.empty()) msg += ": ";
  msg += "database ";
  msg += path;
  int code = db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM;
  std::string detail = db ? sqlite3_errmsg(db) : "out of memory";
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Unavailable(msg + " is locked by another process");
    case SQLITE_FULL:
      return Status::IoError(msg + ": the disk is full");
    case SQLITE_READONLY:
      return Status::IoError(msg + " is read-only");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(msg + " is damaged (" + detail + ")");
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
      return Status::InvalidArgument(msg + ": " + detail);
    case SQLITE_INTERRUPT:
      return Status::Timeout(msg + ": the query ran out of time");
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: {
      int err = db ? sqlite3_system_errno(db) : 0;
      if (err != 0) detail += std::string(" (") + std::strerror(err) + ")";
      return Status::IoError(msg + ": " + detail);
    }
    default:
      return Status::IoError(msg + ": " + detail);
  }
}

bool Stmt::Step(Status* s) {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) *s = SqliteError(db_, *path_, "");
  return false;
}

Status Stmt::Run() {
  Status s;
  while (Step(&s)) {
  }
  return s;
}

Status Transaction::Start(const char* sql, bool nested) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return SqliteError(db_, *path_, "");
  }
  open_ = true;
  nested_ = nested;
  return Status::Ok();
}

Status Transaction::Commit() {
  const char* sql = nested_ ? "RELEASE nested" : "COMMIT";
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return SqliteError(db_, *path_, "");
  }
  open_ = false;
  return Status::Ok();
}

void Transaction::Rollback() {
  if (!open_) return;
  open_ = false;
  if (nested_) {
    // An error may have ended the outer transaction already; then there
    // is no savepoint left to roll back to.
    if (sqlite3_get_autocommit(db_) == 0) {
      sqlite3_exec(db_, "ROLLBACK TO nested", nullptr, nullptr, nullptr);
      sqlite3_exec(db_, "RELEASE nested", nullptr, nullptr, nullptr);
    }
    return;
  }
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

QueryDeadline::QueryDeadline(sqlite3* db, std::chrono::milliseconds limit)
    : db_(db), end_(std::chrono::steady_clock::now() + limit) {
  // Asked every thousand virtual machine steps: often enough to stop within
  // a millisecond, rarely enough to cost nothing measurable.
  sqlite3_progress_handler(
      db_, 1000,
      [](void* self) {
        auto* d = static_cast<QueryDeadline*>(self);
        return std::chrono::steady_clock::now() > d->end_ ? 1 : 0;
      },
      this);
}

QueryDeadline::~QueryDeadline() {
  sqlite3_progress_handler(db_, 0, nullptr, nullptr);
}

}  // namespace ct::store
