#include "extract/sentences.h"

#include <catch2/catch.hpp>
#include <string>

using ct::extract::SplitSentences;

namespace {
std::vector<std::string> Sentences(const std::string& text) {
  std::vector<std::string> out;
  for (auto s : SplitSentences(text))
    out.push_back(text.substr(s.begin, s.end - s.begin));
  return out;
}
}  // namespace

TEST_CASE("SplitSentences breaks at full stops", "[extract]") {
  auto s = Sentences("OpenAI buys 6 GW. AMD sells it.");
  REQUIRE(s.size() == 2);
  CHECK(s[0] == "OpenAI buys 6 GW.");
  CHECK(s[1] == "AMD sells it.");
}

TEST_CASE("SplitSentences does not break after U.S. or Inc.", "[extract]") {
  auto s = Sentences(
      "The U.S. campus holds 5 GW. Shares of Acme Inc. rose 5% in the U.S. "
      "market. Mr. Smith agreed.");
  REQUIRE(s.size() == 3);
  CHECK(s[0] == "The U.S. campus holds 5 GW.");
  CHECK(s[1] == "Shares of Acme Inc. rose 5% in the U.S. market.");
}

TEST_CASE("SplitSentences ends a sentence at a line break", "[extract]") {
  auto s = Sentences("Headline with 6 GW\nBody says 8 GW.");
  REQUIRE(s.size() == 2);
  CHECK(s[0] == "Headline with 6 GW");
}

TEST_CASE("SplitSentences keeps a decimal number whole", "[extract]") {
  auto s = Sentences("It costs $17.4 billion. Then more.");
  REQUIRE(s.size() == 2);
  CHECK(s[0] == "It costs $17.4 billion.");
}

TEST_CASE("SplitSentences copes with a huge line without an end", "[extract]") {
  std::string text(2'000'000, 'a');
  auto spans = SplitSentences(text);
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].end == text.size());
}

TEST_CASE("SplitSentences ends a run-on list item at its citation marker",
          "[extract]") {
  auto s = Sentences(
      "Key points - Ferrous Wire signed for 6 GW [1] - The first phase "
      "starts in 2027 [2, 3] Its rival holds 2 GW [4]");
  REQUIRE(s.size() == 3);
  CHECK(s[0] == "Key points - Ferrous Wire signed for 6 GW [1]");
  CHECK(s[1] == "The first phase starts in 2027 [2, 3]");
  CHECK(s[2] == "Its rival holds 2 GW [4]");
  // A marker inside a sentence, before a lower-case word, is no end.
  CHECK(Sentences("It holds 6 GW [1] and more.").size() == 1);
}

TEST_CASE("SplitSentences reads through a line break that only wraps",
          "[extract]") {
  struct Case {
    const char* text;
    std::vector<std::string> sentences;
  };
  const Case cases[] = {
      // A lowercase word goes on with the sentence.
      {"Ferrous Wire pays $38\nbillion for it.",
       {"Ferrous Wire pays $38\nbillion for it."}},
      {"Cedar Labs bought 1,400 adjacent\n  acres last year.",
       {"Cedar Labs bought 1,400 adjacent\n  acres last year."}},
      // So does a line that ends with a word no sentence ends with.
      {"Ferrous Wire buys 2 GW from\nCedar Labs.",
       {"Ferrous Wire buys 2 GW from\nCedar Labs."}},
      {"It signed with the\r\nPentagon in May.",
       {"It signed with the\r\nPentagon in May."}},
      // A headline, an item, a paragraph or a full stop still ends one.
      {"Cedar Labs raises $4 billion\nFerrous Wire leads the round.",
       {"Cedar Labs raises $4 billion", "Ferrous Wire leads the round."}},
      {"Targets:\n- 2 GW by 2027\n- 5 GW by 2030",
       {"Targets:", "- 2 GW by 2027", "- 5 GW by 2030"}},
      {"It holds 3 GW\n\nand more later.",
       {"It holds 3 GW", "and more later."}},
      {"It holds 3 GW.\nmore follows.", {"It holds 3 GW.", "more follows."}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(Sentences(c.text) == c.sentences);
  }
}
