// Meaning: what a quantity is about. The metric it measures, the entities it
// belongs to (subject and counterparty) and the period it is for.
//
// Internal to extract/. Thread-safe: pure functions over read-only tables.

#ifndef CT_EXTRACT_MEANING_H_
#define CT_EXTRACT_MEANING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/gazetteer.h"
#include "extract/quantity_parser.h"

namespace ct::extract {

// A named thing in the sentence: from the gazetteer, or a run of capitalised
// words that the gazetteer does not know ("Terafab Labs").
struct EntityMention {
  size_t first = 0;  // Token span, inclusive.
  size_t last = 0;
  std::string name;   // Canonical.
  std::string kind;   // Gazetteer kind, "person" or "unknown".
  std::string owner;  // For a data centre, who runs it.
};

// A period the sentence names: "in 2030", "second half of 2026".
struct TimeMention {
  size_t begin = 0;  // Byte span in the sentence.
  size_t end = 0;
  std::string label;  // "2030", "2026-H2", "2026-Q3", "next decade".
};

// With the article's day (a day number), a site's or a chip's owner is the
// one it had then.
std::vector<EntityMention> FindEntities(
    const SentenceTokens& s, const Gazetteer& gazetteer,
    std::optional<int64_t> day = std::nullopt);
// With the article's day (a day number, common/days.h), relative times get
// labels: "this year" and "last year" are years, "today", "yesterday" and a
// weekday ("on Monday", the latest such day up to the article's) are days
// ("2025-10-06"), so that a share move belongs to its trading day. Without
// it they label nothing but still stop a year from a neighbouring clause.
std::vector<TimeMention> FindTimes(const SentenceTokens& s,
                                   std::optional<int64_t> today = std::nullopt);

// The metric of quantity `q` (DESIGN.md's list).
std::string MetricOf(const SentenceTokens& s, const Quantity& q);

struct Roles {
  std::string subject;
  std::string object;
  bool site = false;   // The subject is a data centre named in the sentence.
  bool local = false;  // The subject is named right at the figure.
};
// Subject and counterparty of `quantities[index]` among `entities`.
Roles RolesOf(const SentenceTokens& s, const std::vector<Quantity>& quantities,
              size_t index, const std::string& metric,
              const std::vector<EntityMention>& entities);

// What the sentence says each party of a deal's figure does: "investor" and
// "recipient" ("Nvidia invests $100 billion in OpenAI", "OpenAI gets $100
// billion from Nvidia"), "customer" and "supplier" ("OpenAI will buy 6 GW
// from AMD", "AMD will supply OpenAI with 6 GW"). Empty when it says
// neither, or names fewer than two parties.
std::vector<std::pair<std::string, std::string>> DealRoles(
    const SentenceTokens& s, const Quantity& q, const std::string& metric,
    const std::string& subject, const std::string& object,
    const std::vector<EntityMention>& entities);

// The company whose shares a stake counts, when the words at the figure
// name it: "10% of AMD", "160 million AMD shares", "a 4% stake in Intel".
// Empty when they do not.
// When in a trading day a stock move or price was taken, when the words
// around it say: "premarket", "intraday" (at the open, "as much as", "at
// one point"), "close" or "after_hours"; empty when they do not. Two
// moments of one day are two figures.
std::string SessionOf(const SentenceTokens& s,
                      const std::vector<Quantity>& quantities, size_t index);

std::string IssuerOf(const SentenceTokens& s, const Quantity& q,
                     const std::vector<EntityMention>& entities);

// Which figure of a deal `quantities[index]` is, when the words at it say:
// "first" (a first phase or tranche: "an initial 1 GW", "the first
// gigawatt", "$10 billion in the first tranche") or "additional" ("a
// further 2 GW", "an additional $5 billion"); empty for a total or when
// the text does not say. "another" is no facet: "adds another 300 MW" most
// often tells a figure's own size beside someone else's.
std::string FacetOf(const SentenceTokens& s,
                    const std::vector<Quantity>& quantities, size_t index);

// The period for `quantities[index]`: the nearest time mention that no other
// quantity stands between; a following one wins a tie. Empty when none.
std::string TimeOf(const SentenceTokens& s,
                   const std::vector<Quantity>& quantities, size_t index,
                   const std::vector<TimeMention>& times);

}  // namespace ct::extract

#endif  // CT_EXTRACT_MEANING_H_
