// Facets: which figure of a deal or of a trading day (meaning.h).

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/meaning.h"
#include "extract/vocabulary.h"

namespace ct::extract {
namespace {

// Words that make a figure the first part of a deal, or an addition to it.
std::string_view FacetWord(std::string_view lower) {
  static const WordLabels& kWords = WordLabelsOf("facet_words");
  auto it = kWords.find(lower);
  return it == kWords.end() ? std::string_view() : it->second;
}

bool StopsFacet(const SentenceTokens& s, size_t i) {
  if (s.IsNumber(i)) return true;
  std::string_view t = s.Text(i);
  return t == "," || t == ";" || t == ":" || t == "(" || t == ")" ||
         s.Is(i, "and") || s.Is(i, "but") || s.Is(i, "while") ||
         s.Is(i, "which") || s.Is(i, "total") || s.Is(i, "totaling") ||
         s.Is(i, "totalling");
}

// "first" names a part of a deal unless it orders events ("first
// announced") or periods ("first quarter", "first half").
bool FirstOfADeal(const SentenceTokens& s, size_t i) {
  if (s.Lower(i) != "first") return true;
  static const WordSet& kPeriods = WordList("first_of_a_deal.periods");
  const std::string& next = s.Lower(i + 1);
  if (kPeriods.count(next) > 0) return false;
  return !(next.size() > 3 && next.ends_with("ed"));
}

}  // namespace

std::string FacetOf(const SentenceTokens& s,
                    const std::vector<Quantity>& quantities, size_t index) {
  const Quantity& q = quantities[index];
  // The words before the figure, back to a clause break: "an initial",
  // "the first phase of", "a further".
  for (size_t k = 1; k <= 4 && k <= q.first; ++k) {
    size_t i = q.first - k;
    if (StopsFacet(s, i)) break;
    std::string_view f = FacetWord(s.Lower(i));
    if (f == "first" && !FirstOfADeal(s, i)) continue;
    // An addition is said right at the figure: "an additional 2 GW", "a
    // further $5 billion"; further back it is another figure's ("in
    // addition to the 6 GW").
    if (f == "additional" && k > 1) continue;
    if (!f.empty()) return std::string(f);
  }
  // After it: "1 GW in the first phase", "$10 billion as a first tranche".
  size_t stop =
      index + 1 < quantities.size() ? quantities[index + 1].first : s.size();
  for (size_t i = q.last + 1; i < stop && i <= q.last + 5; ++i) {
    if (StopsFacet(s, i)) break;
    std::string_view f = FacetWord(s.Lower(i));
    if (f.empty()) continue;
    // Only as part of a phrase about phases: "first phase", "initial
    // tranche", "first stage", not "the first lab that".
    std::string_view next = s.Lower(i + 1);
    if (f == "first" && s.Lower(i) != "tranche" && next != "phase" &&
        next != "tranche" && next != "stage" && next != "step") {
      continue;
    }
    if (f == "additional") continue;
    return std::string(f);
  }
  return {};
}

std::string SessionOf(const SentenceTokens& s,
                      const std::vector<Quantity>& quantities, size_t index) {
  const Quantity& q = quantities[index];
  // The figure's clause, a few words either way: a move and the price it
  // reached share their moment ("rose 9% to $108 in after-hours trading").
  auto is_break = [&](size_t t) {
    return s.Is(t, ";") || s.Is(t, "while") || s.Is(t, "but") ||
           s.Is(t, "whereas");
  };
  size_t from = q.first;
  while (from > 0 && q.first - from < 12 && !is_break(from - 1)) --from;
  size_t to = q.last + 1;
  while (to < s.size() && to - q.last < 12 && !is_break(to)) ++to;
  auto at = [&](size_t t, std::string_view w) {
    return t < s.size() && s.Lower(t) == w;
  };
  // The named moment wins over a peak: "as much as 9% in premarket
  // trading" is premarket.
  auto rank = [](std::string_view moment) {
    if (moment == "intraday") return 1;
    return moment.empty() ? 0 : 2;
  };
  std::string_view best;
  for (size_t t = from; t < to; ++t) {
    std::string_view found;
    const std::string& w = s.Lower(t);
    // A peak of the day is part of the figure: "rose as much as 30%".
    if (t >= q.first && t <= q.last && w != "as") continue;
    if (w == "premarket" ||
        (w == "pre" && at(t + 1, "-") && at(t + 2, "market")) ||
        (w == "before" && at(t + 1, "the") && at(t + 2, "bell"))) {
      found = "premarket";
    } else if (w == "postmarket" ||
               (w == "after" && at(t + 1, "-") && at(t + 2, "hours")) ||
               (w == "after" && at(t + 1, "hours")) ||
               (w == "extended" &&
                (at(t + 1, "trading") || at(t + 1, "trade")))) {
      found = "after_hours";
    } else if (w == "close" || w == "closed" || w == "closing" ||
               w == "settled" ||
               ((w == "ended" || w == "finished") &&
                (at(t + 1, "the") || at(t + 1, "up") || at(t + 1, "down") ||
                 t + 1 == q.first))) {
      found = "close";
    } else if (w == "intraday" || w == "opened" || w == "midday" ||
               (w == "at" && at(t + 1, "one") && at(t + 2, "point")) ||
               (w == "early" && at(t + 1, "trading")) ||
               (w == "as" && at(t + 1, "much") && at(t + 2, "as")) ||
               (w == "as" && at(t + 1, "high") && at(t + 2, "as"))) {
      found = "intraday";
    }
    if (rank(found) > rank(best)) best = found;
  }
  return std::string(best);
}

}  // namespace ct::extract
