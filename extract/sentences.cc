#include "extract/sentences.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <memory>
#include <mutex>

namespace ct::extract {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Creating a sentence iterator loads rules and the abbreviation list, which
// costs far more than a clone, so every thread clones one prototype.
icu::BreakIterator* ThreadIterator() {
  static std::once_flag once;
  static icu::BreakIterator* prototype = nullptr;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    // "ss=standard" turns on ICU's suppression list of abbreviations.
    prototype = icu::BreakIterator::createSentenceInstance(
        icu::Locale("en@ss=standard"), status);
    if (U_FAILURE(status)) {
      delete prototype;
      status = U_ZERO_ERROR;
      prototype = icu::BreakIterator::createSentenceInstance(
          icu::Locale::getEnglish(), status);
      if (U_FAILURE(status)) prototype = nullptr;
    }
  });
  thread_local std::unique_ptr<icu::BreakIterator> local(
      prototype ? prototype->clone() : nullptr);
  return local.get();
}

// Abbreviations that ICU ends a sentence at when a capital follows, but that
// in news nearly always go on: "the U.S. Energy Department", "Dr. Su".
bool EndsWithAbbreviation(std::string_view text, size_t end) {
  static constexpr std::string_view kAbbreviations[] = {
      "U.S.", "U.K.", "U.N.",  "E.U.", "Mr.",  "Mrs.", "Ms.",   "Dr.",
      "St.",  "No.",  "Gov.",  "Sen.", "Rep.", "Gen.", "Prof.", "Jan.",
      "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "vs."};
  while (end > 0 && IsSpace(text[end - 1])) --end;
  for (std::string_view a : kAbbreviations) {
    if (end >= a.size() && text.substr(end - a.size(), a.size()) == a &&
        (end == a.size() || IsSpace(text[end - a.size() - 1]) ||
         text[end - a.size() - 1] == '(')) {
      return true;
    }
  }
  return false;
}

void AddTrimmed(std::string_view text, size_t begin, size_t end,
                std::vector<Span>* out) {
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  if (begin < end) out->push_back({begin, end});
}

// ICU does not break at a single line break inside a paragraph; we do,
// because a line without a full stop is a headline, a caption or an item.
void SplitLines(std::string_view text, size_t begin, size_t end,
                std::vector<Span>* out) {
  size_t start = begin;
  for (size_t i = begin; i < end; ++i) {
    if (text[i] == '\n') {
      AddTrimmed(text, start, i, out);
      start = i + 1;
    }
  }
  AddTrimmed(text, start, end, out);
}

}  // namespace

std::vector<Span> SplitSentences(std::string_view text) {
  std::vector<Span> spans;
  icu::BreakIterator* it = ThreadIterator();
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = nullptr;
  if (it != nullptr) {
    ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()),
                        &status);
  }
  if (it == nullptr || U_FAILURE(status)) {
    // Without ICU data we still return lines, which keeps extraction going.
    if (ut != nullptr) utext_close(ut);
    SplitLines(text, 0, text.size(), &spans);
    return spans;
  }
  it->setText(ut, status);
  int32_t prev = it->first();
  for (int32_t next = it->next(); next != icu::BreakIterator::DONE;
       next = it->next()) {
    // Go on past an abbreviation unless a line break ends the sentence too.
    if (static_cast<size_t>(next) < text.size() &&
        EndsWithAbbreviation(text, static_cast<size_t>(next)) &&
        text.substr(prev, next - prev).find('\n') == std::string_view::npos) {
      continue;
    }
    // Nor does a sentence end inside a word: "page?id=4471", "Yahoo!Finance".
    if (static_cast<size_t>(next) < text.size() && next > 0 &&
        !IsSpace(text[next]) && !IsSpace(text[next - 1])) {
      continue;
    }
    SplitLines(text, static_cast<size_t>(prev), static_cast<size_t>(next),
               &spans);
    prev = next;
  }
  // Detach the text before closing it: the iterator keeps a shallow clone.
  UText* empty = utext_openUTF8(nullptr, "", 0, &status);
  it->setText(empty, status);
  utext_close(empty);
  utext_close(ut);
  return spans;
}

}  // namespace ct::extract
