// Vocabulary: the words numbers, scales, qualifiers and changes are
// written with, and the words that tell nouns from the rest.

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

const WordValues& SmallNumbers() {
  static const WordValues* map = &WordNumbers("small_numbers");
  return *map;
}

// Scale words that may follow a number with a space: "3 million".
const WordValues& ScaleWords() {
  static const WordValues* map = &WordNumbers("scale_words");
  return *map;
}

// Whole-word multiples: "tenfold", "doubled", "halved".
const WordValues& MultipleWords() {
  static const WordValues* map = &WordNumbers("multiple_words");
  return *map;
}

const WordValues& FractionWords() {
  static const WordValues* map = &WordNumbers("fraction_words");
  return *map;
}

// Whether `w` ends with `suffix` after a stem of at least `stem` bytes.
bool EndsWith(std::string_view w, std::string_view suffix, size_t stem) {
  return w.size() >= suffix.size() + stem && w.ends_with(suffix);
}

bool IsMonth(std::string_view exact) {
  static const WordSet* months = &WordList("months");
  return months->count(exact) > 0;
}

// Capitalised words that may stand right before a number without making it
// part of a name: "In 2025", "About 300", "Some 40%".
bool IsFunctionWord(std::string_view lower) {
  static const WordSet* words = &WordList("function_word");
  return words->count(lower) > 0;
}

// Words that are not the thing counted after a number.
bool IsNounStopWord(std::string_view lower) {
  static const WordSet* words = &WordList("noun_stop_word");
  return words->count(lower) > 0;
}

// Adjectives that may stand between a number and what it counts.
bool IsCountAdjective(std::string_view lower) {
  static const WordSet* words = &WordList("count_adjective");
  return words->count(lower) > 0;
}

bool IsGpuWord(std::string_view lower) {
  static const WordSet* words = &WordList("gpu_word");
  return words->count(lower) > 0;
}

// Words allowed between a number and a GPU word: makers, models, adjectives.
bool IsGpuFiller(std::string_view lower) {
  static const WordSet* words = &WordList("gpu_filler");
  return words->count(lower) > 0;
}

// Change words: a rise or a fall stated before or after the number.
int ChangeOf(std::string_view lower) {
  static const WordSet* up = &WordList("change.up");
  static const WordSet* down = &WordList("change.down");
  if (up->count(lower)) return 1;
  if (down->count(lower)) return -1;
  return 0;
}

// Qualifier phrases that stand before a number, keyed by their last word.
const std::unordered_map<std::string, std::vector<QualifierPhrase>>&
LeftQualifiers() {
  static const auto* map = [] {
    struct Row {
      const char* phrase;
      Qualifier q;
      bool nearly;
    };
    static const Row rows[] = {
        {"about", Qualifier::kApprox, false},
        {"approximately", Qualifier::kApprox, false},
        {"approx", Qualifier::kApprox, false},
        {"approx .", Qualifier::kApprox, false},
        {"roughly", Qualifier::kApprox, false},
        {"around", Qualifier::kApprox, false},
        {"some", Qualifier::kApprox, false},
        {"circa", Qualifier::kApprox, false},
        {"close to", Qualifier::kApprox, false},
        {"an estimated", Qualifier::kApprox, false},
        {"estimated", Qualifier::kApprox, false},
        {"~", Qualifier::kApprox, false},
        {"≈", Qualifier::kApprox, false},
        {"nearly", Qualifier::kApprox, true},
        {"almost", Qualifier::kApprox, true},
        {"just under", Qualifier::kApprox, true},
        {"just shy of", Qualifier::kApprox, true},
        {"just below", Qualifier::kApprox, true},
        {"more than", Qualifier::kMoreThan, false},
        {"over", Qualifier::kMoreThan, false},
        {"above", Qualifier::kMoreThan, false},
        {"greater than", Qualifier::kMoreThan, false},
        {"higher than", Qualifier::kMoreThan, false},
        {"in excess of", Qualifier::kMoreThan, false},
        {"upwards of", Qualifier::kMoreThan, false},
        {"upward of", Qualifier::kMoreThan, false},
        {"north of", Qualifier::kMoreThan, false},
        {"exceeding", Qualifier::kMoreThan, false},
        {"exceeds", Qualifier::kMoreThan, false},
        {"exceeded", Qualifier::kMoreThan, false},
        {"exceed", Qualifier::kMoreThan, false},
        {"tops", Qualifier::kMoreThan, false},
        {"topped", Qualifier::kMoreThan, false},
        {"topping", Qualifier::kMoreThan, false},
        {"surpassing", Qualifier::kMoreThan, false},
        {"surpassed", Qualifier::kMoreThan, false},
        {"beyond", Qualifier::kMoreThan, false},
        {">", Qualifier::kMoreThan, false},
        {"at least", Qualifier::kAtLeast, false},
        {"no fewer than", Qualifier::kAtLeast, false},
        {"no less than", Qualifier::kAtLeast, false},
        {"not less than", Qualifier::kAtLeast, false},
        {"a minimum of", Qualifier::kAtLeast, false},
        {"minimum of", Qualifier::kAtLeast, false},
        {">=", Qualifier::kAtLeast, false},
        {"≥", Qualifier::kAtLeast, false},
        {"up to", Qualifier::kUpTo, false},
        {"as much as", Qualifier::kUpTo, false},
        {"as many as", Qualifier::kUpTo, false},
        {"as high as", Qualifier::kUpTo, false},
        {"as large as", Qualifier::kUpTo, false},
        {"may reach", Qualifier::kUpTo, false},
        {"could reach", Qualifier::kUpTo, false},
        {"might reach", Qualifier::kUpTo, false},
        {"may total", Qualifier::kUpTo, false},
        {"could rise to", Qualifier::kUpTo, false},
        {"may rise to", Qualifier::kUpTo, false},
        {"might rise to", Qualifier::kUpTo, false},
        {"could grow to", Qualifier::kUpTo, false},
        {"may grow to", Qualifier::kUpTo, false},
        {"could climb to", Qualifier::kUpTo, false},
        {"could increase to", Qualifier::kUpTo, false},
        {"could expand to", Qualifier::kUpTo, false},
        {"could be worth", Qualifier::kUpTo, false},
        {"could top", Qualifier::kUpTo, false},
        {"could total", Qualifier::kUpTo, false},
        {"a maximum of", Qualifier::kUpTo, false},
        {"maximum of", Qualifier::kUpTo, false},
        {"at most", Qualifier::kAtMost, false},
        {"no more than", Qualifier::kAtMost, false},
        {"not more than", Qualifier::kAtMost, false},
        {"<=", Qualifier::kAtMost, false},
        {"≤", Qualifier::kAtMost, false},
        {"less than", Qualifier::kLessThan, false},
        {"fewer than", Qualifier::kLessThan, false},
        {"under", Qualifier::kLessThan, false},
        {"below", Qualifier::kLessThan, false},
        {"lower than", Qualifier::kLessThan, false},
        {"shy of", Qualifier::kLessThan, false},
        {"<", Qualifier::kLessThan, false},
    };
    auto* out =
        new std::unordered_map<std::string, std::vector<QualifierPhrase>>();
    for (const Row& row : rows) {
      QualifierPhrase p;
      std::string_view phrase = row.phrase;
      for (const Token& t : Lex(phrase)) {
        p.words.push_back(Lower(phrase.substr(t.begin, t.end - t.begin)));
      }
      p.qualifier = row.q;
      p.nearly = row.nearly;
      (*out)[p.words.back()].push_back(std::move(p));
    }
    for (auto& [word, bucket] : *out) {
      std::stable_sort(bucket.begin(), bucket.end(),
                       [](const QualifierPhrase& a, const QualifierPhrase& b) {
                         return a.words.size() > b.words.size();
                       });
    }
    return out;
  }();
  return *map;
}

const UnitDef* RatioUnit() {
  static const UnitDef* def = [] {
    const auto* bucket = UnitsStartingWith("x");
    return bucket ? bucket->front() : nullptr;
  }();
  return def;
}

}  // namespace ct::extract::rules
