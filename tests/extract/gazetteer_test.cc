#include "extract/gazetteer.h"

#include <catch2/catch.hpp>

#include "extract/quantity_parser.h"

using ct::extract::Gazetteer;
using ct::extract::SentenceTokens;

TEST_CASE("Gazetteer maps aliases to canonical names", "[extract]") {
  Gazetteer g;
  REQUIRE(g.AddBuiltin().ok());
  SentenceTokens s("xAI rents GPUs to Anthropic on AWS at Colossus 1.");
  std::vector<std::string> names;
  for (const auto& m : g.FindMentions(s))
    names.push_back(g.entity(m.entity).name);
  CHECK(names == std::vector<std::string>{"SpaceX", "Anthropic", "Amazon",
                                          "Colossus 1"});
}

TEST_CASE("Gazetteer matches whole tokens and exact case", "[extract]") {
  Gazetteer g;
  REQUIRE(g.AddTsv("Colossus 1\tdatacenter\t\nMeta\tcompany\t\n", "test").ok());
  CHECK(
      g.FindMentions(SentenceTokens("Colossus 10 and the metaverse")).empty());
  CHECK(g.FindMentions(SentenceTokens("Colossus 1's hall")).size() == 1);
}

TEST_CASE("Gazetteer lets the first file win an alias", "[extract]") {
  Gazetteer g;
  REQUIRE(g.AddTsv("Acme Labs\tlab\tAcme\n", "user.tsv").ok());
  REQUIRE(g.AddTsv("Acme Corp\tcompany\tAcme\n", "later.tsv").ok());
  auto m = g.FindMentions(SentenceTokens("Acme said so"));
  REQUIRE(m.size() == 1);
  CHECK(g.entity(m[0].entity).name == "Acme Labs");
}

TEST_CASE("Gazetteer names the file and line of a bad row", "[extract]") {
  Gazetteer g;
  auto s = g.AddTsv("# comment\nGood\tlab\t\nBad\tplanet\t\n", "mine.tsv");
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "mine.tsv:3: unknown kind \"planet\"");
  CHECK(g.size() == 0);  // Nothing from a file with an error.
}
