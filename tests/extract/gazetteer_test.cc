#include "extract/gazetteer.h"

#include <catch2/catch.hpp>

#include "common/days.h"
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
  CHECK(names ==
        std::vector<std::string>{"xAI", "Anthropic", "Amazon", "Colossus 1"});
}

TEST_CASE("Gazetteer finds an entity by a whole alias in any case",
          "[extract]") {
  Gazetteer g;
  REQUIRE(g.AddBuiltin().ok());
  int id = g.FindByAlias("microsoft azure");
  REQUIRE(id >= 0);
  CHECK(g.entity(id).name == "Microsoft");
  CHECK(g.FindByAlias("COLOSSUS ONE") == g.Find("Colossus 1"));
  CHECK(g.FindByAlias("Colossus") == -1);  // Only a whole alias.
  CHECK(g.FindByAlias("") == -1);
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

TEST_CASE("Gazetteer reads owner, parent and merger links with their days",
          "[extract][entities]") {
  Gazetteer g;
  REQUIRE(g.AddTsv("Hall 9\tdatacenter\t\towner:Alder|owner:Birch@2026-03-01\n"
                   "Old Alder\tcompany\t\tmerged:Alder@2025-01-01\n"
                   "Alder\tcompany\t\tparent:Birch|merged:Birch@2027-05-05\n"
                   "Birch\tcompany\t\n"
                   "Widget\tproduct\t\tAlder\n",
                   "links.tsv")
              .ok());
  int hall = g.Find("Hall 9");
  REQUIRE(hall >= 0);
  auto day = [](int y, int m, int d) { return ct::days::FromCivil(y, m, d); };
  CHECK(g.OwnerAt(hall, day(2025, 6, 1)) == "Alder");
  CHECK(g.OwnerAt(hall, day(2026, 3, 1)) == "Birch");
  CHECK(g.OwnerAt(hall, std::nullopt) == "Birch");
  CHECK(g.entity(hall).owner == "Birch");
  // A bare name is an owner link.
  CHECK(g.OwnerAt(g.Find("Widget"), std::nullopt) == "Alder");
  CHECK(g.ParentOf(g.Find("Alder")) == "Birch");
  // Identity follows every merger to its end.
  CHECK(g.IdentityOf(g.Find("Old Alder")) == "Birch");
  CHECK(g.IdentityOf(g.Find("Birch")) == "Birch");
  CHECK(Gazetteer::IsPartyKind("lab"));
  CHECK(!Gazetteer::IsPartyKind("person"));
  CHECK(!Gazetteer::IsPartyKind("outlet"));
}

TEST_CASE("Gazetteer survives a loop of mergers", "[extract][entities]") {
  Gazetteer g;
  REQUIRE(g.AddTsv("A\tcompany\t\tmerged:B\nB\tcompany\t\tmerged:A\n", "loop")
              .ok());
  std::string id = g.IdentityOf(g.Find("A"));
  CHECK((id == "A" || id == "B"));
}

TEST_CASE("Gazetteer names a bad link", "[extract][entities]") {
  Gazetteer g;
  auto relation = g.AddTsv("A\tcompany\t\tsister:B\n", "bad.tsv");
  CHECK(relation.message() ==
        "bad.tsv:1: unknown link \"sister\" (owner, parent or merged)");
  auto date = g.AddTsv("A\tcompany\t\towner:B@2026-13-40\n", "bad.tsv");
  CHECK(date.message() ==
        "bad.tsv:1: bad date in link \"owner:B@2026-13-40\" (want YYYY-MM-DD)");
  auto self = g.AddTsv("A\tcompany\t\tmerged:A\n", "bad.tsv");
  CHECK(self.message().find("names no other entity") != std::string::npos);
  CHECK(g.size() == 0);
}
