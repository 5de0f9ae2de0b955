#include "ingest/dates.h"

#include <re2/re2.h>

#include <cstdio>
#include <ctime>
#include <string>

namespace ct::ingest {
namespace {

int MonthNumber(std::string m) {
  for (char& c : m) c = static_cast<char>(std::tolower(c));
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  if (m.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    if (m.compare(0, 3, kMonths[i]) == 0) return i + 1;
  }
  return 0;
}

// Offset of a zone name or "+hhmm" / "+hh:mm" in seconds; false if unknown.
bool ZoneOffset(std::string zone, long* seconds) {
  if (zone.empty()) {
    *seconds = 0;
    return true;
  }
  if (zone[0] == '+' || zone[0] == '-') {
    std::string digits;
    for (char c : zone) {
      if (c >= '0' && c <= '9') digits += c;
    }
    if (digits.size() == 2) digits += "00";
    if (digits.size() != 4) return false;
    long h = std::stol(digits.substr(0, 2));
    long m = std::stol(digits.substr(2, 2));
    if (h > 23 || m > 59) return false;
    *seconds = (zone[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
    return true;
  }
  for (char& c : zone) c = static_cast<char>(std::toupper(c));
  struct Named {
    const char* name;
    int hours;
  };
  static const Named kZones[] = {
      {"Z", 0},    {"UT", 0},   {"UTC", 0},  {"GMT", 0},  {"EST", -5},
      {"EDT", -4}, {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6},
      {"PST", -8}, {"PDT", -7}, {"BST", 1},  {"CET", 1},  {"CEST", 2},
  };
  for (const Named& z : kZones) {
    if (zone == z.name) {
      *seconds = z.hours * 3600L;
      return true;
    }
  }
  return false;
}

bool DaysOk(int y, int mo, int d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  if (d > kDays[mo - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(mo == 2 && d == 29 && !leap);
}

std::string Format(int y, int mo, int d, int h, int mi, int s, long offset) {
  if (!DaysOk(y, mo, d) || h > 24 || mi > 59 || s > 60) return "";
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  std::time_t t = timegm(&tm) - offset;
  std::tm out{};
  gmtime_r(&t, &out);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &out);
  return buf;
}

}  // namespace

std::string NormalizeDate(std::string_view in) {
  // ISO 8601 / RFC 3339, with a space or T, optional seconds and fraction.
  static const RE2 kIso(
      "\\s*(\\d{4})-(\\d{1,2})-(\\d{1,2})"
      "(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?\\s*"
      "(Z|z|[+-]\\d{2}:?\\d{2}|[+-]\\d{2}|[A-Za-z]{1,4})?)?\\s*");
  // RFC 822 and its common variants: weekday optional, 2-digit years, zone
  // names or numbers.
  static const RE2 kRfc822(
      "\\s*(?:[A-Za-z]{3,9},?\\s+)?(\\d{1,2})\\s+([A-Za-z]{3,9})\\.?\\s+"
      "(\\d{2,4})(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?\\s*"
      "([A-Za-z]{1,4}|[+-]\\d{4}|[+-]\\d{2}:\\d{2})?\\s*");
  // "October 6, 2025" and "Oct 6 2025 09:30".
  static const RE2 kWritten(
      "\\s*(?:[A-Za-z]{3,9},?\\s+)?([A-Za-z]{3,9})\\.?\\s+(\\d{1,2}),?\\s+"
      "(\\d{4})(?:,?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?\\s*"
      "([A-Za-z]{1,4}|[+-]\\d{4})?\\s*");
  re2::StringPiece text(in.data(), in.size());
  int y = 0, mo = 0, d = 0;
  std::string h, mi, s, zone, month;
  auto num = [](const std::string& v) { return v.empty() ? 0 : std::stoi(v); };
  long offset = 0;
  if (RE2::FullMatch(text, kIso, &y, &mo, &d, &h, &mi, &s, &zone)) {
    if (!ZoneOffset(zone, &offset)) return "";
    return Format(y, mo, d, num(h), num(mi), num(s), offset);
  }
  std::string year;
  if (RE2::FullMatch(text, kRfc822, &d, &month, &year, &h, &mi, &s, &zone)) {
    mo = MonthNumber(month);
    y = num(year);
    if (year.size() == 2) y += y < 70 ? 2000 : 1900;
    if (mo == 0 || !ZoneOffset(zone, &offset)) return "";
    return Format(y, mo, d, num(h), num(mi), num(s), offset);
  }
  if (RE2::FullMatch(text, kWritten, &month, &d, &y, &h, &mi, &s, &zone)) {
    mo = MonthNumber(month);
    if (mo == 0 || !ZoneOffset(zone, &offset)) return "";
    return Format(y, mo, d, num(h), num(mi), num(s), offset);
  }
  return "";
}

}  // namespace ct::ingest
