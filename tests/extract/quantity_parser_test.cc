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
