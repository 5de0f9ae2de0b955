// Numbers that are not claims: years, dates, ordinals, names, labels.

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

bool IsLabelWord(std::string_view lower) {
  static const WordSet* words = &WordList("label_word");
  return words->count(lower) > 0;
}

// An era written before a year ("A.D. 900", "AD 79") or after it ("300
// BC", "44 B.C.").
bool EraBefore(const SentenceTokens& s, size_t n) {
  if (n >= 1 && (s.Text(n - 1) == "AD" || s.Text(n - 1) == "CE")) return true;
  return n >= 4 && s.Is(n - 1, ".") && s.Text(n - 2) == "D" &&
         s.Is(n - 3, ".") && s.Text(n - 4) == "A";
}

bool EraAfter(const SentenceTokens& s, size_t after) {
  std::string_view w = after < s.size() ? s.Text(after) : "";
  if (w == "BC" || w == "BCE" || w == "AD" || w == "CE") return true;
  return (w == "B" || w == "A") && s.Is(after + 1, ".") &&
         (s.Text(after + 2) == "C" || s.Text(after + 2) == "D");
}

// A street address: "14 W 52nd St", "61 Birch Hollow Road", "8 Ave Kleber".
bool StreetAfter(const SentenceTokens& s, size_t after) {
  static const WordSet* streets = &WordList("street_address.streets");
  for (size_t t = after; t < s.size() && t < after + 5; ++t) {
    // Street word first: "8 Ave Kleber", "8 Rue de la Paix".
    bool particle = s.Is(t + 1, "de") || s.Is(t + 1, "la") ||
                    s.Is(t + 1, "del") || s.Is(t + 1, "di") ||
                    s.Is(t + 1, "du") || s.Is(t + 1, "des");
    if (streets->count(s.Text(t)) &&
        (t > after || s.Capitalized(t + 1) || particle)) {
      return true;
    }
    // Names, letters and ordinals: "W", "Birch", "52nd".
    bool ordinal = s.IsNumber(t) && s.Attached(t + 1) &&
                   (s.Is(t + 1, "st") || s.Is(t + 1, "nd") ||
                    s.Is(t + 1, "rd") || s.Is(t + 1, "th"));
    if (ordinal) {
      ++t;
      continue;
    }
    bool part = s.Capitalized(t) || s.token(t).kind == TokenKind::kAlnum;
    if (!part) return false;
  }
  return false;
}

// Qualifier phrases before the quantity, and the rise or fall around it.

}  // namespace

bool IsTimePreposition(std::string_view lower) {
  static const WordSet* words = &WordList("time_preposition");
  return words->count(lower) > 0;
}

// The rules that find a parse is not a figure: a year, a date, a model
// name, a label. Each has a name, which `extract --explain` shows.
namespace {

// What every rule below looks at.
struct Candidate {
  const SentenceTokens& s;
  const Parse& p;
  const Quantity& q;
  size_t n;            // The number's first token.
  bool unitless;       // Neither a unit nor GPUs.
  bool counted_thing;  // Unitless, but counts a noun.

  // The rules, in the order NotAClaim tries them.
  bool ReadingTime() const;
  bool ReactionCount() const;
  bool CitationMarker() const;
  bool PhoneNumber() const;
  bool DottedIdentifier() const;
  bool FiscalYearSpan() const;
  bool EraOrAgeGroup() const;
  bool StreetAddress() const;
  bool Year() const;
  bool YearBeforeThing() const;
  bool Date() const;
  bool TimeOfDay() const;
  bool ScoreOrSpan() const;
  bool NameOrLabel() const;
  bool SpelledWithoutThing() const;
  bool OneOf() const;
  bool TimeAgo() const;
  bool PointerBack() const;
  bool Negation() const;
};

// Page furniture: a reading time ("5 min read", "Reading time: 4
// minutes").
bool Candidate::ReadingTime() const {
  if (!p.spelled && q.unit != nullptr && q.unit->kind == UnitKind::kDuration) {
    size_t after = q.last + 1;
    if (s.Is(after, "read") || s.Is(after, "reading")) return true;
    if (n >= 2 && s.Is(n - 1, ":") && s.Is(n - 2, "time") && n >= 3 &&
        s.Is(n - 3, "reading")) {
      return true;
    }
  }
  return false;
}

// Page furniture: a line that only counts reactions ("1.2K Shares", "32
// comments").
bool Candidate::ReactionCount() const {
  if (counted_thing && s.size() <= 4 && q.first <= 1) {
    static const WordSet* reactions = &WordList("reaction_count.reactions");
    if (reactions->count(q.noun) > 0) return true;
  }
  return false;
}

// Citation markers: "[4]", "[2, 3]", "[1-3]": bare small numbers between
// square brackets, alone or in a list.
bool Candidate::CitationMarker() const {
  if (unitless && !counted_thing && !p.spelled && !p.prefixed &&
      p.plain_integer) {
    auto marker_part = [&](size_t t) {
      return t < s.size() && (s.IsNumber(t) || s.Is(t, ",") || s.Is(t, "-") ||
                              s.Is(t, "\u2013"));
    };
    size_t open = n;
    while (open > 0 && marker_part(open - 1) && n - open < 12) --open;
    size_t close = q.number_last + 1;
    while (marker_part(close) && close - q.number_last < 12) ++close;
    if (open > 0 && s.Is(open - 1, "[") && s.Is(close, "]")) return true;
  }
  return false;
}

// Phone numbers: "+1 408 555 0142", three or more bare numbers in a row.
bool Candidate::PhoneNumber() const {
  if (!p.spelled && !p.prefixed && p.plain_integer && q.number_last == n) {
    auto bare_number = [&](size_t t) {
      return t < s.size() && s.IsNumber(t) && !s.Attached(t);
    };
    size_t run_first = n, run_last = q.number_last;
    while (run_first > 0 && bare_number(run_first) &&
           s.IsNumber(run_first - 1)) {
      --run_first;
    }
    while (bare_number(run_last + 1)) ++run_last;
    bool plus =
        run_first > 0 && s.Is(run_first - 1, "+") && s.Attached(run_first);
    if (run_last - run_first >= 2 || (plus && run_last > run_first)) {
      return true;
    }
  }
  return false;
}

// Dotted identifiers: versions "2.4.1", tickers "9984.T"; and the
// parts of a phone number: "+1 (877) ...".
bool Candidate::DottedIdentifier() const {
  if (!p.spelled && !p.prefixed) {
    size_t after = q.number_last + 1;
    if (n >= 2 && s.Is(n - 1, ".") && s.Attached(n) && s.Attached(n - 1) &&
        s.IsNumber(n - 2)) {
      return true;
    }
    if (s.Is(after, ".") && s.Attached(after) && s.Attached(after + 1) &&
        (s.IsNumber(after + 1) ||
         (s.Capitalized(after + 1) && s.Text(after + 1).size() <= 3))) {
      return true;
    }
    bool plus = n > 0 && s.Is(n - 1, "+") && s.Attached(n);
    if (plus && s.Is(q.number_last + 1, "(")) return true;
    // "(650) 555-0147": an area code in brackets before a dashed number.
    if (n > 0 && s.Is(n - 1, "(") && s.Is(after, ")") &&
        s.IsNumber(after + 1) && s.Is(after + 2, "-") &&
        s.IsNumber(after + 3)) {
      return true;
    }
    if (n >= 3 && s.Is(n - 1, "(") && s.IsNumber(n - 2) && s.Is(n - 3, "+")) {
      return true;
    }
  }
  return false;
}

// A fiscal year written as a span: "2024-25", "2025-26 outlook".
bool Candidate::FiscalYearSpan() const {
  if (q.is_range && p.plain_integer && p.digits == 4 && q.number >= 1800 &&
      q.number <= 2199 && q.number_high < 100) {
    return true;
  }
  return false;
}

// Years of an era, "A.D. 900 and 1150", "300 BC"; and the bounds of an
// age group, "adults aged 25 to 44", which describe who is counted.
bool Candidate::EraOrAgeGroup() const {
  if (unitless && !p.spelled) {
    if (EraBefore(s, n) || EraAfter(s, q.number_last + 1)) return true;
    if (n >= 2 && (s.Is(n - 1, "and") || s.Is(n - 1, "to")) &&
        s.IsNumber(n - 2) && EraBefore(s, n - 2)) {
      return true;
    }
    if (n >= 1 && s.Is(n - 1, "aged")) return true;
  }
  return false;
}

// A street address, even where a letter reads as a unit: "14 W 52nd St".
bool Candidate::StreetAddress() const {
  if (!p.spelled && q.noun.empty() && !q.gpu && !p.scaled && !p.prefixed &&
      p.plain_integer && StreetAfter(s, q.number_last + 1)) {
    return true;
  }
  return false;
}

// Years: "in 2025", "2025-26". A plural noun after a bare year-like number
// makes it a count ("2000 employees") unless a time word stands before it.
bool Candidate::Year() const {
  if (p.plain_integer && p.digits == 4 && !p.prefixed && !p.scaled &&
      unitless && !q.is_range) {
    double v = q.number;
    if (v >= 1800 && v <= 2199) {
      // Not a name after it: "the 1979 adventure film Lost Islands".
      // "2000 new engineers"; but "2026 budget includes" has a verb.
      bool plural_noun =
          counted_thing && LooksPlural(q.noun_written) &&
          std::none_of(q.noun_written.begin() + 1, q.noun_written.end(),
                       [](char c) { return c >= 'A' && c <= 'Z'; });
      for (size_t t = q.number_last + 1; plural_noun && t < q.last; ++t) {
        if (!IsCountAdjective(s.Lower(t))) plural_noun = false;
      }
      bool time_word = n > 0 && IsTimePreposition(s.Lower(n - 1));
      // "Jun 4 2021 Cedar Labs staff": a year after a day of a month.
      if (n > 1 && s.IsNumber(n - 1) && IsMonth(s.Text(n - 2)))
        time_word = true;
      if (n > 0 && IsMonth(s.Text(n - 1))) time_word = true;
      // "its 2025 expenses", "the 2026 results": a recent year a possessive
      // or an article points to is the period of what follows.
      static const WordSet* pointers = &WordList("not_claim.year_pointers");
      if (n > 0 && v >= 2010 && v <= 2039 && pointers->count(s.Lower(n - 1))) {
        time_word = true;
      }
      if (!plural_noun || time_word) return true;
    }
  }
  return false;
}

// "2026 AI accelerator shipments": a year before what is counted.
bool Candidate::YearBeforeThing() const {
  if (q.gpu && p.plain_integer && p.digits == 4 && !p.scaled && !p.prefixed &&
      q.number >= 1800 && q.number <= 2199 && s.Lower(q.last).back() != 's') {
    return true;
  }
  return false;
}

// Dates: "May 6", "6 May", "the 6th of May".
bool Candidate::Date() const {
  if (unitless && !p.spelled && p.plain_integer && q.number >= 1 &&
      q.number <= 31) {
    if (n > 0 && IsMonth(s.Text(n - 1))) return true;
    if (n > 1 && s.Is(n - 1, ".") && IsMonth(s.Text(n - 2))) return true;
    if (n + 1 < s.size() && IsMonth(s.Text(n + 1))) return true;
    if (s.Is(n + 1, "of") && n + 2 < s.size() && IsMonth(s.Text(n + 2))) {
      return true;
    }
  }
  return false;
}

// Times of day and numbers in slashes: "9:30", "10 a.m.", "24/7".
bool Candidate::TimeOfDay() const {
  if (!p.spelled) {
    size_t after = q.number_last + 1;
    if ((s.Is(after, ":") || s.Is(after, "/")) && s.Attached(after) &&
        s.IsNumber(after + 1) && s.Attached(after + 1)) {
      return true;
    }
    if (n > 1 && (s.Is(n - 1, ":") || s.Is(n - 1, "/")) && s.Attached(n) &&
        s.IsNumber(n - 2)) {
      return true;
    }
    if (unitless &&
        (s.Is(after, "am") || s.Is(after, "pm") ||
         (s.Is(after, "a") && s.Is(after + 1, ".") && s.Is(after + 2, "m")) ||
         (s.Is(after, "p") && s.Is(after + 1, ".") && s.Is(after + 2, "m")))) {
      return true;
    }
  }
  return false;
}

// Scores, spans of years and addresses: "2-0", "2014-15", "16-18"; and
// numbers glued into a word: "last-32", "top-10".
bool Candidate::ScoreOrSpan() const {
  if (unitless && !q.is_range && !p.spelled) {
    if (n >= 2 && s.Is(n - 1, "-") && s.Attached(n) && s.Attached(n - 1) &&
        s.IsWord(n - 2) && !s.Is(n - 2, "minus")) {
      return true;
    }
    size_t after = q.number_last + 1;
    if (s.Is(after, "-") && s.Attached(after) && s.IsNumber(after + 1) &&
        s.Attached(after + 1)) {
      return true;
    }
    if (n >= 2 && s.Is(n - 1, "-") && s.Attached(n) && s.Attached(n - 1) &&
        s.IsNumber(n - 2)) {
      return true;
    }
    // "0401 GMT": a clock time.
    static const WordSet* zones = &WordList("score_or_span.zones");
    if (after < s.size() && zones->count(s.Text(after))) return true;
  }
  return false;
}

// Names and labels: "Colossus 1", "GPT-4", "Section 12", "No. 3",
// "episode 88", "page 42"; and the second of "Units 3 and 4".
bool Candidate::NameOrLabel() const {
  size_t before = q.first;
  if (unitless && before > 0 && !p.prefixed) {
    size_t b = before - 1;
    const Token& prev = s.token(b);
    if (prev.kind == TokenKind::kAlnum) return true;
    if (IsLabelWord(s.Lower(b))) return true;
    if (q.noun.empty() && b >= 2 &&
        (s.Is(b, "and") || s.Is(b, "or") || s.Is(b, "&")) &&
        s.IsNumber(b - 1) &&
        (IsLabelWord(s.Lower(b - 2)) ||
         (s.Capitalized(b - 2) && !IsFunctionWord(s.Lower(b - 2)) &&
          !IsMonth(s.Text(b - 2))))) {
      return true;
    }
    if (s.Capitalized(b) && !IsFunctionWord(s.Lower(b)) &&
        !IsMonth(s.Text(b))) {
      return true;
    }
    if (s.Is(b, "-") && s.Attached(b) && s.Attached(before) && b > 0 &&
        (s.Capitalized(b - 1) || s.token(b - 1).kind == TokenKind::kAlnum)) {
      return true;
    }
    if (s.Is(b, "#") || (s.Is(b, ".") && b > 0 && s.Is(b - 1, "no"))) {
      return true;
    }
    // "iPad 9", "eBay 2": a capital inside the word marks a name.
    if (s.token(b).kind == TokenKind::kWord) {
      std::string_view w = s.Text(b);
      for (size_t c = 1; c < w.size(); ++c) {
        if (w[c] >= 'A' && w[c] <= 'Z') return true;
      }
    }
    // "ID.3": a name, a dot and a number glued together.
    if (s.Is(b, ".") && s.Attached(b) && s.Attached(before) && b > 0 &&
        (s.Capitalized(b - 1) || s.token(b - 1).kind == TokenKind::kAlnum)) {
      return true;
    }
  }
  return false;
}

// A number glued to a name after it: "4 MI450" is not "4", "3-nm".
// Spelled numbers need something to count: "one of the", "the two"; or
// a unit they share with the next: "six or seven euros".
bool Candidate::SpelledWithoutThing() const {
  if (p.spelled && unitless && q.noun.empty()) {
    if (!s.Is(q.last + 1, "or")) return true;
    auto shared = ParseAt(s, q.last + 2, false);
    return !shared || (shared->q.unit == nullptr && !shared->q.gpu &&
                       shared->q.noun.empty());
  }
  return false;
}

bool Candidate::OneOf() const {
  if (p.spelled && unitless && q.number == 1 &&
      (s.Is(q.number_last + 1, "of") || s.Is(q.number_last + 1, "another"))) {
    return true;
  }
  return false;
}

// "five years ago": a time, not a figure.
bool Candidate::TimeAgo() const {
  if (IsDurationUnit(q.unit) && s.Is(q.last + 1, "ago")) return true;
  return false;
}

// "the two companies' plans": a pointer back to things named before.
bool Candidate::PointerBack() const {
  if (p.spelled && n > 0 && s.Is(n - 1, "the") && s.Is(q.last + 1, "'")) {
    return true;
  }
  return false;
}

// "not one GPU", "isn't one bad call", "those two things": a negation or
// a pointer back, not a figure. A measure stays: "those three months".
bool Candidate::Negation() const {
  if (p.spelled && !q.is_range && n > 0) {
    const std::string& prev = s.Lower(n - 1);
    if (prev == "not" || prev == "no" || prev == "never" ||
        (prev == "t" && n > 1 && s.Is(n - 2, "'")) ||
        ((prev == "those" || prev == "these") && unitless)) {
      return true;
    }
  }
  return false;
}

}  // namespace

const char* NotAClaim(const SentenceTokens& s, const Parse& p) {
  static constexpr struct {
    const char* name;
    bool (Candidate::*applies)() const;
  } kRules[] = {
      {"reading_time", &Candidate::ReadingTime},
      {"reaction_count", &Candidate::ReactionCount},
      {"citation_marker", &Candidate::CitationMarker},
      {"phone_number", &Candidate::PhoneNumber},
      {"dotted_identifier", &Candidate::DottedIdentifier},
      {"fiscal_year_span", &Candidate::FiscalYearSpan},
      {"era_or_age_group", &Candidate::EraOrAgeGroup},
      {"street_address", &Candidate::StreetAddress},
      {"year", &Candidate::Year},
      {"year_before_thing", &Candidate::YearBeforeThing},
      {"date", &Candidate::Date},
      {"time_of_day", &Candidate::TimeOfDay},
      {"score_or_span", &Candidate::ScoreOrSpan},
      {"name_or_label", &Candidate::NameOrLabel},
      {"spelled_without_thing", &Candidate::SpelledWithoutThing},
      {"one_of", &Candidate::OneOf},
      {"time_ago", &Candidate::TimeAgo},
      {"pointer_back", &Candidate::PointerBack},
      {"negation", &Candidate::Negation},
  };
  const Quantity& q = p.q;
  bool unitless = q.unit == nullptr && !q.gpu;
  Candidate cand{
      s, p, q, q.number_first, unitless, unitless && !q.noun.empty()};
  for (const auto& rule : kRules) {
    if ((cand.*rule.applies)()) return rule.name;
  }
  return nullptr;
}

}  // namespace ct::extract::rules
