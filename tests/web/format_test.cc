#include "web/format.h"

#include <catch2/catch.hpp>
#include <string>
#include <utility>

using namespace ct::web;

TEST_CASE("FormatValue writes figures the way people read them", "[web]") {
  CHECK(FormatValue(6e9, "W") == "6 GW");
  CHECK(FormatValue(3e8, "W") == "300 MW");
  CHECK(FormatValue(4.85e14, "Wh") == "485 TWh");
  CHECK(FormatValue(1.74e10, "USD") == "$17.4 billion");
  CHECK(FormatValue(2e10, "EUR") == "€20 billion");
  CHECK(FormatValue(5e6, "CNY") == "5 million CNY");
  CHECK(FormatValue(220000, "gpu", "GPU") == "220,000 GPUs");
  CHECK(FormatValue(50, "percent") == "50%");
  CHECK(FormatValue(17, "ratio") == "17x");
  CHECK(FormatValue(300, "count", "employee") == "300 employee");
  CHECK(FormatValue(1.6e8, "share") == "160,000,000 shares");
  CHECK(FormatValue(5, "year") == "5 years");
  CHECK(FormatValue(1, "year") == "1 year");
}

TEST_CASE("Readable names: metrics, dates, reasons and qualified values",
          "[web]") {
  using ct::web::ReadableDate;
  using ct::web::ReadableMetric;
  using ct::web::ReadableReason;
  CHECK(ReadableMetric("power_capacity") == "power capacity");
  CHECK(ReadableMetric("gpu_count") == "GPU count");
  CHECK(ReadableMetric("valuation") == "valuation");
  CHECK(ReadableDate("2025-10-06T13:05:00Z") == "6 October 2025");
  CHECK(ReadableDate("2025-10-06") == "6 October 2025");
  CHECK(ReadableDate("last week") == "last week");
  CHECK(ReadableDate("2025-13-06") == "2025-13-06");
  CHECK(ReadableReason("scale_slip") == "scale slip");
  ct::extract::Claim c;
  c.value = 2.2e5;
  c.unit = "gpu";
  c.qualifier = ct::extract::Qualifier::kMoreThan;
  CHECK(ct::web::QualifiedValue(c) == "more than 220,000 GPUs");
}

TEST_CASE("EscapeHtml escapes every character that could open markup",
          "[web]") {
  CHECK(EscapeHtml("<script>alert('x') & \"y\"</script>") ==
        "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
}

TEST_CASE("CsvField quotes commas, quotes and line breaks", "[web]") {
  CHECK(CsvField("plain") == "plain");
  CHECK(CsvField("a,b") == "\"a,b\"");
  CHECK(CsvField("say \"6 GW\"") == "\"say \"\"6 GW\"\"\"");
  CHECK(CsvField("two\nlines") == "\"two\nlines\"");
  // A cell a spreadsheet would run as a formula starts with a quote mark;
  // numbers stay numbers.
  CHECK(CsvField("=SUM(A1:A9)") == "'=SUM(A1:A9)");
  CHECK(CsvField("@cmd") == "'@cmd");
  CHECK(CsvField("+1 call me") == "'+1 call me");
  CHECK(CsvField("-2+3") == "'-2+3");
  CHECK(CsvField("-5") == "-5");
  CHECK(CsvField("+1.25e9") == "+1.25e9");
  CHECK(CsvField("=1,2") == "\"'=1,2\"");
  CHECK(CsvRow({"a", "b c"}) == "a,b c\r\n");
}

TEST_CASE("CleanText replaces bad UTF-8 and control characters", "[web]") {
  using ct::web::CleanText;
  CHECK(CleanText("plain") == "plain");
  CHECK(CleanText(std::string("a\0b", 3)) == "a b");
  CHECK(CleanText("tab\there") == "tab here");
  CHECK(CleanText("caf\xC3\xA9") == "caf\xC3\xA9");
  CHECK(CleanText("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
  CHECK(CleanText("cut \xE2\x82") == "cut \xEF\xBF\xBD");
}

TEST_CASE("PlainNumber drops trailing zeros", "[web]") {
  CHECK(PlainNumber(5e9) == "5000000000");
  CHECK(PlainNumber(0.5) == "0.5");
  CHECK(PlainNumber(std::optional<double>()) == "");
}

namespace {

ct::store::ClaimRow Row(std::string source, double gw, bool outlier) {
  ct::store::ClaimRow r;
  r.source = std::move(source);
  r.outlier = outlier;
  r.claim.value = gw * 1e9;
  r.claim.unit = std::string("W");
  return r;
}

}  // namespace

TEST_CASE("FactSummary says in one sentence who disagrees and why", "[web]") {
  ct::store::FactRow f;
  f.unit = "W";
  f.status = "conflict";
  f.reason = "conflict";
  f.consensus = 6e9;
  f.claims = {Row("Daily A", 6, false), Row("Wire B", 6, false),
              Row("Times C", 6, false), Row("Ledger D", 8, true)};
  CHECK(FactSummary(f) ==
        "Ledger D's 8 GW disagrees with the 6 GW that 3 outlets report.");
  f.reason = "scale_slip";
  f.claims.back() = Row("Ledger D", 0.006, true);
  CHECK(FactSummary(f) ==
        "Ledger D's 6 MW looks like a slip of scale: 3 outlets report 6 GW.");
  f.reason = "unit_confusion";
  f.claims.back() = Row("Ledger D", 6, true);
  f.claims.back().claim.unit = "B";
  CHECK(FactSummary(f) ==
        "Ledger D's 6 GB has the digits of 6 GW in the wrong unit, which 3 "
        "outlets report.");
  f.status = "agree";
  f.reason.clear();
  f.claims.pop_back();
  CHECK(FactSummary(f) == "3 outlets report the same 6 GW.");
  f.status = "single";
  f.claims.resize(1);
  CHECK(FactSummary(f) == "Only Daily A reports this figure.");
}

TEST_CASE("FactCsvRow names the outlier outlets and counts every claim",
          "[web]") {
  ct::store::FactRow f;
  f.id = 1;
  f.subject = "Lab";
  f.claim_count = 40;  // A list carries only some.
  ct::store::ClaimRow six;
  six.source = "Daily Ledger";
  six.claim.surface = "6 GW";
  ct::store::ClaimRow eight = six;
  eight.source = "Ferrous Wire";
  eight.claim.surface = "8 GW";
  eight.outlier = true;
  f.claims = {six, eight, eight};
  std::string row = ct::web::FactCsvRow(f);
  CHECK(row.find(",40,Ferrous Wire,") != std::string::npos);
}
