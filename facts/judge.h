// Facts: claims about the same figure in the world, grouped and judged.
//
// A fact is (subject, metric, object, time, unit): "GPUs at Colossus 1",
// "power capacity OpenAI buys from AMD". Its claims are judged together
// (DESIGN.md, "Facts and consistency"):
//
//   single      one outlet states it
//   agree       every claim states the same value with the same qualifier
//   compatible  the claims' intervals share a common point
//   conflict    no value satisfies every claim; the outliers are the fewest
//               claims whose removal leaves a common point
//
// Outlets, not articles, are the unit of support: when two values tie, the
// one more outlets state wins, and only then the one more claims state. A
// tie between outlets names no outlier, since either side could be wrong,
// unless the difference is a slip (below): then the side whose magnitude is
// the less likely for the figure is the outlier.
//
// Every judgement that is not agree says why the values differ and which
// value the sources hold to (the consensus):
//
//   rounding        the values differ within their written precision
//   ceiling         an "up to" value contains the others
//   time            the values changed between articles a month or more
//                   apart: a timeline, judged compatible, its consensus
//                   the latest value
//   scale_slip      an outlier is x1000 or x1,000,000 off the consensus
//                   (MW for GW, million for billion)
//   garbled         an outlier has the consensus's digits, regrouped (45
//                   for 4.5)
//   unit_confusion  an outlier has the digits of the consensus in a
//                   neighbouring unit (GB for GW): always an outlier
//   conflict        none of these explains the difference
//
// Thread-safe: pure functions.

#ifndef CT_FACTS_JUDGE_H_
#define CT_FACTS_JUDGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ct::facts {

enum class Status { kSingle, kAgree, kCompatible, kConflict };

std::string_view StatusName(Status s);
bool ParseStatus(std::string_view name, Status* s);

// What the judge needs to know of one claim, or of several claims that
// state the same thing (the same interval and qualifier) and are judged as
// one: a statement, weighed by its outlets and claims.
struct ClaimInterval {
  int64_t claim_id = 0;  // Or the statement's id: outliers name it.
  // The outlets that state it, as ids (any numbering that is the same
  // across one call), sorted, without repeats.
  std::vector<int32_t> outlets;
  int64_t claims = 1;           // How many claims it stands for.
  std::optional<double> value;  // Empty for a range.
  std::string qualifier;        // Written name: "exact", "approx", ...
  std::optional<double> low;    // Empty: unbounded.
  std::optional<double> high;
  bool low_inclusive = true;
  bool high_inclusive = true;
  // Stated in a unit the figure cannot have, beside one it can: "6 GB" for
  // a deal's 6 GW (grouping.h, UnitSlip).
  bool unit_slip = false;
  // The days (days::FromCivil) of its earliest and its latest article;
  // empty when an article has no date.
  std::optional<int64_t> first_day, last_day;
};

struct Judgement {
  Status status = Status::kSingle;
  int sources = 0;                // Distinct outlets.
  std::vector<int64_t> outliers;  // Their claim_id.
  std::string reason;             // Empty for single and agree.
  std::optional<double> consensus;
};

// The distinct outlets of the claims added to it.
class OutletCount {
 public:
  void Add(const ClaimInterval& c);
  void Add(int32_t outlet);
  size_t count() const { return count_; }

 private:
  std::vector<bool> seen_;
  size_t count_ = 0;
};

// `typical`, when known, is the usual magnitude of the figure (1e9 for the
// power of a deal in watts): it decides which side of a one-against-one
// slip is the outlier.
Judgement Judge(const std::vector<ClaimInterval>& claims,
                std::optional<double> typical = std::nullopt);

// Whether two values are the same number, but for floating-point noise.
bool SameValue(double a, double b);
// The stated value of a claim, or the middle of its interval, or its one
// finite end; empty when it has none.
std::optional<double> PointOf(const ClaimInterval& c);
// The first `count` significant digits of `v`, trailing zeros dropped: "45"
// for 4.5, 45 and 0.045.
std::string SignificantDigits(double v, int count);

// Whether `a` is `b` with its scale slipped: x1000 or x1,000,000 either
// way, within 1%.
bool IsScaleSlip(double a, double b);
// Whether `a` and `b` have the same significant digits, grouped apart by a
// power of ten that no slip of scale explains (4.5 and 45).
bool IsGarbled(double a, double b);

}  // namespace ct::facts

#endif  // CT_FACTS_JUDGE_H_
