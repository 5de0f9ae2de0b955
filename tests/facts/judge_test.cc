#include "facts/judge.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/days.h"

using ct::facts::ClaimInterval;
using ct::facts::Judge;
using ct::facts::Status;

namespace {

// Outlets by name, numbered as they are first met.
int32_t OutletId(const std::string& name) {
  static std::map<std::string, int32_t> ids;
  return ids.emplace(name, static_cast<int32_t>(ids.size())).first->second;
}

// Dates `c` with its article's day, or none for an empty `iso`.
void Date(ClaimInterval* c, const std::string& iso) {
  c->first_day = c->last_day = ct::days::FromIso(iso);
}

// An exact figure written to whole units of `step`.
ClaimInterval Exact(int64_t id, const std::string& outlet, double v,
                    double step) {
  ClaimInterval c;
  c.claim_id = id;
  c.outlets = {OutletId(outlet)};
  c.value = v;
  c.qualifier = "exact";
  c.low = v - step / 2;
  c.high = v + step / 2;
  return c;
}

ClaimInterval MoreThan(int64_t id, const std::string& outlet, double v) {
  ClaimInterval c;
  c.claim_id = id;
  c.outlets = {OutletId(outlet)};
  c.value = v;
  c.qualifier = "more_than";
  c.low = v;
  c.low_inclusive = false;
  return c;
}

ClaimInterval About(int64_t id, const std::string& outlet, double v) {
  ClaimInterval c;
  c.claim_id = id;
  c.outlets = {OutletId(outlet)};
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

TEST_CASE("Judge calls one range stated twice agreement", "[facts]") {
  auto range = [](int64_t id, const std::string& outlet, double lo, double hi) {
    ClaimInterval c;
    c.claim_id = id;
    c.outlets = {OutletId(outlet)};
    c.qualifier = "range";
    c.low = lo;
    c.high = hi;
    return c;
  };
  auto j = Judge({range(1, "A", 4e6, 5e6), range(2, "B", 4e6, 5e6)});
  CHECK(j.status == Status::kAgree);
  REQUIRE(j.consensus);
  CHECK(*j.consensus == 4.5e6);
  // Another range with one end in common is not the same statement.
  j = Judge({range(1, "A", 4e6, 5e6), range(2, "B", 4e6, 6e6)});
  CHECK(j.status == Status::kCompatible);
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
  c.outlets = {OutletId("C")};
  c.value = 300;
  c.qualifier = "up_to";
  c.low = 0;
  c.high = 300;
  CHECK(Judge({a, c}).status == Status::kConflict);
}

TEST_CASE("Judge says why values differ, and what the sources hold to",
          "[facts]") {
  // Rounding: 17.4 within "about 17".
  auto j = Judge({Exact(1, "A", 17.4, 0.1), About(2, "B", 17)});
  CHECK(j.status == Status::kCompatible);
  CHECK(j.reason == "rounding");
  REQUIRE(j.consensus);
  // A ceiling: "up to 19.4" holds 17.4 and 17.4 again.
  ClaimInterval up;
  up.claim_id = 3;
  up.outlets = {OutletId("C")};
  up.value = 19.4;
  up.qualifier = "up_to";
  up.low = 0;
  up.high = 19.4;
  j = Judge({Exact(1, "A", 17.4, 0.1), Exact(2, "B", 17.4, 0.1), up});
  CHECK(j.status == Status::kCompatible);
  CHECK(j.reason == "ceiling");
  CHECK(*j.consensus == Approx(17.4));
  // Agreement and a single source need no reason, but have a consensus.
  j = Judge({Exact(1, "A", 6, 1), Exact(2, "B", 6, 1)});
  CHECK(j.status == Status::kAgree);
  CHECK(j.reason.empty());
  CHECK(*j.consensus == 6);
  j = Judge({Exact(1, "A", 6, 1)});
  CHECK(j.status == Status::kSingle);
  CHECK(*j.consensus == 6);
}

TEST_CASE("Judge names a scale slip, garbled digits and a true conflict",
          "[facts]") {
  auto j = Judge({Exact(1, "A", 6e9, 1e9), Exact(2, "B", 6e9, 1e9),
                  Exact(3, "C", 6e6, 1e6)});
  CHECK(j.status == Status::kConflict);
  CHECK(j.reason == "scale_slip");
  CHECK(j.outliers == std::vector<int64_t>{3});
  CHECK(*j.consensus == 6e9);
  j = Judge({Exact(1, "A", 4.5e9, 0.1e9), Exact(2, "B", 4.5e9, 0.1e9),
             Exact(3, "C", 45e9, 1e9)});
  CHECK(j.reason == "garbled");
  CHECK(j.outliers == std::vector<int64_t>{3});
  j = Judge({Exact(1, "A", 6e9, 1e9), Exact(2, "B", 6e9, 1e9),
             Exact(3, "C", 8e9, 1e9)});
  CHECK(j.reason == "conflict");
  CHECK(j.outliers == std::vector<int64_t>{3});
}

TEST_CASE("Judge names the outlier of a slip even one against one", "[facts]") {
  // Gigawatts are what deals are counted in: the megawatt side slipped.
  auto j = Judge({Exact(1, "A", 6e9, 1e9), Exact(2, "B", 6e6, 1e6)}, 1e9);
  CHECK(j.status == Status::kConflict);
  CHECK(j.reason == "scale_slip");
  CHECK(j.outliers == std::vector<int64_t>{2});
  CHECK(*j.consensus == 6e9);
  j = Judge({Exact(1, "A", 6e6, 1e6), Exact(2, "B", 6e9, 1e9)}, 1e9);
  CHECK(j.outliers == std::vector<int64_t>{1});
  // Without a usual magnitude, neither side is named.
  j = Judge({Exact(1, "A", 6e9, 1e9), Exact(2, "B", 6e6, 1e6)});
  CHECK(j.reason == "scale_slip");
  CHECK(j.outliers.empty());
  // Nor in a plain conflict of one against one.
  j = Judge({Exact(1, "A", 6, 1), Exact(2, "B", 8, 1)}, 1);
  CHECK(j.reason == "conflict");
  CHECK(j.outliers.empty());
}

TEST_CASE("Judge reads a change between dated reports as a timeline",
          "[facts]") {
  ClaimInterval a = Exact(1, "A", 100000, 1000);
  Date(&a, "2024-06-01T09:00:00Z");
  ClaimInterval b = Exact(2, "B", 100000, 1000);
  Date(&b, "2024-07-01");
  ClaimInterval c = Exact(3, "C", 200000, 1000);
  Date(&c, "2025-03-01");
  auto j = Judge({a, b, c});
  CHECK(j.status == Status::kCompatible);
  CHECK(j.reason == "time");
  CHECK(*j.consensus == 200000);
  CHECK(j.outliers.empty());
  // An article without a date makes no step.
  Date(&c, "");
  j = Judge({a, b, c});
  CHECK(j.status == Status::kConflict);
  // Nor do reports that interleave, or come in one news cycle.
  Date(&c, "2024-06-15");
  j = Judge({a, b, c});
  CHECK(j.status == Status::kConflict);
  Date(&c, "2024-07-08");
  j = Judge({a, b, c});
  CHECK(j.status == Status::kConflict);
}

TEST_CASE("Judge names a slip of unit the outlier, whatever the rest say",
          "[facts]") {
  ClaimInterval bytes = Exact(3, "C", 6e9, 1e9);
  bytes.unit_slip = true;
  auto j = Judge({Exact(1, "A", 6e9, 1e9), Exact(2, "B", 6e9, 1e9), bytes});
  CHECK(j.status == Status::kConflict);
  CHECK(j.reason == "unit_confusion");
  CHECK(j.sources == 3);
  CHECK(j.outliers == std::vector<int64_t>{3});
  REQUIRE(j.consensus);
  CHECK(*j.consensus == 6e9);
  // Beside a true conflict, the slip is one more outlier of it.
  j = Judge({Exact(1, "A", 6e9, 1e9), Exact(2, "B", 6e9, 1e9),
             Exact(4, "D", 8e9, 1e9), bytes});
  CHECK(j.reason == "conflict");
  CHECK(j.outliers == std::vector<int64_t>{4, 3});
}

TEST_CASE("IsScaleSlip and IsGarbled", "[facts]") {
  using ct::facts::IsGarbled;
  using ct::facts::IsScaleSlip;
  CHECK(IsScaleSlip(6e9, 6e6));
  CHECK(IsScaleSlip(17.4e6, 17.4e12));
  CHECK_FALSE(IsScaleSlip(6e9, 8e9));
  CHECK_FALSE(IsScaleSlip(6e9, 6e8));
  CHECK(IsGarbled(4.5, 45));
  CHECK(IsGarbled(1.25, 0.125));
  CHECK_FALSE(IsGarbled(4.5, 4.5e3));
  CHECK_FALSE(IsGarbled(4.5, 5.4));
}

namespace {

// The judge as first written: every candidate point against every claim.
// Quadratic, and plainly right; the sweep must agree with it.
ct::facts::Judgement BruteForce(const std::vector<ClaimInterval>& claims) {
  auto covers = [](const ClaimInterval& c, double x) {
    double inf = std::numeric_limits<double>::infinity();
    double lo = c.low.value_or(-inf), hi = c.high.value_or(inf);
    if (x < lo || (x == lo && !c.low_inclusive && c.low)) return false;
    if (x > hi || (x == hi && !c.high_inclusive && c.high)) return false;
    return true;
  };
  std::vector<double> ends;
  for (const auto& c : claims) {
    if (c.low) ends.push_back(*c.low);
    if (c.high) ends.push_back(*c.high);
  }
  std::sort(ends.begin(), ends.end());
  ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
  std::vector<double> xs = ends;
  for (size_t i = 0; i + 1 < ends.size(); ++i)
    xs.push_back(ends[i] + (ends[i + 1] - ends[i]) / 2);
  xs.push_back(ends.empty() ? 0 : ends.front() - 1 - std::fabs(ends.front()));
  if (!ends.empty()) xs.push_back(ends.back() + 1 + std::fabs(ends.back()));
  size_t best_o = 0, best_c = 0;
  std::vector<std::vector<size_t>> best;
  for (double x : xs) {
    std::vector<size_t> cov;
    std::set<int32_t> outs;
    for (size_t i = 0; i < claims.size(); ++i) {
      if (covers(claims[i], x)) {
        cov.push_back(i);
        outs.insert(claims[i].outlets.front());
      }
    }
    if (outs.size() > best_o ||
        (outs.size() == best_o && cov.size() > best_c)) {
      best_o = outs.size();
      best_c = cov.size();
      best.assign(1, cov);
    } else if (outs.size() == best_o && cov.size() == best_c &&
               std::find(best.begin(), best.end(), cov) == best.end()) {
      best.push_back(cov);
    }
  }
  ct::facts::Judgement j;
  j.status = best_c == claims.size() ? ct::facts::Status::kCompatible
                                     : ct::facts::Status::kConflict;
  if (j.status == ct::facts::Status::kConflict && best.size() == 1) {
    for (size_t i = 0; i < claims.size(); ++i) {
      if (!std::binary_search(best[0].begin(), best[0].end(), i))
        j.outliers.push_back(claims[i].claim_id);
    }
  }
  return j;
}

}  // namespace

TEST_CASE("Judge's sweep agrees with the judge that tries every point",
          "[facts]") {
  uint64_t seed = 12345;
  auto next = [&](uint64_t n) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return (seed >> 33) % n;
  };
  for (int round = 0; round < 3000; ++round) {
    std::vector<ClaimInterval> claims;
    size_t count = 2 + next(9);
    for (size_t i = 0; i < count; ++i) {
      ClaimInterval c;
      c.claim_id = static_cast<int64_t>(i + 1);
      c.outlets = {static_cast<int32_t>(next(4))};
      c.qualifier = next(2) ? "exact" : "approx";
      double a = static_cast<double>(next(6));
      double b = a + static_cast<double>(next(3));
      c.value = a;
      if (next(6)) c.low = a;
      if (next(6)) c.high = b;
      c.low_inclusive = next(3) != 0;
      c.high_inclusive = next(3) != 0;
      claims.push_back(c);
    }
    auto got = ct::facts::Judge(claims);
    if (got.status == ct::facts::Status::kSingle ||
        got.status == ct::facts::Status::kAgree) {
      continue;
    }
    auto want = BruteForce(claims);
    INFO("round " << round);
    CHECK(ct::facts::StatusName(got.status) ==
          ct::facts::StatusName(want.status));
    CHECK(got.outliers == want.outliers);
  }
}

TEST_CASE("Judge takes a fact of 20,000 claims in one sweep", "[facts]") {
  std::vector<ClaimInterval> claims;
  for (int i = 0; i < 20000; ++i) {
    ClaimInterval c;
    c.claim_id = i;
    c.outlets = {i % 300};
    c.qualifier = "exact";
    double v = i % 50 == 0 ? 8e9 : 6e9;
    c.value = v;
    c.low = v - 5e8;
    c.high = v + 5e8;
    claims.push_back(c);
  }
  auto j = ct::facts::Judge(claims);
  CHECK(j.status == ct::facts::Status::kConflict);
  CHECK(j.outliers.size() == 400);
}

TEST_CASE("Judge weighs a statement by its outlets, then its claims",
          "[facts]") {
  // One statement told by three outlets against one told by one.
  ClaimInterval many = Exact(1, "A", 6e9, 1e9);
  many.outlets = {OutletId("A"), OutletId("B"), OutletId("C")};
  auto j = Judge({many, Exact(2, "D", 8e9, 1e9)});
  CHECK(j.status == Status::kConflict);
  CHECK(j.sources == 4);
  CHECK(j.outliers == std::vector<int64_t>{2});
  // One outlet each: the statement of five claims holds.
  ClaimInterval often = Exact(3, "A", 6e9, 1e9);
  often.claims = 5;
  j = Judge({often, Exact(4, "B", 8e9, 1e9)});
  CHECK(j.status == Status::kConflict);
  REQUIRE(j.consensus);
  CHECK(*j.consensus == 6e9);
  CHECK(j.outliers == std::vector<int64_t>{4});
}
