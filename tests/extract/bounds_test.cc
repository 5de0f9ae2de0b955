#include "extract/bounds.h"

#include <catch2/catch.hpp>

using ct::extract::BoundsFor;
using ct::extract::BoundsOptions;
using ct::extract::Qualifier;

TEST_CASE("BoundsFor an exact figure is half its last digit either side",
          "[extract]") {
  auto b = BoundsFor(Qualifier::kExact, false, 17.4e9, 0.05e9, 0, {});
  CHECK(*b.low == Approx(17.35e9));
  CHECK(*b.high == Approx(17.45e9));
}

TEST_CASE("BoundsFor approx widens to ten percent", "[extract]") {
  auto b = BoundsFor(Qualifier::kApprox, false, 1.2e9, 0.05e9, 0, {});
  CHECK(*b.low == Approx(1.08e9));
  CHECK(*b.high == Approx(1.32e9));
}

TEST_CASE("BoundsFor nearly stays below the figure", "[extract]") {
  auto b = BoundsFor(Qualifier::kApprox, true, 1e9, 0.5e9, 0, {});
  CHECK(*b.high == Approx(1e9));
  CHECK(*b.low == Approx(0.9e9));
}

TEST_CASE("BoundsFor open qualifiers leave one side unbounded", "[extract]") {
  auto more = BoundsFor(Qualifier::kMoreThan, false, 300, 0.5, 0, {});
  CHECK(*more.low == 300);
  CHECK_FALSE(more.low_inclusive);
  CHECK_FALSE(more.high.has_value());
  auto least = BoundsFor(Qualifier::kAtLeast, false, 300, 0.5, 0, {});
  CHECK(least.low_inclusive);
  auto up = BoundsFor(Qualifier::kUpTo, false, 5e9, 0.5e9, 0, {});
  CHECK(*up.low == 0);
  CHECK(*up.high == 5e9);
  auto less = BoundsFor(Qualifier::kLessThan, false, 5, 0.5, 0, {});
  CHECK_FALSE(less.high_inclusive);
}

TEST_CASE("BoundsFor a range is its two ends, in order", "[extract]") {
  auto b = BoundsFor(Qualifier::kRange, false, 5e9, 0, 4e9, {});
  CHECK(*b.low == 4e9);
  CHECK(*b.high == 5e9);
}

TEST_CASE("BoundsFor honours a configured tolerance", "[extract]") {
  BoundsOptions options;
  options.approx_tolerance = 0.2;
  auto b = BoundsFor(Qualifier::kApprox, false, 100, 0.5, 0, options);
  CHECK(*b.low == Approx(80));
}
