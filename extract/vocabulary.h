// The word lists of the extractor: extract/data/words.txt, embedded in the
// binary at build time. Each list has a name; the code asks for it by name.
//
//   static const WordSet* months = &WordList("months");
//   if (months->count(word) > 0) ...
//
// The views point into the embedded text, which lives as long as the
// program. A name the file lacks, or an entry of a list asked for as
// numbers that is not "word=number", is a defect of the build, not of the
// input: the first lookup aborts with a message naming the list
// (tests/extract/vocabulary_test.cc reads every list the code names).
//
// Thread-safe: the file is read once, on first use.

#ifndef CT_EXTRACT_VOCABULARY_H_
#define CT_EXTRACT_VOCABULARY_H_

#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ct::extract {

using WordSet = std::unordered_set<std::string_view>;
using WordValues = std::unordered_map<std::string_view, double>;
using WordLabels = std::unordered_map<std::string_view, std::string_view>;

// The entries of list `name`, as a set.
const WordSet& WordList(std::string_view name);
// The "word=number" entries of list `name`.
const WordValues& WordNumbers(std::string_view name);
// The "word=label" entries of list `name`: "valuations=valuation".
const WordLabels& WordLabelsOf(std::string_view name);
// For a list whose entries the caller reads further: aborts with a message
// naming the list and the entry that makes no sense.
[[noreturn]] void WordListDefect(std::string_view list, std::string_view entry);
// Every list's name, in file order.
std::vector<std::string_view> WordListNames();

}  // namespace ct::extract

#endif  // CT_EXTRACT_VOCABULARY_H_
