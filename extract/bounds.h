// Bounds: the interval of values a claim allows, from its qualifier and the
// precision it was written with (DESIGN.md, "Bounds").
//
//   "$17.4 billion"   -> [17.35, 17.45] billion (half the last digit)
//   "about 1.2 GW"    -> [1.08, 1.32] GW        (approx: +-10%)
//   "nearly 1 GW"     -> [0.9, 1] GW
//   "more than 300"   -> (300, +inf)
//   "up to 5 GW"      -> [0, 5] GW
//
// Thread-safe: pure functions.

#ifndef CT_EXTRACT_BOUNDS_H_
#define CT_EXTRACT_BOUNDS_H_

#include <optional>

#include "extract/claim.h"

namespace ct::extract {

struct BoundsOptions {
  double approx_tolerance = 0.10;  // "about X" allows X +- 10%.
  double nearly_tolerance = 0.10;  // "nearly X" allows [X - 10%, X].
};

struct Interval {
  std::optional<double> low;  // Empty: open towards minus infinity.
  std::optional<double> high;
  bool low_inclusive = true;
  bool high_inclusive = true;
};

// The interval for a stated `value` (base units) written with precision
// `half_step` (half the step of its last digit, base units). For a range,
// `value` and `high_value` are its two ends, in any order.
Interval BoundsFor(Qualifier qualifier, bool nearly, double value,
                   double half_step, double high_value,
                   const BoundsOptions& options);

}  // namespace ct::extract

#endif  // CT_EXTRACT_BOUNDS_H_
