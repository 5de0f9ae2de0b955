#include "extract/meaning.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "common/days.h"
#include "extract/vocabulary.h"

namespace ct::extract {
namespace {

// Capitalised words that start sentences or name times, never entities.
bool IsCommonCapitalized(std::string_view lower) {
  static const WordSet* words = &WordList("common_capitalized");
  return words->count(lower) > 0;
}

bool IsUpperInitial(const SentenceTokens& s, size_t i) {
  if (i >= s.size()) return false;
  TokenKind kind = s.token(i).kind;
  if (kind != TokenKind::kWord && kind != TokenKind::kAlnum) return false;
  unsigned char c = static_cast<unsigned char>(s.Text(i)[0]);
  return c >= 'A' && c <= 'Z';
}

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

size_t Distance(const Quantity& q, size_t first, size_t last) {
  if (last < q.first) return q.first - last;
  if (first > q.last) return first - q.last;
  return 0;
}

// Whether a country's name starting at `first` says where, not who: "in the
// U.S.", "across China", "8 million U.S. homes".
bool AsPlace(const SentenceTokens& s, size_t first) {
  static const WordSet* where = &WordList("as_place.where");
  size_t before = first;
  if (before > 0 && s.Is(before - 1, "the")) --before;
  if (before > 0 && where->count(s.Lower(before - 1)) > 0) return true;
  // After a count, the name is an adjective: "8 million U.S. homes".
  return first > 0 && (s.IsNumber(first - 1) || s.Is(first - 1, "million") ||
                       s.Is(first - 1, "billion"));
}

// Whether the unknown capitalised run [first, last] is a person: named
// with a title ("Chief Executive Jane Roe", "CEO Jane Roe", "analyst Jo
// Bloggs") or followed by one (", chief executive of").
bool IsPerson(const SentenceTokens& s, size_t first, size_t last) {
  static const WordSet* titles = &WordList("person.titles");
  if (first > 0) {
    size_t t = first - 1;
    if (s.Is(t, ".") && t > 0) --t;  // "Mr. Roe"
    if (titles->count(s.Lower(t)) > 0) return true;
  }
  size_t after = last + 1;
  if (s.Is(after, ",")) {
    ++after;
    if (s.Is(after, "the") || s.Is(after, "a") || s.Is(after, "an")) ++after;
    if (titles->count(s.Lower(after)) > 0) return true;
    if (s.Is(after, "who")) return true;
  }
  return false;
}

// Whether the sentence is a title-cased line: a headline or a heading,
// where every longer word starts with a capital.
bool IsTitleCase(const SentenceTokens& s) {
  size_t words = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.token(i).kind != TokenKind::kWord) continue;
    std::string_view w = s.Text(i);
    if (w.size() < 4) continue;
    if (!s.Capitalized(i)) return false;
    ++words;
  }
  return words >= 2;
}

// Whether the words around a product's name [first, last] call its maker:
// "the Widget maker", "the Widget-maker", "the creator of Widget", "the
// company behind Widget".
bool MakerOfProduct(const SentenceTokens& s, size_t first, size_t last) {
  static const WordSet* makers = &WordList("maker_of_product.makers");
  size_t after = last + 1;
  if (s.Is(after, "-")) ++after;
  if (makers->count(s.Lower(after)) > 0) return true;
  if (first >= 1 && s.Is(first - 1, "behind")) return true;
  return first >= 2 && s.Is(first - 1, "of") &&
         makers->count(s.Lower(first - 2)) > 0 && !s.Is(first - 2, "company");
}

}  // namespace

std::vector<EntityMention> FindEntities(const SentenceTokens& s,
                                        const Gazetteer& gazetteer,
                                        std::optional<int64_t> day) {
  std::vector<EntityMention> out;
  std::vector<Gazetteer::Mention> known = gazetteer.FindMentions(s);
  bool title_case = IsTitleCase(s);
  size_t k = 0;
  for (size_t i = 0; i < s.size();) {
    if (k < known.size() && known[k].first == i) {
      const auto& e = gazetteer.entity(known[k].entity);
      out.push_back({known[k].first, known[k].last, e.name, e.kind,
                     gazetteer.OwnerAt(known[k].entity, day)});
      if (e.kind == "government" && AsPlace(s, known[k].first)) {
        out.back().kind = "place";
      }
      if (MakerOfProduct(s, known[k].first, known[k].last) &&
          !e.owner.empty() && e.kind == "product") {
        // "the ChatGPT maker" names the company, not the product.
        int maker = gazetteer.Find(e.owner);
        out.back().name = e.owner;
        out.back().kind = maker >= 0 ? gazetteer.entity(maker).kind : "company";
        out.back().owner.clear();
      }
      i = known[k].last + 1;
      ++k;
      continue;
    }
    // A run of capitalised words the gazetteer does not know. The first
    // word of a sentence is capitalised anyway, so it alone is no name.
    // Letters glued to a number ("5G", "3M") are no name of their own.
    size_t j = i;
    while (j < s.size() && IsUpperInitial(s, j) &&
           s.token(j).kind == TokenKind::kWord &&
           !IsCommonCapitalized(s.Lower(j)) &&
           !(s.Attached(j) && j > 0 && s.IsNumber(j - 1)) &&
           !(k < known.size() && known[k].first == j)) {
      ++j;
    }
    // A run longer than a name is a heading or a title-cased line.
    constexpr size_t kMaxNameWords = 6;
    if (j > i && j - i <= kMaxNameWords &&
        !(i == 0 && j == 1 && s.token(0).kind == TokenKind::kWord &&
          !(j < s.size() && s.Is(j, "'")))) {
      // In a title-cased line every word is capitalised: only known names
      // count there. Nor is a label before a colon a name ("Scale: ..."),
      // nor a nickname in quotes ("dubbed \"Big Iron\"").
      bool quoted = i > 0 && s.Is(i - 1, "\"") && s.Is(j, "\"");
      // A label opens the line, after a bullet if any, and a colon closes
      // it within a few words: "- Key terms: ...".
      bool label = false;
      if (i == 0 || (i == 1 && s.token(0).kind == TokenKind::kSymbol)) {
        for (size_t t = j; t < s.size() && t <= j + 3 && !label; ++t) {
          label = s.Is(t, ":");
        }
      }
      if (title_case || label || quoted) {
        i = j;
        continue;
      }
      std::string name;
      for (size_t t = i; t < j; ++t) {
        if (t > i) name += ' ';
        name += std::string(s.Text(t));
      }
      out.push_back(
          {i, j - 1, name, IsPerson(s, i, j - 1) ? "person" : "unknown", ""});
      i = j;
      continue;
    }
    i = std::max(j, i + 1);
  }
  return out;
}

namespace {

// The label of a relative time against `today`, or empty.
std::string RelativeLabel(std::string_view phrase,
                          std::optional<int64_t> today) {
  if (!today) return {};
  std::string p(phrase);
  for (char& c : p) c = static_cast<char>(std::tolower(c));
  int64_t day = *today;
  int year = days::YearOf(day);
  auto has = [&](std::string_view w) { return p.find(w) != std::string::npos; };
  if (has("last year") || has("a year ago")) {
    return std::to_string(year - 1);
  }
  if (has("next year")) return std::to_string(year + 1);
  if (has("this year") || has("year-to-date")) {
    return std::to_string(year);
  }
  if (has("yesterday")) return days::ToIso(day - 1);
  if (has("today")) return days::ToIso(day);
  static const char* kWeekdays[] = {
      "thursday", "friday",  "saturday", "sunday",
      "monday",   "tuesday", "wednesday"};  // 1970-01-01 was a Thursday.
  for (int w = 0; w < 7; ++w) {
    if (!has(kWeekdays[w])) continue;
    int64_t today_w = ((day % 7) + 7) % 7;
    int64_t back = ((today_w - w) % 7 + 7) % 7;
    return days::ToIso(day - back);
  }
  return {};
}

}  // namespace

std::vector<TimeMention> FindTimes(const SentenceTokens& s,
                                   std::optional<int64_t> today) {
  static const RE2 kHalf(
      "(?i)\\b(first|second|1st|2nd)\\s+half\\s+(?:of\\s+)?((?:19|20)\\d\\d)"
      "\\b");
  static const RE2 kHalfShort(
      "\\b(?:H([12])\\s*'?((?:19|20)\\d\\d)|([12])H\\s*'?(\\d\\d))\\b");
  static const RE2 kQuarter(
      "(?i)\\b(first|second|third|fourth|1st|2nd|3rd|4th)\\s+quarter\\s+"
      "(?:of\\s+)?((?:19|20)\\d\\d)\\b");
  static const RE2 kQuarterShort("\\bQ([1-4])\\s*'?((?:19|20)\\d\\d)\\b");
  static const RE2 kDecade("(?i)\\bnext\\s+decade\\b");
  // Times relative to the article's own date; they give no scope but stop
  // a year from a neighbouring clause: "by 2030, up from 4% today".
  static const RE2 kRelative(
      "(?i)\\b(?:today|yesterday|currently|at present|to date|so far this "
      "year|this year|last year|next year|a year ago|year-to-date)\\b");
  // A weekday names a day of the article's week: "on Monday", "Tuesday's
  // session"; capitalised, as a name.
  static const RE2 kWeekday(
      "\\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b");
  static const RE2 kYear(
      "(?:^|[^0-9,.$])((?:19|20|21)\\d\\d)(?:,[^0-9]|[^0-9,]|$)");

  std::vector<TimeMention> out;
  std::string_view text = s.text();
  auto ordinal = [](const std::string& w) {
    char c = w.empty() ? '1' : static_cast<char>(std::tolower(w[0]));
    if (c == 'f') return w.size() > 1 && std::tolower(w[1]) == 'o' ? 4 : 1;
    if (c == 's' || c == '2') return 2;
    if (c == 't' || c == '3') return 3;
    if (c == '4') return 4;
    return 1;
  };
  auto add = [&](re2::StringPiece whole, std::string label) {
    size_t b = static_cast<size_t>(whole.data() - text.data());
    for (const TimeMention& t : out) {
      if (b < t.end && b + whole.size() > t.begin) return;  // Overlap.
    }
    out.push_back({b, b + whole.size(), std::move(label)});
  };
  re2::StringPiece input(text.data(), text.size());
  auto scan = [&](const RE2& re, auto&& make) {
    re2::StringPiece groups[5];
    int n = std::min(5, re.NumberOfCapturingGroups() + 1);
    size_t pos = 0;
    while (pos < input.size() &&
           re.Match(input, pos, input.size(), RE2::UNANCHORED, groups, n)) {
      make(groups);
      pos = static_cast<size_t>(groups[0].data() - input.data()) +
            std::max<size_t>(groups[0].size(), 1);
    }
  };
  scan(kHalf, [&](re2::StringPiece* g) {
    add(g[0],
        std::string(g[2]) + "-H" + std::to_string(ordinal(std::string(g[1]))));
  });
  scan(kHalfShort, [&](re2::StringPiece* g) {
    if (!g[1].empty()) {
      add(g[0], std::string(g[2]) + "-H" + std::string(g[1]));
    } else {
      add(g[0], "20" + std::string(g[4]) + "-H" + std::string(g[3]));
    }
  });
  scan(kQuarter, [&](re2::StringPiece* g) {
    add(g[0],
        std::string(g[2]) + "-Q" + std::to_string(ordinal(std::string(g[1]))));
  });
  scan(kQuarterShort, [&](re2::StringPiece* g) {
    add(g[0], std::string(g[2]) + "-Q" + std::string(g[1]));
  });
  scan(kDecade, [&](re2::StringPiece* g) { add(g[0], "next decade"); });
  scan(kYear, [&](re2::StringPiece* g) { add(g[1], std::string(g[1])); });
  scan(kRelative, [&](re2::StringPiece* g) {
    add(g[0], RelativeLabel(std::string_view(g[0].data(), g[0].size()), today));
  });
  if (today) {
    scan(kWeekday, [&](re2::StringPiece* g) {
      add(g[0],
          RelativeLabel(std::string_view(g[0].data(), g[0].size()), today));
    });
  }
  std::sort(out.begin(), out.end(),
            [](const TimeMention& x, const TimeMention& y) {
              return x.begin < y.begin;
            });
  return out;
}

std::string MetricOf(const SentenceTokens& s, const Quantity& q) {
  // The size of a rise or fall is growth, never the level itself: "rose by
  // $43.6 billion to $419.2 billion" states one of each.
  if (q.delta && (q.unit == nullptr || (q.unit->kind != UnitKind::kRatio &&
                                        q.unit->kind != UnitKind::kDuration))) {
    return "growth";
  }
  if (q.gpu) return "gpu_count";
  if (q.unit == nullptr) {
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
  switch (q.unit->kind) {
    case UnitKind::kBytes: {
      // Bytes where a site's power belongs are a slip of unit: "6 GB of
      // compute capacity", "a 2 GB campus". Memory and storage are bytes.
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
    case UnitKind::kGpu:
      return "gpu_count";
    case UnitKind::kPower:
      return "power_capacity";
    case UnitKind::kEnergy:
      return "energy";
    case UnitKind::kRate:
      return "usage_time";
    case UnitKind::kRatio: {
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
    case UnitKind::kPercent:
    case UnitKind::kPercentagePoint: {
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
    case UnitKind::kCurrency: {
      if (!q.per.empty()) return "price";  // "$2 per GPU-hour".
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
      // No company is valued, and no deal struck, at a few thousand dollars
      // or less: "$183.61" beside a market value, "1 cent" in a warrant's
      // terms, are prices.
      constexpr double kSmallestDeal = 1e4;
      bool deal_like = metric == "valuation" || metric == "commitment" ||
                       metric == "investment";
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
    default:
      return "other";
  }
}

namespace {

const EntityMention* EntityAt(const std::vector<EntityMention>& entities,
                              size_t first) {
  for (const EntityMention& e : entities) {
    if (e.first == first) return &e;
  }
  return nullptr;
}

bool IsLowercaseWord(const SentenceTokens& s, size_t i) {
  if (i >= s.size() || s.token(i).kind != TokenKind::kWord) return false;
  unsigned char c = static_cast<unsigned char>(s.Text(i)[0]);
  return c >= 'a' && c <= 'z';
}

// The party a figure names next to itself, which beats the sentence's actor:
//   "up to 5 GW with Amazon"                 -> Amazon
//   "$30 billion of Azure capacity"          -> Microsoft
//   "the $2 trillion in backlogs at cloud providers", "Anthropic's
//   valuation", "cloud provider backlogs"    -> the holder of the measure
const EntityMention* LocalParty(const SentenceTokens& s, const Quantity& q,
                                const std::string& metric, size_t lo, size_t hi,
                                const std::vector<EntityMention>& entities) {
  size_t after = q.last + 1;
  // Capacity or a build "with X" is X's: the provider's gigawatts, the
  // builder's investment. Money paid under a contract "with X" stays the
  // payer's, so commitments keep the sentence's actor.
  bool with_counts = metric == "power_capacity" || metric == "gpu_count" ||
                     metric == "investment" || metric == "energy";
  for (size_t t = after; with_counts && t < hi && t < after + 4; ++t) {
    if (s.Is(t, "with")) {
      size_t e = s.Is(t + 1, "the") ? t + 2 : t + 1;
      return EntityAt(entities, e);
    }
    if (!IsLowercaseWord(s, t)) break;
  }
  static const WordSet* capacity = &WordList("local_party.capacity_words");
  if (s.Is(after, "of")) {
    if (const EntityMention* e = EntityAt(entities, after + 1)) {
      if (capacity->count(s.Lower(e->last + 1))) return e;
    }
  }
  // "<Entity>'s <figure>": "B's 41% gain", "A's $300 billion contract".
  if (q.first >= 3 && s.Is(q.first - 2, "'") && s.Is(q.first - 1, "s")) {
    for (const EntityMention& e : entities) {
      if (e.last + 3 == q.first && e.first >= lo) return &e;
    }
  }
  static const WordSet* measures = &WordList("local_party.measures");
  size_t from = q.first > lo + 3 ? q.first - 3 : lo;
  size_t to = std::min(hi, q.last + 5);
  for (size_t m = from; m < to; ++m) {
    if (m >= q.first && m <= q.last) continue;
    // A person's or a company's "net worth".
    bool net_worth = s.Is(m, "net") && s.Is(m + 1, "worth");
    if (!measures->count(s.Lower(m)) && !net_worth) continue;
    // "<measure> at/of/for [the] [major] <Entity>"
    if (s.Is(m + 1, "at") || s.Is(m + 1, "of") || s.Is(m + 1, "for")) {
      size_t e = m + 2;
      for (int skip = 0;
           skip < 2 && IsLowercaseWord(s, e) && !EntityAt(entities, e);
           ++skip) {
        ++e;
      }
      if (const EntityMention* found = EntityAt(entities, e)) return found;
    }
    // "<Entity> <measure>", "<Entity>'s <measure>"
    for (const EntityMention& e : entities) {
      if (e.last + 1 == m) return &e;
      if (e.last + 3 == m && s.Is(e.last + 1, "'") && s.Is(e.last + 2, "s")) {
        return &e;
      }
    }
  }
  return nullptr;
}

}  // namespace

Roles RolesOf(const SentenceTokens& s, const std::vector<Quantity>& quantities,
              size_t index, const std::string& metric,
              const std::vector<EntityMention>& all_entities) {
  Roles roles;
  const Quantity& q = quantities[index];
  // A figure in brackets right after another one adds to it: "up to 5 GW
  // with Amazon (nearly 1 GW by end of 2026)". It has the same parties.
  if (index > 0 && q.first > 0 && s.Is(q.first - 1, "(") &&
      q.first - 1 - quantities[index - 1].last <= 5) {
    return RolesOf(s, quantities, index - 1, metric, all_entities);
  }
  // Names the gazetteer knows come first; unknown capitalised words only
  // stand in when it knows none in the sentence.
  // A name inside any figure qualifies it and is no party to it: "220,000
  // Nvidia GPUs", the "US" of "US$55bn", the "TWh" of "945 TWh".
  auto inside_figure = [&](const EntityMention& e) {
    for (const Quantity& o : quantities) {
      if (e.first <= o.last && e.last >= o.first) return true;
    }
    return false;
  };
  std::vector<EntityMention> known, unknown, people;
  for (const EntityMention& e : all_entities) {
    if (inside_figure(e)) continue;
    // People and outlets speak of figures; they are no parties to them.
    if (e.kind == "person") people.push_back(e);
    if (e.kind == "person" || e.kind == "outlet") continue;
    if (e.kind == "chip") {
      // A chip is no party; its maker is: "1 GW of MI450 GPUs" is AMD's.
      if (e.owner.empty()) continue;
      EntityMention maker = e;
      maker.name = e.owner;
      maker.kind = "chipmaker";
      maker.owner.clear();
      known.push_back(std::move(maker));
      continue;
    }
    (e.kind == "unknown" ? unknown : known).push_back(e);
  }
  // A group named in lower case ("cloud providers") is a subject only when
  // no company is named.
  bool named = std::any_of(known.begin(), known.end(), [](const auto& e) {
    return !std::islower(static_cast<unsigned char>(e.name[0]));
  });
  std::vector<EntityMention> companies;
  if (named) {
    for (const EntityMention& e : known) {
      if (!std::islower(static_cast<unsigned char>(e.name[0]))) {
        companies.push_back(e);
      }
    }
  }
  // Local patterns see every name, people too: "backlogs at cloud
  // providers", "Jane Roe's net worth".
  const std::vector<EntityMention>& names = known.empty() ? unknown : known;
  std::vector<EntityMention> local_names = names;
  local_names.insert(local_names.end(), people.begin(), people.end());
  std::sort(local_names.begin(), local_names.end(),
            [](const EntityMention& a, const EntityMention& b) {
              return a.first < b.first;
            });
  const std::vector<EntityMention>& entities = named ? companies : names;
  // Where neighbouring figures start and end: local patterns stop there.
  size_t lo = index > 0 ? quantities[index - 1].last + 1 : 0;
  size_t hi =
      index + 1 < quantities.size() ? quantities[index + 1].first : s.size();
  if (entities.empty()) {
    // A person's own figure, with no company beside it.
    if (!people.empty() && !roles.site) {
      if (const EntityMention* own =
              LocalParty(s, q, metric, lo, hi, local_names)) {
        roles.subject = own->name;
        roles.local = true;
      }
    }
    return roles;
  }
  static const WordSet* object_preps = &WordList("roles.object_prepositions");
  auto preceded_by_prep = [&](const EntityMention& e) {
    if (e.first == 0) return false;
    if (object_preps->count(s.Lower(e.first - 1))) return true;
    // "from Anthropic and OpenAI": the second name shares the preposition.
    if ((s.Is(e.first - 1, "and") || s.Is(e.first - 1, "or")) && e.first > 1) {
      for (const EntityMention& o : entities) {
        if (o.last + 2 == e.first && o.first > 0 &&
            object_preps->count(s.Lower(o.first - 1))) {
          return true;
        }
      }
    }
    return false;
  };
  // Capacity and GPUs belong to the site when one is named.
  if (metric == "gpu_count" || metric == "power_capacity" ||
      metric == "energy") {
    const EntityMention* site = nullptr;
    for (const EntityMention& e : entities) {
      if (e.kind != "datacenter") continue;
      if (site == nullptr ||
          Distance(q, e.first, e.last) < Distance(q, site->first, site->last)) {
        site = &e;
      }
    }
    if (site != nullptr) {
      roles.subject = site->name;
      roles.site = true;
    }
  }

  // The sentence's actor: its first name that no preposition governs, or
  // what that name possesses ("Anthropic's Claude API"); when every name
  // before the figure is governed, the first of them.
  // In a sentence of several figures, the actor of the figure's own clause
  // comes first: "Nvidia's $100 billion investment in OpenAI and OpenAI's
  // $300 billion contract with Oracle". The clause starts after the last
  // break between the previous figure and this one.
  const EntityMention* actor = nullptr;
  if (lo > 0) {
    size_t clause = lo;
    for (size_t t = lo; t < q.first; ++t) {
      if (s.Is(t, ",") || s.Is(t, ";") || s.Is(t, "and") || s.Is(t, "but") ||
          s.Is(t, "while")) {
        clause = t + 1;
      }
    }
    for (const EntityMention& e : entities) {
      if (e.first < clause || preceded_by_prep(e)) continue;
      if (e.last >= q.first) break;
      actor = &e;
      break;
    }
    // None there: the clause began before the previous figure ("A rose 4%
    // to $25, while B rose 3% to $20"). It starts after the last strong
    // break before this figure.
    if (actor == nullptr) {
      size_t strong = 0;
      for (size_t t = 0; t < q.first; ++t) {
        if (s.Is(t, ";") || s.Is(t, "while") || s.Is(t, "whereas") ||
            s.Is(t, "but")) {
          strong = t + 1;
        }
      }
      for (const EntityMention& e : entities) {
        if (strong == 0 || e.first < strong || preceded_by_prep(e)) continue;
        if (e.last >= q.first) break;
        actor = &e;
        break;
      }
    }
  }
  // A relative clause is its name's: "B, which holds 60% of the market".
  if (actor == nullptr) {
    for (size_t t = q.first; t > lo && t + 12 > q.first; --t) {
      size_t w = t - 1;
      if (!(s.Is(w, "which") || s.Is(w, "who"))) continue;
      size_t before = w > 0 && s.Is(w - 1, ",") ? w - 1 : w;
      for (const EntityMention& e : entities) {
        if (e.last + 1 == before) actor = &e;
      }
      break;
    }
  }
  for (size_t k = 0; k < entities.size() && actor == nullptr; ++k) {
    const EntityMention& e = entities[k];
    if (e.first > q.last) break;
    if (preceded_by_prep(e)) continue;
    actor = &e;
    if (k + 1 < entities.size() && s.Is(e.last + 1, "'") &&
        s.Is(e.last + 2, "s") && entities[k + 1].first == e.last + 3 &&
        entities[k + 1].first < q.first) {
      actor = &entities[k + 1];
    }
    break;
  }
  if (actor == nullptr && entities.front().last < q.first) {
    actor = &entities.front();
  }
  if (actor == nullptr) {
    for (const EntityMention& e : entities) {
      if (actor == nullptr || Distance(q, e.first, e.last) <
                                  Distance(q, actor->first, actor->last)) {
        actor = &e;
      }
    }
  }

  if (!roles.site) {
    const EntityMention* local = LocalParty(s, q, metric, lo, hi, local_names);
    if (local != nullptr && local->last + 3 == q.first &&
        s.Is(q.first - 2, "'")) {
      // "B's 2 GW": the possessor's figure; a counterparty only after it,
      // in its clause ("A's $100 billion investment in B").
      roles.subject = local->name;
      roles.local = true;
      for (const EntityMention& e : entities) {
        if (e.first <= q.last || e.first >= hi || e.name == local->name) {
          continue;
        }
        bool broken = false;
        for (size_t t = q.last + 1; t < e.first && !broken; ++t) {
          broken = s.Is(t, ",") || s.Is(t, ";");
        }
        if (!broken) roles.object = e.name;
        break;
      }
      return roles;
    }
    if (local != nullptr) {
      roles.subject = local->name;
      roles.local = true;
      if (actor != nullptr && actor->name != local->name) {
        roles.object = actor->name;
        return roles;
      }
      // The counterparty is found as for any subject, below.
    } else {
      roles.subject = actor->name;
    }
  }

  // The counterparty: the nearest other name, preferring one after the
  // figure ("6 GW of AMD GPUs", "$30 billion with Microsoft").
  const EntityMention* object = nullptr;
  size_t best = static_cast<size_t>(-1);
  for (const EntityMention& e : entities) {
    if (e.name == roles.subject || e.kind == "place") continue;
    // A site's owner is no counterparty; a tenant is named with a
    // preposition: "300 MW at Colossus 1 for Anthropic".
    if (roles.site && !(e.first > 0 &&
                        (s.Is(e.first - 1, "with") || s.Is(e.first - 1, "to") ||
                         s.Is(e.first - 1, "for")))) {
      continue;
    }
    if (e.first >= hi || e.last < lo) continue;  // Past a neighbouring figure.
    // A name that possesses the next figure is that figure's: "6 GW, against
    // Rival's 3 GW".
    if (hi < s.size() && e.last + 3 == hi && s.Is(e.last + 1, "'") &&
        s.Is(e.last + 2, "s")) {
      continue;
    }
    size_t d = Distance(q, e.first, e.last);
    if (e.last < q.first) d += 8;  // A name before the figure counts less.
    // So does a name in another clause: "$250 billion on its Azure cloud
    // unit, Oracle inked".
    size_t from = e.last < q.first ? e.last + 1 : q.last + 1;
    size_t to = e.last < q.first ? q.first : e.first;
    for (size_t t = from; t < to; ++t) {
      if (s.Is(t, ",") || s.Is(t, ";")) {
        d += 8;
        break;
      }
    }
    if (d < best) {
      best = d;
      object = &e;
    }
  }
  if (object != nullptr) roles.object = object->name;
  return roles;
}

// Whether `t` is the day a deal was told, not a period of its figures:
// "under terms the two companies released on October 6", "the companies
// said Monday". A day after a verb of telling.
bool DatesTheTelling(std::string_view text, const TimeMention& t) {
  bool day = t.label.size() == 10 && t.label[4] == '-' && t.label[7] == '-';
  if (!day) return false;
  static const WordSet* telling = &WordList("time.telling_verbs");
  // The word before the time, past "on".
  size_t end = t.begin;
  for (int words = 0; words < 2; ++words) {
    while (end > 0 && text[end - 1] == ' ') --end;
    size_t begin = end;
    while (begin > 0 && ((text[begin - 1] >= 'a' && text[begin - 1] <= 'z') ||
                         (text[begin - 1] >= 'A' && text[begin - 1] <= 'Z'))) {
      --begin;
    }
    std::string word(text.substr(begin, end - begin));
    for (char& c : word) c = static_cast<char>(c | 0x20);
    if (telling->count(word) > 0) return true;
    if (word != "on") return false;
    end = begin;
  }
  return false;
}

std::string TimeOf(const SentenceTokens& s,
                   const std::vector<Quantity>& quantities, size_t index,
                   const std::vector<TimeMention>& times) {
  const Quantity& q = quantities[index];
  size_t qb = s.token(q.first).begin;
  size_t qe = s.token(q.last).end;
  // Byte limits set by the neighbouring figures.
  size_t lo = index > 0 ? s.token(quantities[index - 1].last).end : 0;
  size_t hi = index + 1 < quantities.size()
                  ? s.token(quantities[index + 1].first).begin
                  : s.text().size();
  const TimeMention* best = nullptr;
  size_t best_d = 0;
  for (const TimeMention& t : times) {
    if (t.begin < qe && t.end > qb) continue;  // Inside the figure itself.
    if (DatesTheTelling(s.text(), t)) continue;
    size_t d;
    if (t.begin >= qe) {
      if (t.end > hi) continue;
      d = t.begin - qe;
      if (d > 120) continue;
    } else {
      if (t.begin < lo) continue;
      d = qb - t.end + 1;  // A tie goes to the time after.
      if (d > 120) continue;
      // A time in the clause before counts less: "in fiscal 2026, up from
      // $21.2 billion in fiscal 2025".
      std::string_view between = s.text().substr(t.end, qb - t.end);
      if (between.find_first_of(",;") != std::string_view::npos) d += 40;
    }
    if (best == nullptr || d < best_d) {
      best = &t;
      best_d = d;
    }
  }
  return best ? best->label : std::string();
}

}  // namespace ct::extract

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

}  // namespace ct::extract

namespace ct::extract {

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

std::string IssuerOf(const SentenceTokens& s, const Quantity& q,
                     const std::vector<EntityMention>& entities) {
  auto company_at = [&](size_t i) -> std::string {
    if (s.Is(i, "the")) ++i;
    const EntityMention* e = EntityAt(entities, i);
    if (e == nullptr || e->kind == "unknown" || e->kind == "person") return {};
    // "10% of B's revenue" counts no shares; "10% of B's stock" does.
    if (s.Is(e->last + 1, "'") && s.Is(e->last + 2, "s")) {
      const std::string& w = s.Lower(e->last + 3);
      if (w != "stock" && w != "shares" && w != "equity") return {};
    }
    return e->name;
  };
  // Inside the figure: "160 million AMD shares".
  for (const EntityMention& e : entities) {
    if (e.first > q.first && e.last < q.last && e.kind != "unknown") {
      return e.name;
    }
  }
  size_t after = q.last + 1;
  if (s.Is(after, "of")) return company_at(after + 1);
  if ((s.Is(after, "stake") || s.Is(after, "interest")) &&
      s.Is(after + 1, "in")) {
    return company_at(after + 2);
  }
  return {};
}

std::vector<std::pair<std::string, std::string>> DealRoles(
    const SentenceTokens& s, const Quantity& q, const std::string& metric,
    const std::string& subject, const std::string& object,
    const std::vector<EntityMention>& entities) {
  std::vector<std::pair<std::string, std::string>> roles;
  bool invest = metric == "investment" || metric == "share";
  bool trade = metric == "commitment" || metric == "power_capacity" ||
               metric == "gpu_count";
  if ((!invest && !trade) || subject.empty() || object.empty() ||
      subject == object) {
    return roles;
  }
  // Where each party is first named; a party named inside a figure ("6 GW
  // of AMD GPUs") counts too.
  auto first = [&](const std::string& name) -> std::optional<size_t> {
    for (const EntityMention& e : entities) {
      if (e.name == name) return e.first;
    }
    return std::nullopt;
  };
  if (!first(subject) || !first(object)) return roles;
  static const WordSet* kInvest = &WordList("deal_roles.invest");
  static const WordSet* kReceive = &WordList("deal_roles.receive");
  static const WordSet* kSupply = &WordList("deal_roles.supply");
  static const WordSet* kBuy = &WordList("deal_roles.buy");
  // A company issues or grants its shares; the other side buys them.
  static const WordSet* kIssue = &WordList("deal_roles.issue");
  bool stake = metric == "share";
  // The verb nearest before the figure, back to the start of its clause.
  const WordSet* kind = nullptr;
  size_t verb = 0;
  for (size_t k = q.first; k > 0; --k) {
    size_t i = k - 1;
    if (s.Is(i, ";") || s.IsNumber(i)) break;
    const std::string& w = s.Lower(i);
    if (invest && kInvest->count(w)) {
      kind = kInvest;
    } else if (kReceive->count(w)) {
      kind = kReceive;
    } else if (trade && kSupply->count(w)) {
      kind = kSupply;
    } else if ((trade || stake) && kBuy->count(w)) {
      kind = kBuy;
    } else if (stake && kIssue->count(w)) {
      kind = kIssue;
    }
    if (kind != nullptr) {
      verb = i;
      break;
    }
  }
  if (kind == nullptr) return roles;
  if (kind == kIssue) {
    // "A granted B a warrant": the name right after the verb receives the
    // shares and holds them; the other side issues them.
    size_t at = verb + 1;
    if (s.Is(at, "to")) ++at;  // "issued to B".
    if (s.Is(at, "the")) ++at;
    for (const EntityMention& e : entities) {
      if (e.first != at) continue;
      if (e.name == subject)
        return {{"investor", subject}, {"recipient", object}};
      if (e.name == object)
        return {{"investor", object}, {"recipient", subject}};
    }
    return roles;
  }
  // Where each party is named last before the verb, else first: "A and B
  // announced a deal in which B will deploy".
  auto at = [&](const std::string& name) {
    std::optional<size_t> before;
    for (const EntityMention& e : entities) {
      if (e.name == name && e.first < verb) before = e.first;
    }
    return before ? before : first(name);
  };
  std::optional<size_t> at_s = at(subject), at_o = at(object);
  // "A and B will deploy": both act, and neither role is told.
  auto joined = [&](size_t a, size_t b) {
    if (a > b) std::swap(a, b);
    for (const EntityMention& e : entities) {
      if (e.first == a) return s.Is(e.last + 1, "and") && e.last + 2 == b;
    }
    return false;
  };
  if (*at_s < verb && *at_o < verb && joined(*at_s, *at_o)) return roles;
  // The actor is named before the verb and not after "from" or "by".
  // Nor after "with": "a deal with OpenAI to supply 6 GW" is the
  // sentence's actor supplying.
  auto governed = [&](size_t i) {
    return i > 0 &&
           (s.Is(i - 1, "from") || s.Is(i - 1, "by") || s.Is(i - 1, "with"));
  };
  std::string actor, other;
  bool s_acts = *at_s < verb && !governed(*at_s);
  bool o_acts = *at_o < verb && !governed(*at_o);
  if (s_acts == o_acts) {
    // Both or neither before the verb: the nearer one before it acts.
    if (*at_s < verb && *at_o < verb) {
      s_acts = *at_s > *at_o;
    } else if (governed(*at_s) != governed(*at_o)) {
      s_acts = governed(*at_o);
    } else {
      return roles;
    }
  }
  actor = s_acts ? subject : object;
  other = s_acts ? object : subject;
  if (kind == kInvest) {
    roles = {{"investor", actor}, {"recipient", other}};
  } else if (kind == kReceive) {
    // "OpenAI gets $100 billion from Nvidia", "AMD lands 6 GW from OpenAI".
    if (metric == "share") {
      // "OpenAI gets a 10% stake in AMD": who gets shares holds them.
      roles = {{"investor", actor}, {"recipient", other}};
    } else if (invest || metric == "commitment") {
      roles = {{"recipient", actor}, {"investor", other}};
    } else {
      roles = {{"supplier", actor}, {"customer", other}};
    }
  } else if (kind == kSupply) {
    roles = {{"supplier", actor}, {"customer", other}};
  } else if (stake) {
    // "B may buy 160 million shares": the buyer holds.
    roles = {{"investor", actor}, {"recipient", other}};
  } else {
    roles = {{"customer", actor}, {"supplier", other}};
  }
  return roles;
}

}  // namespace ct::extract
