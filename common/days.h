// Calendar days as numbers, for comparing dates and counting days between
// them: the day number of an ISO 8601 date, and the date of a day number.
// Howard Hinnant's civil-date algorithms, proleptic Gregorian. Header-only;
// thread-safe pure functions.

#ifndef CT_COMMON_DAYS_H_
#define CT_COMMON_DAYS_H_

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace ct::days {

// Days since 1970-01-01.
inline int64_t FromCivil(int y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// "2025-10-06" for a day number.
inline std::string ToIso(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(y),
                static_cast<int>(m), static_cast<int>(d));
  return buf;
}

// The day of an ISO 8601 date or time ("2025-10-06", "2025-10-06T09:00Z");
// empty when it does not start with a date.
inline std::optional<int64_t> FromIso(std::string_view iso) {
  if (iso.size() < 10) return std::nullopt;
  std::string head(iso.substr(0, 10));
  int y = 0, m = 0, d = 0;
  if (std::sscanf(head.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1 ||
      m < 1 || m > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  return FromCivil(y, m, d);
}

// The year of a day number.
inline int YearOf(int64_t day) { return std::stoi(ToIso(day).substr(0, 4)); }

}  // namespace ct::days

#endif  // CT_COMMON_DAYS_H_
