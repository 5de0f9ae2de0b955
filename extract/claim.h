// Claim: one number stated in one sentence of one article.
//
// The fields follow the claim model of the design contract (DESIGN.md, "The
// claim model"); the JSON writers, the store and the evaluation drivers all
// read them under the same names. Plain data, safe to copy between threads.

#ifndef CT_EXTRACT_CLAIM_H_
#define CT_EXTRACT_CLAIM_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ct::extract {

// How the sentence bounds the figure. Written names ("at_least", ...) are
// what JSON, CSV and the database hold.
enum class Qualifier {
  kExact,
  kApprox,    // about, roughly, some, nearly, close to, ~
  kAtLeast,   // at least, no fewer than, 300+
  kMoreThan,  // more than, over, >, tops
  kAtMost,    // at most, no more than
  kLessThan,  // less than, under, fewer than, <
  kUpTo,      // up to, as much as, may reach
  kRange,     // between 4 and 5, 4-5, $10 billion-$12 billion
};

std::string_view QualifierName(Qualifier q);
// Returns false when `name` is not one of the written names.
bool ParseQualifier(std::string_view name, Qualifier* q);

struct Claim {
  std::string surface;  // Exact text of the quantity: "more than 300 MW".

  // The number as written with scale words applied ("$55 billion" ->
  // 55000000000), in `written_unit` ("$", "MW", "GPU"). For a range,
  // `number` is empty and `number_low`/`number_high` hold both ends.
  std::optional<double> number;
  std::optional<double> number_low;
  std::optional<double> number_high;
  std::string written_unit;

  std::string noun;    // What is counted, singular, for `count` and `gpu`.
  std::string change;  // "up", "down" or empty.

  // Byte offsets of `surface` in the article text; in the headline when
  // `in_title`.
  size_t start = 0;
  size_t end = 0;
  bool in_title = false;  // The figure stands in the headline.

  // The stated number in the base unit; empty for a range.
  std::optional<double> value;
  // The interval the statement allows, in the base unit; empty means open
  // towards that side. The flags say whether an end point itself is allowed.
  std::optional<double> low;
  std::optional<double> high;
  bool low_inclusive = true;
  bool high_inclusive = true;

  std::string unit;  // Base unit: gpu, count, W, Wh, USD, percent, ratio, ...
  Qualifier qualifier = Qualifier::kExact;
  std::string metric;   // gpu_count, power_capacity, investment, ...
  std::string subject;  // Canonical entity names; may be empty.
  std::string object;
  // Who the figure is about, as an unordered set for grouping: subject and
  // object as identities (a product counts as its maker, a site brings its
  // operator), and the deal of the article when the sentence names one
  // party of it or none. Sorted, without repeats.
  std::vector<std::string> parties;
  std::string facet;  // "first", "additional" or empty (FacetOf).
  // What the text says each party does, when it says it: ("investor",
  // "Nvidia"), ("recipient", "OpenAI"); or ("customer", ...), ("supplier",
  // ...). Names as in `subject` and `object`.
  std::vector<std::pair<std::string, std::string>> roles;
  std::string time;      // "2026", "2026-H2", "next decade", or empty.
  std::string sentence;  // The sentence that states it (clipped if huge).

  // Only from ClaimExtractor::Explain: the names of the rules that made the
  // figure and set its fields, in the order they ran ("number", "unit",
  // "qualifier", ...). docs/extraction.md lists them.
  std::vector<std::string> rules;
};

// A number the extractor read and did not keep, from
// ClaimExtractor::Explain.
struct DroppedFigure {
  std::string surface;
  size_t start = 0;  // Byte offsets, as for a claim.
  size_t end = 0;
  bool in_title = false;
  std::string rule;  // The rule that dropped it: "year", "date", ...
};

// A claim whose subject, object, parties or metric the whole document
// changed. Every field holds the claim's value after the change.
struct PartyFix {
  size_t ordinal = 0;  // Its place among the document's claims, from 0.
  std::string subject;
  std::string object;
  std::vector<std::string> parties;  // Claim::parties.
  std::string metric;
};

}  // namespace ct::extract

#endif  // CT_EXTRACT_CLAIM_H_
