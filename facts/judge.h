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
// tie between outlets names no outlier, since either side could be wrong.
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

// What the judge needs to know of one claim.
struct ClaimInterval {
  int64_t claim_id = 0;
  std::string outlet;
  std::optional<double> value;  // Empty for a range.
  std::string qualifier;        // Written name: "exact", "approx", ...
  std::optional<double> low;    // Empty: unbounded.
  std::optional<double> high;
  bool low_inclusive = true;
  bool high_inclusive = true;
};

struct Judgement {
  Status status = Status::kSingle;
  int sources = 0;                // Distinct outlets.
  std::vector<int64_t> outliers;  // Claim ids; only for a conflict.
};

Judgement Judge(const std::vector<ClaimInterval>& claims);

// The grouping key of a claim: claims with equal keys state the same fact.
// `noun` matters only for counted things ("employee" vs "user").
std::string FactKey(std::string_view subject, std::string_view metric,
                    std::string_view object, std::string_view time,
                    std::string_view unit, std::string_view noun);

// Whether a claim can belong to a fact at all: it needs a subject and a
// metric other than "other", or the fact would mix unrelated numbers.
bool Groupable(std::string_view subject, std::string_view metric);

}  // namespace ct::facts

#endif  // CT_FACTS_JUDGE_H_
