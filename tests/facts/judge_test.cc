#include "facts/judge.h"

#include <catch2/catch.hpp>

using ct::facts::ClaimInterval;
using ct::facts::Judge;
using ct::facts::Status;

namespace {

// An exact figure written to whole units of `step`.
ClaimInterval Exact(int64_t id, const std::string& outlet, double v,
                    double step) {
  ClaimInterval c;
  c.claim_id = id;
  c.outlet = outlet;
  c.value = v;
  c.qualifier = "exact";
  c.low = v - step / 2;
  c.high = v + step / 2;
  return c;
}

ClaimInterval MoreThan(int64_t id, const std::string& outlet, double v) {
  ClaimInterval c;
  c.claim_id = id;
  c.outlet = outlet;
  c.value = v;
  c.qualifier = "more_than";
  c.low = v;
  c.low_inclusive = false;
  return c;
}

ClaimInterval About(int64_t id, const std::string& outlet, double v) {
  ClaimInterval c;
  c.claim_id = id;
  c.outlet = outlet;
  c.value = v;
  c.qualifier = "approx";
  c.low = v * 0.9;
  c.high = v * 1.1;
  return c;
}

}  // namespace

TEST_CASE("Judge calls one outlet single, however many claims", "[facts]") {
  auto j = Judge({Exact(1, "A", 6e9, 1e9), Exact(2, "A", 8e9, 1e9)});
  CHECK(j.status == Status::kSingle);
  CHECK(j.sources == 1);
  CHECK(j.outliers.empty());
}

TEST_CASE("Judge calls the same value and qualifier agreement", "[facts]") {
  auto j = Judge({Exact(1, "A", 6e9, 1e9), Exact(2, "B", 6e9, 1e9)});
  CHECK(j.status == Status::kAgree);
  CHECK(j.sources == 2);
}

TEST_CASE("Judge finds more-than, approximately and exact compatible",
          "[facts]") {
  auto j = Judge({MoreThan(1, "A", 220000), About(2, "B", 220000),
                  Exact(3, "C", 220000, 1)});
  CHECK(j.status == Status::kCompatible);
  CHECK(j.outliers.empty());
}

TEST_CASE("Judge names the outlier of a conflict", "[facts]") {
  auto j = Judge({Exact(1, "A", 6e9, 1e9), Exact(2, "B", 6e9, 1e9),
                  Exact(3, "C", 8e9, 1e9)});
  CHECK(j.status == Status::kConflict);
  CHECK(j.outliers == std::vector<int64_t>{3});
}

TEST_CASE("Judge counts outlets, not claims, when picking the majority",
          "[facts]") {
  // One outlet repeating 8 GW three times does not outvote two outlets.
  auto j = Judge({Exact(1, "A", 6e9, 1e9), Exact(2, "B", 6e9, 1e9),
                  Exact(3, "C", 8e9, 1e9), Exact(4, "C", 8e9, 1e9),
                  Exact(5, "C", 8e9, 1e9)});
  CHECK(j.status == Status::kConflict);
  CHECK(j.outliers == std::vector<int64_t>{3, 4, 5});
}

TEST_CASE("Judge names no outlier when two outlets disagree evenly",
          "[facts]") {
  auto j = Judge({Exact(1, "A", 6e9, 1e9), Exact(2, "B", 8e9, 1e9)});
  CHECK(j.status == Status::kConflict);
  CHECK(j.outliers.empty());
}

TEST_CASE("Judge treats touching open and closed ends exactly", "[facts]") {
  // (300, inf) and [299.5, 300.5] share (300, 300.5].
  ClaimInterval a = MoreThan(1, "A", 300);
  ClaimInterval b = Exact(2, "B", 300, 1);
  CHECK(Judge({a, b}).status == Status::kCompatible);
  // (300, inf) and [0, 300] share nothing.
  ClaimInterval c;
  c.claim_id = 3;
  c.outlet = "C";
  c.value = 300;
  c.qualifier = "up_to";
  c.low = 0;
  c.high = 300;
  CHECK(Judge({a, c}).status == Status::kConflict);
}

TEST_CASE("FactKey separates time scopes and counted nouns", "[facts]") {
  using ct::facts::FactKey;
  CHECK(FactKey("A", "energy", "", "2025", "Wh", "") !=
        FactKey("A", "energy", "", "2030", "Wh", ""));
  CHECK(FactKey("A", "other", "", "", "count", "user") !=
        FactKey("A", "other", "", "", "count", "employee"));
  CHECK(ct::facts::Groupable("OpenAI", "power_capacity"));
  CHECK_FALSE(ct::facts::Groupable("", "power_capacity"));
  CHECK_FALSE(ct::facts::Groupable("OpenAI", "other"));
}
