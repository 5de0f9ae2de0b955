#include "web/format.h"

#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/text.h"

namespace ct::web {
namespace {

// Up to `digits` significant decimals, without trailing zeros.
std::string Trimmed(double v, int decimals) {
  char buf[400];  // Room for any double in fixed notation.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v,
                                 std::chars_format::fixed, decimals);
  std::string s(buf, ec == std::errc() ? end : buf);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string Grouped(double v) {
  if (std::fabs(v) >= 1e15 || std::fabs(v - std::round(v)) > 1e-9) {
    return Trimmed(v, 3);
  }
  long long n = std::llround(v);
  bool negative = n < 0;
  std::string digits = std::to_string(negative ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string Scaled(double v, const char* const* names, const double* steps,
                   int n, const char* base) {
  for (int i = 0; i < n; ++i) {
    if (std::fabs(v) >= steps[i]) {
      return Trimmed(v / steps[i], 3) + " " + names[i];
    }
  }
  return Trimmed(v, 3) + " " + base;
}

std::string Money(double v, std::string_view unit) {
  static const char* kWords[] = {"trillion", "billion", "million"};
  static const double kSteps[] = {1e12, 1e9, 1e6};
  std::string sign = v < 0 ? "-" : "";
  double a = std::fabs(v);
  std::string amount;
  for (int i = 0; i < 3; ++i) {
    if (a >= kSteps[i]) {
      amount = Trimmed(a / kSteps[i], 3) + " " + kWords[i];
      break;
    }
  }
  if (amount.empty()) amount = Grouped(a);
  if (unit == "USD") return sign + "$" + amount;
  if (unit == "EUR") return sign + "€" + amount;
  if (unit == "GBP") return sign + "£" + amount;
  return sign + amount + " " + std::string(unit);
}

}  // namespace

std::string PlainNumber(double v) {
  if (std::fabs(v) < 1e15 && std::fabs(v - std::round(v)) < 1e-9) {
    return std::to_string(std::llround(v));
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

std::string PlainNumber(const std::optional<double>& v) {
  return v ? PlainNumber(*v) : std::string();
}

std::string FormatValue(double v, std::string_view unit,
                        std::string_view noun) {
  if (unit == "W") {
    static const char* kNames[] = {"TW", "GW", "MW", "kW"};
    static const double kSteps[] = {1e12, 1e9, 1e6, 1e3};
    return Scaled(v, kNames, kSteps, 4, "W");
  }
  if (unit == "Wh") {
    static const char* kNames[] = {"TWh", "GWh", "MWh", "kWh"};
    static const double kSteps[] = {1e12, 1e9, 1e6, 1e3};
    return Scaled(v, kNames, kSteps, 4, "Wh");
  }
  if (unit == "B") {
    static const char* kNames[] = {"PB", "TB", "GB", "MB"};
    static const double kSteps[] = {1e15, 1e12, 1e9, 1e6};
    return Scaled(v, kNames, kSteps, 4, "B");
  }
  if (unit.size() == 3 && unit[0] >= 'A' && unit[0] <= 'Z' && unit[1] >= 'A' &&
      unit[1] <= 'Z' && unit[2] >= 'A' && unit[2] <= 'Z') {
    return Money(v, unit);
  }
  if (unit == "percent") return Trimmed(v, 2) + "%";
  if (unit == "percentage_point") return Trimmed(v, 2) + " pp";
  if (unit == "ratio") return Trimmed(v, 2) + "x";
  if (unit == "gpu") {
    std::string n = noun.empty() ? "GPU" : std::string(noun);
    return Grouped(v) + " " + n + (v == 1 ? "" : "s");
  }
  if (unit == "count") {
    std::string n = Grouped(v);
    return noun.empty() ? n : n + " " + std::string(noun);
  }
  // A unit that is a word counts like one: "5 years", "160,000,000 shares".
  std::string word(unit);
  bool letters =
      !word.empty() && std::all_of(word.begin(), word.end(),
                                   [](char c) { return c >= 'a' && c <= 'z'; });
  if (letters && v != 1 && word.back() != 's') word += 's';
  return (letters ? Grouped(v) : Trimmed(v, 3)) + " " + word;
}

std::string FormatClaimValue(const extract::Claim& c) {
  if (c.value) return FormatValue(*c.value, c.unit, c.noun);
  if (c.low && c.high) {
    return FormatValue(*c.low, c.unit, c.noun) + " to " +
           FormatValue(*c.high, c.unit, c.noun);
  }
  return c.surface;
}

std::string FormatInterval(const extract::Claim& c) {
  std::string out = c.low && c.low_inclusive ? "[" : "(";
  out += c.low ? FormatValue(*c.low, c.unit, c.noun) : "-∞";
  out += ", ";
  out += c.high ? FormatValue(*c.high, c.unit, c.noun) : "∞";
  out += c.high && c.high_inclusive ? "]" : ")";
  return out;
}

std::string QualifiedValue(const extract::Claim& c) {
  std::string_view words;
  switch (c.qualifier) {
    case extract::Qualifier::kApprox:
      words = "about ";
      break;
    case extract::Qualifier::kAtLeast:
      words = "at least ";
      break;
    case extract::Qualifier::kMoreThan:
      words = "more than ";
      break;
    case extract::Qualifier::kAtMost:
      words = "at most ";
      break;
    case extract::Qualifier::kLessThan:
      words = "less than ";
      break;
    case extract::Qualifier::kUpTo:
      words = "up to ";
      break;
    case extract::Qualifier::kExact:
    case extract::Qualifier::kRange:
      break;
  }
  return std::string(words) + FormatClaimValue(c);
}

double SortValue(const extract::Claim& c) {
  if (c.value) return *c.value;
  if (c.low && c.high) return (*c.low + *c.high) / 2;
  if (c.low) return *c.low;
  if (c.high) return *c.high;
  return 0;
}

std::vector<std::string> ValuesByNumber(const store::FactRow& fact) {
  std::vector<std::pair<double, std::string>> values;
  for (const store::ClaimRow& r : fact.claims) {
    values.emplace_back(SortValue(r.claim), QualifiedValue(r.claim));
  }
  std::sort(values.begin(), values.end());
  std::vector<std::string> out;
  for (auto& [number, text] : values) {
    if (std::find(out.begin(), out.end(), text) == out.end()) {
      out.push_back(std::move(text));
    }
  }
  return out;
}

std::string ReadableMetric(std::string_view metric) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"gpu_count", "GPU count"},
      {"power_capacity", "power capacity"},
      {"rate_limit_change", "rate limit change"},
      {"usage_time", "usage time"},
      {"other", "other figure"},
  };
  for (const auto& [id, name] : kNames) {
    if (id == metric) return std::string(name);
  }
  std::string out(metric);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::string ReadableDate(std::string_view iso) {
  static const char* kMonths[] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  int y = 0, m = 0, d = 0;
  auto digits = [&](size_t at, size_t n, int* out) {
    if (iso.size() < at + n) return false;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return false;
      v = v * 10 + (iso[i] - '0');
    }
    *out = v;
    return true;
  };
  if (!digits(0, 4, &y) || iso.size() < 10 || iso[4] != '-' || iso[7] != '-' ||
      !digits(5, 2, &m) || !digits(8, 2, &d) || m < 1 || m > 12 || d < 1 ||
      d > 31) {
    return std::string(iso);
  }
  return std::to_string(d) + " " + kMonths[m - 1] + " " + std::to_string(y);
}

std::string ReadableReason(std::string_view reason) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"rounding", "within rounding"},
      {"ceiling", "a ceiling against the base"},
      {"time", "changed over time"},
      {"scale_slip", "scale slip"},
      {"garbled", "garbled digits"},
      {"unit_confusion", "wrong unit"},
      {"conflict", "true conflict"},
  };
  for (const auto& [id, name] : kNames) {
    if (id == reason) return std::string(name);
  }
  return std::string(reason);
}

namespace {

std::string Outlets(size_t n) {
  return n == 1 ? "1 outlet" : std::to_string(n) + " outlets";
}

// "A, B and C".
std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

std::string FactSummary(const store::FactRow& f) {
  std::vector<std::string> outliers;  // "Ferrous Wire's 8 GW".
  std::vector<std::string> outlier_sources, others, all;
  for (const store::ClaimRow& r : f.claims) {
    std::vector<std::string>& side = r.outlier ? outlier_sources : others;
    if (std::find(side.begin(), side.end(), r.source) == side.end()) {
      side.push_back(r.source);
      if (r.outlier) {
        outliers.push_back(r.source + "'s " + FormatClaimValue(r.claim));
      }
    }
    if (std::find(all.begin(), all.end(), r.source) == all.end()) {
      all.push_back(r.source);
    }
  }
  std::string consensus =
      f.consensus ? FormatValue(*f.consensus, f.unit, f.noun) : "";
  std::string who = JoinNames(outliers);
  if (f.status == "single") {
    return "Only " + (all.empty() ? std::string("one source") : all.front()) +
           " reports this figure.";
  }
  if (f.status == "agree") {
    return Outlets(all.size()) + " report the same " + consensus + ".";
  }
  if (f.reason == "time") {
    return "The figure changed between reports a month or more apart; the "
           "latest is " +
           consensus + ".";
  }
  if (f.reason == "ceiling") {
    return "An \"up to\" figure is a ceiling that holds the " + consensus +
           " the other sources report.";
  }
  if (f.status == "compatible") {
    return "The values differ only within their written precision or "
           "qualifiers: " +
           Outlets(all.size()) + " are consistent with " + consensus + ".";
  }
  if (outliers.empty()) {
    return "The sources disagree and neither side has more support: " +
           Outlets(all.size()) + " report different figures.";
  }
  std::string verb = outliers.size() == 1 ? "disagrees" : "disagree";
  if (f.reason == "scale_slip") {
    return who + " looks like a slip of scale: " + Outlets(others.size()) +
           " report " + consensus + ".";
  }
  if (f.reason == "unit_confusion") {
    return who + " has the digits of " + consensus + " in the wrong unit, " +
           "which " + Outlets(others.size()) + " report.";
  }
  if (f.reason == "garbled") {
    return who + " has the digits of " + consensus + " regrouped, which " +
           Outlets(others.size()) + " report.";
  }
  return who + " " + verb + " with the " + consensus + " that " +
         Outlets(others.size()) + " report.";
}

void AppendEscaped(std::string* out, std::string_view s) {
  // The text between two special characters goes in one append.
  size_t plain = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char* entity = nullptr;
    switch (s[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&#39;";
        break;
      default:
        continue;
    }
    out->append(s.substr(plain, i - plain));
    *out += entity;
    plain = i + 1;
  }
  out->append(s.substr(plain));
}

std::string EscapeHtml(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  AppendEscaped(&out, s);
  return out;
}

namespace {

// "-5", "+1.25e9": a number, which a spreadsheet reads as one.
bool PlainNumber(std::string_view s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::string copy(s);
  std::strtod(copy.c_str(), &end);
  return end != nullptr && *end == '\0' &&
         copy.find_first_of("0123456789") != std::string::npos;
}

}  // namespace

std::string CsvField(std::string_view s) {
  std::string neutral;
  if (!s.empty() &&
      (s.front() == '=' || s.front() == '+' || s.front() == '-' ||
       s.front() == '@' || s.front() == '\t' || s.front() == '\r') &&
      !PlainNumber(s)) {
    neutral = "'" + std::string(s);
    s = neutral;
  }
  bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string CsvRow(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += CsvField(fields[i]);
  }
  out += "\r\n";
  return out;
}

std::string ClaimsCsvHeader() {
  return CsvRow({"claim_id",    "article_id", "source",   "url",
                 "published",   "surface",    "number",   "written_unit",
                 "value",       "low",        "high",     "unit",
                 "noun",        "qualifier",  "change",   "metric",
                 "subject",     "object",     "time",     "fact_id",
                 "fact_status", "outlier",    "in_title", "sentence"});
}

std::string ClaimCsvRow(const store::ClaimRow& r) {
  const extract::Claim& c = r.claim;
  return CsvRow({std::to_string(r.id),
                 std::to_string(r.article_id),
                 r.source,
                 r.url,
                 r.published,
                 c.surface,
                 PlainNumber(c.number),
                 c.written_unit,
                 PlainNumber(c.value),
                 PlainNumber(c.low),
                 PlainNumber(c.high),
                 c.unit,
                 c.noun,
                 std::string(extract::QualifierName(c.qualifier)),
                 c.change,
                 c.metric,
                 c.subject,
                 c.object,
                 c.time,
                 r.fact_id ? std::to_string(r.fact_id) : "",
                 r.fact_status,
                 r.outlier ? "true" : "false",
                 c.in_title ? "true" : "false",
                 c.sentence});
}

std::string ClaimsCsv(const std::vector<store::ClaimRow>& claims) {
  std::string out = ClaimsCsvHeader();
  for (const store::ClaimRow& r : claims) out += ClaimCsvRow(r);
  return out;
}

std::string FactsCsvHeader() {
  return CsvRow({"id", "subject", "object", "parties", "metric", "facet",
                 "unit", "time", "status", "reason", "consensus", "sources",
                 "independent_sources", "first_reported", "claims", "outliers",
                 "values"});
}

std::string FactCsvRow(const store::FactRow& f) {
  // The outlets that are outliers, by name, each once.
  std::vector<std::string> outlier_names;
  std::string values;
  for (const store::ClaimRow& r : f.claims) {
    if (r.outlier && std::find(outlier_names.begin(), outlier_names.end(),
                               r.source) == outlier_names.end()) {
      outlier_names.push_back(r.source);
    }
    if (!values.empty()) values += "; ";
    values += r.source + ": " + r.claim.surface;
  }
  std::string outliers;
  for (const std::string& o : outlier_names) {
    outliers += (outliers.empty() ? "" : "; ") + o;
  }
  std::string parties;
  for (const std::string& p : f.parties) {
    parties += (parties.empty() ? "" : "; ") + p;
  }
  char consensus[32] = "";
  if (f.consensus)
    std::snprintf(consensus, sizeof consensus, "%.10g", *f.consensus);
  return CsvRow({std::to_string(f.id), f.subject, f.object, parties, f.metric,
                 f.facet, f.unit, f.time, f.status, f.reason, consensus,
                 std::to_string(f.sources),
                 std::to_string(f.independent_sources), f.first_reported,
                 std::to_string(f.claim_count), outliers, values});
}

std::string FactsCsv(const std::vector<store::FactRow>& facts) {
  std::string out = FactsCsvHeader();
  for (const store::FactRow& f : facts) out += FactCsvRow(f);
  return out;
}

std::string ArticlesCsvHeader() {
  return CsvRow({"id", "url", "canonical_url", "title", "author", "published",
                 "source", "claims"});
}

std::string ArticleCsvRow(const store::ArticleRow& a) {
  return CsvRow({std::to_string(a.id), a.url, a.canonical_url, a.title,
                 a.author, a.published, a.source, std::to_string(a.claims)});
}

std::string ArticlesCsv(const std::vector<store::ArticleRow>& articles) {
  std::string out = ArticlesCsvHeader();
  for (const store::ArticleRow& a : articles) out += ArticleCsvRow(a);
  return out;
}

std::string SourcesCsv(const std::vector<store::SourceRow>& sources) {
  std::string out = CsvRow({"id", "url", "title", "every_seconds", "added_at",
                            "last_polled_at", "next_due_at", "failures",
                            "last_error", "last_error_at"});
  for (const store::SourceRow& s : sources) {
    out += CsvRow({std::to_string(s.id), s.url, s.title,
                   std::to_string(s.every_seconds), s.added_at,
                   s.last_polled_at, s.next_due_at, std::to_string(s.failures),
                   s.last_error, s.last_error_at});
  }
  return out;
}

std::string CleanText(std::string_view s) {
  // ICU replaces each invalid sequence with U+FFFD on the way to UTF-16.
  std::vector<UChar> wide(s.size() + 1);
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(wide.data(), static_cast<int32_t>(wide.size()), &length,
                       s.data(), static_cast<int32_t>(s.size()), 0xFFFD,
                       nullptr, &status);
  if (U_FAILURE(status)) return std::string();
  std::string out;
  out.reserve(s.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U16_NEXT(wide.data(), i, length, c);
    if (c < 0x20 || c == 0x7F) c = ' ';
    text::AppendUtf8(static_cast<char32_t>(c), &out);
  }
  return out;
}

}  // namespace ct::web
