// What a database file holds, read before anything may write to it.
//
// Opening a file with SQLite and setting pragmas can change it (journal
// mode, a new header), so ClaimStore::Open first reads the file with plain
// reads and a read-only connection, and refuses what is not a claimtrack
// database while the file is still byte for byte as it was.
//
// Internal to store/. Thread-safe: no shared state.

#ifndef CT_STORE_DATABASE_FILE_H_
#define CT_STORE_DATABASE_FILE_H_

#include <cstdint>
#include <string>

#include "common/status.h"

namespace ct::store {

// claimtrack's PRAGMA application_id: "ClTk".
constexpr int32_t kApplicationId = 0x436C546B;

struct DatabaseFile {
  // No file, an empty file, or a SQLite database without any table: a
  // database to create.
  bool fresh = false;
  int version = 0;  // PRAGMA user_version of a claimtrack database.
};

// Inspects the file at `path` (not ":memory:"). `schema_version` is the
// newest version this build knows. Errors name `path`: NotFound when there
// is no file; InvalidArgument for a folder, a file that is not SQLite,
// another program's database, or a schema version that no claimtrack of
// this age writes (negative or newer); IoError when it cannot be read.
Result<DatabaseFile> InspectDatabaseFile(const std::string& path,
                                         int schema_version);

}  // namespace ct::store

#endif  // CT_STORE_DATABASE_FILE_H_
