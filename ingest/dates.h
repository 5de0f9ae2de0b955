// Dates as feeds and pages write them, to RFC 3339 in UTC.
//
//   "2025-10-06T09:30:00+02:00"       -> "2025-10-06T07:30:00Z"
//   "Mon, 06 Oct 2025 09:30:00 GMT"   -> "2025-10-06T09:30:00Z"
//   "2025-10-06"                      -> "2025-10-06T00:00:00Z"
//
// What cannot be read gives an empty string: a date is never guessed.
// Thread-safe: pure functions.

#ifndef CT_INGEST_DATES_H_
#define CT_INGEST_DATES_H_

#include <string>
#include <string_view>

namespace ct::ingest {

std::string NormalizeDate(std::string_view text);

}  // namespace ct::ingest

#endif  // CT_INGEST_DATES_H_
