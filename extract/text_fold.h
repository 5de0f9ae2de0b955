// Text folding: the spellings that news text uses for the same characters
// are brought to one form before any pattern runs, with a map back to the
// offsets of the original text.
//
//   non-breaking, thin and other space separators -> ' '
//   hyphens, en dashes, minus signs                -> '-'
//   curly single and double quotes                 -> ' and "
//   full-width forms and digits of other scripts   -> ASCII (NFKC)
//   NUL and invalid UTF-8                          -> ' ' and U+FFFD
//
// The em dash stays: it separates clauses and must never read as a range or
// a minus sign. Thread-safe: pure functions.

#ifndef CT_EXTRACT_TEXT_FOLD_H_
#define CT_EXTRACT_TEXT_FOLD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ct::extract {

struct FoldedText {
  std::string text;
  // offsets[i] is the byte offset in the original text of the character
  // that produced folded byte i; offsets[text.size()] is the original size.
  // Empty when folding changed nothing, so the map is the identity.
  std::vector<uint32_t> offsets;

  size_t ToOriginal(size_t folded_offset) const {
    return offsets.empty() ? folded_offset : offsets[folded_offset];
  }
};

// REQUIRES: utf8.size() < 4 GiB.
FoldedText FoldText(std::string_view utf8);

}  // namespace ct::extract

#endif  // CT_EXTRACT_TEXT_FOLD_H_
