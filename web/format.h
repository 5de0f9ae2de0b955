// Formatting shared by the web pages and the command line: figures for
// people ("6 GW", "$17.4 billion", "220,000 GPUs"), HTML escaping and CSV.
//
// Thread-safe: pure functions.

#ifndef CT_WEB_FORMAT_H_
#define CT_WEB_FORMAT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/claim_store.h"

namespace ct::web {

// A value in a base unit as people read it: 6e9 W -> "6 GW",
// 1.74e10 USD -> "$17.4 billion", 220000 gpu -> "220,000 GPUs".
std::string FormatValue(double value, std::string_view unit,
                        std::string_view noun = {});
// A claim's value, or its range "4-5 GW".
std::string FormatClaimValue(const extract::Claim& c);
// The interval a claim allows: "[5.5 GW, 6.5 GW]", "(220,000 GPUs, ∞)".
std::string FormatInterval(const extract::Claim& c);
// A claim's value with its qualifier in words: "about 6 GW", "more than
// 220,000 GPUs", "up to $19.4 billion".
std::string QualifiedValue(const extract::Claim& c);
// The number a claim states, for sorting by value: its value, or the middle
// of its range, or its one bound.
double SortValue(const extract::Claim& c);
// The values a fact's claims state, each once, by number, with their
// qualifiers: "6 GW", "about 6 GW", "8 GW".
std::vector<std::string> ValuesByNumber(const store::FactRow& fact);

// Names for people: "power capacity" for power_capacity, "6 May 2026" for
// an RFC 3339 time or an ISO date (anything else unchanged), and what a
// judge's reason means ("scale slip", "changed over time").
std::string ReadableMetric(std::string_view metric);
std::string ReadableDate(std::string_view iso);
std::string ReadableReason(std::string_view reason);

// One plain sentence on what the sources say of a fact and why they
// differ: "Ferrous Wire's 8 GW disagrees with the 6 GW that 3 outlets
// report."
std::string FactSummary(const store::FactRow& fact);

std::string EscapeHtml(std::string_view s);
// The same, appended to `out`: for pages built a piece at a time.
void AppendEscaped(std::string* out, std::string_view s);

// One CSV field, quoted when it must be (RFC 4180). A cell a spreadsheet
// would run as a formula (starting with = + - @, a tab or a carriage
// return, and not a plain number) starts with a quote mark instead.
std::string CsvField(std::string_view s);

// Text from a request, safe to use and to echo: invalid UTF-8 becomes
// U+FFFD and control characters (NUL among them) become spaces.
std::string CleanText(std::string_view s);
std::string CsvRow(const std::vector<std::string>& fields);

// The CSV listings: a header row, then a row per item (each ends in CRLF).
std::string ClaimsCsvHeader();
std::string ClaimCsvRow(const store::ClaimRow& claim);
std::string FactsCsvHeader();
std::string FactCsvRow(const store::FactRow& fact);
std::string ArticlesCsvHeader();
std::string ArticleCsvRow(const store::ArticleRow& article);

std::string ClaimsCsv(const std::vector<store::ClaimRow>& claims);
std::string FactsCsv(const std::vector<store::FactRow>& facts);
std::string ArticlesCsv(const std::vector<store::ArticleRow>& articles);
std::string SourcesCsv(const std::vector<store::SourceRow>& sources);

// A number without trailing zeros: 5e9 -> "5000000000", 0.5 -> "0.5".
std::string PlainNumber(double v);
std::string PlainNumber(const std::optional<double>& v);

}  // namespace ct::web

#endif  // CT_WEB_FORMAT_H_
