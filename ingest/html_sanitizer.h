// HTML fragments from untrusted sources (feed summaries and content): a
// sanitizer that keeps the markup it trusts and drops the rest, and a
// converter to plain text with paragraphs. Both read the fragment with a
// small tokenizer, not an HTML5 parser: enough of one for the fragments
// feeds carry, and conservative where they are broken.
//
// The rest of the interface is what a caller needs to write HTML for the
// sanitizer or to agree with it: the character-reference tables, the
// escaping, which attributes hold URLs, which elements are void, and which
// URLs are safe to follow. The feed parser (ingest/feed_parser.cc) uses them
// to serialise inline XHTML and to vet feed links by the same rules.
//
// Thread-safe: pure functions. The allow-lists are built once, on first
// use, as function-local statics. Nothing keeps a reference to an argument.

#ifndef CT_INGEST_HTML_SANITIZER_H_
#define CT_INGEST_HTML_SANITIZER_H_

#include <string>
#include <string_view>

namespace ct::ingest {

// `html` (UTF-8) with only the markup on the sanitizer's allow-lists: no
// script, style, forms, frames, objects or embeds, no event handlers (on*
// attributes), no inline style that could fetch, run or cover anything, and
// no URL that IsSafeUrl() rejects. Dropped elements keep their text, except
// script, style, applet and template, whose content goes with them. SVG and
// MathML keep their own spelling and get their namespaces. URL attributes
// are made absolute against `base_url` with ResolveUrlVerbatim()
// (ingest/urls.h), so they stay as the publisher wrote them. Text passes
// through as written, with its character references normalised, so that
// sanitising the output again changes nothing. The result is trimmed, and
// its line breaks are LF (CRLF and a lone CR, as HTML reads them). Never
// fails: what is not markup is text.
std::string SanitizeHtml(std::string_view html, const std::string& base_url);

// The text of an HTML fragment (UTF-8), character references decoded: block
// elements make paragraphs (a blank line between them), <br> breaks a line,
// other white space collapses to one space. The content of script, style,
// applet and template is dropped.
std::string HtmlToText(std::string_view html);

// HtmlToText() for plain text: blank lines stay paragraph breaks, other
// white space collapses, so both kinds of text come out alike.
std::string PlainParagraphs(std::string_view text);

// Whether a link to `url` can be followed without running code: relative,
// or one of an allow-list of schemes (http, https, mailto, file...). As
// browsers do, control characters and spaces are ignored when looking for
// the scheme, so "java\tscript:" is javascript: and unsafe.
bool IsSafeUrl(std::string_view url);

// Character references.

// The code point of the named character reference `name` (without '&' and
// ';'; case matters): HTML 4's entities and "apos". 0 when there is none.
char32_t HtmlEntityCodePoint(std::string_view name);

// `cp`, except that the C1 controls 0x80-0x9F, which nobody means, become
// the windows-1252 characters their bytes stand for (0x96 is an en dash).
// The five bytes windows-1252 leaves undefined stay as they are. HTML reads
// numeric references this way ("&#150;" is "–"); the feed parser repairs
// text with it.
char32_t C1ToWindows1252(char32_t cp);

// Writing HTML for SanitizeHtml().

// Appends `text` with '&', '<' and '>' escaped.
void AppendEscapedHtmlText(std::string_view text, std::string* out);

// Appends `value` escaped for a double-quoted attribute: '&', '<', '>' and
// '"'.
void AppendEscapedHtmlAttribute(std::string_view value, std::string* out);

// Whether the attribute `name` (lower-case, "xlink:href" with its prefix)
// holds a URL, which SanitizeHtml() resolves and vets.
bool IsUrlAttribute(const std::string& name);

// Whether `name` (lower-case) is an HTML void element (br, img, ...), one
// that has no end tag.
bool IsVoidElement(const std::string& name);

}  // namespace ct::ingest

#endif  // CT_INGEST_HTML_SANITIZER_H_
