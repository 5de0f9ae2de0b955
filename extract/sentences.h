// Sentence boundaries by ICU's rules for English, with the standard list of
// abbreviations that do not end a sentence ("U.S.", "Inc.", "Mr.").
//
// Thread-safe: each thread uses its own clone of one shared iterator.

#ifndef CT_EXTRACT_SENTENCES_H_
#define CT_EXTRACT_SENTENCES_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace ct::extract {

struct Span {
  size_t begin = 0;
  size_t end = 0;
};

// Byte spans of the sentences of `utf8`, in order, covering the text except
// for leading and trailing white space of each sentence. Lines are never
// joined: a line break ends a sentence, as headlines and list items have no
// full stop. Linear in the size of the text.
std::vector<Span> SplitSentences(std::string_view utf8);

}  // namespace ct::extract

#endif  // CT_EXTRACT_SENTENCES_H_
