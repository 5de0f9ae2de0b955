// ClaimExtractor::Explain: the rules behind each claim, and the rule that
// dropped each number that is not one.

#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "extract/claim_extractor.h"

using ct::extract::ClaimExtractor;
using ct::extract::Explanation;

namespace {

const ClaimExtractor& Extractor() {
  static const std::unique_ptr<ClaimExtractor> extractor = [] {
    auto created = ClaimExtractor::Create({});
    REQUIRE(created.ok());
    return std::move(*created);
  }();
  return *extractor;
}

bool Has(const std::vector<std::string>& rules, const std::string& name) {
  return std::find(rules.begin(), rules.end(), name) != rules.end();
}

}  // namespace

TEST_CASE("Explain names the rule that dropped each number", "[extract]") {
  struct Case {
    const char* text;
    const char* surface;
    const char* rule;
  };
  const Case cases[] = {
      {"Cedar Labs was founded in 2019 by two engineers.", "2019", "year"},
      {"Cedar Labs trimmed its 2025 expenses.", "2025", "year"},
      {"Deliveries to Ferrous Wire begin on May 6.", "6", "date"},
      {"The campus draws on three rivers [4].", "4", "citation_marker"},
      {"Cedar Labs runs Granite 2 in Ohio.", "2", "name_or_label"},
      {"The chips use a 3nm process at Ferrous Wire.", "3nm",
       "ordinal_or_glued_name"},
      {"Call Ferrous Wire on +1 408 555 0142 today.", "408", "phone_number"},
      {"The vote ends at 9:30 on Friday.", "9", "time_of_day"},
      {"Cedar Labs opened the site five years ago.", "five years", "time_ago"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Explanation e = Extractor().Explain(c.text);
    auto it = std::find_if(
        e.dropped.begin(), e.dropped.end(),
        [&](const auto& d) { return d.surface.rfind(c.surface, 0) == 0; });
    REQUIRE(it != e.dropped.end());
    CHECK(it->rule == c.rule);
    CHECK(std::string(c.text).substr(it->start, it->end - it->start) ==
          it->surface);
  }
}

TEST_CASE("Explain lists the rules that made each claim", "[extract]") {
  struct Case {
    const char* text;
    const char* surface;
    std::vector<std::string> rules;
  };
  const Case cases[] = {
      {"Ferrous Wire will buy about 2 GW from Cedar Labs.",
       "about 2 GW",
       {"number", "unit", "qualifier"}},
      {"Cedar Labs raised $4 billion from Ferrous Wire.",
       "$4 billion",
       {"number", "currency_before", "scale_word"}},
      {"The site will hold between 3 and 4 GW of capacity.",
       "between 3 and 4 GW",
       {"number", "unit", "range"}},
      {"Ferrous Wire runs 120,000 GPUs in Ohio.",
       "120,000 GPUs",
       {"number", "gpu_phrase"}},
      {"Ferrous Wire buys 5,000 high-end GPU accelerators.",
       "5,000 high-end GPU",
       {"number", "gpu_phrase"}},
      {"Cedar Labs spent almost twice what it planned.",
       "almost twice",
       {"multiple", "unit", "qualifier"}},
      {"Cedar Labs Signs $300 B Cloud Deal With Ferrous Wire",
       "$300 B",
       {"number", "currency_before", "scale_word"}},
      {"Cedar Labs needs a single gigawatt of power.",
       "a single gigawatt",
       {"number", "unit"}},
      {"Cedar Labs hired dozens of engineers this spring.",
       "dozens of engineers",
       {"vague_amount", "counted_noun"}},
      {"Ferrous Wire shares rose 4% on Tuesday.",
       "4%",
       {"number", "unit", "change"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Explanation e = Extractor().Explain(c.text);
    auto it =
        std::find_if(e.claims.begin(), e.claims.end(),
                     [&](const auto& k) { return k.surface == c.surface; });
    REQUIRE(it != e.claims.end());
    for (const std::string& rule : c.rules) {
      CAPTURE(rule);
      CHECK(Has(it->rules, rule));
    }
    CHECK(it->rules.front() == c.rules.front());
  }
}

TEST_CASE("Extract leaves the rules empty, and Explain keeps its claims",
          "[extract]") {
  const char* text =
      "Ferrous Wire will buy about 2 GW from Cedar Labs in 2027. Cedar Labs "
      "said the first 500 MW arrive in May.";
  auto plain = Extractor().Extract(text);
  Explanation e = Extractor().Explain(text);
  REQUIRE(plain.size() == e.claims.size());
  for (size_t k = 0; k < plain.size(); ++k) {
    CHECK(plain[k].rules.empty());
    CHECK_FALSE(e.claims[k].rules.empty());
    CHECK(plain[k].surface == e.claims[k].surface);
    CHECK(plain[k].subject == e.claims[k].subject);
    CHECK(plain[k].parties == e.claims[k].parties);
  }
}

TEST_CASE(
    "A duration before a deal states its term; before other things it "
    "names them",
    "[extract]") {
  Explanation e = Extractor().Explain(
      "Cedar Labs signed a seven-year contract with Ferrous Wire. It also won "
      "a five-year $2 million award.");
  auto term = std::find_if(e.claims.begin(), e.claims.end(),
                           [](const auto& c) { return c.unit == "year"; });
  REQUIRE(term != e.claims.end());
  CHECK(term->surface == "seven-year");
  CHECK(term->value == 7);
  auto award =
      std::find_if(e.dropped.begin(), e.dropped.end(),
                   [](const auto& d) { return d.surface == "five-year"; });
  REQUIRE(award != e.dropped.end());
  CHECK(award->rule == "duration_names_thing");
}

TEST_CASE("The day a deal was told is not the period of its figures",
          "[extract]") {
  std::vector<ct::extract::Claim> claims = Extractor().Extract(
      "Ferrous Wire will supply 3 GW under terms the companies released on "
      "October 6. Cedar Labs shares fell 4% on Tuesday.",
      std::string_view(), "2025-10-08");
  auto power = std::find_if(claims.begin(), claims.end(),
                            [](const auto& c) { return c.unit == "W"; });
  REQUIRE(power != claims.end());
  CHECK(power->time.empty());
  auto move = std::find_if(claims.begin(), claims.end(),
                           [](const auto& c) { return c.unit == "percent"; });
  REQUIRE(move != claims.end());
  CHECK(move->time == "2025-10-07");
}
