#include "extract/lexer.h"

#include <catch2/catch.hpp>
#include <string>

using ct::extract::Lex;
using ct::extract::TokenKind;

namespace {
std::vector<std::string> Texts(std::string_view s) {
  std::vector<std::string> out;
  for (const auto& t : Lex(s))
    out.emplace_back(s.substr(t.begin, t.end - t.begin));
  return out;
}
}  // namespace

TEST_CASE("Lex keeps thousands groups and decimals in one number",
          "[extract]") {
  CHECK(Texts("220,000 GPUs and $17.4bn") ==
        std::vector<std::string>{"220,000", "GPUs", "and", "$", "17.4", "bn"});
}

TEST_CASE("Lex splits a list of numbers at commas without three digits",
          "[extract]") {
  CHECK(Texts("1,2 and 1,2345") ==
        std::vector<std::string>{"1", ",", "2", "and", "1", ",", "2345"});
}

TEST_CASE("Lex makes names with digits one alnum token", "[extract]") {
  auto tokens = Lex("H100 GB200 NVL72");
  REQUIRE(tokens.size() == 3);
  for (const auto& t : tokens) CHECK(t.kind == TokenKind::kAlnum);
}

TEST_CASE("Lex records whether a token is glued to the one before",
          "[extract]") {
  auto tokens = Lex("300MW 17 x");
  REQUIRE(tokens.size() == 4);
  CHECK_FALSE(tokens[1].space_before);
  CHECK(tokens[3].space_before);
}
