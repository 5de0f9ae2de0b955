#include "extract/lexer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace ct::extract {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsAsciiAlnum(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Decodes the code point at `i` (advancing `next` past it) and says whether
// it is a letter or combining mark, which continue a word.
bool LetterAt(std::string_view s, size_t i, size_t* next) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *next = i + 1;
    return IsAsciiAlpha(static_cast<char>(c));
  }
  int32_t pos = static_cast<int32_t>(i);
  UChar32 cp;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), pos,
          static_cast<int32_t>(s.size()), cp);
  *next = static_cast<size_t>(pos);
  if (cp < 0) return false;
  return u_isalpha(cp) || (U_GET_GC_MASK(cp) & U_GC_M_MASK) != 0;
}

// End of the thousands groups and decimals that follow the digits ending at
// `i`. A group is a comma and exactly three digits not followed by a fourth.
size_t ScanNumberTail(std::string_view s, size_t i) {
  while (i + 3 < s.size() && s[i] == ',' && IsDigit(s[i + 1]) &&
         IsDigit(s[i + 2]) && IsDigit(s[i + 3]) &&
         (i + 4 >= s.size() || !IsDigit(s[i + 4]))) {
    i += 4;
  }
  if (i + 1 < s.size() && s[i] == '.' && IsDigit(s[i + 1])) {
    i += 1;
    while (i < s.size() && IsDigit(s[i])) ++i;
  }
  return i;
}

// End of the thousands groups written with plain spaces ("500 000 GPUs")
// after the digits [begin, i), or `i` when there are none. Only a lone run
// of one to three digits takes them, and only when no other number follows
// the last group: "555 0142 7788" is no amount.
size_t ScanSpaceGroups(std::string_view s, size_t begin, size_t i) {
  if (i - begin > 3 || i == begin) return i;
  // Not after another number: "in 2025 500 000" stays apart.
  size_t b = begin;
  while (b > 0 && s[b - 1] == ' ') --b;
  if (b > 0 && b < begin && (IsDigit(s[b - 1]) || s[b - 1] == ',')) return i;
  if (begin > 0 && (s[begin - 1] == ',' || s[begin - 1] == '.')) return i;
  size_t end = i;
  while (end + 4 <= s.size() && s[end] == ' ' && IsDigit(s[end + 1]) &&
         IsDigit(s[end + 2]) && IsDigit(s[end + 3]) &&
         (end + 4 == s.size() || !IsDigit(s[end + 4]))) {
    end += 4;
  }
  if (end == i) return i;
  // What follows the last group must not be another number.
  size_t k = end;
  while (k < s.size() && s[k] == ' ') ++k;
  if (k < s.size() && k > end && IsDigit(s[k])) return i;
  if (k < s.size() && s[k] == ',' && k + 1 < s.size() && IsDigit(s[k + 1])) {
    return i;
  }
  return end;
}

// Currency codes that news glues to amounts: "USD1,700", "RM23.50". The
// lexer splits them off so that the amount lexes as a number, while model
// names with digits ("GB200", "MI450") stay whole. "PS", the ASCII
// transliteration of "£", splits only before an amount that cannot be a
// console's name: "PS3.4m", "PS18,500", but not "PS5".
bool IsGluedCurrencyCode(std::string_view s, size_t begin, size_t digits) {
  static constexpr std::string_view kCodes[] = {
      "USD", "EUR", "GBP", "AUD", "CAD", "NZD", "HKD", "SGD",
      "JPY", "CNY", "RMB", "INR", "CHF", "KRW", "RM",  "Rs"};
  // Country letters only after a dollar sign: "$A82,615", "$US5", but
  // "A19" and "US3" are names.
  static constexpr std::string_view kAfterDollar[] = {"US", "A", "NZ", "HK"};
  std::string_view letters = s.substr(begin, digits - begin);
  for (std::string_view c : kCodes) {
    if (letters == c) return true;
  }
  if (begin > 0 && s[begin - 1] == '$') {
    for (std::string_view c : kAfterDollar) {
      if (letters == c) return true;
    }
  }
  if (letters != "PS") return false;
  size_t i = digits;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i + 1 < s.size() && (s[i] == ',' || s[i] == '.') && IsDigit(s[i + 1])) {
    return true;
  }
  // A scale glued to the amount: "PS7m", "PS9bn", "PS40k".
  size_t scale = i;
  while (scale < s.size() && scale - i < 2 &&
         (s[scale] == 'm' || s[scale] == 'b' || s[scale] == 'n' ||
          s[scale] == 'k')) {
    ++scale;
  }
  return scale > i && (scale == s.size() || !IsAsciiAlnum(s[scale]));
}

}  // namespace

std::vector<Token> Lex(std::string_view s) {
  std::vector<Token> tokens;
  tokens.reserve(s.size() / 4 + 1);
  bool space = true;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (IsSpace(c)) {
      space = true;
      ++i;
      continue;
    }
    size_t begin = i;
    TokenKind kind = TokenKind::kSymbol;
    size_t next;
    if (IsDigit(c) ||
        (c == '.' && space && i + 1 < s.size() && IsDigit(s[i + 1]))) {
      // ".004 percent" is a number too, when nothing is glued before it.
      kind = TokenKind::kNumber;
      if (c == '.') ++i;
      while (i < s.size() && IsDigit(s[i])) ++i;
      i = ScanSpaceGroups(s, begin, i);
      i = ScanNumberTail(s, i);
    } else if (LetterAt(s, i, &next)) {
      kind = TokenKind::kWord;
      i = next;
      while (i < s.size()) {
        if (IsDigit(s[i]) && kind == TokenKind::kWord &&
            IsGluedCurrencyCode(s, begin, i)) {
          break;  // "USD1,700" -> "USD" "1,700".
        }
        if (IsDigit(s[i])) {
          kind = TokenKind::kAlnum;
          ++i;
        } else if (LetterAt(s, i, &next)) {
          i = next;
        } else {
          break;
        }
      }
    } else {
      LetterAt(s, i, &next);  // Steps over one code point.
      i = next;
    }
    tokens.push_back(
        {kind, static_cast<uint32_t>(begin), static_cast<uint32_t>(i), space});
    space = false;
  }
  return tokens;
}

}  // namespace ct::extract
