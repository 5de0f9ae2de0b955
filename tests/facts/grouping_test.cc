#include "facts/grouping.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using ct::facts::FactGroup;
using ct::facts::GroupClaims;
using ct::facts::GroupInput;

namespace {

// Outlets by name, numbered as they are first met.
int32_t OutletId(const std::string& name) {
  static std::map<std::string, int32_t> ids;
  return ids.emplace(name, static_cast<int32_t>(ids.size())).first->second;
}

// A claim of `value` watts stated exactly to whole units, by outlet
// `outlet` in article `article`, about `parties`.
GroupInput Claim(int64_t id, const std::string& outlet,
                 std::vector<std::string> parties, const std::string& time,
                 double value, int64_t article = 0) {
  GroupInput in;
  std::sort(parties.begin(), parties.end());
  in.parties = std::move(parties);
  in.family = "power_capacity";
  in.time = time;
  in.unit = "W";
  in.article = article != 0 ? article : id;
  in.order = outlet + "/" + std::to_string(id);
  in.interval.claim_id = id;
  in.interval.outlets = {OutletId(outlet)};
  in.interval.value = value;
  in.interval.qualifier = "exact";
  in.interval.low = value - 0.5;
  in.interval.high = value + 0.5;
  return in;
}

// The group of each claim, by claim id: -1 for none.
std::map<int64_t, int> GroupOf(const std::vector<GroupInput>& claims) {
  std::map<int64_t, int> out;
  for (const GroupInput& c : claims) out[c.interval.claim_id] = -1;
  std::vector<FactGroup> groups = GroupClaims(claims);
  for (size_t g = 0; g < groups.size(); ++g) {
    for (size_t m : groups[g].members) {
      out[claims[m].interval.claim_id] = static_cast<int>(g);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("GroupClaims treats parties as a set", "[facts]") {
  // "OpenAI buys 6 GW from AMD" and "AMD supplies OpenAI with 6 GW".
  auto g = GroupOf({Claim(1, "a", {"OpenAI", "AMD"}, "", 6),
                    Claim(2, "b", {"AMD", "OpenAI"}, "", 6)});
  CHECK(g[1] == g[2]);
  CHECK(g[1] >= 0);
}

TEST_CASE(
    "GroupClaims joins a claim naming fewer parties to the one fact "
    "that names them all",
    "[facts]") {
  auto g = GroupOf({Claim(1, "a", {"Colossus 1"}, "", 300),
                    Claim(2, "b", {"Colossus 1", "SpaceX"}, "", 300),
                    Claim(3, "c", {"Colossus 1"}, "", 300)});
  CHECK(g[1] == g[2]);
  CHECK(g[3] == g[2]);
  auto groups = GroupClaims({Claim(1, "a", {"Colossus 1"}, "", 300),
                             Claim(2, "b", {"Colossus 1", "SpaceX"}, "", 300)});
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].parties == std::vector<std::string>{"Colossus 1", "SpaceX"});
}

TEST_CASE("GroupClaims leaves an open claim alone when two facts fit",
          "[facts]") {
  auto g = GroupOf({Claim(1, "a", {"data centers"}, "", 500),
                    Claim(2, "b", {"data centers"}, "2025", 485),
                    Claim(3, "c", {"data centers"}, "2030", 950)});
  CHECK(g[1] != g[2]);
  CHECK(g[1] != g[3]);
  CHECK(g[2] != g[3]);
}

TEST_CASE("GroupClaims keeps a total and a dated first tranche apart",
          "[facts]") {
  auto g = GroupOf({Claim(1, "a", {"OpenAI", "AMD"}, "", 6),
                    Claim(2, "b", {"OpenAI", "AMD"}, "2026-H2", 1)});
  CHECK(g[1] != g[2]);
}

TEST_CASE("GroupClaims makes one fact of one figure misreported", "[facts]") {
  // Two outlets say 6, one says 8: one figure, a conflict to judge.
  auto g = GroupOf({Claim(1, "a", {"AMD", "OpenAI"}, "", 6),
                    Claim(2, "b", {"AMD", "OpenAI"}, "", 6),
                    Claim(3, "c", {"AMD", "OpenAI"}, "", 8)});
  CHECK(g[1] == g[3]);
  // A sixth of it is another figure of the deal.
  g = GroupOf({Claim(1, "a", {"AMD", "OpenAI"}, "", 6),
               Claim(2, "b", {"AMD", "OpenAI"}, "", 1)});
  CHECK(g[1] != g[2]);
}

TEST_CASE("GroupClaims never joins two figures of one article", "[facts]") {
  // One article: a base and a higher ceiling; another outlet repeats each.
  std::vector<GroupInput> claims = {
      Claim(1, "a", {"Microsoft", "Nebius"}, "", 17.4e9, 100),
      Claim(2, "a", {"Microsoft", "Nebius"}, "", 19.4e9, 100),
      Claim(3, "b", {"Microsoft", "Nebius"}, "", 17.4e9, 200),
      Claim(4, "c", {"Microsoft", "Nebius"}, "", 19.4e9, 300)};
  auto g = GroupOf(claims);
  CHECK(g[1] != g[2]);
  CHECK(g[1] == g[3]);
  CHECK(g[2] == g[4]);
  // The same figure twice in one article is still one figure.
  g = GroupOf({Claim(1, "a", {"AMD", "OpenAI"}, "", 6, 100),
               Claim(2, "a", {"AMD", "OpenAI"}, "", 6, 100)});
  CHECK(g[1] == g[2]);
}

TEST_CASE("GroupClaims reads a range and a value inside it as one figure",
          "[facts]") {
  // One article: "4 to 5 GW", later "about 5 GW"; others say 4.5 GW.
  GroupInput range = Claim(1, "a", {"OpenAI", "Oracle"}, "", 0, 10);
  range.interval.value.reset();
  range.interval.qualifier = "range";
  range.interval.low = 4;
  range.interval.high = 5;
  GroupInput about = Claim(2, "a", {"OpenAI", "Oracle"}, "", 5, 10);
  about.interval.qualifier = "approx";
  about.interval.low = 4.5;
  about.interval.high = 5.5;
  auto g = GroupOf({range, about, Claim(3, "b", {"OpenAI", "Oracle"}, "", 4.5),
                    Claim(4, "c", {"OpenAI", "Oracle"}, "", 4.5)});
  CHECK(g[1] == g[3]);
  CHECK(g[2] == g[3]);
}

TEST_CASE(
    "GroupClaims lets one outlet's other figure stay apart from a value "
    "another outlet joins",
    "[facts]") {
  // Outlet a states 4.5 GW and, later in the article, more than 5 GW (the
  // programme's total); outlet c states about 5 GW for the 4.5 GW deal.
  GroupInput over = Claim(2, "a", {"OpenAI", "Oracle"}, "", 5, 10);
  over.interval.qualifier = "more_than";
  over.interval.low = 5;
  over.interval.high.reset();
  over.interval.low_inclusive = false;
  GroupInput about = Claim(4, "c", {"OpenAI", "Oracle"}, "", 5);
  about.interval.qualifier = "approx";
  about.interval.low = 4.5;
  about.interval.high = 5.5;
  auto g = GroupOf({Claim(1, "a", {"OpenAI", "Oracle"}, "", 4.5, 10), over,
                    Claim(3, "b", {"OpenAI", "Oracle"}, "", 4.5), about});
  CHECK(g[4] == g[1]);
  CHECK(g[2] != g[1]);
  CHECK(g[2] >= 0);
}

TEST_CASE("GroupClaims joins a scale slip to the figure it slipped from",
          "[facts]") {
  // 6 GW from two outlets, "6 MW" from a third: a slip, not a new figure.
  auto g = GroupOf({Claim(1, "a", {"AMD", "OpenAI"}, "", 6e9),
                    Claim(2, "b", {"AMD", "OpenAI"}, "", 6e9),
                    Claim(3, "c", {"AMD", "OpenAI"}, "", 6e6)});
  CHECK(g[1] == g[3]);
  // Digits regrouped: 45 for 4.5.
  g = GroupOf({Claim(1, "a", {"AMD", "OpenAI"}, "", 4.5e9),
               Claim(2, "b", {"AMD", "OpenAI"}, "", 4.5e9),
               Claim(3, "c", {"AMD", "OpenAI"}, "", 45e9)});
  CHECK(g[1] == g[3]);
  // Without more support on one side, two figures stay two.
  g = GroupOf({Claim(1, "a", {"AMD", "OpenAI"}, "", 6e9),
               Claim(2, "b", {"AMD", "OpenAI"}, "", 6e6)});
  CHECK(g[1] != g[2]);
}

TEST_CASE("GroupClaims keeps facets apart", "[facts]") {
  std::vector<GroupInput> claims = {Claim(1, "a", {"AMD", "OpenAI"}, "", 1),
                                    Claim(2, "b", {"AMD", "OpenAI"}, "", 1)};
  claims[1].facet = "first";
  auto g = GroupOf(claims);
  CHECK(g[1] != g[2]);
}

TEST_CASE(
    "GroupClaims gives a figure without its facet to the facet more "
    "outlets state it as",
    "[facts]") {
  std::vector<GroupInput> claims = {Claim(1, "a", {"AMD", "OpenAI"}, "", 1),
                                    Claim(2, "b", {"AMD", "OpenAI"}, "", 1),
                                    Claim(3, "c", {"AMD", "OpenAI"}, "", 1),
                                    Claim(4, "c", {"AMD", "OpenAI"}, "", 6),
                                    Claim(5, "d", {"AMD", "OpenAI"}, "", 6)};
  claims[0].facet = "first";
  claims[1].facet = "first";
  auto g = GroupOf(claims);
  CHECK(g[3] == g[1]);  // "1 GW" is the first gigawatt two outlets state.
  CHECK(g[4] == g[5]);  // The total stays without a facet.
  CHECK(g[4] != g[1]);
}

TEST_CASE("GroupClaims gives no fact to a claim without parties", "[facts]") {
  auto g = GroupOf({Claim(1, "a", {}, "", 6)});
  CHECK(g[1] == -1);
}

TEST_CASE("GroupClaims does not depend on the order of its input", "[facts]") {
  std::vector<GroupInput> claims;
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> pick(0, 5);
  const double values[] = {6, 6, 8, 1, 6e3, 1.1};
  const char* parties[][2] = {
      {"AMD", "OpenAI"}, {"OpenAI", "AMD"}, {"Nvidia", "OpenAI"}};
  for (int i = 1; i <= 60; ++i) {
    const auto& p = parties[i % 3];
    claims.push_back(Claim(i, std::string(1, static_cast<char>('a' + i % 7)),
                           {p[0], p[1]}, i % 5 == 0 ? "2026" : "",
                           values[pick(rng)], 1000 + i / 2));
  }
  auto sets = [](const std::vector<GroupInput>& in) {
    std::set<std::pair<std::string, std::set<int64_t>>> out;
    for (const FactGroup& g : GroupClaims(in)) {
      std::set<int64_t> ids;
      for (size_t m : g.members) ids.insert(in[m].interval.claim_id);
      out.emplace(g.key, ids);
    }
    return out;
  };
  auto expected = sets(claims);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(claims.begin(), claims.end(), rng);
    CHECK(sets(claims) == expected);
  }
}

TEST_CASE("MetricFamily lets a deal's worth and its commitment meet",
          "[facts]") {
  using ct::facts::MetricFamily;
  CHECK(MetricFamily("commitment") == MetricFamily("investment"));
  CHECK(MetricFamily("power_capacity") != MetricFamily("gpu_count"));
  CHECK(ct::facts::Groupable({"OpenAI"}, "power_capacity"));
  CHECK_FALSE(ct::facts::Groupable({}, "power_capacity"));
  CHECK_FALSE(ct::facts::Groupable({"OpenAI"}, "other"));
  // Unknown metrics: many of a named thing, or the term of a deal.
  CHECK(ct::facts::Groupable({"OpenAI"}, "other", "count", "home", 2.5e7));
  CHECK_FALSE(ct::facts::Groupable({"OpenAI"}, "other", "count", "company", 2));
  CHECK(ct::facts::Groupable({"AMD", "OpenAI"}, "other", "year", "", 7));
  CHECK_FALSE(ct::facts::Groupable({"OpenAI"}, "other", "year", "", 7));
}

TEST_CASE(
    "GroupClaims reads a bare move as the moment of the day an outlet "
    "names for it",
    "[facts]") {
  std::vector<GroupInput> claims = {Claim(1, "a", {"Oracle"}, "", 40),
                                    Claim(2, "b", {"Oracle"}, "", 40),
                                    Claim(3, "c", {"Oracle"}, "", 36)};
  for (GroupInput& c : claims) c.family = "growth";
  claims[0].facet = "after_hours";
  claims[2].facet = "close";
  auto g = GroupOf(claims);
  CHECK(g[2] == g[1]);  // "40%" is the after-hours 40%.
  CHECK(g[3] != g[1]);  // The close is another figure of the day.
}

TEST_CASE("Two figures of one article may be taken for one when near or a slip",
          "[facts]") {
  auto at = [](double v) {
    ct::facts::ClaimInterval c;
    c.value = v;
    c.qualifier = "exact";
    return c;
  };
  using ct::facts::MayBeTakenForOne;
  CHECK(MayBeTakenForOne(at(5e9), at(6e9)));
  CHECK(MayBeTakenForOne(at(6e9), at(6e6)));     // A slip of scale.
  CHECK(MayBeTakenForOne(at(4.5e9), at(45e9)));  // Digits regrouped.
  CHECK_FALSE(MayBeTakenForOne(at(1e9), at(6e9)));
  CHECK_FALSE(MayBeTakenForOne(at(4.5e9), at(40e9)));
  ct::facts::ClaimInterval open;  // No value, no bound.
  CHECK(MayBeTakenForOne(open, at(1e9)));
}

TEST_CASE("GroupClaims keeps only inputs with an article apart by article",
          "[facts]") {
  // Article 7 states 5 and 6; an input without an article is free to join.
  std::vector<GroupInput> claims = {Claim(1, "a", {"X"}, "", 5, 7),
                                    Claim(2, "a", {"X"}, "", 6, 7),
                                    Claim(3, "b", {"X"}, "", 6, 0)};
  claims[2].article = 0;
  auto g = GroupOf(claims);
  CHECK(g[1] != g[2]);
  CHECK(g[2] == g[3]);
}
