// Metrics: what a figure measures (meaning.h).

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/meaning.h"
#include "extract/meaning_internal.h"
#include "extract/vocabulary.h"

namespace ct::extract {
namespace {

// Keyword stems that tell the metric of a money figure, by nearness.
const std::unordered_map<std::string_view, std::string_view>& MoneyKeywords() {
  static const WordLabels* map = &WordLabelsOf("money_keywords");
  return *map;
}

bool NearWord(const SentenceTokens& s, const Quantity& q, size_t reach,
              const WordSet& words) {
  size_t from = q.first > reach ? q.first - reach : 0;
  size_t to = std::min(s.size(), q.last + 1 + reach);
  for (size_t i = from; i < to; ++i) {
    if (words.count(s.Lower(i))) return true;
  }
  return false;
}

// A count's metric: a headcount, shares, or other.
std::string CountMetric(const SentenceTokens& s, const Quantity& q) {
  static const WordSet* staff = &WordList("metric.staff");
  // "one engineer said" is a source, not a headcount.
  if (staff->count(q.noun) && (q.number > 1 || q.is_range)) {
    return "headcount";
  }
  if (q.noun == "share") return "share";
  // "a staff of 1,100", "a workforce of 36,000".
  static const WordSet* groups = &WordList("metric.groups");
  if (q.noun.empty() && q.first >= 2 && s.Is(q.first - 1, "of") &&
      groups->count(s.Lower(q.first - 2))) {
    return "headcount";
  }
  return "other";
}

// Bytes where a site's power belongs are a slip of unit: "6 GB of compute
// capacity", "a 2 GB campus". Memory and storage are bytes.
std::string BytesMetric(const SentenceTokens& s, const Quantity& q) {
  static const WordSet* memory = &WordList("metric.memory");
  if (NearWord(s, q, 6, *memory)) return "other";
  static const WordSet* sites = &WordList("metric.sites");
  for (size_t t = q.last + 1; t < s.size() && t <= q.last + 4; ++t) {
    if (sites->count(s.Lower(t)) > 0) return "power_capacity";
    if ((s.Is(t, "data") &&
         (s.Is(t + 1, "center") || s.Is(t + 1, "centers") ||
          s.Is(t + 1, "centre") || s.Is(t + 1, "centres")))) {
      return "power_capacity";
    }
  }
  return "other";
}

// A multiple: a change of a rate limit, or growth.
std::string RatioMetric(const SentenceTokens& s, const Quantity& q) {
  static const WordSet* limits = &WordList("metric.limits");
  // "doubled Claude Code's five-hour rate limits": the object may run
  // long, up to the end of the clause.
  if (NearWord(s, q, 6, *limits)) return "rate_limit_change";
  for (size_t i = q.last + 1; i < s.size() && i <= q.last + 12; ++i) {
    if (s.Is(i, ",") || s.Is(i, ";") || s.Is(i, ".")) break;
    if (limits->count(s.Lower(i))) return "rate_limit_change";
  }
  return "growth";
}

// A percentage: growth or a share.
std::string PercentMetric(const SentenceTokens& s, const Quantity& q) {
  // "rose 40%" is growth; "fell to 60%" a level, read as below.
  if (q.delta || (!q.change.empty() && !s.Is(q.first - 1, "to") &&
                  !s.Is(q.first - 1, "from"))) {
    return "growth";
  }
  static const WordSet* shares = &WordList("metric.shares");
  if (q.last + 1 < s.size() && shares->count(s.Lower(q.last + 1))) {
    return "share";
  }
  static const WordSet* growth = &WordList("metric.growth");
  if (NearWord(s, q, 4, *growth)) return "growth";
  return "share";
}

// The metric of the money keyword nearest the figure, or "other".
std::string_view MoneyKeywordMetric(const SentenceTokens& s,
                                    const Quantity& q) {
  const auto& keys = MoneyKeywords();
  size_t best = static_cast<size_t>(-1);
  std::string_view metric = "other";
  for (size_t i = 0; i < s.size(); ++i) {
    auto it = keys.find(s.Lower(i));
    if (it == keys.end()) continue;
    size_t d = Distance(q, i, i);
    std::string_view found = it->second;
    // "is worth $500 billion" values a company; "a deal worth" commits,
    // and so does "the contract ... is worth".
    // A "net worth" is a person's or a firm's, no deal.
    if (s.Lower(i) == "worth" && i > 0 && s.Is(i - 1, "net")) continue;
    if (s.Lower(i) == "worth" && i > 0) {
      static const WordSet* be = &WordList("metric.forms_of_be");
      static const WordSet* deals = &WordList("metric.deal_before_worth");
      // Within the clause's reach, so the cost stays linear.
      bool deal = false;
      for (size_t t = i > 30 ? i - 30 : 0; t < i && !deal; ++t) {
        deal = deals->count(s.Lower(t)) > 0;
      }
      if (be->count(s.Lower(i - 1)) && !deal) found = "valuation";
    }
    // "an agreement ... valued at $17.4 billion" values the deal: a
    // commitment, as a deal's worth is.
    if (found == "valuation" &&
        (s.Lower(i) == "valued" || s.Lower(i) == "valuing")) {
      static const WordSet* deals = &WordList("metric.deal_before_valued");
      for (size_t t = i > 8 ? i - 8 : 0; t < i; ++t) {
        if (deals->count(s.Lower(t)) > 0) found = "commitment";
      }
    }
    // "market value", "market cap": a valuation; "value" alone names
    // nothing.
    if (s.Lower(i) == "value" || s.Lower(i) == "cap") {
      if (i == 0 || !s.Is(i - 1, "market")) continue;
      found = "valuation";
    }
    // A keyword in a later clause counts less: "grew to $15.2 billion,
    // and the backlog rose", "to $29 billion after Meta bought".
    if (i > q.last && d < 30) {
      for (size_t t = q.last + 1; t < i; ++t) {
        if (s.Is(t, ",") || s.Is(t, ";") || s.Is(t, "after") ||
            s.Is(t, "while") || s.Is(t, "when") || s.Is(t, "because")) {
          d += 6;
          break;
        }
      }
    }
    // "per share", "per GPU-hour": a price whatever else is near.
    if (d < best) {
      best = d;
      metric = found;
    }
  }
  return metric;
}

// An amount of money: by its keyword, then by its size.
std::string MoneyMetric(const SentenceTokens& s, const Quantity& q) {
  if (!q.per.empty()) return "price";  // "$2 per GPU-hour".
  std::string_view metric = MoneyKeywordMetric(s, q);
  // No company is valued, and no deal struck, at a few thousand dollars
  // or less: "$183.61" beside a market value, "1 cent" in a warrant's
  // terms, are prices.
  constexpr double kSmallestDeal = 1e4;
  bool deal_like =
      metric == "valuation" || metric == "commitment" || metric == "investment";
  double amount = q.number * q.unit->factor;
  if (deal_like && !q.is_range && amount < kSmallestDeal) return "price";
  // What a deal costs its buyer is the deal's worth: "the deal could
  // cost it $350 billion to $500 billion".
  if (metric == "price" && amount >= 1e9) {
    static const WordSet* deals = &WordList("metric.deal_that_costs");
    for (size_t t = q.first > 10 ? q.first - 10 : 0; t < q.first; ++t) {
      if (deals->count(s.Lower(t)) > 0) return "commitment";
    }
  }
  // A few dollars beside a stock's trading is what one share costs:
  // "the stock closed at $18.40".
  static const WordSet* trading = &WordList("metric.trading");
  if (metric == "other" && amount < kSmallestDeal &&
      NearWord(s, q, 6, *trading)) {
    return "price";
  }
  return std::string(metric);
}

}  // namespace

size_t Distance(const Quantity& q, size_t first, size_t last) {
  if (last < q.first) return q.first - last;
  if (first > q.last) return first - q.last;
  return 0;
}

std::string MetricOf(const SentenceTokens& s, const Quantity& q) {
  // The size of a rise or fall is growth, never the level itself: "rose by
  // $2.5 billion to $31.5 billion" states one of each.
  if (q.delta && (q.unit == nullptr || (q.unit->kind != UnitKind::kRatio &&
                                        q.unit->kind != UnitKind::kDuration))) {
    return "growth";
  }
  if (q.gpu) return "gpu_count";
  if (q.unit == nullptr) return CountMetric(s, q);
  switch (q.unit->kind) {
    case UnitKind::kBytes:
      return BytesMetric(s, q);
    case UnitKind::kGpu:
      return "gpu_count";
    case UnitKind::kPower:
      return "power_capacity";
    case UnitKind::kEnergy:
      return "energy";
    case UnitKind::kRate:
      return "usage_time";
    case UnitKind::kRatio:
      return RatioMetric(s, q);
    case UnitKind::kPercent:
    case UnitKind::kPercentagePoint:
      return PercentMetric(s, q);
    case UnitKind::kCurrency:
      return MoneyMetric(s, q);
    default:
      return "other";
  }
}

}  // namespace ct::extract
