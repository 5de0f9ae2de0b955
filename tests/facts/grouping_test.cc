#include "facts/grouping.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using ct::facts::AssignFactKeys;
using ct::facts::GroupInput;

namespace {

// A claim of `value` stated exactly to whole units, with the fields given.
GroupInput Claim(int64_t id, const std::string& outlet,
                 const std::string& subject, const std::string& object,
                 const std::string& time, double value) {
  GroupInput in{subject, "power_capacity", object, time, "W", "", {}};
  in.interval.claim_id = id;
  in.interval.outlet = outlet;
  in.interval.value = value;
  in.interval.qualifier = "exact";
  in.interval.low = value - 0.5;
  in.interval.high = value + 0.5;
  return in;
}

}  // namespace

TEST_CASE(
    "AssignFactKeys joins a claim without an object to the one fact "
    "that names it",
    "[facts]") {
  std::vector<GroupInput> claims = {
      Claim(1, "a", "Colossus 1", "", "", 300),
      Claim(2, "b", "Colossus 1", "SpaceX", "", 300),
      Claim(3, "c", "Colossus 1", "", "", 300),
  };
  std::vector<std::string> keys = AssignFactKeys(claims);
  CHECK(keys[0] == keys[1]);
  CHECK(keys[2] == keys[1]);
  CHECK(keys[1].find("SpaceX") != std::string::npos);
}

TEST_CASE("AssignFactKeys joins through a partly open fact to the full one",
          "[facts]") {
  std::vector<GroupInput> claims = {
      Claim(1, "a", "Amazon", "", "", 5),
      Claim(2, "b", "Amazon", "Anthropic", "", 5),
      Claim(3, "c", "Amazon", "Anthropic", "2026", 5),
  };
  std::vector<std::string> keys = AssignFactKeys(claims);
  CHECK(keys[0] == keys[2]);
  CHECK(keys[1] == keys[2]);
}

TEST_CASE("AssignFactKeys leaves an open claim alone when two facts fit",
          "[facts]") {
  std::vector<GroupInput> claims = {
      Claim(1, "a", "data centers", "", "", 500),
      Claim(2, "b", "data centers", "", "2025", 485),
      Claim(3, "c", "data centers", "", "2030", 950),
  };
  std::vector<std::string> keys = AssignFactKeys(claims);
  CHECK(keys[0] != keys[1]);
  CHECK(keys[0] != keys[2]);
  CHECK(keys[1] != keys[2]);
}

TEST_CASE("AssignFactKeys never makes a conflict by joining", "[facts]") {
  // A total and a first tranche with a date: two figures, not one.
  std::vector<GroupInput> claims = {
      Claim(1, "a", "OpenAI", "AMD", "", 6),
      Claim(2, "b", "OpenAI", "AMD", "2026-H2", 1),
  };
  std::vector<std::string> keys = AssignFactKeys(claims);
  CHECK(keys[0] != keys[1]);

  // Nor when one outlet states both.
  claims[1].interval.outlet = claims[0].interval.outlet;
  keys = AssignFactKeys(claims);
  CHECK(keys[0] != keys[1]);
}

TEST_CASE("AssignFactKeys keeps different objects and metrics apart",
          "[facts]") {
  std::vector<GroupInput> claims = {
      Claim(1, "a", "OpenAI", "Oracle", "", 4),
      Claim(2, "b", "OpenAI", "AMD", "", 4),
      Claim(3, "c", "OpenAI", "Oracle", "", 4),
  };
  claims[2].metric = "energy";
  std::vector<std::string> keys = AssignFactKeys(claims);
  CHECK(keys[0] != keys[1]);
  CHECK(keys[0] != keys[2]);
}

TEST_CASE("AssignFactKeys gives no key to a claim without a subject",
          "[facts]") {
  std::vector<GroupInput> claims = {Claim(1, "a", "", "", "", 4)};
  CHECK(AssignFactKeys(claims)[0].empty());
}
