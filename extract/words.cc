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

// Scale words that may follow a number with a space: "7 million".
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

// Qualifier phrases that stand before a number, keyed by their last word;
// the longest phrases first. The list "qualifiers_before" of the word file
// holds them as "more_than=more_than", "nearly=approx,nearly".
const std::unordered_map<std::string, std::vector<QualifierPhrase>>&
LeftQualifiers() {
  static const auto* map = [] {
    auto* out =
        new std::unordered_map<std::string, std::vector<QualifierPhrase>>();
    for (const auto& [phrase, label] : WordLabelsOf("qualifiers_before")) {
      QualifierPhrase p;
      std::string words(phrase);
      std::replace(words.begin(), words.end(), '_', ' ');
      for (const Token& t : Lex(words)) {
        p.words.push_back(
            Lower(std::string_view(words).substr(t.begin, t.end - t.begin)));
      }
      std::string_view name = label.substr(0, label.find(','));
      if (p.words.empty() || !ParseQualifier(name, &p.qualifier)) {
        WordListDefect("qualifiers_before", phrase);
      }
      p.nearly = label.find(",nearly") != std::string_view::npos;
      (*out)[p.words.back()].push_back(std::move(p));
    }
    for (auto& [word, bucket] : *out) {
      // Longest first; at equal length, in the order of their words, so
      // that the order does not depend on the hash table's.
      std::sort(bucket.begin(), bucket.end(),
                [](const QualifierPhrase& x, const QualifierPhrase& y) {
                  if (x.words.size() != y.words.size()) {
                    return x.words.size() > y.words.size();
                  }
                  return x.words < y.words;
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
