// The unit vocabulary: every written unit the extractor knows, with its base
// unit and the factor to it (DESIGN.md lists the base units).
//
//   "megawatts" -> written "MW", base "W", factor 1e6
//   "per cent"  -> written "%", base "percent", factor 1
//
// Internal to extract/. Thread-safe: the table is built once and read-only.

#ifndef CT_EXTRACT_UNITS_H_
#define CT_EXTRACT_UNITS_H_

#include <string>
#include <string_view>
#include <vector>

namespace ct::extract {

enum class UnitKind {
  kCount,
  kGpu,
  kPower,
  kEnergy,
  kCurrency,
  kPercent,
  kPercentagePoint,
  kRatio,
  kDuration,
  kRate,
  kBytes,
  kFlops,
  kArea,
  kOther,  // Physical units outside the domain: miles, tonnes, degrees.
};

struct UnitDef {
  std::vector<std::string> words;  // Token texts; lowercase unless exact_case.
  std::string written;             // The unit as the claim reports it.
  std::string base;                // Base unit.
  double factor = 1;               // Written unit -> base unit.
  UnitKind kind = UnitKind::kOther;
  bool exact_case = false;  // "MW" but not "mw"; "B" never "b".
  bool attached = false;    // Only right after the number: "17x", "5m".
  bool prefix = false;      // Written before the number: "$", "US$", "EUR".
};

// The units that follow a number whose first word, case-folded, is `lower`,
// longest phrases first; nullptr when none starts so. Callers check case
// and the other words (exact_case, words).
const std::vector<const UnitDef*>* UnitsStartingWith(std::string_view lower);

// Currency signs and codes written before a number ("$", "US$", "€", "EUR").
const std::vector<const UnitDef*>* PrefixUnitsStartingWith(
    std::string_view lower);

}  // namespace ct::extract

#endif  // CT_EXTRACT_UNITS_H_
