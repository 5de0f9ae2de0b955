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

Status Transaction::Start(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return SqliteError(db_, *path_, "");
  }
  open_ = true;
  return Status::Ok();
}

Status Transaction::Commit() {
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return SqliteError(db_, *path_, "");
  }
  open_ = false;
  return Status::Ok();
}

void Transaction::Rollback() {
  if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  open_ = false;
}

}  // namespace ct::store
