// One quantity at a token: its number, unit and range.

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

using text::Lower;

namespace {

// Names the rules that made a parse, from what each one set: the reader of
// the number (`reader`), then its currency, scale, unit and range.
Parse Named(Parse p, const char* reader) {
  Quantity& q = p.q;
  q.rules.Add(reader);
  if (p.prefixed) q.rules.Add("currency_before");
  if (p.scaled) q.rules.Add("scale_word");
  if (q.age) {
    q.rules.Add("age");
  } else if (q.unit != nullptr && !p.prefixed) {
    q.rules.Add("unit");
  }
  if (q.gpu) q.rules.Add("gpu_phrase");
  if (!q.gpu && q.unit == nullptr && !q.noun.empty()) {
    q.rules.Add("counted_noun");
  }
  if (!q.per.empty()) q.rules.Add("rate");
  if (q.is_range) q.rules.Add("range");
  return p;
}

// The number at `i`: a currency before it, its sign, "a" for one of a
// unit spelled out, digits or words, and a written fraction.
std::optional<NumberParse> ReadNumber(const SentenceTokens& s, size_t i,
                                      Parse* parse) {
  Parse& p = *parse;
  Quantity& q = p.q;
  size_t j = i;
  std::optional<NumberParse> num;

  // A currency sign or code before the number: "$", "US$", "EUR 5".
  if (auto prefix = MatchUnit(s, i, &PrefixUnitsStartingWith)) {
    j = prefix->last + 1;
    q.unit = prefix->def;
    p.prefixed = true;
  }
  // A sign after the currency: "$-50.8bn".
  bool negative = false;
  if (p.prefixed && s.Is(j, "-") && s.Attached(j) && s.IsNumber(j + 1) &&
      s.Attached(j + 1)) {
    negative = true;
    ++j;
  }
  if (p.prefixed && !s.IsNumber(j) && !s.IsWord(j)) return std::nullopt;
  // "about a gigawatt", "a gigawatt of capacity", "a single gigawatt of":
  // one, of power or energy spelled out; "a gigawatt-scale campus" and
  // "each gigawatt" are not.
  if (!p.prefixed && (s.Is(j, "a") || s.Is(j, "an"))) {
    size_t u = s.Is(j + 1, "single") ? j + 2 : j + 1;
    auto unit = MatchUnit(s, u, &UnitsStartingWith);
    bool spelled_unit = unit && LowercaseWord(s, u) &&
                        (unit->def->kind == UnitKind::kPower ||
                         unit->def->kind == UnitKind::kEnergy);
    static const WordSet* before = &WordList("quantity.word_before_range");
    if (spelled_unit && !s.Is(unit->last + 1, "-") &&
        (s.Is(unit->last + 1, "of") ||
         (j > 0 && before->count(s.Lower(j - 1))))) {
      NumberParse one;
      one.value = 1;
      one.half_step = 0.05;
      one.last = u - 1;
      one.spelled = true;
      num = one;
    }
  }
  if (!num) num = ParseNumber(s, j);
  if (!num) return std::nullopt;
  // A sign glued to the number: "-1.3%"; or written out: "minus-7 degrees".
  if (!p.prefixed && j > 0 && s.Is(j - 1, "-") && s.Attached(j) &&
      !num->spelled) {
    if (j == 1 || !s.Attached(j - 1)) {
      negative = true;
      q.first = j - 1;
    } else if (j >= 2 && s.Is(j - 2, "minus")) {
      negative = true;
      q.first = j - 2;
    }
  } else if (!p.prefixed && j > 0 && s.Is(j - 1, "minus") && !num->spelled) {
    negative = true;
    q.first = j - 1;
  }
  if (negative) num->value = -num->value;
  // A written fraction: "3/4 mile", "2/3 of". Only a proper fraction with
  // a small denominator; "24/7" and dates stay what they are.
  if (!num->spelled && num->plain_integer && s.Is(num->last + 1, "/") &&
      s.Attached(num->last + 1) && s.IsNumber(num->last + 2) &&
      s.Attached(num->last + 2) && !s.Is(num->last + 3, "/")) {
    auto den = ParseDigits(s, num->last + 2);
    if (den && den->plain_integer && den->value > num->value &&
        den->value <= 64 && num->value > 0) {
      num->value = num->value / den->value;
      num->half_step = 0;
      num->last += 2;
      num->plain_integer = false;
    }
  }
  q.number_first = j;
  p.spelled = num->spelled;
  p.plain_integer = num->plain_integer;
  p.digits = num->digits;
  return num;
}

// The number's scale: scientific notation, "+", scale words. Returns the
// first token after the number.
size_t ReadScale(const SentenceTokens& s, const NumberParse& number,
                 Parse* parse) {
  Parse& p = *parse;
  Quantity& q = p.q;
  const NumberParse* num = &number;
  double value = num->value;
  double half = num->half_step;
  size_t k = num->last + 1;

  // Scientific notation: "1.99×10^-30", "2.998×10−8" (the exponent's
  // superscript lost in plain text).
  if (!num->spelled && s.Is(k, "×") && k + 1 < s.size() &&
      s.Text(k + 1) == "10") {
    size_t e = k + 2;
    if (s.Is(e, "^")) ++e;
    double sign = 1;
    if (s.Is(e, "-") && s.Attached(e)) {
      sign = -1;
      ++e;
    }
    if (s.IsNumber(e) && s.Attached(e) && s.Text(e).size() <= 3) {
      double exponent = sign * std::stod(std::string(s.Text(e)));
      double scale = std::pow(10.0, exponent);
      value *= scale;
      half *= scale;
      k = e + 1;
    }
  }

  bool plus = false;
  if (s.Is(k, "+") && s.Attached(k)) {
    plus = true;
    ++k;
  }
  if (!num->spelled) {
    if (auto scale = ParseScale(s, k, p.prefixed)) {
      value *= scale->factor;
      half *= scale->factor;
      p.scale = scale->factor;
      p.scaled = true;
      k = scale->last + 1;
      // "6 hundred thousand": scales multiply.
      auto more = ParseScale(s, k, p.prefixed);
      if (more && !s.Attached(k) && more->factor > scale->factor) {
        value *= more->factor;
        half *= more->factor;
        p.scale *= more->factor;
        k = more->last + 1;
      }
    }
  } else if (num->half_step > 0.5) {
    p.scaled = true;
    p.scale = num->half_step * 2;
  }
  if (!plus && s.Is(k, "+") && s.Attached(k)) {
    plus = true;
    ++k;
  }
  q.number_last = k - 1;
  q.number = value;
  q.half_step = half;
  q.last = k - 1;
  if (plus) q.qualifier = Qualifier::kAtLeast;

  return k;
}

// The unit written at `k`, after the number that starts at `i`, or the
// thing it counts. False when a rule finds no figure: p->reject names it.
// The unit word at `at`, with what a word alone cannot tell: "won" is a
// currency only after millions, "pounds" after millions are money.
std::optional<UnitMatch> WordUnitAt(const SentenceTokens& s, size_t at,
                                    const Parse& p) {
  auto unit = MatchUnit(s, at, &UnitsStartingWith);
  if (unit && unit->def->base == "KRW" && s.Is(at, "won") &&
      !(p.scaled && p.scale >= 1e6)) {
    unit.reset();  // "the team won", "3 won, 2 lost".
  }
  if (unit && unit->def->base == "lb" && p.scaled && p.scale >= 1e6 &&
      (s.Is(at, "pounds") || s.Is(at, "pound"))) {
    // "5 billion pounds" is money; "140 pounds" a weight.
    static const UnitDef* gbp = [] {
      for (const UnitDef* d : *PrefixUnitsStartingWith("\u00a3")) {
        if (d->base == "GBP") return d;
      }
      return static_cast<const UnitDef*>(nullptr);
    }();
    if (gbp != nullptr) unit = UnitMatch{gbp, unit->last};
  }
  return unit;
}

// Where the unit after the number at `k` starts: past an adjective between
// them ("5 more GW", "2 additional gigawatts", "3 straight years", "300
// contiguous acres"). Any adjective may stand before a unit spelled out in
// full; before a symbol ("5 more GW") only the adjectives of a count may.
size_t UnitStart(const SentenceTokens& s, size_t k, const Parse& p) {
  if (p.prefixed || !LowercaseWord(s, k) || s.Attached(k) ||
      MatchUnit(s, k, &UnitsStartingWith)) {
    return k;
  }
  auto later = MatchUnit(s, k + 1, &UnitsStartingWith);
  if (!later || later->def->kind == UnitKind::kCurrency) return k;
  const std::string& w = s.Lower(k);
  bool count_adjective = IsCountAdjective(w) || w == "previous" ||
                         w == "straight" || w == "consecutive" || w == "past" ||
                         w == "remaining";
  std::string_view unit_word = s.Text(k + 1);
  bool spelled_unit =
      later->last == k + 1 && unit_word.size() >= 4 && LowercaseWord(s, k + 1);
  bool adjective = spelled_unit && !IsFunctionWord(w) && !IsNounStopWord(w) &&
                   ChangeOf(w) == 0 && w.size() >= 3;
  return count_adjective || adjective ? k + 1 : k;
}

// Ordinals and names glued to a number: "3rd", "3nm", "5G", "4K".
bool GluedName(const SentenceTokens& s, size_t k) {
  if (k >= s.size() || !s.Attached(k) ||
      s.token(k).kind == TokenKind::kSymbol) {
    return false;
  }
  const std::string& w = s.Lower(k);
  bool known_unit = MatchUnit(s, k, &UnitsStartingWith).has_value();
  return !known_unit || w == "st" || w == "nd" || w == "rd" || w == "th";
}

// Whether the words at `at` name a deal whose term a duration before them
// states: "a seven-year contract", "a five-year cloud deal".
bool DealTerm(const SentenceTokens& s, size_t at) {
  static const WordSet* deals = &WordList("quantity.deal_nouns");
  for (size_t t = at; t < at + 3 && t < s.size() && s.IsWord(t); ++t) {
    if (deals->count(s.Lower(t)) > 0) return true;
  }
  return false;
}

// "12 year-old", "70 years old": a duration that is an age.
void ReadAgeAfter(const SentenceTokens& s, Quantity* q) {
  if (!IsDurationUnit(q->unit)) return;
  size_t after = q->last + 1;
  if (s.Is(after, "-") && s.Attached(after) && s.Is(after + 1, "old")) {
    q->last = after + 1;
    q->age = true;
  } else if (s.Is(after, "old")) {
    q->last = after;
    q->age = true;
  }
}

bool ReadUnit(const SentenceTokens& s, size_t i, size_t k,
              const NumberParse& number, Parse* parse) {
  Parse& p = *parse;
  Quantity& q = p.q;
  const NumberParse* num = &number;
  if (GluedName(s, k)) {
    p.reject = "ordinal_or_glued_name";
    q.last = k;
    return false;
  }
  size_t unit_at = UnitStart(s, k, p);
  if (p.prefixed) return true;
  auto unit = WordUnitAt(s, unit_at, p);
  // "Three Mile Island": a capitalised number and unit inside a name.
  if (unit && num->spelled && s.Capitalized(i) && s.Capitalized(unit_at) &&
      !unit->def->exact_case && s.Capitalized(unit->last + 1) &&
      !IsFunctionWord(s.Lower(unit->last + 1))) {
    p.reject = "name_with_spelled_number";
    q.last = unit->last + 1;
    return false;
  }
  if (unit) {
    q.unit = unit->def;
    q.last = unit->last;
    ReadAgeAfter(s, &q);
  } else if (auto hyphen = MatchHyphenUnit(s, k)) {
    q.unit = hyphen->def;
    q.last = hyphen->last;
    // "a five-hour rate limit" names the limit; "a 30-year-old" is an age.
    if (IsDurationUnit(q.unit)) {
      size_t after = q.last + 1;
      if (s.Is(after, "-") && s.Is(after + 1, "old")) {
        q.last = after + 1;
        q.age = true;
      } else if (after < s.size() &&
                 (s.token(after).kind != TokenKind::kSymbol ||
                  s.Is(after, "$") || s.Is(after, "€") || s.Is(after, "£")) &&
                 !DealTerm(s, after)) {
        // "a five-year $700,000 award": the duration names the award. But
        // "a seven-year contract" states the deal's term.
        p.reject = "duration_names_thing";
        return false;
      }
    }
  } else if (s.Is(k, "times")) {
    static const WordSet* periods = &WordList("quantity.periods");
    if ((s.Is(k + 1, "a") || s.Is(k + 1, "per") || s.Is(k + 1, "each") ||
         s.Is(k + 1, "every")) &&
        k + 2 < s.size() && periods->count(s.Lower(k + 2))) {
      q.noun = "time";
      q.noun_written = "times";
      q.last = k;
    } else {
      q.unit = RatioUnit();
      q.last = k;
    }
  } else if (s.Is(k, "-") && s.Attached(k) && s.IsWord(k + 1) &&
             s.Attached(k + 1)) {
    const std::string& w = s.Lower(k + 1);
    if (w == "plus") {
      q.qualifier = Qualifier::kAtLeast;
      q.last = k + 1;
      FindGpu(s, k + 2, &q) || FindCountNoun(s, k + 2, &q);
    } else if (w == "odd") {
      q.qualifier = Qualifier::kApprox;
      q.last = k + 1;
      FindGpu(s, k + 2, &q) || FindCountNoun(s, k + 2, &q);
    } else if (!FindGpu(s, k + 1, &q)) {
      // "three-way partnership", "one-off", "24-hour-a-day": labels.
      p.reject = "hyphenated_label";
      q.last = k + 1;
      return false;
    }
  } else if (!FindGpu(s, k, &q)) {
    FindCountNoun(s, k, &q);
  }
  return true;
}

// A range from the quantity that starts at `i` to the next one: "4-5 GW",
// "between $10 billion and $12 billion", "4 to 5".
void ReadRange(const SentenceTokens& s, size_t i, Parse* parse) {
  Parse& p = *parse;
  Quantity& q = p.q;
  // Ranges: "4-5 GW", "between $10 billion and $12 billion", "4 to 5".
  size_t t = q.last + 1;
  bool between = i > 0 && s.Is(i - 1, "between");
  bool from = i > 0 && s.Is(i - 1, "from");
  bool dash =
      s.Is(t, "-") && (s.Attached(t) == s.Attached(t + 1));  // "4-5", "4 - 5".
  // "grew by $2.5 billion to $31.5 billion" is a change and a level,
  // not a range.
  bool by = i > 0 && s.Is(i - 1, "by") &&
            (q.unit != nullptr || q.gpu || !q.noun.empty());
  bool connector =
      dash || (s.Is(t, "to") && !by) || (between && s.Is(t, "and"));
  if (connector && t + 1 < s.size()) {
    auto second = ParseAt(s, t + 1, false);
    if (second && !second->reject) {
      Quantity& b = second->q;
      bool a_bare = q.unit == nullptr && !q.gpu && q.noun.empty();
      bool b_bare = b.unit == nullptr && !b.gpu && b.noun.empty();
      bool same_unit = (q.unit != nullptr && b.unit != nullptr &&
                        q.unit->base == b.unit->base) ||
                       (q.unit == nullptr && b.unit == nullptr &&
                        q.gpu == b.gpu && (q.noun == b.noun || a_bare));
      bool inherit = a_bare && !b_bare;
      // "$10-12 billion": the second end borrows the first's currency.
      bool lend = !a_bare && b_bare && p.prefixed && !second->prefixed;
      // "Colossus 2 to 550,000 GPUs": the first number names something.
      bool label = a_bare && i > 0 &&
                   (s.token(i - 1).kind == TokenKind::kAlnum ||
                    (s.Capitalized(i - 1) && !IsFunctionWord(s.Lower(i - 1)) &&
                     !IsMonth(s.Text(i - 1))));
      // "2025-2026", and "in 2025 to 950 TWh": a year is no range end.
      bool year_like = p.plain_integer && p.digits == 4 && a_bare &&
                       q.number >= 1800 && q.number <= 2199;
      bool years = year_like &&
                   ((i > 0 && IsTimePreposition(s.Lower(i - 1))) ||
                    (second->plain_integer && second->digits == 4 && b_bare));
      // Two bare numbers make a range only when words say so: "between
      // 6,000 and 7,500", "from 310 to 355"; "2-0" is a score.
      bool bare_ok = !(a_bare && b_bare) || between || from;
      // "grew by 4,000 to 36,000 employees": a change, then the level it
      // reached, far larger; "by 10 to 15 percent" is a range.
      // So is "up 7.5 cents to $3.10", compared in base units.
      double a_base = q.number * (q.unit != nullptr ? q.unit->factor : 1);
      double b_base = b.number * (b.unit != nullptr ? b.unit->factor : 1);
      bool change_and_level =
          i > 0 && (s.Is(i - 1, "by") || ChangeOf(s.Lower(i - 1)) != 0) &&
          !dash && b_base >= 3 * a_base;
      if ((same_unit || inherit || lend) && bare_ok && !years && !label &&
          !change_and_level) {
        if (inherit || (q.unit == nullptr && b.unit == nullptr)) {
          q.unit = b.unit;
          q.gpu = b.gpu;
          q.noun = b.noun;
          q.noun_written = b.noun_written;
        }
        // "$10-12 billion" shares the scale; "$600,000 to $1.1 million"
        // does not: the first end is complete at its own magnitude.
        if (!p.scaled && second->scaled &&
            q.number <= 10 * b.number / second->scale) {
          q.number *= second->scale;
          q.half_step *= second->scale;
        }
        if (q.per.empty()) {
          q.per = b.per;
          q.per_written = b.per_written;
        }
        q.is_range = true;
        q.qualifier = Qualifier::kRange;
        q.number_high = b.number;
        q.half_step_high = b.half_step;
        q.last = b.last;
        if (between) q.first = i - 1;
      }
    }
  }
}

}  // namespace

std::optional<Parse> ParseAt(const SentenceTokens& s, size_t i,
                             bool allow_range) {
  if (auto p = ParseMultipleWord(s, i)) return Named(std::move(*p), "multiple");
  if (auto p = ParseFactor(s, i)) return Named(std::move(*p), "factor");
  if (auto p = ParseFraction(s, i)) return Named(std::move(*p), "fraction");
  if (auto p = ParseVague(s, i)) return Named(std::move(*p), "vague_amount");

  Parse p;
  p.q.first = i;
  std::optional<NumberParse> num = ReadNumber(s, i, &p);
  if (!num) return std::nullopt;
  size_t k = ReadScale(s, *num, &p);
  if (!ReadUnit(s, i, k, *num, &p)) return p;
  if (!p.q.age) FindAge(s, p, &p.q);
  if (p.q.unit == nullptr || !IsDurationUnit(p.q.unit)) {
    FindPer(s, p.q.last + 1, &p.q);
  }
  if (allow_range) ReadRange(s, i, &p);
  return Named(std::move(p), "number");
}

}  // namespace ct::extract::rules
