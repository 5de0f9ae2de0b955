#include "store/database_file.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "store/sqlite.h"

namespace ct::store {
namespace {

constexpr char kMagic[] = "SQLite format 3";  // With its NUL: 16 bytes.
constexpr size_t kHeaderSize = 100;

// The tables every claimtrack schema has had since version 1.
constexpr const char* kTables[] = {"sources", "articles", "entities", "facts",
                                   "claims"};

std::string Errno() { return std::strerror(errno); }

}  // namespace

Result<DatabaseFile> InspectDatabaseFile(const std::string& path,
                                         int schema_version) {
  DatabaseFile file;
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::NotFound("no database at " + path);
    return Status::IoError("cannot open database " + path + ": " + Errno());
  }
  if (S_ISDIR(st.st_mode)) {
    return Status::InvalidArgument(path + " is a folder, not a database");
  }
  if (st.st_size == 0) {
    file.fresh = true;
    return file;
  }
  // The header by hand first: SQLite would take many files for a database
  // whose first page it has not yet read.
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::IoError("cannot read database " + path + ": " + Errno());
  }
  unsigned char header[kHeaderSize];
  ssize_t n = read(fd, header, sizeof header);
  close(fd);
  if (n != static_cast<ssize_t>(kHeaderSize) ||
      std::memcmp(header, kMagic, sizeof kMagic) != 0) {
    return Status::InvalidArgument(path +
                                   " is not a claimtrack database (not a "
                                   "SQLite file)");
  }

  // Then SQLite, read-only: no pragma that writes, no journal mode switch.
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  SqliteDb db(raw);
  if (rc != SQLITE_OK) return SqliteError(raw, path, "opening");
  sqlite3_busy_timeout(raw, 5000);
  auto read_int = [&](const char* sql, int64_t* out) -> Status {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(raw, sql, -1, &stmt, nullptr) != SQLITE_OK) {
      return SqliteError(raw, path, "reading");
    }
    StmtPtr owned(stmt);
    int step = sqlite3_step(stmt);
    if (step != SQLITE_ROW) return SqliteError(raw, path, "reading");
    *out = sqlite3_column_int64(stmt, 0);
    return Status::Ok();
  };
  int64_t application_id = 0;
  int64_t version = 0;
  CT_RETURN_IF_ERROR(read_int("PRAGMA application_id", &application_id));
  CT_RETURN_IF_ERROR(read_int("PRAGMA user_version", &version));
  std::set<std::string> tables;
  {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(
            raw, "SELECT name FROM sqlite_master WHERE type = 'table'", -1,
            &stmt, nullptr) != SQLITE_OK) {
      return SqliteError(raw, path, "reading");
    }
    StmtPtr owned(stmt);
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
      tables.insert(
          reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    }
    if (step != SQLITE_DONE) return SqliteError(raw, path, "reading");
  }

  if (application_id != 0 && application_id != kApplicationId) {
    return Status::InvalidArgument(
        path + " is another program's SQLite database (application id " +
        std::to_string(application_id) + "), not a claimtrack database");
  }
  if (version < 0) {
    return Status::InvalidArgument("database " + path + " has schema version " +
                                   std::to_string(version) +
                                   ", which no claimtrack writes");
  }
  if (version > schema_version) {
    return Status::InvalidArgument("database " + path + " has schema version " +
                                   std::to_string(version) +
                                   ", newer than this claimtrack (" +
                                   std::to_string(schema_version) + ")");
  }
  if (version == 0) {
    if (!tables.empty()) {
      return Status::InvalidArgument("database " + path +
                                     " is not a claimtrack database");
    }
    file.fresh = true;
    return file;
  }
  for (const char* t : kTables) {
    if (!tables.count(t)) {
      return Status::InvalidArgument("database " + path +
                                     " is not a claimtrack database (no " + t +
                                     " table)");
    }
  }
  file.version = static_cast<int>(version);
  return file;
}

}  // namespace ct::store
