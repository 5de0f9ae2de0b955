#include "extract/text_fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace ct::extract {
namespace {

// Folds one code point, appending its replacement to `out`. Returns false
// when the code point is kept as it is.
bool FoldCodePoint(UChar32 c, std::string* out) {
  if (c < 0) {  // Invalid UTF-8.
    out->append("\xEF\xBF\xBD");
    return true;
  }
  if (c == 0) {
    out->push_back(' ');
    return true;
  }
  if (c < 0x80) return false;
  switch (c) {
    case 0x2014:  // Em dash and horizontal bar: clause punctuation, kept.
    case 0x2015:
      return false;
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
      out->push_back('\'');
      return true;
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x2033:
      out->push_back('"');
      return true;
    case 0x2044:  // Fraction slash.
      out->push_back('/');
      return true;
    case 0x2212:  // Minus sign.
    case 0xFE63:
      out->push_back('-');
      return true;
    case 0x0085:
    case 0x2028:
    case 0x2029:
      out->push_back('\n');
      return true;
    default:
      break;
  }
  int8_t type = u_charType(c);
  if (type == U_SPACE_SEPARATOR) {
    out->push_back(' ');
    return true;
  }
  if (type == U_DASH_PUNCTUATION) {
    out->push_back('-');
    return true;
  }
  if (type == U_DECIMAL_DIGIT_NUMBER) {
    out->push_back(static_cast<char>('0' + u_charDigitValue(c)));
    return true;
  }
  if ((c >= 0xFF01 && c <= 0xFF5E) || c == 0xFFE0 || c == 0xFFE1 ||
      c == 0xFFE5 || c == 0xFFE6) {
    // Full-width ASCII and currency signs: NFKC gives the ordinary form.
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) return false;
    icu::UnicodeString folded = nfkc->normalize(icu::UnicodeString(c), status);
    if (U_FAILURE(status)) return false;
    std::string utf8;
    folded.toUTF8String(utf8);
    out->append(utf8);
    return true;
  }
  return false;
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// The spaces typography puts between groups of thousands.
bool IsGroupSpace(UChar32 c) {
  return c == 0x00A0 || c == 0x2009 || c == 0x202F || c == 0x2007;
}

bool ThreeDigitsFollow(std::string_view in, int32_t i) {
  size_t k = static_cast<size_t>(i);
  return k + 3 <= in.size() && IsAsciiDigit(in[k]) && IsAsciiDigit(in[k + 1]) &&
         IsAsciiDigit(in[k + 2]) &&
         (k + 3 == in.size() || !IsAsciiDigit(in[k + 3]));
}

}  // namespace

FoldedText FoldText(std::string_view in) {
  FoldedText result;
  // Most text needs nothing: ASCII without NUL is its own folding.
  bool plain = true;
  for (unsigned char ch : in) {
    if (ch == 0 || ch >= 0x80) {
      plain = false;
      break;
    }
  }
  if (plain) {
    result.text.assign(in);
    return result;
  }

  result.text.reserve(in.size());
  result.offsets.reserve(in.size() + 1);
  const auto* s = reinterpret_cast<const uint8_t*>(in.data());
  const int32_t length = static_cast<int32_t>(in.size());
  std::string replacement;
  bool changed = false;
  int32_t i = 0;
  while (i < length) {
    int32_t begin = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    replacement.clear();
    if (IsGroupSpace(c) && !result.text.empty() &&
        IsAsciiDigit(result.text.back()) && ThreeDigitsFollow(in, i)) {
      // "220 000" with a thin or no-break space groups thousands.
      changed = true;
      result.text.push_back(',');
      result.offsets.push_back(static_cast<uint32_t>(begin));
      continue;
    }
    if (FoldCodePoint(c, &replacement)) {
      changed = true;
      result.text.append(replacement);
      result.offsets.insert(result.offsets.end(), replacement.size(),
                            static_cast<uint32_t>(begin));
    } else {
      result.text.append(in.substr(begin, i - begin));
      for (int32_t k = begin; k < i; ++k) {
        result.offsets.push_back(static_cast<uint32_t>(k));
      }
    }
  }
  result.offsets.push_back(static_cast<uint32_t>(in.size()));
  if (!changed) result.offsets.clear();
  return result;
}

}  // namespace ct::extract
