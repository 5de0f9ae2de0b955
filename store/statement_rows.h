// Statements: what statement_rows.cc shares with the rest of store/.
// Internal to store/.

#ifndef CT_STORE_STATEMENT_ROWS_H_
#define CT_STORE_STATEMENT_ROWS_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace ct::store {

// The outlet ids of a statement's outlets or own_outlets column ("3 17
// 42"), in its order.
std::vector<int32_t> ParseOutletIds(std::string_view joined);

}  // namespace ct::store

#endif  // CT_STORE_STATEMENT_ROWS_H_
