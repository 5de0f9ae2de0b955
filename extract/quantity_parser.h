// Quantity parser: finds the quantities in one folded sentence, as token
// spans with their number, scale, unit, qualifier and change.
//
//   "revenue rose more than 40% to $2.1bn"
//     -> [more than 40%]  40 percent, more_than, change up
//     -> [$2.1bn]         2.1e9 USD, exact
//
// It also decides what is not a claim: years and dates, ordinals, model and
// product names ("H100", "Colossus 1", "3nm"), labels ("a five-hour rate
// limit"), numbers in URLs and times of day.
//
// Internal to extract/. Thread-safe: pure functions over read-only tables.

#ifndef CT_EXTRACT_QUANTITY_PARSER_H_
#define CT_EXTRACT_QUANTITY_PARSER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/claim.h"
#include "extract/lexer.h"
#include "extract/units.h"

namespace ct::extract {

// One sentence, lexed, with the lowercase text of every token.
//
// Every accessor is safe at any index: past either end of the sentence it
// answers an empty symbol token with empty text, placed at the start (for an
// index below 0, which wraps round) or at the end of the text. Rules look
// at neighbours by index ("i + 2", "b - 1") and need no bounds checks of
// their own; a rule that looks past the sentence finds nothing there.
class SentenceTokens {
 public:
  explicit SentenceTokens(std::string_view text);

  std::string_view text() const { return text_; }
  size_t size() const { return tokens_.size(); }
  const Token& token(size_t i) const {
    if (i < tokens_.size()) return tokens_[i];
    return Before(i) ? before_ : after_;
  }
  std::string_view Text(size_t i) const {
    const Token& t = token(i);
    return text_.substr(t.begin, t.end - t.begin);
  }
  const std::string& Lower(size_t i) const {
    static const std::string kEmpty;
    return i < lower_.size() ? lower_[i] : kEmpty;
  }
  bool IsNumber(size_t i) const {
    return i < size() && tokens_[i].kind == TokenKind::kNumber;
  }
  bool IsWord(size_t i) const {
    return i < size() && tokens_[i].kind == TokenKind::kWord;
  }
  bool Is(size_t i, std::string_view lower) const {
    return i < size() && lower_[i] == lower;
  }
  // True when token i follows token i-1 with no space between them.
  bool Attached(size_t i) const {
    return i < size() && i > 0 && !tokens_[i].space_before;
  }
  bool Capitalized(size_t i) const;

 private:
  // An index "below 0" has wrapped round to the top of size_t.
  static bool Before(size_t i) { return i > SIZE_MAX / 2; }

  std::string_view text_;
  std::vector<Token> tokens_;
  std::vector<std::string> lower_;
  Token before_;  // The empty tokens past either end.
  Token after_;
};

// The names of the rules that made and shaped a quantity, in the order they
// ran, for `claimtrack extract --explain`. Fixed size: tracing costs the
// parser no allocation.
struct RuleTrail {
  static constexpr size_t kMax = 10;
  const char* names[kMax] = {};
  size_t size = 0;

  void Add(const char* name) {
    if (size < kMax) names[size++] = name;
  }
};

struct Quantity {
  size_t first = 0;  // Token span of the surface, inclusive.
  size_t last = 0;
  size_t number_first = 0;  // Token span of the number (with its scale).
  size_t number_last = 0;

  // The number as written, scale words applied, and half the step of its
  // last written digit ("17.4 billion" -> 17.4e9 and 0.05e9).
  double number = 0;
  double half_step = 0;
  bool is_range = false;
  double number_high = 0;  // For a range; `number` is then the first end.
  double half_step_high = 0;

  const UnitDef* unit = nullptr;  // nullptr for things counted.
  bool gpu = false;               // GPUs, accelerators and AI chips.
  std::string noun;               // Singular: "GPU", "employee".
  std::string noun_written;       // As written: "GPUs", "employees".
  std::string per;                // A rate's denominator: "barrel", "month".
  std::string per_written;        // As written: "barrel", "sq m".
  bool age = false;               // "30-year-old": a duration that is an age.
  // The size of a rise or fall, not a level: "rose by $2.5 billion" (to a
  // level of $31.5 billion), "fell 300 MW".
  bool delta = false;
  // "by a third": a share of the old level, turned into new over old once
  // the direction is known ("cut by a third" is 2/3, "rose by half" 1.5).
  bool by_fraction = false;

  Qualifier qualifier = Qualifier::kExact;
  bool nearly = false;  // "nearly X", "almost X": below X, not around it.
  std::string change;   // "up", "down" or empty.

  RuleTrail rules;
};

// A number the parser read and dropped, and the rule that dropped it.
struct DroppedNumber {
  size_t first = 0;  // Token span, inclusive.
  size_t last = 0;
  const char* rule = nullptr;
};

// The quantities of a sentence, in text order. Linear in its length.
// With `dropped`, also the numbers that rules read and dropped.
std::vector<Quantity> FindQuantities(
    const SentenceTokens& s, std::vector<DroppedNumber>* dropped = nullptr);

}  // namespace ct::extract

#endif  // CT_EXTRACT_QUANTITY_PARSER_H_
