#include "extract/text_fold.h"

#include <catch2/catch.hpp>

using ct::extract::FoldText;

TEST_CASE("FoldText leaves plain ASCII alone with an identity map",
          "[extract]") {
  auto f = FoldText("6 GW for $10 billion");
  CHECK(f.text == "6 GW for $10 billion");
  CHECK(f.offsets.empty());
  CHECK(f.ToOriginal(5) == 5);
}

TEST_CASE("FoldText turns special spaces, dashes and quotes into ASCII",
          "[extract]") {
  // No-break space, en dash, thin space, right single quote.
  std::string in = "300\u00a0MW, 4\u20135\u2009GW, xAI\u2019s";
  auto f = FoldText(in);
  CHECK(f.text == "300 MW, 4-5 GW, xAI's");
  // Offsets map back to the start of each original character.
  size_t dash = f.text.find('-');
  CHECK(in.substr(f.ToOriginal(dash), 3) == "\u2013");
  CHECK(f.ToOriginal(f.text.size()) == in.size());
}

TEST_CASE("FoldText keeps the em dash, which separates clauses", "[extract]") {
  auto f = FoldText("capacity\u2014300 MW");
  CHECK(f.text == "capacity\u2014300 MW");
}

TEST_CASE("FoldText reads full-width and other-script digits", "[extract]") {
  CHECK(FoldText("\uff16\uff10 GW").text == "60 GW");
  CHECK(FoldText("\u0665 MW").text == "5 MW");  // Arabic-Indic five.
}

TEST_CASE("FoldText replaces NUL and invalid UTF-8 without losing offsets",
          "[extract]") {
  std::string in("a\0b\xff c", 6);
  auto f = FoldText(in);
  CHECK(f.text == "a b\xEF\xBF\xBD c");
  CHECK(f.ToOriginal(f.text.find('c')) == 5);
}
