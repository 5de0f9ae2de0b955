// Unit phrases: currencies and units, GPU phrases, counted nouns, ages
// and rates.

#include <re2/re2.h>

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

bool MatchesWords(const SentenceTokens& s, size_t i, const UnitDef& def) {
  if (i + def.words.size() > s.size()) return false;
  for (size_t w = 0; w < def.words.size(); ++w) {
    const std::string& want = def.words[w];
    if (def.exact_case ? s.Text(i + w) != want : s.Lower(i + w) != want) {
      return false;
    }
    // The words of one unit sit together: "watt-hours", "FLOP/s". A
    // currency's letters may stand apart from its sign ("US $5", "C $6"),
    // but not when they are the article: "a $5 fee" is no Australian money.
    if (w > 0 && !s.Attached(i + w) &&
        ((def.prefix && s.Lower(i) == "a") ||
         (def.words[w - 1].size() == 1 &&
          !std::isalnum(static_cast<unsigned char>(def.words[w - 1][0]))))) {
      return false;
    }
  }
  size_t after = i + def.words.size();
  if (def.prefix) {
    if (!def.attached) return true;
    for (size_t t = i + 1; t <= after; ++t) {
      if (t >= s.size() || !s.Attached(t)) return false;
    }
    return s.IsNumber(after);
  }
  if (def.attached && !s.Attached(i)) return false;
  // A unit word must end there: "MW" but not the "M" of "MWh".
  if (after < s.size() && s.Attached(after) &&
      s.token(after).kind != TokenKind::kSymbol) {
    return false;
  }
  return true;
}

std::string Singular(std::string_view word) {
  static const WordLabels* irregular = &WordLabelsOf("irregular_plurals");
  auto it = irregular->find(word);
  if (it != irregular->end()) return std::string(it->second);
  std::string w(word);
  if (LooksPlural(w) && EndsWith(w, "men", 2)) {
    return w.substr(0, w.size() - 3) + "man";
  }
  auto ends = [&](std::string_view suffix) { return EndsWith(w, suffix, 2); };
  if (ends("ies")) return w.substr(0, w.size() - 3) + "y";
  if (ends("sses") || ends("xes") || ends("ches") || ends("shes")) {
    return w.substr(0, w.size() - 2);
  }
  if (ends("ss") || ends("us") || ends("is")) return w;
  if (ends("s")) return w.substr(0, w.size() - 1);
  return w;
}

bool IsParticiple(std::string_view w) {
  return EndsWith(w, "ing", 3) || EndsWith(w, "ed", 3);
}

// Adjective endings: "particular", "digital", "massive", "famous".
bool LooksAdjective(std::string_view w) {
  static constexpr std::string_view kEndings[] = {
      "al", "ar", "ic", "ous", "ive", "ful", "less", "ary", "ible", "able"};
  for (std::string_view e : kEndings) {
    if (EndsWith(w, e, 4)) return true;
  }
  return false;
}

// Words that follow a number as its verb or comparison, not as the thing
// counted: "about 700 come from Taiwan", "30k cheaper than".
bool IsVerbAfterNumber(const SentenceTokens& s, size_t i) {
  static const WordSet* verbs = &WordList("verb_after_number.verbs");
  return verbs->count(s.Lower(i)) > 0 || s.Is(i + 1, "than");
}

// The unit "years", for ages.
const UnitDef* YearsUnit() {
  static const UnitDef* years = [] {
    for (const UnitDef* def : *UnitsStartingWith("years")) {
      if (def->words.size() == 1 && def->kind == UnitKind::kDuration) {
        return def;
      }
    }
    return static_cast<const UnitDef*>(nullptr);
  }();
  return years;
}

// Vague amounts as ranges: "dozens of", "hundreds of", "tens of thousands
// of euros" -> [10,000, 100,000] EUR, "millions of users".

}  // namespace

std::optional<UnitMatch> MatchUnit(
    const SentenceTokens& s, size_t i,
    const std::vector<const UnitDef*>* (*lookup)(std::string_view)) {
  if (i >= s.size()) return std::nullopt;
  const auto* bucket = lookup(s.Lower(i));
  if (bucket == nullptr) return std::nullopt;
  for (const UnitDef* def : *bucket) {
    if (MatchesWords(s, i, *def)) {
      return UnitMatch{def, i + def->words.size() - 1};
    }
  }
  return std::nullopt;
}

bool LooksPlural(std::string_view w) {
  if (w == "people" || w == "children" || w == "staff") return true;
  // Singular words that end like plurals.
  static const WordSet* singular = &WordList("looks_plural.singular");
  if (singular->count(w)) return false;
  // "fishermen", "women"; not "specimen", "omen".
  if (EndsWith(w, "men", 2) && w != "specimen" && w != "regimen" &&
      w != "abdomen") {
    return true;
  }
  return w.size() > 2 && w.back() == 's' && w[w.size() - 2] != 's' &&
         w[w.size() - 2] != 'u' && w[w.size() - 2] != 'i';
}

bool LowercaseWord(const SentenceTokens& s, size_t i) {
  if (!s.IsWord(i)) return false;
  unsigned char c = static_cast<unsigned char>(s.Text(i)[0]);
  return c >= 'a' && c <= 'z';
}

// What a number counts: "300 new data centers" -> "data center".
namespace {

// Reads the thing a number counts, from token `k` on.
class CountNounReader {
 public:
  CountNounReader(const SentenceTokens& s, size_t k) : s_(s), k_(k), t_(k) {}

  bool Read(Quantity* q) {
    SkipAdjectives();
    SkipNames();
    size_t last = LastWord();
    std::string noun = NounOf(last);
    if (noun.empty() && t_ < s_.size() && s_.Capitalized(t_) &&
        LooksPlural(s_.Lower(t_)) && !IsFunctionWord(s_.Lower(t_)) &&
        !s_.Capitalized(t_ + 1)) {
      // A people or group named by a capitalised plural: "millions of
      // Americans".
      noun = Singular(s_.Lower(t_));
      last = t_;
    }
    if (noun.empty()) return false;
    q->noun = noun;
    // What it is a count of: "1,200 kinds of steel".
    if (LowercaseWord(s_, last) && LooksPlural(s_.Lower(last)) &&
        s_.Is(last + 1, "of") && PlainNoun(last + 2)) {
      last += 2;
      if (PlainNoun(last + 1) && !LooksPlural(s_.Lower(last))) ++last;
    }
    size_t from = WrittenFrom(last);
    q->noun_written = std::string(s_.text().substr(
        s_.token(from).begin, s_.token(last).end - s_.token(from).begin));
    q->last = last;
    return true;
  }

 private:
  void SkipAdjectives() {
    for (int skipped = 0; skipped < 2 && LowercaseWord(s_, t_) &&
                          IsCountAdjective(s_.Lower(t_)) && t_ + 1 < s_.size();
         ++skipped) {
      ++t_;
    }
  }

  bool CapitalName(size_t f) const {
    return s_.Capitalized(f) && !IsFunctionWord(s_.Lower(f)) &&
           !IsMonth(s_.Text(f));
  }

  // Model numbers inside a name count as the name: "777 Freighter jets",
  // "Model 2 sedans".
  bool IsName(size_t f) const {
    if (s_.token(f).kind == TokenKind::kAlnum || CapitalName(f)) return true;
    // The dots of "U.S.": between or after single capitals.
    if (s_.Is(f, ".") && s_.Attached(f) && f > k_ &&
        s_.Text(f - 1).size() == 1 && s_.Capitalized(f - 1)) {
      return true;
    }
    return f > k_ && s_.IsNumber(f) &&
           (CapitalName(f + 1) || (f > k_ && CapitalName(f - 1)));
  }

  // "A380s", "Pixel 9s": a model in the plural. Returns the index of the
  // token that ends it, or 0.
  size_t PluralModel(size_t f) const {
    std::string_view w = s_.Text(f);
    if (s_.token(f).kind == TokenKind::kAlnum && w.size() > 1 &&
        w.back() == 's' && w[w.size() - 2] >= '0' && w[w.size() - 2] <= '9') {
      return f;
    }
    if (s_.IsNumber(f) && s_.Is(f + 1, "s") && s_.Attached(f + 1)) return f + 1;
    return 0;
  }

  // Names between the number and a plural noun: "160 million AMD shares",
  // "310 Ford and Honda vehicles".
  void SkipNames() {
    for (size_t f = t_, n = 0; n < 6 && f < s_.size(); ++f, ++n) {
      bool joiner = f > t_ && (s_.Is(f, "and") || s_.Is(f, "&")) &&
                    IsName(f - 1) && f + 1 < s_.size() && IsName(f + 1);
      if (!IsName(f) && !joiner) {
        if (f > t_ && LowercaseWord(s_, f) && LooksPlural(s_.Lower(f)) &&
            !IsNounStopWord(s_.Lower(f))) {
          t_ = f;
        }
        return;
      }
    }
  }

  bool PlainNoun(size_t i) const {
    if (!LowercaseWord(s_, i)) return false;
    const std::string& w = s_.Lower(i);
    if (IsNounStopWord(w) || ChangeOf(w) != 0) return false;
    return !(EndsWith(w, "ly", 3) || EndsWith(w, "ed", 3) ||
             (EndsWith(w, "ing", 3) && !LooksPlural(w)));
  }

  // One word of the counted thing, maybe hyphenated ("first-team",
  // "coal-fired"); returns the index of its last token, or 0 when none.
  size_t WordEnd(size_t i, bool* participle) const {
    *participle = false;
    if (!LowercaseWord(s_, i) || IsNounStopWord(s_.Lower(i))) return 0;
    if (s_.Is(i + 1, "-") && s_.Attached(i + 1) && s_.Attached(i + 2) &&
        LowercaseWord(s_, i + 2) && !IsNounStopWord(s_.Lower(i + 2))) {
      return i + 2;
    }
    if (PlainNoun(i)) return i;
    // "charging", "recorded": only before a plural. A change word after a
    // noun is a noun too: "job cuts", "price rises".
    *participle = !(i > t_ && ChangeOf(s_.Lower(i)) != 0 &&
                    LooksPlural(s_.Lower(i)) && PlainNoun(i - 1));
    return i;
  }

  // The last token of the counted thing: up to four words ending at the
  // first plural ("data centers", "liquid-cooled racks", "leased office
  // floors"); participles and names count only before such a plural.
  // Without a plural, the noun that follows, which a number counts even
  // when a noun after it is the head ("a 12 page filing" counts pages),
  // with one more word after an adjective ("one new campus"). 0 when there
  // is none.
  size_t LastWord() const {
    std::vector<size_t> singular;  // Leading plain nouns, token ends.
    bool plain_so_far = true;
    for (size_t u = t_, n = 0; n < 5 && u < s_.size(); ++n) {
      // "digital and boxed sales": adjectives joined on the way.
      if (n > 0 && s_.Is(u, "and") && LowercaseWord(s_, u - 1) &&
          LowercaseWord(s_, u + 1) && !IsNounStopWord(s_.Lower(u + 1))) {
        plain_so_far = false;
        ++u;
      }
      bool participle = false;
      size_t end = WordEnd(u, &participle);
      bool name = end == 0 && IsName(u);
      if (end == 0 && !name) break;
      if (name) end = u;
      const std::string& w = s_.Lower(end);
      bool plural_word =
          LooksPlural(w) && !IsNounStopWord(w) &&
          (!name || (s_.Capitalized(end) && !s_.Capitalized(end + 1)));
      if (!participle && plural_word) return end;
      if (name && PluralModel(end) != 0) return PluralModel(end);
      if (name || participle) plain_so_far = false;
      // "4 came online", "700 come from": a verb, so nothing is counted.
      if (n == 0 && IsVerbAfterNumber(s_, u)) break;
      if (plain_so_far) singular.push_back(end);
      u = end + 1;
    }
    if (singular.empty()) return 0;
    if (singular.size() > 1 && LooksAdjective(s_.Lower(singular[0]))) {
      return singular[1];
    }
    return singular[0];
  }

  // The noun, singular, from the first word to `last`.
  std::string NounOf(size_t last) const {
    std::string noun;
    if (last == 0) return noun;
    for (size_t u = t_; u <= last; ++u) {
      const std::string& w = s_.Lower(u);
      if (s_.Is(u, "-")) {
        noun += '-';
        continue;
      }
      if (!noun.empty() && noun.back() != '-') noun += ' ';
      noun += u == last ? Singular(w) : w;
    }
    return noun;
  }

  // Where the noun as written starts, with its adjectives: "seven European
  // countries" counts "European countries" of the noun "country". Leading
  // participles, adverbs and words like "more" qualify the count rather
  // than name it: "300 cooling towers" is written "towers", "5 more GPUs"
  // "GPUs".
  size_t WrittenFrom(size_t last) const {
    size_t from = k_;
    while (from < last && LowercaseWord(s_, from) &&
           (IsParticiple(s_.Lower(from)) || EndsWith(s_.Lower(from), "ly", 3) ||
            s_.Is(from, "more") || s_.Is(from, "additional") ||
            s_.Is(from, "extra") || s_.Is(from, "further"))) {
      ++from;
    }
    return from;
  }

  const SentenceTokens& s_;
  const size_t k_;  // The first token after the number.
  size_t t_;        // The first word of the counted thing.
};

}  // namespace

bool FindCountNoun(const SentenceTokens& s, size_t k, Quantity* q) {
  return CountNounReader(s, k).Read(q);
}

// GPUs named within a few words: "220,000 Nvidia H100 GPUs".
bool FindGpu(const SentenceTokens& s, size_t k, Quantity* q) {
  static const RE2 kModelPlural("[A-Z]{1,4}[0-9]{2,4}[A-Z]{0,2}s");
  for (size_t t = k; t < s.size() && t < k + 5; ++t) {
    const std::string& w = s.Lower(t);
    bool hit = IsGpuWord(w);
    if (!hit && s.token(t).kind == TokenKind::kAlnum &&
        RE2::FullMatch(s.Text(t), kModelPlural)) {
      hit = true;  // "H100s", "B200s".
    }
    if (!hit && (w == "equivalents" || w == "equivalent") && t > k &&
        (s.token(t - 1).kind == TokenKind::kAlnum ||
         (t >= 2 && s.Is(t - 1, "-") &&
          s.token(t - 2).kind == TokenKind::kAlnum))) {
      hit = true;  // "H100-equivalents".
    }
    if (!hit && (w == "processors" || w == "units") && t > k &&
        (s.Is(t - 1, "graphics") || s.Is(t - 1, "processing") ||
         s.Is(t - 1, "ai"))) {
      hit = true;  // "graphics processors", "graphics processing units".
    }
    if (hit) {
      q->gpu = true;
      if (w.rfind("tpu", 0) == 0) {
        q->noun = "TPU";
      } else if (w.rfind("chip", 0) == 0) {
        q->noun = "chip";
      } else if (w.rfind("accelerator", 0) == 0) {
        q->noun = "accelerator";
      } else {
        q->noun = "GPU";
      }
      q->noun_written = std::string(s.Text(t));
      q->last = t;
      return true;
    }
    // Makers and models between: "Nvidia H100", "Ascend 910C" (a number
    // glued to letters).
    bool filler =
        IsGpuFiller(w) || s.token(t).kind == TokenKind::kAlnum ||
        (s.Capitalized(t) && !IsFunctionWord(w) && !IsMonth(s.Text(t))) ||
        (t > k && s.IsNumber(t) && s.Attached(t + 1) && s.IsWord(t + 1) &&
         s.Capitalized(t - 1));
    if (!filler) return false;
  }
  return false;
}

bool IsDurationUnit(const UnitDef* u) {
  return u != nullptr && u->kind == UnitKind::kDuration;
}

// An age set off by commas after a name: "Marsh, 56, said". The number
// has nothing else after it, a name before it, and a comma or bracket
// closing it. Or an age after "the age of": "children below the age of 12
// (years)".
void FindAge(const SentenceTokens& s, const Parse& p, Quantity* q) {
  size_t n = q->number_first;
  if (p.prefixed || p.scaled || n < 2 || q->number < 0 || q->number > 119 ||
      q->is_range || YearsUnit() == nullptr) {
    return;
  }
  bool age_of = s.Is(n - 1, "of") && s.Is(n - 2, "age");
  if (age_of && (q->unit == nullptr || q->unit == YearsUnit()) &&
      q->noun.empty() && !q->gpu) {
    q->unit = YearsUnit();
    q->age = true;
    return;
  }
  if (p.spelled || !p.plain_integer || q->number < 1 || q->unit != nullptr ||
      q->gpu || !q->noun.empty() || q->last != q->number_last) {
    return;
  }
  if (!s.Is(n - 1, ",") || !s.Capitalized(n - 2) ||
      IsFunctionWord(s.Lower(n - 2)) || IsMonth(s.Text(n - 2))) {
    return;
  }
  size_t after = q->last + 1;
  if (!(s.Is(after, ",") || s.Is(after, ")"))) return;
  q->unit = YearsUnit();
  q->age = true;
}

// A unit in a hyphenated compound: "300-megawatt campus".
std::optional<UnitMatch> MatchHyphenUnit(const SentenceTokens& s, size_t k) {
  if (!s.Is(k, "-") || !s.Attached(k) || !s.Attached(k + 1)) {
    return std::nullopt;
  }
  auto m = MatchUnit(s, k + 1, &UnitsStartingWith);
  if (!m || m->def->attached || m->def->kind == UnitKind::kCurrency) {
    return std::nullopt;
  }
  return m;
}

namespace {

// "per million input tokens", "per 1M tokens": a rate per a scaled count,
// as token prices are quoted. False when `d` starts no scaled count; else
// `*end` is the rate's last token, or 0 when no plural noun follows.
bool ScaledPer(const SentenceTokens& s, size_t d, Quantity* q, size_t* end) {
  const char* scaled = nullptr;
  size_t w = d;
  if (s.Is(w, "thousand")) scaled = "1K";
  if (s.Is(w, "million")) scaled = "1M";
  if (s.Is(w, "billion")) scaled = "1B";
  if (s.Is(w, "1") && s.Attached(w + 1)) {
    if (s.Text(w + 1) == "M") scaled = "1M";
    if (s.Text(w + 1) == "K" || s.Text(w + 1) == "k") scaled = "1K";
    if (s.Text(w + 1) == "B") scaled = "1B";
    if (scaled != nullptr) ++w;
  }
  if (scaled == nullptr) return false;
  *end = 0;
  size_t e = w + 1;
  while (e < s.size() && e < w + 4 && LowercaseWord(s, e) &&
         !IsNounStopWord(s.Lower(e)) && !LooksPlural(s.Lower(e))) {
    ++e;
  }
  if (e < s.size() && LowercaseWord(s, e) && LooksPlural(s.Lower(e)) &&
      !IsNounStopWord(s.Lower(e))) {
    // The words between stay: input and output tokens differ in price.
    q->per = scaled;
    for (size_t u = w + 1; u < e; ++u) q->per.append(" ").append(s.Lower(u));
    q->per.append(" ").append(Singular(s.Lower(e)));
    q->per_written = std::string(
        s.text().substr(s.token(d).begin, s.token(e).end - s.token(d).begin));
    *end = e;
  }
  return true;
}

// A unit from the table: "per sq m", "per kWh", "an ounce"; joined to a
// time: "per megawatt-day". False when no unit starts at `d`; else `*end`
// is the rate's last token, or 0 when "a" cannot take this unit.
bool UnitPer(const SentenceTokens& s, size_t d, bool a, Quantity* q,
             size_t* end) {
  static const WordSet* singular_after_a = &WordList("per.singular_after_a");
  auto unit = MatchUnit(s, d, &UnitsStartingWith);
  if (!unit) return false;
  *end = 0;
  if (a && unit->def->kind != UnitKind::kDuration &&
      !singular_after_a->count(s.Lower(d))) {
    return true;
  }
  q->per = unit->def->written;
  size_t last = unit->last;
  if (s.Is(last + 1, "-") && s.Attached(last + 1) && s.Attached(last + 2) &&
      LowercaseWord(s, last + 2)) {
    q->per.append("-").append(Singular(s.Lower(last + 2)));
    last += 2;
  }
  q->per_written = std::string(
      s.text().substr(s.token(d).begin, s.token(last).end - s.token(d).begin));
  *end = last;
  return true;
}

// A noun: "per share", "a barrel", "per GPU-hour", "per square foot". The
// rate's last token, or 0 when there is none.
size_t WordPer(const SentenceTokens& s, size_t d, bool a, Quantity* q) {
  static const WordSet* singular_after_a = &WordList("per.singular_after_a");
  bool acronym = s.IsWord(d) && s.Text(d).size() >= 2 &&
                 std::all_of(s.Text(d).begin(), s.Text(d).end(),
                             [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!(LowercaseWord(s, d) || acronym) || IsNounStopWord(s.Lower(d))) return 0;
  const std::string& w = s.Lower(d);
  if (a && !singular_after_a->count(w)) return 0;
  q->per = Singular(w);
  q->per_written = std::string(s.Text(d));
  // "per GPU-hour", "per kilowatt-hour".
  if (s.Is(d + 1, "-") && s.Attached(d + 1) && s.IsWord(d + 2) &&
      s.Attached(d + 2)) {
    q->per = s.Lower(d);
    q->per.append("-").append(Singular(s.Lower(d + 2)));
    q->per_written.append("-").append(s.Text(d + 2));
    return d + 2;
  }
  // "per square foot": one more word.
  if (w == "square" && LowercaseWord(s, d + 1)) {
    q->per.append(" ").append(Singular(s.Lower(d + 1)));
    q->per_written.append(" ").append(std::string(s.Text(d + 1)));
    return d + 1;
  }
  return d;
}

}  // namespace

void FindPer(const SentenceTokens& s, size_t t, Quantity* q) {
  // A conversion in brackets stands between an amount and its rate:
  // "C$8.50 (US$6.20) per share". The rate is read; the claim's text ends
  // before the brackets.
  bool extend = true;
  if (s.Is(t, "(")) {
    size_t close = t + 1;
    while (close < s.size() && close < t + 8 && !s.Is(close, ")")) ++close;
    if (!s.Is(close, ")")) return;
    t = close + 1;
    extend = false;
  }
  // What is measured, then the rate: "500,000 gallons of water a day".
  if (s.Is(t, "of") && LowercaseWord(s, t + 1) &&
      !IsNounStopWord(s.Lower(t + 1)) &&
      (s.Is(t + 2, "a") || s.Is(t + 2, "per") || s.Is(t + 2, "each"))) {
    t += 2;
  }
  // "80,000 barrel-a-day", "£18 a-year": the rate glued with hyphens.
  bool hyphened = s.Is(t, "-") && s.Attached(t) && s.Is(t + 1, "a") &&
                  s.Attached(t + 1) && s.Is(t + 2, "-") && s.Attached(t + 2);
  if (hyphened) t += 2;
  bool per = s.Is(t, "per") || (s.Is(t, "/") && s.Attached(t));
  bool a = s.Is(t, "a") || s.Is(t, "an") || s.Is(t, "each") || hyphened;
  if (!per && !a) return;
  size_t d = t + 1;
  if (s.Is(d, "-") && s.Attached(d) && s.Attached(d + 1) && a) ++d;
  if (d >= s.size()) return;
  // "a year earlier", "a week ago": a time, not a rate.
  static const WordSet* times_after = &WordList("per.times_after");
  if (a && d + 1 < s.size() && times_after->count(s.Lower(d + 1))) return;
  size_t end = 0;
  if (!(per && ScaledPer(s, d, q, &end)) && !UnitPer(s, d, a, q, &end)) {
    end = WordPer(s, d, a, q);
  }
  if (end != 0 && extend) q->last = end;
}

}  // namespace ct::extract::rules
