// Lexer: splits one folded sentence into numbers, words and symbols.
//
//   "$17.4bn, up 40%"  ->  $ | 17.4 | bn | , | up | 40 | %
//
// A number is digits with optional thousands groups (",ddd", exactly three
// digits each) and decimals; "1,2" is two numbers. A word is letters; a word
// that starts with a letter and goes on with digits ("H100", "NVL72") is an
// alnum token, which is a name, never a quantity. Anything else is a symbol
// of one code point. Tokens remember whether white space came before them,
// which tells "300MW" and "17x" (attached) from "300 MW".
//
// Thread-safe: pure functions.

#ifndef CT_EXTRACT_LEXER_H_
#define CT_EXTRACT_LEXER_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace ct::extract {

enum class TokenKind { kNumber, kWord, kAlnum, kSymbol };

struct Token {
  TokenKind kind;
  uint32_t begin;  // Byte offsets in the text given to Lex().
  uint32_t end;
  bool space_before;
};

// Tokens of `text`. Linear in its size.
std::vector<Token> Lex(std::string_view text);

}  // namespace ct::extract

#endif  // CT_EXTRACT_LEXER_H_
