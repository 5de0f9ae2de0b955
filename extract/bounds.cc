#include "extract/bounds.h"

#include <algorithm>
#include <cmath>

namespace ct::extract {

Interval BoundsFor(Qualifier qualifier, bool nearly, double value,
                   double half_step, double high_value,
                   const BoundsOptions& options) {
  Interval r;
  double magnitude = std::fabs(value);
  switch (qualifier) {
    case Qualifier::kExact:
      r.low = value - half_step;
      r.high = value + half_step;
      break;
    case Qualifier::kApprox:
      if (nearly) {
        // "Nearly X" is short of X: never above it.
        // DESIGN: [0.9X, X], whatever precision X was written with.
        r.low = value - options.nearly_tolerance * magnitude;
        r.high = value;
      } else {
        double spread =
            std::max(options.approx_tolerance * magnitude, half_step);
        r.low = value - spread;
        r.high = value + spread;
      }
      break;
    case Qualifier::kMoreThan:
      r.low = value;
      r.low_inclusive = false;
      break;
    case Qualifier::kAtLeast:
      r.low = value;
      break;
    case Qualifier::kUpTo:
    case Qualifier::kAtMost:
      r.low = value < 0 ? std::optional<double>() : 0.0;
      r.high = value;
      break;
    case Qualifier::kLessThan:
      r.low = value < 0 ? std::optional<double>() : 0.0;
      r.high = value;
      r.high_inclusive = false;
      break;
    case Qualifier::kRange:
      r.low = std::min(value, high_value);
      r.high = std::max(value, high_value);
      break;
  }
  return r;
}

}  // namespace ct::extract
