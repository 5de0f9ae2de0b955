#include "extract/quantity_parser.h"

#include <catch2/catch.hpp>
#include <cstddef>
#include <string>

using ct::extract::SentenceTokens;
using ct::extract::TokenKind;

TEST_CASE("SentenceTokens answers an empty token past either end",
          "[extract]") {
  std::string text = "They bought 5 GW";
  SentenceTokens s(text);
  REQUIRE(s.size() == 4);
  for (size_t i : {size_t{4}, size_t{5}, size_t{1000}}) {
    CHECK(s.Text(i).empty());
    CHECK(s.Lower(i).empty());
    CHECK(s.token(i).kind == TokenKind::kSymbol);
    CHECK(s.token(i).begin == text.size());
    CHECK(s.token(i).end == text.size());
    CHECK_FALSE(s.IsWord(i));
    CHECK_FALSE(s.IsNumber(i));
    CHECK_FALSE(s.Attached(i));
    CHECK_FALSE(s.Capitalized(i));
  }
  // An index below the first token wraps round: "i - 1" at 0.
  size_t before = 0;
  --before;
  CHECK(s.Text(before).empty());
  CHECK(s.Lower(before - 1).empty());
  CHECK(s.token(before).begin == 0);
  CHECK(s.token(before).end == 0);
  CHECK(s.Lower(3) == "gw");
}

TEST_CASE("SentenceTokens of an empty text has no tokens to read",
          "[extract]") {
  SentenceTokens s("");
  CHECK(s.size() == 0);
  CHECK(s.Text(0).empty());
  CHECK(s.Lower(2).empty());
}

TEST_CASE("FindQuantities reads an adjective between a number and its unit",
          "[extract]") {
  using ct::extract::FindQuantities;
  struct Case {
    const char* text;
    const char* surface;  // The first quantity, as written.
    const char* unit;     // Its base unit; empty for a count.
  };
  const Case cases[] = {
      {"The campus covers 300 contiguous acres.", "300 contiguous acres",
       "acre"},
      {"It adds 2 new gigawatts next year.", "2 new gigawatts", "W"},
      {"Cedar Labs wants 5 more GW.", "5 more GW", "W"},
      {"The mill ships 12 metric tons of steel.", "12 metric tons", "ton"},
      // A word that is not an adjective stays out of the unit.
      {"It hired 40 engineers across 3 states.", "40 engineers", ""},
      {"The fee rose 6 percent.", "6 percent", "percent"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    std::string text = c.text;
    SentenceTokens s(text);
    auto found = FindQuantities(s);
    REQUIRE_FALSE(found.empty());
    const auto& q = found.front();
    size_t begin = s.token(q.first).begin;
    CHECK(text.substr(begin, s.token(q.last).end - begin) == c.surface);
    CHECK((q.unit == nullptr ? std::string() : q.unit->base) == c.unit);
  }
}

TEST_CASE(
    "FindQuantities reads a currency's letters apart from its sign, but "
    "not the article",
    "[extract]") {
  using ct::extract::FindQuantities;
  struct Case {
    const char* text;
    const char* unit;  // Base unit of the first quantity.
  };
  const Case cases[] = {
      {"A $38 billion cloud deal.", "USD"},
      {"It paid A$5 million.", "AUD"},
      {"It paid US $7 million.", "USD"},
      {"Shares fetched C $6 each.", "CAD"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    std::string text = c.text;
    SentenceTokens s(text);
    auto found = FindQuantities(s);
    REQUIRE_FALSE(found.empty());
    REQUIRE(found.front().unit != nullptr);
    CHECK(found.front().unit->base == c.unit);
  }
}
