// Grouping: which claims state the same fact.
//
// Claims are first put in frames: the same parties (an unordered set, so
// "A invests in B" and "B gets A's money" meet), metric family, facet, unit
// and counted noun. A claim that names fewer parties joins the one frame
// that names them all:
//
//   "220,000 GPUs at Colossus 1"               {Colossus 1}
//   "220,000 GPUs at Colossus 1 from SpaceX"   {Colossus 1, SpaceX}
//
// When two frames could be meant the claim keeps a frame of its own. The
// values sort themselves out in the clusters below.
//
// Within a frame, claims are clustered by value, so that one deal's figures
// stay apart (a 6 GW total, a 1 GW first phase) and one figure's wordings
// meet:
//   1. Claims sorted by value join while their intervals still share a
//      point (about $17 billion, $17.4 billion).
//   2. Neighbouring clusters whose values are within kConflictRatio of each
//      other are one figure that the sources disagree on (6 GW, 8 GW),
//      unless they state different periods (485 TWh in 2025, 450 TWh in
//      2024).
//   3. A cluster that a slip explains (x1000, digits regrouped) joins the
//      cluster it slipped from, when that one has more support.
// Two different figures from one article never join when they could be
// taken for one (MayBeTakenForOne): an article that states both meant two
// things. Every step sorts by content, so the result does not depend on the
// order the claims came in.
//
// An input may stand for many claims that state the same thing (a
// statement, ClaimInterval): support counts its outlets and claims.
//
// Thread-safe: pure functions.

#ifndef CT_FACTS_GROUPING_H_
#define CT_FACTS_GROUPING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "facts/judge.h"

namespace ct::facts {

// Two values further apart than this are two figures, not one figure
// misreported (unless a slip explains them).
inline constexpr double kConflictRatio = 1.5;

// What grouping needs to know of one claim, or of one statement.
struct GroupInput {
  std::vector<std::string> parties;  // Identities, sorted, without repeats.
  std::string family;                // MetricFamily() of the metric.
  std::string facet;                 // "", "first", "additional", ...
  std::string time;
  std::string unit, noun;
  // The article whose other figures it must stay apart from, or 0 when it
  // need not: when no other figure of its article may be taken for it.
  int64_t article = 0;
  std::string order;  // Unique per input, stable across runs and orders.
  ClaimInterval interval;
};

// One fact: its key (stable while its frame and its first member in
// `order` stay) and its members, indexes into the input.
struct FactGroup {
  std::string key;
  std::string time;  // The period most of its claims state, or empty.
  std::vector<std::string> parties;
  std::vector<size_t> members;
};

std::vector<FactGroup> GroupClaims(const std::vector<GroupInput>& claims);

// Whether two different figures of one article, of one set of parties and
// metric family, could be taken for one figure in grouping: near in value
// (within kConflictRatio), or one a slip of the other (IsScaleSlip,
// IsGarbled). Only such figures are kept apart by article
// (GroupInput::article); a figure without a value always is.
bool MayBeTakenForOne(const ClaimInterval& a, const ClaimInterval& b);

// Metrics that name one figure in other words share a family: a deal's
// worth, its contract value and the commitment behind it; an investment in
// a company is reported as either.
std::string_view MetricFamily(std::string_view metric);

// The usual magnitude of a family's figures in `unit`, when this field has
// one (a deal's power in watts, its worth in dollars).
std::optional<double> TypicalMagnitude(std::string_view family,
                                       std::string_view unit);

// Whether a claim can belong to a fact at all: it needs a party, and a
// metric other than "other" unless it counts many of a named thing ("25
// million homes", not "the two companies") or is the term of a deal
// between two parties ("a seven-year contract"), or the fact would mix
// unrelated numbers.
// Whether a figure of `family` stated in `unit` is a slip of unit: bytes
// for a deal's power ("6 GB" for 6 GW; the prefixes scale alike). Such a
// figure joins the fact of its value in the right unit, as its outlier,
// and makes no fact of its own.
bool UnitSlip(std::string_view family, std::string_view unit);
// The unit a fact of `family` is told in, for a claim stated in `unit`.
std::string_view FactUnit(std::string_view family, std::string_view unit);

bool Groupable(const std::vector<std::string>& parties, std::string_view metric,
               std::string_view unit = {}, std::string_view noun = {},
               double value = 0);

}  // namespace ct::facts

#endif  // CT_FACTS_GROUPING_H_
