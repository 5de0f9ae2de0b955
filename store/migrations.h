// The schema, as an append-only list of migrations. Migration i brings the
// database from user_version i to i + 1. Never edit a shipped migration:
// append a new one.

#ifndef CT_STORE_MIGRATIONS_H_
#define CT_STORE_MIGRATIONS_H_

#include <vector>

namespace ct::store {

const std::vector<const char*>& Migrations();

}  // namespace ct::store

#endif  // CT_STORE_MIGRATIONS_H_
