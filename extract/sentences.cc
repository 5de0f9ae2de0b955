#include "extract/sentences.h"

#include <re2/re2.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <memory>
#include <mutex>
#include <string>

#include "extract/vocabulary.h"

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

// Items of a list run together on one line: a citation marker, then a
// bullet or a capital that starts the next item ("... growth [2] - The
// company ..."). The item ends after the marker; the bullet is dropped.
void SplitItems(std::string_view text, size_t begin, size_t end,
                std::vector<Span>* out) {
  static const RE2* item_end =
      new RE2(R"((\[\d{1,3}(?:\s*[,\x{2013}-]\s*\d{1,3})*\])\s+)"
              R"((?:(?:[-\x{2013}\x{2014}\x{2022}*]\s+)?[A-Z\x{201C}"]))");
  re2::StringPiece rest(text.data() + begin, end - begin);
  re2::StringPiece marker;
  size_t start = begin;
  while (RE2::FindAndConsume(&rest, *item_end, &marker)) {
    // `rest` now starts after the capital or quote; step back onto it.
    size_t next = static_cast<size_t>(rest.data() - text.data()) - 1;
    while (next > begin && (text[next] & 0xC0) == 0x80) --next;
    AddTrimmed(text, start, marker.data() + marker.size() - text.data(), out);
    start = next;
    rest = re2::StringPiece(text.data() + next, end - next);
  }
  AddTrimmed(text, start, end, out);
}

// Whether the line break at `i` only wraps a sentence: one break alone,
// after no full stop, before a lowercase word ("$38\nbillion", "1,400
// adjacent\nacres") or after a word that cannot end one ("from\nCedar
// Labs"). Plain text wrapped at a width and <br> inside a paragraph read
// so.
bool SoftBreak(std::string_view text, size_t begin, size_t end, size_t i) {
  size_t before = i;
  while (before > begin &&
         (text[before - 1] == ' ' || text[before - 1] == '\r' ||
          text[before - 1] == '\t')) {
    --before;
  }
  size_t after = i + 1;
  while (after < end && (text[after] == ' ' || text[after] == '\t')) ++after;
  if (before == begin || after >= end || text[after] == '\n') return false;
  char last = text[before - 1];
  if (last == '\n' || last == '.' || last == '!' || last == '?' ||
      last == ':' || last == ';') {
    return false;
  }
  if (text[after] >= 'a' && text[after] <= 'z') return true;
  // The last word of the line, when it is one no sentence ends with.
  static const WordSet* open = &WordList("sentences.words_that_continue");
  size_t word = before;
  while (word > begin && ((text[word - 1] >= 'a' && text[word - 1] <= 'z') ||
                          (text[word - 1] >= 'A' && text[word - 1] <= 'Z'))) {
    --word;
  }
  if (word > begin && text[word - 1] != ' ' && text[word - 1] != '\n') {
    return false;
  }
  std::string lower(text.substr(word, before - word));
  for (char& c : lower) c = static_cast<char>(c | 0x20);
  return open->count(lower) > 0;
}

// ICU does not break at a single line break inside a paragraph; we do,
// because a line without a full stop is a headline, a caption or an item,
// unless the break only wraps the sentence (SoftBreak).
void SplitLines(std::string_view text, size_t begin, size_t end,
                std::vector<Span>* out) {
  size_t start = begin;
  for (size_t i = begin; i < end; ++i) {
    if (text[i] == '\n' && !SoftBreak(text, begin, end, i)) {
      SplitItems(text, start, i, out);
      start = i + 1;
    }
  }
  SplitItems(text, start, end, out);
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
    // Nor at a line break that only wraps the sentence.
    if (static_cast<size_t>(next) < text.size()) {
      size_t nl = static_cast<size_t>(next);
      while (nl > static_cast<size_t>(prev) && IsSpace(text[nl - 1]) &&
             text[nl - 1] != '\n') {
        --nl;
      }
      if (nl > static_cast<size_t>(prev) && text[nl - 1] == '\n' &&
          SoftBreak(text, static_cast<size_t>(prev), text.size(), nl - 1)) {
        continue;
      }
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
