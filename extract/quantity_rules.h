// Internal to extract/: the stages of the quantity parser
// (quantity_parser.h), one file each, and the types they pass between them.
//
//   words.cc         the vocabulary the other stages look words up in
//   numbers.cc       numbers: digits, spelled numbers, scales, fractions,
//                    multiples, vague amounts
//   unit_phrases.cc  currencies and units, GPU phrases, counted nouns, rates
//   parse_at.cc      one quantity at a token: number, unit, range
//   not_claim.cc     numbers that are not claims
//   context.cc       qualifiers and the direction of change
//   quantity_parser.cc  the driver: FindQuantities
//
// Thread-safe: pure functions over read-only tables.

#ifndef CT_EXTRACT_QUANTITY_RULES_H_
#define CT_EXTRACT_QUANTITY_RULES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "extract/quantity_parser.h"
#include "extract/units.h"
#include "extract/vocabulary.h"

namespace ct::extract::rules {

// A qualifier phrase that stands before a number: "more than", "up to".
struct QualifierPhrase {
  std::vector<std::string> words;
  Qualifier qualifier;
  bool nearly;
};

// A number as written, before its scale and unit.
struct NumberParse {
  double value = 0;
  double half_step = 0.5;  // Half the step of the last written digit.
  size_t last = 0;         // Last token of the number.
  bool spelled = false;
  bool plain_integer = false;  // Digits only: no separators, no decimals.
  size_t digits = 0;
};

// A scale after a number: "million", "bn", the "k" of "400k".
struct ScaleParse {
  double factor = 1;
  size_t last = 0;
};

// A unit phrase and its last token.
struct UnitMatch {
  const UnitDef* def = nullptr;
  size_t last = 0;
};

// The parse of one quantity, with what the later rules need to know of how
// it was written.
struct Parse {
  Quantity q;
  // Not a claim, and the rule that says so; its tokens are skipped.
  const char* reject = nullptr;
  bool spelled = false;
  bool scaled = false;
  bool prefixed = false;
  bool plain_integer = false;
  size_t digits = 0;
  double scale = 1;
};

// words.cc
const WordValues& SmallNumbers();
const WordValues& ScaleWords();
const WordValues& MultipleWords();
const WordValues& FractionWords();
bool EndsWith(std::string_view w, std::string_view suffix, size_t stem);
bool IsMonth(std::string_view exact);
bool IsFunctionWord(std::string_view lower);
bool IsNounStopWord(std::string_view lower);
bool IsCountAdjective(std::string_view lower);
bool IsGpuWord(std::string_view lower);
bool IsGpuFiller(std::string_view lower);
int ChangeOf(std::string_view lower);
const std::unordered_map<std::string, std::vector<QualifierPhrase>>&
LeftQualifiers();
const UnitDef* RatioUnit();

// numbers.cc
std::optional<NumberParse> ParseDigits(const SentenceTokens& s, size_t i);
std::optional<NumberParse> ParseNumber(const SentenceTokens& s, size_t i);
std::optional<ScaleParse> ParseScale(const SentenceTokens& s, size_t i,
                                     bool currency);
std::optional<Parse> ParseFraction(const SentenceTokens& s, size_t i);
std::optional<Parse> ParseFactor(const SentenceTokens& s, size_t i);
std::optional<Parse> ParseMultipleWord(const SentenceTokens& s, size_t i);
std::optional<Parse> ParseVague(const SentenceTokens& s, size_t i);

// unit_phrases.cc
std::optional<UnitMatch> MatchUnit(
    const SentenceTokens& s, size_t i,
    const std::vector<const UnitDef*>* (*lookup)(std::string_view));
bool LooksPlural(std::string_view w);
bool LowercaseWord(const SentenceTokens& s, size_t i);
bool FindCountNoun(const SentenceTokens& s, size_t k, Quantity* q);
bool FindGpu(const SentenceTokens& s, size_t k, Quantity* q);
bool IsDurationUnit(const UnitDef* u);
void FindAge(const SentenceTokens& s, const Parse& p, Quantity* q);
std::optional<UnitMatch> MatchHyphenUnit(const SentenceTokens& s, size_t k);
void FindPer(const SentenceTokens& s, size_t t, Quantity* q);

// parse_at.cc
std::optional<Parse> ParseAt(const SentenceTokens& s, size_t i,
                             bool allow_range);

// not_claim.cc
bool IsTimePreposition(std::string_view lower);
// The name of the rule that finds `p` is not a claim ("year", "date",
// "citation_marker", ...), or null when none does.
const char* NotAClaim(const SentenceTokens& s, const Parse& p);

// context.cc
void ApplyContext(const SentenceTokens& s, size_t floor, Quantity* q);

}  // namespace ct::extract::rules

#endif  // CT_EXTRACT_QUANTITY_RULES_H_
