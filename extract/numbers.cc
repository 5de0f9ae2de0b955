// Numbers: digits, spelled numbers, scales, fractions, multiples and
// vague amounts.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/text.h"
#include "extract/quantity_rules.h"

namespace ct::extract::rules {

namespace {

using text::Lower;

// "twenty-five", "two hundred and fifty", "a dozen", "half a million".
// A scale word spelled out after a spelled number ("million", not "mn"),
// or 0.
double SpelledScale(const SentenceTokens& s, size_t k) {
  if (k >= s.size()) return 0;
  auto it = ScaleWords().find(s.Lower(k));
  if (it == ScaleWords().end() || it->second < 1e3 || s.Lower(k).size() < 5) {
    return 0;
  }
  return it->second;
}

// The running sum of a number in words: "two hundred and five million".
struct SpelledSum {
  double total = 0;    // What the scales closed: the millions in "2 million 5".
  double current = 0;  // What is still open.
  double last_scale = 1;
  bool any = false;
};

// Adds the words from `k` on to `sum`; `n->last` is the last one read.
void SumSpelled(const SentenceTokens& s, size_t k, SpelledSum* sum,
                NumberParse* n) {
  const auto& small = SmallNumbers();
  bool last_was_small = false;
  for (; k < s.size(); ++k) {
    const std::string& w = s.Lower(k);
    auto it = small.find(w);
    if (it != small.end() && s.IsWord(k)) {
      if (last_was_small) break;  // "two three" is not a number.
      double v = it->second;
      if (v >= 20 && s.Is(k + 1, "-") && s.Attached(k + 1) &&
          s.Attached(k + 2) && k + 2 < s.size()) {
        auto unit = small.find(s.Lower(k + 2));
        if (unit != small.end() && unit->second < 10 && unit->second > 0) {
          v += unit->second;
          k += 2;
        }
      }
      sum->current += v;
      sum->any = true;
      last_was_small = true;
      n->last = k;
      sum->last_scale = 1;
      continue;
    }
    if (!sum->any) break;
    double times = w == "hundred" ? 100 : w == "dozen" ? 12 : 0;
    if (times > 0) {
      sum->current = (sum->current == 0 ? 1 : sum->current) * times;
      n->last = k;
      last_was_small = false;
      continue;
    }
    double scale = SpelledScale(s, k);
    if (scale > 0) {
      sum->total += (sum->current == 0 ? 1 : sum->current) * scale;
      sum->current = 0;
      n->last = k;
      sum->last_scale = scale;
      last_was_small = false;
      continue;
    }
    if (w == "and" && k + 1 < s.size() && small.count(s.Lower(k + 1)) &&
        !last_was_small) {
      continue;
    }
    break;
  }
}

std::optional<NumberParse> ParseSpelled(const SentenceTokens& s, size_t i) {
  NumberParse n;
  n.spelled = true;
  if (s.Is(i, "half") && (s.Is(i + 1, "a") || s.Is(i + 1, "an"))) {
    double scale = SpelledScale(s, i + 2);
    if (scale == 0) return std::nullopt;
    n.value = 0.5 * scale;
    n.half_step = 0.05 * scale;
    n.last = i + 2;
    return n;
  }
  SpelledSum sum;
  size_t k = i;
  if ((s.Is(k, "a") || s.Is(k, "an")) &&
      (s.Is(k + 1, "hundred") || s.Is(k + 1, "dozen") ||
       SpelledScale(s, k + 1))) {
    sum.current = 1;
    sum.any = true;
    ++k;
  }
  SumSpelled(s, k, &sum, &n);
  if (!sum.any) return std::nullopt;
  n.value = sum.total + sum.current;
  n.half_step = 0.5 * sum.last_scale;
  // "one and a half gigawatts", "two and a half million GPUs".
  size_t h = n.last + 1;
  if (sum.total == 0 && sum.current > 0 && sum.current < 100 &&
      s.Is(h, "and") && s.Is(h + 1, "a") && s.Is(h + 2, "half")) {
    n.value = sum.current + 0.5;
    n.half_step = 0.25;
    n.last = h + 2;
    if (double scale = SpelledScale(s, h + 3); scale > 0) {
      n.value *= scale;
      n.half_step *= scale;
      n.last = h + 3;
    }
  }
  return n;
}

// "a third of": the number as written is the fraction, the value a share.
const UnitDef* FractionUnit() {
  static const UnitDef* def = [] {
    auto* d = new UnitDef();
    d->written = "fraction";
    d->base = "percent";
    d->factor = 100;
    d->kind = UnitKind::kPercent;
    return d;
  }();
  return def;
}

}  // namespace

std::optional<NumberParse> ParseDigits(const SentenceTokens& s, size_t i) {
  std::string_view text = s.Text(i);
  // A 100,000-digit number is no figure anyone states; refuse it early.
  if (text.size() > 40) return std::nullopt;
  std::string clean;
  clean.reserve(text.size());
  size_t decimals = 0;
  bool in_decimals = false;
  bool separators = false;
  if (!text.empty() && text[0] == '.') clean.push_back('0');  // ".001".
  for (char c : text) {
    if (c == ',' || c == ' ') {
      separators = true;
      continue;
    }
    if (c == '.')
      in_decimals = true;
    else if (in_decimals)
      ++decimals;
    clean.push_back(c);
  }
  NumberParse n;
  auto [ptr, ec] =
      std::from_chars(clean.data(), clean.data() + clean.size(), n.value);
  if (ec != std::errc() || !std::isfinite(n.value)) return std::nullopt;
  n.half_step = 0.5 * std::pow(10.0, -static_cast<double>(decimals));
  n.last = i;
  n.plain_integer = !separators && !in_decimals;
  n.digits = clean.size();
  return n;
}

std::optional<NumberParse> ParseNumber(const SentenceTokens& s, size_t i) {
  if (i >= s.size()) return std::nullopt;
  if (s.IsNumber(i)) return ParseDigits(s, i);
  if (s.IsWord(i)) return ParseSpelled(s, i);
  return std::nullopt;
}

// A scale after the number at `i`: "million", "bn", or a letter glued to the
// number ("400k", "$5m", "100B").
std::optional<ScaleParse> ParseScale(const SentenceTokens& s, size_t i,
                                     bool currency) {
  // A hyphen between: "$38-billion", "a 1.5-million-square-foot site".
  if (i + 1 < s.size() && s.Is(i, "-") && s.Attached(i) && s.Attached(i + 1) &&
      s.IsWord(i + 1)) {
    auto it = ScaleWords().find(s.Lower(i + 1));
    if (it != ScaleWords().end() && it->second >= 1e6) {
      return ScaleParse{it->second, i + 1};
    }
  }
  if (i >= s.size() || !s.IsWord(i)) return std::nullopt;
  const std::string& lower = s.Lower(i);
  auto it = ScaleWords().find(lower);
  if (it != ScaleWords().end()) {
    // "million" with a space; "mn" and "bn" either way.
    return ScaleParse{it->second, i};
  }
  std::string_view text = s.Text(i);
  // A headline's "$300 B Cloud Deal": a capital letter apart from the
  // amount, before a word in title case.
  if (!s.Attached(i) && currency && (text == "B" || text == "M") &&
      s.Capitalized(i + 1) && !s.Attached(i + 1)) {
    return ScaleParse{text == "B" ? 1e9 : 1e6, i};
  }
  if (!s.Attached(i)) return std::nullopt;
  bool word_follows = s.IsWord(i + 1) && !s.Attached(i + 1);
  if (text == "k" || text == "K") return ScaleParse{1e3, i};
  if (text == "M") return ScaleParse{1e6, i};
  if (text == "m" && (currency || word_follows)) return ScaleParse{1e6, i};
  if (text == "B" && (currency || word_follows)) return ScaleParse{1e9, i};
  if (text == "b" && currency) return ScaleParse{1e9, i};
  if (text == "T" && (currency || word_follows)) return ScaleParse{1e12, i};
  if (text == "t" && currency) return ScaleParse{1e12, i};
  return std::nullopt;
}

// Fractions: "half of", "a third of", "two-thirds of", "by half".
std::optional<Parse> ParseFraction(const SentenceTokens& s, size_t i) {
  const auto& fractions = FractionWords();
  size_t k = i;
  double numerator = 1;
  if (s.IsWord(i) && !fractions.count(s.Lower(i))) {
    auto it = SmallNumbers().find(s.Lower(i));
    if (s.Is(i, "a") || s.Is(i, "an")) {
      numerator = 1;
    } else if (it != SmallNumbers().end() && it->second > 0 &&
               it->second < 10) {
      numerator = it->second;
    } else {
      return std::nullopt;
    }
    k = i + 1;
    if (s.Is(k, "-") && s.Attached(k)) ++k;
  }
  if (!s.IsWord(k)) return std::nullopt;
  auto f = fractions.find(s.Lower(k));
  if (f == fractions.end()) return std::nullopt;
  const std::string& w = s.Lower(k);
  bool plural_word = w.back() == 's';
  if ((numerator == 1) == plural_word && w != "half") return std::nullopt;
  if (w == "half" && k != i) return std::nullopt;  // "a half": rare, vague.
  if (w != "half" && k == i) return std::nullopt;  // "the final third".
  if (w == "halves") return std::nullopt;
  // "first half of 2026" is a time; "half-hour" a label.
  if (i > 0 &&
      (s.Is(i - 1, "first") || s.Is(i - 1, "second") || s.Is(i - 1, "third") ||
       s.Is(i - 1, "fourth") || s.Is(i - 1, "last") || s.Is(i - 1, "the") ||
       s.Is(i - 1, "this") || s.Is(i - 1, "next"))) {
    return std::nullopt;
  }
  if (s.Is(k + 1, "-")) return std::nullopt;
  bool of = s.Is(k + 1, "of") ||
            (w == "half" && (s.Is(k + 1, "the") || s.Is(k + 1, "its") ||
                             s.Is(k + 1, "their")));
  // "by half", "by roughly half"; "cut in half".
  bool by = i > 0 && (s.Is(i - 1, "by") ||
                      (i > 1 && s.Is(i - 2, "by") &&
                       (s.Is(i - 1, "about") || s.Is(i - 1, "roughly") ||
                        s.Is(i - 1, "nearly") || s.Is(i - 1, "almost"))));
  bool in_half = false;
  if (w == "half" && i > 1 && s.Is(i - 1, "in")) {
    // "cut in half", "cut its GPU budget in half".
    for (size_t v = i - 1; v > 0 && v + 6 > i; --v) {
      if (s.Is(v - 1, ",") || s.Is(v - 1, ";")) break;
      if (s.Is(v - 1, "cut") || s.Is(v - 1, "cuts") || s.Is(v - 1, "slashed") ||
          s.Is(v - 1, "sliced")) {
        in_half = true;
        break;
      }
    }
  }
  if (!of && !by && !in_half) return std::nullopt;
  Parse p;
  double value = numerator / f->second;
  p.q.first = i;
  p.q.number_first = i;
  p.q.number_last = k;
  p.q.last = k;
  p.spelled = true;
  if (of) {
    p.q.number = value;
    p.q.unit = FractionUnit();
  } else {
    p.q.number = value;
    p.q.unit = RatioUnit();
  }
  if (in_half) {
    p.q.first = i - 1;
    p.q.change = "down";
  } else if (!of) {
    p.q.by_fraction = true;
  }
  p.q.half_step = 0;
  return p;
}

// "a factor of ten", "by a factor of 2.5": a multiple.
std::optional<Parse> ParseFactor(const SentenceTokens& s, size_t i) {
  size_t k = i;
  if (s.Is(k, "a")) ++k;
  if (!s.Is(k, "factor") || !s.Is(k + 1, "of")) return std::nullopt;
  auto num = ParseNumber(s, k + 2);
  if (!num || num->value < 1) return std::nullopt;
  Parse p;
  p.q.first = i;
  p.q.number_first = k + 2;
  p.q.number_last = p.q.last = num->last;
  p.q.number = num->value;
  p.q.half_step = 0;
  p.q.unit = RatioUnit();
  p.spelled = true;
  return p;
}

std::optional<Parse> ParseMultipleWord(const SentenceTokens& s, size_t i) {
  if (!s.IsWord(i)) return std::nullopt;
  const std::string& w = s.Lower(i);
  double value = 0;
  auto it = MultipleWords().find(w);
  if (it != MultipleWords().end()) {
    value = it->second;
    if (w == "double" || w == "triple" || w == "quadruple") {
      // "double-digit", "double down", "a double" are not multiples.
      if (s.Is(i + 1, "-") || s.Is(i + 1, "down") || s.Is(i + 1, "check") ||
          (i > 0 && (s.Is(i - 1, "a") || s.Is(i - 1, "the")))) {
        return std::nullopt;
      }
    }
  } else if (w == "twice" || w == "thrice") {
    // "almost twice what it spent", "more than twice the size": a ratio
    // when a qualifier stands before it and a comparison after; "twice a
    // year" is how often.
    static const WordSet* compared = &WordList("multiple_word.compared");
    static const WordSet* qualified = &WordList("multiple_word.qualified");
    if (i == 0 || !qualified->count(s.Lower(i - 1)) ||
        !compared->count(s.Lower(i + 1))) {
      return std::nullopt;
    }
    value = w == "twice" ? 2 : 3;
  } else if (EndsWith(w, "fold", 1)) {
    auto n = SmallNumbers().find(std::string_view(w).substr(0, w.size() - 4));
    if (n == SmallNumbers().end() || n->second < 2) return std::nullopt;
    value = n->second;
  } else {
    return std::nullopt;
  }
  Parse p;
  p.q.first = p.q.last = p.q.number_first = p.q.number_last = i;
  p.q.number = value;
  p.q.half_step = 0;
  p.q.unit = RatioUnit();
  p.spelled = true;
  // "doubled", "tripling", "halved": the verb says which way it went.
  // "to double", "will triple", "more than double": a verb too.
  static const WordSet* verb_before = &WordList("multiple_word.verb_before");
  if (EndsWith(w, "ed", 1) || EndsWith(w, "ing", 1) || EndsWith(w, "es", 1) ||
      (i > 0 && verb_before->count(s.Lower(i - 1)))) {
    p.q.change = value > 1 ? "up" : "down";
  }
  return p;
}

// The denominator of a rate after the unit at `t - 1`: "$58 per barrel",
// "$3,500 a month", "80 km/h" is a unit of its own and never gets here.
// "several hundred thousand GPUs" [300,000, 900,000]; "a few thousand
// engineers" [2,000, 5,000].
std::optional<Parse> ParseFewScale(const SentenceTokens& s, size_t i) {
  size_t k = i;
  double few_low = 0, few_high = 0;
  if (s.Is(k, "several")) {
    few_low = 3;
    few_high = 9;
    k += 1;
  } else if (s.Is(k, "a") && s.Is(k + 1, "few")) {
    few_low = 2;
    few_high = 5;
    k += 2;
  }
  if (few_low == 0) return std::nullopt;
  double scale = 1;
  size_t last = k;
  for (; k < s.size(); ++k) {
    const std::string& w = s.Lower(k);
    auto sc = ScaleWords().find(w);
    if (w == "hundred") {
      scale *= 100;
    } else if (w == "dozen") {
      scale *= 12;
    } else if (sc != ScaleWords().end() && sc->second >= 1e3 && w.size() >= 5) {
      scale *= sc->second;
    } else {
      break;
    }
    last = k;
  }
  if (scale == 1) return std::nullopt;
  Parse p;
  Quantity& q = p.q;
  q.first = i;
  q.number_first = i;
  q.number_last = q.last = last;
  q.number = few_low * scale;
  q.number_high = few_high * scale;
  q.is_range = true;
  q.qualifier = Qualifier::kRange;
  p.spelled = true;
  if (auto unit = MatchUnit(s, last + 1, &UnitsStartingWith)) {
    q.unit = unit->def;
    q.last = unit->last;
  } else if (!FindGpu(s, last + 1, &q) && !FindCountNoun(s, last + 1, &q)) {
    return std::nullopt;  // "several hundred, perhaps 2,000 MW".
  }
  return p;
}

std::optional<Parse> ParseVague(const SentenceTokens& s, size_t i) {
  static const WordValues* powers = &WordNumbers("vague.powers");
  if (s.Is(i, "several") || (s.Is(i, "a") && s.Is(i + 1, "few"))) {
    return ParseFewScale(s, i);
  }
  size_t k = i;
  double multiplier = 1;
  if ((s.Is(k, "tens") || s.Is(k, "hundreds")) && s.Is(k + 1, "of") &&
      k + 2 < s.size() && powers->count(s.Lower(k + 2)) &&
      !s.Is(k + 2, "dozens") && !s.Is(k + 2, "hundreds")) {
    multiplier = s.Is(k, "tens") ? 10 : 100;
    k += 2;
  }
  if (!s.IsWord(k)) return std::nullopt;
  auto it = powers->find(s.Lower(k));
  if (it == powers->end() || !s.Is(k + 1, "of")) return std::nullopt;
  Parse p;
  Quantity& q = p.q;
  double low = it->second * multiplier;
  q.first = i;
  q.number_first = i;
  q.number_last = k;
  q.number = low;
  q.number_high = low * 10;
  q.is_range = true;
  q.qualifier = Qualifier::kRange;
  q.last = k;
  p.spelled = true;
  size_t t = k + 2;
  if (auto unit = MatchUnit(s, t, &UnitsStartingWith)) {
    q.unit = unit->def;
    q.last = unit->last;
  } else if (!FindGpu(s, t, &q) && !FindCountNoun(s, t, &q)) {
    return std::nullopt;  // "millions of the" counts nothing said.
  }
  return p;
}

}  // namespace ct::extract::rules
