#include "ingest/dates.h"

#include <re2/re2.h>

#include <cstdio>
#include <ctime>
#include <string>

namespace ct::ingest {
namespace {

int MonthNumber(std::string m) {
  for (char& c : m) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  if (m.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    if (m.compare(0, 3, kMonths[i]) == 0) return i + 1;
  }
  // Greek feeds abbreviate months in Greek, with or without the accent.
  struct Greek {
    const char* prefix;
    int month;
  };
  static const Greek kGreek[] = {
      {"Ιαν", 1},  {"Φεβ", 2},  {"Μάρ", 3},  {"Μαρ", 3},  {"Απρ", 4},
      {"Μάι", 5},  {"Μαΐ", 5},  {"Μαι", 5},  {"Μάϊ", 5},  {"Ιούν", 6},
      {"Ιουν", 6}, {"Ιούλ", 7}, {"Ιουλ", 7}, {"Αύγ", 8},  {"Αυγ", 8},
      {"Σεπ", 9},  {"Οκτ", 10}, {"Νοέ", 11}, {"Νοε", 11}, {"Δεκ", 12}};
  for (const Greek& g : kGreek) {
    if (m.rfind(g.prefix, 0) == 0) return g.month;
  }
  return 0;
}

// Offset of "+hhmm" / "+hh:mm" / "+hh" in seconds; false if malformed.
bool NumericOffset(const std::string& zone, long* seconds) {
  std::string digits;
  for (char c : zone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  if (digits.size() == 1 || digits.size() == 3) digits = "0" + digits;
  if (digits.size() == 2) digits += "00";
  if (digits.size() != 4) return false;
  long h = std::stol(digits.substr(0, 2));
  long m = std::stol(digits.substr(2, 2));
  if (h > 23 || m > 59) return false;
  *seconds = (zone[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
  return true;
}

// Offset of a zone in seconds: a name, a number, or a name and a number
// ("GMT-01:01", "Etc/GMT"); false if unknown.
bool ZoneOffset(std::string zone, long* seconds) {
  if (zone.empty()) {
    *seconds = 0;
    return true;
  }
  if (zone[0] == '+' || zone[0] == '-') return NumericOffset(zone, seconds);
  // The tz database's Etc/GMT+5 is five hours *behind* UTC (POSIX signs).
  bool posix = zone.rfind("Etc/", 0) == 0;
  if (posix) zone.erase(0, 4);
  long extra = 0;
  size_t sign = zone.find_first_of("+-");
  if (sign != std::string::npos) {
    if (!NumericOffset(zone.substr(sign), &extra)) return false;
    if (posix) extra = -extra;
    zone.erase(sign);
  }
  for (char& c : zone) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  struct Named {
    const char* name;
    int hours;
  };
  // Names that mean one offset only. The North American generic names
  // (ET, PT, ...) take standard time, as RFC 822 readers conventionally do.
  static const Named kZones[] = {
      {"Z", 0},     {"UT", 0},    {"UTC", 0},   {"GMT", 0},  {"WET", 0},
      {"EST", -5},  {"EDT", -4},  {"CST", -6},  {"CDT", -5}, {"MST", -7},
      {"MDT", -6},  {"PST", -8},  {"PDT", -7},  {"AST", -4}, {"ADT", -3},
      {"AT", -4},   {"ET", -5},   {"CT", -6},   {"MT", -7},  {"PT", -8},
      {"AKST", -9}, {"AKDT", -8}, {"HST", -10}, {"BST", 1},  {"CET", 1},
      {"CEST", 2},  {"MET", 1},   {"MEST", 2},  {"WEST", 1}, {"EET", 2},
      {"EEST", 3},  {"MSK", 3},   {"JST", 9},   {"KST", 9},  {"AEST", 10},
      {"AEDT", 11}, {"NZST", 12}, {"NZDT", 13},
  };
  for (const Named& z : kZones) {
    if (zone == z.name) {
      *seconds = z.hours * 3600L + extra;
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
  // The offset (or hour 24) can carry a date in range out of it: "1900-01-01
  // 00:00 +02:00" is 1899 in UTC. We answer only what we would read back.
  int year = out.tm_year + 1900;
  if (year < 1900 || year > 2200) return "";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &out);
  return buf;
}

}  // namespace

std::string NormalizeDate(std::string_view in) {
  // A zone: a name, a number, or both ("GMT-01:01", "Etc/GMT").
  static const std::string kZone =
      "((?:Etc/)?[A-Za-z]{1,5}(?:[+-]\\d{1,2}(?::?\\d{2})?)?|"
      "[+-]\\d{2}(?::?\\d{2})?)";
  static const std::string kTime =
      "(\\d{1,2}):(\\d{2})(?::(\\d{2}))?";  // Hours, minutes, seconds.
  // ISO 8601 / RFC 3339 / W3C-DTF: year, year-month or a full date, then
  // optionally a time (space or T) with optional seconds, fraction and
  // zone. Some feeds pad the month to three digits.
  static const RE2 kIso(
      "\\s*(\\d{4})(?:-(\\d{1,3})(?:-(\\d{1,2}))?)?"
      "(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?\\s*" +
      kZone + "?)?\\s*");
  // RFC 822 and its common variants: weekday optional (in any language,
  // with or without a space after its comma), a comma after the month,
  // 2-digit years, zone names or numbers.
  static const RE2 kRfc822(
      "\\s*(?:[^\\s\\d,]+,?\\s*)?(\\d{1,2})\\s+"
      "([^\\s\\d,.]+)\\.?,?\\s+(\\d{2,4})(?:,?\\s+" +
      kTime + ")?\\s*" + kZone + "?\\s*");
  // "October 6, 2025", "Oct 6 2025 09:30", "Thu Aug 30 2012 17:26:16
  // +0200".
  static const RE2 kWritten(
      "\\s*(?:[A-Za-z]{3,9},?\\s+)?([A-Za-z]{3,9})\\.?\\s+(\\d{1,2}),?\\s+"
      "(\\d{4})(?:,?\\s+" +
      kTime + ")?\\s*" + kZone + "?\\s*");
  // C's asctime(), "Sun Jan  4 16:29:06 2004", sometimes with a zone
  // before the year.
  static const RE2 kAsctime(
      "\\s*(?:[A-Za-z]{3,9},?\\s+)?([A-Za-z]{3,9})\\s+(\\d{1,2})\\s+" + kTime +
      "\\s+(?:" + kZone + "\\s+)?(\\d{4})\\s*");
  // "Fri, 2006/09/15 08:19:53 EDT" (Perforce): the year comes first, so
  // day and month cannot be confused.
  static const RE2 kSlashed(
      "\\s*(?:[A-Za-z]{3,9},?\\s+)?(\\d{4})/(\\d{1,2})/(\\d{1,2})(?:\\s+" +
      kTime + ")?\\s*" + kZone + "?\\s*");
  re2::StringPiece text(in.data(), in.size());
  int y = 0, d = 0;
  std::string h, mi, s, zone, month, year, day;
  auto num = [](const std::string& v) { return v.empty() ? 0 : std::stoi(v); };
  long offset = 0;
  if (RE2::FullMatch(text, kIso, &y, &month, &day, &h, &mi, &s, &zone)) {
    if (!ZoneOffset(zone, &offset)) return "";
    int mo = month.empty() ? 1 : num(month);
    return Format(y, mo, day.empty() ? 1 : num(day), num(h), num(mi), num(s),
                  offset);
  }
  if (RE2::FullMatch(text, kRfc822, &d, &month, &year, &h, &mi, &s, &zone)) {
    int mo = MonthNumber(month);
    y = num(year);
    if (year.size() == 2) y += y < 70 ? 2000 : 1900;
    if (mo == 0 || !ZoneOffset(zone, &offset)) return "";
    return Format(y, mo, d, num(h), num(mi), num(s), offset);
  }
  if (RE2::FullMatch(text, kWritten, &month, &d, &y, &h, &mi, &s, &zone)) {
    int mo = MonthNumber(month);
    if (mo == 0 || !ZoneOffset(zone, &offset)) return "";
    return Format(y, mo, d, num(h), num(mi), num(s), offset);
  }
  if (RE2::FullMatch(text, kAsctime, &month, &d, &h, &mi, &s, &zone, &y)) {
    int mo = MonthNumber(month);
    if (mo == 0 || !ZoneOffset(zone, &offset)) return "";
    return Format(y, mo, d, num(h), num(mi), num(s), offset);
  }
  if (RE2::FullMatch(text, kSlashed, &y, &month, &d, &h, &mi, &s, &zone)) {
    if (!ZoneOffset(zone, &offset)) return "";
    return Format(y, num(month), d, num(h), num(mi), num(s), offset);
  }
  return "";
}

}  // namespace ct::ingest
