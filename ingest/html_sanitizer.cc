// The sanitizer and the text converter of ingest/html_sanitizer.h, the
// tokenizer both run on, and the allow-lists the sanitizer keeps. Of
// libxml2 we use only its table of HTML entities.

#include "ingest/html_sanitizer.h"

#include <libxml/HTMLparser.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/text.h"
#include "ingest/urls.h"

namespace ct::ingest {
namespace {

using text::AppendUtf8;
using text::IsSpace;
using text::Lower;
using text::LowerAscii;
using text::Squash;
using text::Trim;

bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  return Lower(s.substr(0, prefix.size())) == Lower(prefix);
}

// `needle` must be lower-case.
size_t FindNoCase(std::string_view s, std::string_view needle, size_t from) {
  for (size_t i = from; i + needle.size() <= s.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && LowerAscii(s[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

// ---------------------------------------------------------------------------
// Character references.

struct Reference {
  size_t length = 0;  // 0: no reference here.
  char32_t code = 0;
  bool numeric = false;
  bool hex = false;
  std::string name;  // Named references only.
};

// Reads a reference at s[0] == '&'. Numeric references may leave out the
// semicolon, as HTML allows; named ones may not, so "&b=2" in a query string
// stays text.
Reference ReadReference(std::string_view s) {
  Reference ref;
  if (s.size() < 3 || s[0] != '&') return ref;
  size_t i = 1;
  if (s[i] == '#') {
    ++i;
    ref.numeric = true;
    ref.hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
    if (ref.hex) ++i;
    size_t start = i;
    char32_t value = 0;
    while (i < s.size() && i - start < 8 &&
           (IsAsciiDigit(s[i]) ||
            (ref.hex &&
             ((s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F'))))) {
      int d = IsAsciiDigit(s[i]) ? s[i] - '0' : (s[i] | 0x20) - 'a' + 10;
      value = value * (ref.hex ? 16 : 10) + static_cast<char32_t>(d);
      ++i;
    }
    if (i == start) return Reference();
    if (i < s.size() && s[i] == ';') ++i;
    if (value == 0 || value > 0x10FFFF ||
        (value >= 0xD800 && value <= 0xDFFF)) {
      value = 0xFFFD;
    }
    ref.code = value;
    ref.length = i;
    return ref;
  }
  size_t start = i;
  while (i < s.size() && i - start < 32 &&
         (IsAsciiAlpha(s[i]) || IsAsciiDigit(s[i]))) {
    ++i;
  }
  if (i == start || !IsAsciiAlpha(s[start]) || i >= s.size() || s[i] != ';') {
    return Reference();
  }
  ref.name = std::string(s.substr(start, i - start));
  ref.code = HtmlEntityCodePoint(ref.name);
  if (ref.code == 0) return Reference();
  ref.length = i + 1;
  return ref;
}

// Decodes HTML references in an attribute value; unknown ones stay text.
std::string DecodeReferences(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '&') {
      Reference ref = ReadReference(s.substr(i));
      if (ref.length > 0) {
        AppendUtf8(ref.numeric ? C1ToWindows1252(ref.code) : ref.code, &out);
        i += ref.length;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// ---------------------------------------------------------------------------
// HTML tokens. Not an HTML5 tokenizer: enough of one for the fragments feeds
// carry, and conservative where they are broken (see the comment rules).

struct HtmlAttribute {
  std::string name;   // Lower-case.
  std::string value;  // References decoded.
};

struct HtmlToken {
  enum class Type {
    kText,       // Characters without markup, `raw` as written.
    kReference,  // &name; or &#n;, `raw` as written.
    kStray,      // A '<' or '&' that starts no markup.
    kStartTag,
    kEndTag,
    kEnd,
  };
  Type type = Type::kEnd;
  std::string_view raw;
  std::string name;  // Tag name, lower-case.
  std::vector<HtmlAttribute> attributes;
  bool self_closing = false;
  Reference reference;
};

class HtmlTokenizer {
 public:
  explicit HtmlTokenizer(std::string_view html) : s_(html) {}

  HtmlToken Next() {
    HtmlToken t;
    if (!raw_text_end_.empty()) return RawText();
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '&') {
        Reference ref = ReadReference(s_.substr(pos_));
        t.raw = s_.substr(pos_, std::max<size_t>(ref.length, 1));
        pos_ += t.raw.size();
        t.type = ref.length > 0 ? HtmlToken::Type::kReference
                                : HtmlToken::Type::kStray;
        t.reference = std::move(ref);
        return t;
      }
      if (c != '<') {
        size_t end = s_.find_first_of("<&", pos_);
        if (end == std::string_view::npos) end = s_.size();
        t.type = HtmlToken::Type::kText;
        t.raw = s_.substr(pos_, end - pos_);
        pos_ = end;
        return t;
      }
      if (SkipMarkup()) continue;
      if (ReadTag(&t)) return t;
      if (pos_ >= s_.size()) break;
      t.type = HtmlToken::Type::kStray;
      t.raw = s_.substr(pos_, 1);
      ++pos_;
      return t;
    }
    return t;
  }

 private:
  // Comments, declarations and processing instructions: consumed without a
  // token. False when the '<' at pos_ opens none of them, or opens one that
  // never ends (then the '<' is text).
  bool SkipMarkup() {
    std::string_view rest = s_.substr(pos_);
    if (rest.rfind("<!--", 0) == 0) {
      size_t end = pos_ + 4 >= no_comment_end_from_ ? std::string_view::npos
                                                    : s_.find("-->", pos_ + 4);
      if (end == std::string_view::npos) {
        no_comment_end_from_ = std::min(no_comment_end_from_, pos_ + 4);
      } else {
        pos_ = end + 3;
        return true;
      }
      // No "-->". Old SGML parsers end a comment at "--" and the next '>',
      // and so do we when there is one: what follows is sanitised like the
      // rest, so ending early can only show text. Otherwise the comment
      // runs to the end, as it would in a browser.
      size_t dashes = s_.find("--", pos_ + 4);
      size_t close = dashes == std::string_view::npos ? std::string_view::npos
                                                      : Find('>', dashes + 2);
      pos_ = close == std::string_view::npos ? s_.size() : close + 1;
      return true;
    }
    if (StartsWithNoCase(rest, "<!doctype") || rest.rfind("<?", 0) == 0) {
      size_t end = Find('>', pos_);
      if (end == std::string_view::npos) return false;
      pos_ = end + 1;
      return true;
    }
    return false;
  }

  // False when the '<' at pos_ starts no tag. A tag cut off by the end of
  // the input is dropped with everything after it, as browsers do; reading
  // its '<' as text instead would rescan the rest at every later '<'.
  bool ReadTag(HtmlToken* t) {
    size_t i = pos_ + 1;
    bool end_tag = i < s_.size() && s_[i] == '/';
    if (end_tag) ++i;
    if (i >= s_.size() || !IsAsciiAlpha(s_[i])) return false;
    auto cut_off = [this] {
      pos_ = s_.size();
      return false;
    };
    size_t name_start = i;
    while (i < s_.size() && !IsSpace(s_[i]) && s_[i] != '/' && s_[i] != '>') {
      ++i;
    }
    t->name = Lower(s_.substr(name_start, i - name_start));
    if (end_tag) {
      size_t close = Find('>', i);
      if (close == std::string_view::npos) return cut_off();
      t->type = HtmlToken::Type::kEndTag;
      pos_ = close + 1;
      return true;
    }
    while (true) {
      while (i < s_.size() && (IsSpace(s_[i]) || s_[i] == '/')) {
        if (s_[i] == '/' && i + 1 < s_.size() && s_[i + 1] == '>') {
          t->self_closing = true;
        }
        ++i;
      }
      if (i >= s_.size()) return cut_off();
      if (s_[i] == '>') {
        ++i;
        break;
      }
      size_t a = i;
      ++i;  // An attribute name may start with '='.
      while (i < s_.size() && !IsSpace(s_[i]) && s_[i] != '=' && s_[i] != '>' &&
             s_[i] != '/') {
        ++i;
      }
      HtmlAttribute attr;
      attr.name = Lower(s_.substr(a, i - a));
      size_t k = i;
      while (k < s_.size() && IsSpace(s_[k])) ++k;
      if (k < s_.size() && s_[k] == '=') {
        ++k;
        while (k < s_.size() && IsSpace(s_[k])) ++k;
        if (k >= s_.size()) return cut_off();
        if (s_[k] == '"' || s_[k] == '\'') {
          size_t close = Find(s_[k], k + 1);
          if (close == std::string_view::npos) return cut_off();
          attr.value = DecodeReferences(s_.substr(k + 1, close - k - 1));
          i = close + 1;
        } else {
          size_t e = k;
          while (e < s_.size() && !IsSpace(s_[e]) && s_[e] != '>') ++e;
          attr.value = DecodeReferences(s_.substr(k, e - k));
          i = e;
        }
      }
      t->attributes.push_back(std::move(attr));
    }
    t->type = HtmlToken::Type::kStartTag;
    pos_ = i;
    // The content of script and style is text up to their end tag, markup
    // or not; reading it as markup would let "</b>" inside a script string
    // escape.
    if (!t->self_closing && (t->name == "script" || t->name == "style")) {
      raw_text_end_ = "</" + t->name;
    }
    return true;
  }

  HtmlToken RawText() {
    HtmlToken t;
    size_t end = FindNoCase(s_, raw_text_end_, pos_);
    if (end == std::string::npos) end = s_.size();
    raw_text_end_.clear();
    t.type = HtmlToken::Type::kText;
    t.raw = s_.substr(pos_, end - pos_);
    pos_ = end;
    return t;
  }

  // s_.find(c, from), remembering where `c` is known to be absent: text
  // with many '<' after an unclosed quote would otherwise be scanned to
  // its end once per '<'.
  size_t Find(char c, size_t from) {
    size_t& absent = absent_from_[static_cast<unsigned char>(c)];
    if (absent != 0 && from >= absent) return std::string_view::npos;
    size_t at = s_.find(c, from);
    if (at == std::string_view::npos && (absent == 0 || from < absent)) {
      absent = std::max<size_t>(from, 1);
    }
    return at;
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string raw_text_end_;
  size_t absent_from_[256] = {};  // 0: not known.
  size_t no_comment_end_from_ = std::string_view::npos;
};

// Elements whose content goes with them: code, styles, and applets (whose
// content is parameters, not fallback text).
bool DropsContent(const std::string& name) {
  return name == "script" || name == "style" || name == "applet" ||
         name == "template";
}

using NameSet = std::unordered_set<std::string>;
// Lower-case name to the name as the vocabulary spells it.
using NameMap = std::unordered_map<std::string, std::string>;

template <size_t N>
NameSet MakeSet(const char* const (&names)[N]) {
  return NameSet(std::begin(names), std::end(names));
}

// SVG and MathML keep their camelCase names, which the tokenizer folded.
template <size_t N>
NameMap MakeFoldedMap(const char* const (&names)[N]) {
  NameMap map;
  for (const char* n : names) map.emplace(Lower(n), n);
  return map;
}

const std::string& Lookup(const NameMap& map, const std::string& name) {
  static const std::string kNone;
  auto it = map.find(name);
  return it == map.end() ? kNone : it->second;
}

constexpr const char* kVoidElements[] = {
    "area",  "base", "basefont", "br",     "col",     "embed",
    "frame", "hr",   "img",      "input",  "isindex", "keygen",
    "link",  "meta", "param",    "source", "track",   "wbr"};

// HTML we keep. Not here: anything that loads or runs something by itself
// (iframe, object, embed, frame), document furniture (html, head, meta,
// link, base) and forms. A dropped element's text stays, so the fallback
// text inside an <object> or <iframe> survives.
constexpr const char* kHtmlElements[] = {
    "a",          "abbr",     "acronym",  "address", "area",    "article",
    "aside",      "audio",    "b",        "bdi",     "bdo",     "big",
    "blockquote", "br",       "caption",  "center",  "cite",    "code",
    "col",        "colgroup", "dd",       "del",     "details", "dfn",
    "dir",        "div",      "dl",       "dt",      "em",      "fieldset",
    "figcaption", "figure",   "font",     "footer",  "h1",      "h2",
    "h3",         "h4",       "h5",       "h6",      "header",  "hgroup",
    "hr",         "i",        "img",      "ins",     "kbd",     "label",
    "legend",     "li",       "main",     "map",     "mark",    "menu",
    "meter",      "nav",      "noscript", "ol",      "p",       "picture",
    "pre",        "progress", "q",        "rp",      "rt",      "ruby",
    "s",          "samp",     "section",  "small",   "source",  "span",
    "strike",     "strong",   "sub",      "summary", "sup",     "table",
    "tbody",      "td",       "tfoot",    "th",      "thead",   "time",
    "tr",         "track",    "tt",       "u",       "ul",      "var",
    "video",      "wbr"};

constexpr const char* kHtmlAttributes[] = {
    "abbr",        "align",       "alt",      "axis",    "bgcolor", "border",
    "cellpadding", "cellspacing", "char",     "charoff", "cite",    "class",
    "clear",       "color",       "cols",     "colspan", "compact", "controls",
    "coords",      "datetime",    "dir",      "face",    "headers", "height",
    "href",        "hreflang",    "hspace",   "id",      "label",   "lang",
    "longdesc",    "loop",        "muted",    "name",    "nowrap",  "open",
    "poster",      "preload",     "rel",      "rev",     "rows",    "rowspan",
    "rules",       "scope",       "shape",    "size",    "span",    "src",
    "start",       "summary",     "tabindex", "target",  "title",   "type",
    "usemap",      "valign",      "value",    "vspace",  "width",   "xml:lang"};

// Left out of SVG on purpose: script, foreignObject (HTML inside SVG), use
// (pulls in other documents) and the animation elements, which can turn an
// href into javascript: after we have checked it.
constexpr const char* kSvgElements[] = {
    "a",        "circle",         "defs",   "desc",     "ellipse", "g",
    "line",     "linearGradient", "marker", "metadata", "path",    "polygon",
    "polyline", "radialGradient", "rect",   "stop",     "svg",     "switch",
    "text",     "title",          "tspan"};

// clang-format off
constexpr const char* kSvgAttributes[] = {
    "baseProfile", "class", "color", "cx", "cy", "d", "dx", "dy", "fill",
    "fill-opacity", "fill-rule", "font-family", "font-size", "font-style",
    "font-weight", "fx", "fy", "gradientUnits", "height", "id", "lang",
    "marker-end", "marker-mid", "marker-start", "markerHeight", "markerUnits",
    "markerWidth", "offset", "opacity", "orient", "pathLength", "points",
    "preserveAspectRatio", "r", "refX", "refY", "rx", "ry", "stop-color",
    "stop-opacity", "stroke", "stroke-dasharray", "stroke-dashoffset",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity",
    "stroke-width", "text-anchor", "transform", "version", "viewBox",
    "visibility", "width", "x", "x1", "x2", "xlink:href", "xlink:show",
    "xlink:title", "xlink:type", "xml:lang", "xml:space", "xmlns",
    "xmlns:xlink", "y", "y1", "y2"};
// clang-format on

constexpr const char* kMathElements[] = {
    "annotation", "maction",  "math",    "menclose",      "merror",
    "mfenced",    "mfrac",    "mi",      "mmultiscripts", "mn",
    "mo",         "mover",    "mpadded", "mphantom",      "mprescripts",
    "mroot",      "mrow",     "ms",      "mspace",        "msqrt",
    "mstyle",     "msub",     "msubsup", "msup",          "mtable",
    "mtd",        "mtext",    "mtr",     "munder",        "munderover",
    "none",       "semantics"};

// clang-format off
constexpr const char* kMathAttributes[] = {
    "accent", "accentunder", "align", "bevelled", "close", "columnalign",
    "columnlines", "columnspacing", "columnspan", "denomalign", "depth", "dir",
    "display", "displaystyle", "fence", "frame", "height", "id", "largeop",
    "linethickness", "lspace", "mathbackground", "mathcolor", "mathsize",
    "mathvariant", "maxsize", "minsize", "movablelimits", "notation",
    "numalign", "open", "rowalign", "rowlines", "rowspacing", "rowspan",
    "rspace", "scriptlevel", "selection", "separator", "separators", "stretchy",
    "subscriptshift", "superscriptshift", "symmetric", "voffset", "width",
    "xlink:href", "xlink:show", "xlink:type", "xmlns", "xmlns:xlink"};
// clang-format on

bool IsSafeHtmlElement(const std::string& name) {
  static const NameSet kSet = MakeSet(kHtmlElements);
  return kSet.count(name) > 0;
}

// The SVG or MathML spelling of a folded name, or empty if not allowed.
const std::string& SvgElement(const std::string& name) {
  static const NameMap kMap = MakeFoldedMap(kSvgElements);
  return Lookup(kMap, name);
}

const std::string& MathElement(const std::string& name) {
  static const NameMap kMap = MakeFoldedMap(kMathElements);
  return Lookup(kMap, name);
}

enum class Vocabulary { kHtml, kSvg, kMath };

// An attribute's name as its vocabulary spells it, or empty if we drop it.
const std::string& AllowedAttribute(Vocabulary vocabulary,
                                    const std::string& name) {
  static const NameMap kHtml = MakeFoldedMap(kHtmlAttributes);
  static const NameMap kSvg = MakeFoldedMap(kSvgAttributes);
  static const NameMap kMath = MakeFoldedMap(kMathAttributes);
  switch (vocabulary) {
    case Vocabulary::kSvg:
      return Lookup(kSvg, name);
    case Vocabulary::kMath:
      return Lookup(kMath, name);
    default:
      return Lookup(kHtml, name);
  }
}

constexpr char kSvgNs[] = "http://www.w3.org/2000/svg";
constexpr char kMathNs[] = "http://www.w3.org/1998/Math/MathML";
constexpr char kXlinkNs[] = "http://www.w3.org/1999/xlink";

// clang-format off
constexpr const char* kCssProperties[] = {
    "background-color", "border-collapse", "clear", "color", "cursor",
    "direction", "display", "float", "font", "font-family", "font-size",
    "font-style", "font-variant", "font-weight", "height", "letter-spacing",
    "line-height", "overflow", "text-align", "text-decoration", "text-indent",
    "unicode-bidi", "vertical-align", "white-space", "width"};
// clang-format on

constexpr const char* kSvgCssProperties[] = {
    "fill",           "fill-opacity",    "fill-rule",      "stroke",
    "stroke-linecap", "stroke-linejoin", "stroke-opacity", "stroke-width"};

// Inline styles, one declaration at a time. What can fetch or run anything
// (url(), expression(), -moz-binding, @import, escapes that hide those)
// condemns the whole attribute; positioning goes too, since an absolutely
// placed box can cover the page around it.
std::string SanitizeCss(std::string_view style, bool svg) {
  static const RE2 kUrl("(?i)url\\s*\\([^)]*\\)");
  static const RE2 kHostile(
      "(?i)(expression|javascript|vbscript|binding|"
      "behavior|@import|\\\\|<|/\\*)");
  std::string s(style);
  RE2::GlobalReplace(&s, kUrl, " ");
  if (RE2::PartialMatch(s, kHostile)) return "";
  static const NameSet kProperties = MakeSet(kCssProperties);
  static const NameSet kSvgProperties = MakeSet(kSvgCssProperties);
  // Values allowed in background-*, border-*, margin-* and padding-*:
  // colours, lengths and plain keywords; background-repeat and friends are
  // moot once background images are gone.
  static const RE2 kPlainValue(
      "(?i)#[0-9a-f]+|rgba?\\([0-9.,%\\s]*\\)|-?[0-9]*\\.?[0-9]+"
      "(px|em|ex|rem|pt|pc|cm|mm|in|%)?|auto|none|transparent|center|left|"
      "right|top|bottom|solid|dashed|dotted|double|thin|medium|thick|inherit|"
      "aqua|black|blue|fuchsia|gray|green|lime|maroon|navy|olive|purple|red|"
      "silver|teal|white|yellow|!important");
  std::string out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(';', start);
    if (end == std::string::npos) end = s.size();
    std::string_view decl = std::string_view(s).substr(start, end - start);
    start = end + 1;
    size_t colon = decl.find(':');
    if (colon == std::string_view::npos) continue;
    std::string property = Lower(Trim(decl.substr(0, colon)));
    std::string value = Squash(decl.substr(colon + 1));
    if (property.empty() || value.empty()) continue;
    bool keep = kProperties.count(property) > 0 ||
                (svg && kSvgProperties.count(property) > 0);
    if (!keep) {
      std::string family = property.substr(0, property.find('-'));
      if (family == "background" || family == "border" || family == "margin" ||
          family == "padding") {
        keep = true;
        std::string_view words = value;
        while (keep && !words.empty()) {
          size_t space = words.find(' ');
          if (!RE2::FullMatch(words.substr(0, space), kPlainValue)) {
            keep = false;
          }
          words.remove_prefix(space == std::string_view::npos ? words.size()
                                                              : space + 1);
        }
      }
    }
    if (!keep) continue;
    if (!out.empty()) out += ' ';
    out += property + ": " + value + ";";
  }
  return out;
}

// Keeps the markup listed above, resolves relative URLs against `base`,
// and passes text through as written (its references normalised), so that
// sanitising sanitised HTML changes nothing.
class HtmlSanitizer {
 public:
  explicit HtmlSanitizer(std::string base) : base_(std::move(base)) {}

  std::string Run(std::string_view html) {
    HtmlTokenizer tokens(html);
    for (HtmlToken t = tokens.Next(); t.type != HtmlToken::Type::kEnd;
         t = tokens.Next()) {
      switch (t.type) {
        case HtmlToken::Type::kStartTag:
          StartTag(t);
          break;
        case HtmlToken::Type::kEndTag:
          EndTag(t);
          break;
        default:
          if (skipping_.empty()) Text(t);
      }
    }
    // Line breaks as HTML reads them: CRLF, and a CR on its own, are LF.
    // Turning only CRLF into LF would leave "\r\r\n" as "\r\n", which a
    // second pass would change again.
    std::string_view out = Trim(out_);
    std::string clean;
    clean.reserve(out.size());
    for (size_t i = 0; i < out.size(); ++i) {
      if (out[i] != '\r') {
        clean += out[i];
      } else if (i + 1 == out.size() || out[i + 1] != '\n') {
        clean += '\n';
      }
    }
    return clean;
  }

 private:
  void Text(const HtmlToken& t) {
    if (t.type == HtmlToken::Type::kText) {
      out_ += t.raw;
    } else if (t.type == HtmlToken::Type::kStray) {
      out_ += t.raw == "<" ? "&lt;" : "&amp;";
    } else if (!t.reference.numeric) {
      out_ += "&" + t.reference.name + ";";
    } else {
      char32_t cp = C1ToWindows1252(t.reference.code);
      char buf[16];
      if (t.reference.hex || cp != t.reference.code) {
        std::snprintf(buf, sizeof buf, "&#x%x;", static_cast<unsigned>(cp));
      } else {
        std::snprintf(buf, sizeof buf, "&#%u;", static_cast<unsigned>(cp));
      }
      out_ += buf;
    }
  }

  void StartTag(const HtmlToken& t) {
    if (!skipping_.empty()) {
      if (t.name == skipping_ && !t.self_closing) ++skip_depth_;
      return;
    }
    if (DropsContent(t.name)) {
      if (!t.self_closing) {
        skipping_ = t.name;
        skip_depth_ = 1;
      }
      return;
    }
    if (svg_depth_ > 0 || t.name == "svg") {
      const std::string& name = SvgElement(t.name);
      if (!name.empty()) {
        if (t.name == "svg" && !t.self_closing) ++svg_depth_;
        Emit(name, t, Vocabulary::kSvg, t.name == "svg");
        return;
      }
    }
    if (math_depth_ > 0 || t.name == "math") {
      const std::string& name = MathElement(t.name);
      if (!name.empty()) {
        if (t.name == "math" && !t.self_closing) ++math_depth_;
        Emit(name, t, Vocabulary::kMath, t.name == "math");
        return;
      }
    }
    if (IsSafeHtmlElement(t.name)) Emit(t.name, t, Vocabulary::kHtml, false);
  }

  void EndTag(const HtmlToken& t) {
    if (!skipping_.empty()) {
      if (t.name == skipping_ && --skip_depth_ == 0) skipping_.clear();
      return;
    }
    if (svg_depth_ > 0 && !SvgElement(t.name).empty()) {
      if (t.name == "svg") --svg_depth_;
      out_ += "</" + SvgElement(t.name) + ">";
      return;
    }
    if (math_depth_ > 0 && !MathElement(t.name).empty()) {
      if (t.name == "math") --math_depth_;
      out_ += "</" + MathElement(t.name) + ">";
      return;
    }
    if (IsSafeHtmlElement(t.name) && !IsVoidElement(t.name)) {
      out_ += "</" + t.name + ">";
    }
  }

  // `root`: an <svg> or <math> that starts its vocabulary.
  void Emit(const std::string& name, const HtmlToken& t, Vocabulary vocabulary,
            bool root) {
    std::vector<std::pair<std::string, std::string>> kept;
    std::unordered_set<std::string> seen;
    bool xlink = false;
    for (const HtmlAttribute& a : t.attributes) {
      if (!seen.insert(a.name).second) continue;  // The first one counts.
      if (a.name.rfind("on", 0) == 0) continue;
      if (a.name == "style") {
        std::string css = SanitizeCss(a.value, vocabulary == Vocabulary::kSvg);
        if (!css.empty()) kept.emplace_back("style", css);
        continue;
      }
      const std::string& canonical = AllowedAttribute(vocabulary, a.name);
      if (canonical.empty()) continue;
      std::string value = a.value;
      if (IsUrlAttribute(canonical)) {
        value = ResolveUrlVerbatim(base_, value);
        if (!IsSafeUrl(value)) continue;
      }
      if (canonical == "xmlns" && root) continue;  // Set below.
      if (canonical.rfind("xlink:", 0) == 0) xlink = true;
      kept.emplace_back(canonical, std::move(value));
    }
    // SVG and MathML keep their namespaces, so that the markup means the
    // same in XHTML as in HTML.
    if (root) {
      kept.emplace_back("xmlns",
                        vocabulary == Vocabulary::kSvg ? kSvgNs : kMathNs);
    }
    if (xlink && seen.count("xmlns:xlink") == 0) {
      kept.emplace_back("xmlns:xlink", kXlinkNs);
    }
    std::sort(kept.begin(), kept.end());
    out_ += "<" + name;
    for (const auto& [key, value] : kept) {
      out_ += " " + key + "=\"";
      AppendEscapedHtmlAttribute(value, &out_);
      out_ += "\"";
    }
    if (vocabulary == Vocabulary::kHtml && IsVoidElement(name)) {
      out_ += " />";
    } else if (t.self_closing) {
      out_ += "></" + name + ">";
    } else {
      out_ += ">";
    }
  }

  std::string base_;
  std::string out_;
  std::string skipping_;  // The element whose content we are dropping.
  int skip_depth_ = 0;
  int svg_depth_ = 0;
  int math_depth_ = 0;
};

// Plain text with paragraphs: block elements and <br> break lines, the rest
// of the white space collapses.
class TextWriter {
 public:
  void Text(std::string_view s) {
    for (char c : s) {
      if (IsSpace(c)) {
        pending_space_ = true;
      } else {
        if (pending_break_ > 0 && !out_.empty()) {
          out_.append(pending_break_ >= 2 ? "\n\n" : "\n");
        } else if (pending_space_ && !out_.empty() && out_.back() != '\n') {
          out_ += ' ';
        }
        pending_break_ = 0;
        pending_space_ = false;
        out_ += c;
      }
    }
  }
  void Break(int lines) { pending_break_ = std::max(pending_break_, lines); }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  int pending_break_ = 0;
  bool pending_space_ = false;
};

bool IsBlockElement(const std::string& name) {
  static const std::unordered_set<std::string> kBlock = {
      "address", "article", "aside", "blockquote", "caption",    "dd",
      "details", "div",     "dl",    "dt",         "figcaption", "figure",
      "footer",  "h1",      "h2",    "h3",         "h4",         "h5",
      "h6",      "header",  "hr",    "li",         "main",       "nav",
      "ol",      "p",       "pre",   "section",    "summary",    "table",
      "tr",      "ul"};
  return kBlock.count(name) > 0;
}

}  // namespace

// ---------------------------------------------------------------------------
// The interface.

std::string SanitizeHtml(std::string_view html, const std::string& base_url) {
  return HtmlSanitizer(base_url).Run(html);
}

std::string HtmlToText(std::string_view html) {
  HtmlTokenizer tokens(html);
  TextWriter w;
  std::string skipping;
  int depth = 0;
  for (HtmlToken t = tokens.Next(); t.type != HtmlToken::Type::kEnd;
       t = tokens.Next()) {
    if (t.type == HtmlToken::Type::kStartTag) {
      if (!skipping.empty()) {
        if (t.name == skipping && !t.self_closing) ++depth;
      } else if (DropsContent(t.name)) {
        if (!t.self_closing) {
          skipping = t.name;
          depth = 1;
        }
      } else if (t.name == "br") {
        w.Break(1);
      } else if (IsBlockElement(t.name)) {
        w.Break(2);
      }
      continue;
    }
    if (t.type == HtmlToken::Type::kEndTag) {
      if (!skipping.empty()) {
        if (t.name == skipping && --depth == 0) skipping.clear();
      } else if (IsBlockElement(t.name)) {
        w.Break(2);
      }
      continue;
    }
    if (!skipping.empty()) continue;
    if (t.type == HtmlToken::Type::kReference) {
      std::string c;
      AppendUtf8(t.reference.numeric ? C1ToWindows1252(t.reference.code)
                                     : t.reference.code,
                 &c);
      w.Text(c);
    } else {
      w.Text(t.raw);
    }
  }
  return w.Take();
}

// Plain text keeps its paragraphs (blank lines); other white space
// collapses.
std::string PlainParagraphs(std::string_view text) {
  TextWriter w;
  size_t i = 0;
  while (i < text.size()) {
    size_t nl = text.find('\n', i);
    std::string_view line =
        text.substr(i, nl == std::string_view::npos ? text.npos : nl - i);
    if (Trim(line).empty()) {
      w.Break(2);
    } else {
      w.Text(line);
      w.Text(" ");
    }
    if (nl == std::string_view::npos) break;
    i = nl + 1;
  }
  return w.Take();
}

// Whether a URL can be followed without running code: relative, or one of
// the schemes below. A list of what is allowed, not of what is known to be
// bad, because browsers keep adding schemes that run script.
bool IsSafeUrl(std::string_view url) {
  // Browsers drop tabs, newlines and leading control characters before they
  // look for the scheme, so "java\tscript:" is javascript:.
  std::string cleaned;
  for (char c : url) {
    if (static_cast<unsigned char>(c) > 0x20) cleaned += c;
  }
  size_t colon = cleaned.find(':');
  if (colon == std::string::npos || colon == 0) return true;
  std::string scheme = Lower(cleaned.substr(0, colon));
  for (char c : scheme) {
    if (!IsAsciiAlpha(c) && !IsAsciiDigit(c) && c != '+' && c != '-' &&
        c != '.') {
      return true;  // Not a scheme: a relative path with a colon later on.
    }
  }
  // file: runs nothing, and it is what links in a local feed resolve to.
  static const std::unordered_set<std::string> kSafe = {
      "http", "https",  "ftp",    "ftps",   "mailto", "news", "nntp", "tel",
      "irc",  "ircs",   "xmpp",   "sip",    "sips",   "urn",  "tag",  "feed",
      "rtsp", "webcal", "magnet", "gopher", "geo",    "file"};
  return kSafe.count(scheme) > 0;
}

// The code point of the HTML entity `name` (case matters), or 0.
char32_t HtmlEntityCodePoint(std::string_view name) {
  if (name == "apos") return '\'';
  std::string n(name);
  const htmlEntityDesc* e =
      htmlEntityLookup(reinterpret_cast<const xmlChar*>(n.c_str()));
  return e == nullptr ? 0 : static_cast<char32_t>(e->value);
}

// windows-1252 reads bytes 0x80-0x9F as punctuation; as code points they are
// C1 controls that nobody means. Five bytes are undefined and stay as they
// are.
char32_t C1ToWindows1252(char32_t cp) {
  static const char32_t kC1[32] = {
      0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
      0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
  return cp >= 0x80 && cp <= 0x9F ? kC1[cp - 0x80] : cp;
}

void AppendEscapedHtmlText(std::string_view v, std::string* out) {
  for (char c : v) {
    switch (c) {
      case '&':
        *out += "&amp;";
        break;
      case '<':
        *out += "&lt;";
        break;
      case '>':
        *out += "&gt;";
        break;
      default:
        *out += c;
    }
  }
}

void AppendEscapedHtmlAttribute(std::string_view v, std::string* out) {
  for (char c : v) {
    switch (c) {
      case '&':
        *out += "&amp;";
        break;
      case '<':
        *out += "&lt;";
        break;
      case '>':
        *out += "&gt;";
        break;
      case '"':
        *out += "&quot;";
        break;
      default:
        *out += c;
    }
  }
}

bool IsUrlAttribute(const std::string& name) {
  return name == "href" || name == "src" || name == "cite" ||
         name == "longdesc" || name == "usemap" || name == "poster" ||
         name == "background" || name == "lowsrc" || name == "dynsrc" ||
         name == "action" || name == "xlink:href";
}

bool IsVoidElement(const std::string& name) {
  static const NameSet kSet = MakeSet(kVoidElements);
  return kSet.count(name) > 0;
}

}  // namespace ct::ingest
