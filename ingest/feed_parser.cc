// Feed parsing: bytes to UTF-8, UTF-8 to a libxml2 tree (or a Poco JSON
// value), the tree to a Feed. Along the way: undeclared HTML entities are
// made numeric, relative links are resolved against xml:base (as written,
// with ResolveUrlVerbatim() of ingest/urls.h), and HTML in text constructs
// is sanitised by ingest/html_sanitizer.h, which keeps the markup it trusts
// and drops the rest.
//
// Everything here is local to one call: libxml2 errors go to a handler
// installed on the parser context, not to the global error hooks, so parses
// may run on many threads at once.

#include "ingest/feed_parser.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <re2/re2.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/text.h"
#include "ingest/charset.h"
#include "ingest/dates.h"
#include "ingest/html_sanitizer.h"
#include "ingest/urls.h"

namespace ct::ingest {
namespace {

using text::AppendUtf8;
using text::IsSpace;
using text::Lower;
using text::LowerAscii;
using text::Squash;
using text::Trim;

// Decodes UTF-8 (libxml2 hands out valid UTF-8); a stray byte stands for
// itself.
std::vector<char32_t> CodePoints(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
    if (i + extra >= s.size()) extra = 0;
    char32_t cp = extra == 0 ? b : b & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += 1 + extra;
  }
  return out;
}

std::string Utf8(const std::vector<char32_t>& cps) {
  std::string out;
  for (char32_t cp : cps) AppendUtf8(cp, &out);
  return out;
}

// Repairs the two mistakes publishers make most with non-ASCII text.
// (1) UTF-8 that was read as latin-1 and encoded again ("â€¦" for "…"):
// when every code point fits a byte and those bytes are valid UTF-8 with at
// least one multi-byte sequence, they were UTF-8 all along. We only try this
// in documents that really are UTF-8, where the round trip is the likely
// story. (2) windows-1252 punctuation written as C1 code points.
std::string RepairText(std::string_view s, bool utf8_document) {
  bool high = false;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) high = true;
  }
  if (!high) return std::string(s);
  std::vector<char32_t> cps = CodePoints(s);
  if (utf8_document) {
    bool fits = true;
    bool wide = false;
    std::string bytes;
    for (char32_t cp : cps) {
      if (cp > 0xFF) {
        fits = false;
        break;
      }
      if (cp >= 0x80) wide = true;
      bytes += static_cast<char>(cp);
    }
    if (fits && wide && IsValidUtf8(bytes)) cps = CodePoints(bytes);
  }
  for (char32_t& cp : cps) cp = C1ToWindows1252(cp);
  return Utf8(cps);
}

// Whether a "plain" RSS title is really escaped HTML: it has an end tag or
// a reference, which plain text written by a person rarely has.
bool LooksLikeHtml(std::string_view s) {
  static const RE2 kHtml(
      "</[A-Za-z][A-Za-z0-9]*\\s*>|"
      "&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);");
  return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), kHtml);
}

// ---------------------------------------------------------------------------
// Bytes to UTF-8.

struct DecodedFeed {
  std::string utf8;
  std::string encoding;  // As reported: the label honoured, lower-case.
  bool utf8_document = false;
  std::string bozo;  // Why the charset is in doubt, or empty.
};

// The charset parameter of a Content-Type, unquoted; or empty.
std::string CharsetParameter(std::string_view content_type) {
  static const RE2 kCharset("(?i);\\s*charset\\s*=\\s*[\"']?\\s*([^\"';\\s]+)");
  std::string name;
  RE2::PartialMatch(re2::StringPiece(content_type.data(), content_type.size()),
                    kCharset, &name);
  return Lower(name);
}

std::string MediaType(std::string_view content_type) {
  return Lower(Trim(content_type.substr(0, content_type.find(';'))));
}

// The encoding label of the XML declaration as the document spells it.
// DeclaredCharset() gives the charset to decode with, which widens latin-1
// and ASCII labels to windows-1252; callers want to see the label itself.
std::string XmlDeclarationLabel(std::string_view text) {
  static const RE2 kDeclaration(
      "^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)");
  std::string_view head = text.substr(0, 1024);
  std::string name;
  RE2::PartialMatch(re2::StringPiece(head.data(), head.size()), kDeclaration,
                    &name);
  return Lower(name);
}

// Labels that name the same decoder in DecodeToUtf8(), which reads latin-1
// and ASCII as windows-1252.
std::string CharsetFamily(std::string name) {
  name = Lower(name);
  if (name == "iso-8859-1" || name == "latin1" || name == "latin-1" ||
      name == "iso8859-1" || name == "us-ascii" || name == "ascii" ||
      name == "cp1252" || name == "windows-1252" || name == "ansi_x3.4-1968") {
    return "windows-1252";
  }
  if (name == "utf8") return "utf-8";
  return name;
}

bool IsXmlMediaType(const std::string& media) {
  if (media.empty()) return true;  // Not fetched: nothing to contradict.
  return media == "text/xml" || media == "application/xml" ||
         (media.size() > 4 &&
          media.compare(media.size() - 4, 4, "+xml") == 0) ||
         media == "application/json" || media == "application/feed+json" ||
         media == "text/xml-external-parsed-entity" ||
         media == "application/xml-external-parsed-entity";
}

// What the first bytes say the encoding is: a byte-order mark, or '<' in
// a wide encoding without one (XML 1.0, appendix F). Sets `skip` to the
// length of the mark.
std::string SniffEncoding(std::string_view bytes, size_t* skip) {
  using namespace std::string_view_literals;
  struct Mark {
    std::string_view prefix;
    size_t skip;
    const char* charset;
  };
  static const Mark kMarks[] = {{"\xEF\xBB\xBF"sv, 3, "utf-8"},
                                {"\x00\x00\xFE\xFF"sv, 4, "utf-32be"},
                                {"\xFF\xFE\x00\x00"sv, 4, "utf-32le"},
                                {"\xFE\xFF"sv, 2, "utf-16be"},
                                {"\xFF\xFE"sv, 2, "utf-16le"},
                                {"\x00\x00\x00<"sv, 0, "utf-32be"},
                                {"<\x00\x00\x00"sv, 0, "utf-32le"},
                                {"\x00<\x00"sv, 0, "utf-16be"},
                                {"<\x00"sv, 0, "utf-16le"}};
  for (const Mark& m : kMarks) {
    if (bytes.substr(0, m.prefix.size()) == m.prefix) {
      *skip = m.skip;
      return m.charset;
    }
  }
  *skip = 0;
  return "";
}

// Precedence: what the first bytes show (a byte-order mark), then the HTTP
// charset, then the XML declaration, then valid UTF-8, then ICU's guess.
// RFC 3023 let the HTTP charset override a mark; RFC 7303, which replaced
// it, and the WHATWG encoding standard make the mark authoritative, since
// it is evidence and a header is a server default more often than not.
Result<DecodedFeed> DecodeFeed(const FeedInput& input) {
  std::string_view bytes = input.bytes;
  const std::string media = MediaType(input.content_type);
  const std::string http = CharsetParameter(input.content_type);
  DecodedFeed out;

  size_t skip = 0;
  std::string first_choice = SniffEncoding(bytes, &skip);
  const char* source = "the byte-order mark";
  if (first_choice.empty()) {
    first_choice = http;
    source = "HTTP";
  }
  bytes.remove_prefix(skip);
  Result<Decoded> decoded = DecodeToUtf8(bytes, first_choice);
  if (!decoded.ok()) return decoded.status();
  out.utf8 = std::move(decoded->utf8);
  const std::string used = Lower(decoded->charset);
  out.utf8_document = CharsetFamily(used) == "utf-8";

  const std::string declared = XmlDeclarationLabel(bytes);
  if (!first_choice.empty() &&
      CharsetFamily(first_choice) == CharsetFamily(used)) {
    out.encoding = first_choice;
  } else if (first_choice.empty() && !declared.empty() &&
             CharsetFamily(declared) == CharsetFamily(used)) {
    out.encoding = declared;
  } else {
    // DecodeToUtf8() passed over what was claimed: unknown to ICU, or
    // UTF-8 that is not.
    out.encoding = used;
    if (!first_choice.empty()) {
      out.bozo = "charset " + first_choice + " from " + source +
                 " does not fit the bytes; read as " + used;
    } else if (!declared.empty()) {
      out.bozo = "charset " + declared +
                 " from the XML declaration does not fit the bytes; read as " +
                 used;
    } else if (!IsValidUtf8(bytes)) {
      out.bozo = "no charset declared and not UTF-8; guessed " + used;
    }
  }
  if (out.bozo.empty() && !IsXmlMediaType(media)) {
    out.bozo = "served as " + media + ", not as XML";
  }
  if (out.bozo.empty() && http.empty() && media.rfind("text/", 0) == 0) {
    // RFC 3023: text/xml without a charset is US-ASCII, whatever the
    // document says. Bytes beyond ASCII contradict the header.
    for (char c : bytes) {
      if (static_cast<unsigned char>(c) >= 0x80) {
        out.bozo = "served as " + media +
                   " without a charset (US-ASCII) but holds other bytes";
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Undeclared entities.

// Rewrites references XML would reject: HTML entities the document did not
// declare become numeric references, any other '&' that starts no
// reference becomes "&amp;", and "&#X41;" becomes "&#x41;". Comments, CDATA
// sections, processing instructions and the DOCTYPE are copied as they are.
// Returns what made the document ill-formed, or empty.
//
// A document with an external DTD (XHTML's, say) may declare HTML entities
// there; we do not load it, but then their use is no error of the feed's.
std::string RewriteReferences(std::string* xml) {
  const std::string& in = *xml;
  std::unordered_set<std::string> declared = {"amp", "lt", "gt", "quot",
                                              "apos"};
  static const RE2 kEntity("<!ENTITY\\s+([A-Za-z_:][-A-Za-z0-9._:]*)");
  static const RE2 kExternal(
      "<!DOCTYPE\\s+[^\\s>\\[]+\\s+(?:SYSTEM|PUBLIC)\\s");
  size_t doctype = in.find("<!DOCTYPE");
  bool external_dtd = false;
  if (doctype != std::string::npos) {
    re2::StringPiece rest(in.data() + doctype, in.size() - doctype);
    external_dtd = RE2::Consume(&rest, kExternal);
    std::string name;
    while (RE2::FindAndConsume(&rest, kEntity, &name)) declared.insert(name);
  }

  std::string out;
  out.reserve(in.size() + 64);
  std::string problem;
  auto note = [&](std::string what) {
    if (problem.empty()) problem = std::move(what);
  };
  size_t i = 0;
  auto copy_through = [&](std::string_view end) {
    size_t stop = in.find(end, i);
    stop = stop == std::string::npos ? in.size() : stop + end.size();
    out.append(in, i, stop - i);
    i = stop;
  };
  while (i < in.size()) {
    char c = in[i];
    if (c == '<') {
      if (in.compare(i, 4, "<!--") == 0) {
        copy_through("-->");
      } else if (in.compare(i, 9, "<![CDATA[") == 0) {
        copy_through("]]>");
      } else if (in.compare(i, 2, "<?") == 0) {
        copy_through("?>");
      } else if (in.compare(i, 9, "<!DOCTYPE") == 0) {
        // The internal subset may hold '>' inside its brackets.
        size_t j = i;
        int brackets = 0;
        while (j < in.size()) {
          if (in[j] == '[') ++brackets;
          if (in[j] == ']') --brackets;
          if (in[j] == '>' && brackets <= 0) break;
          ++j;
        }
        j = std::min(j + 1, in.size());
        out.append(in, i, j - i);
        i = j;
      } else {
        out += c;
        ++i;
      }
      continue;
    }
    if (c != '&') {
      out += c;
      ++i;
      continue;
    }
    std::string_view rest = std::string_view(in).substr(i);
    static const RE2 kNumeric("&#([0-9]+|[xX][0-9A-Fa-f]+);");
    static const RE2 kNamed("&([A-Za-z_:][-A-Za-z0-9._:]*);");
    std::string body;
    re2::StringPiece piece(rest.data(), rest.size());
    if (RE2::Consume(&piece, kNumeric, &body)) {
      if (body[0] == 'X') {
        body[0] = 'x';
        note("character reference &#X" + body.substr(1) +
             "; with an upper-case X");
      }
      out += "&#" + body + ";";
      i += body.size() + 3;
    } else if (RE2::Consume(&piece, kNamed, &body)) {
      i += body.size() + 2;
      if (declared.count(body) > 0) {
        out += "&" + body + ";";
        continue;
      }
      char32_t cp = HtmlEntityCodePoint(body);
      if (cp == 0 || !external_dtd) note("undeclared entity &" + body + ";");
      out += cp != 0 ? "&#" + std::to_string(cp) + ";" : "&amp;" + body + ";";
    } else {
      note("'&' that starts no reference");
      out += "&amp;";
      ++i;
    }
  }
  *xml = std::move(out);
  return problem;
}

// ---------------------------------------------------------------------------
// libxml2.

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDoc = std::unique_ptr<xmlDoc, DocFree>;

struct ParserCtxtFree {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};
using ParserCtxt = std::unique_ptr<xmlParserCtxt, ParserCtxtFree>;

struct XmlFree {
  void operator()(xmlChar* s) const { xmlFree(s); }
};
using XmlString = std::unique_ptr<xmlChar, XmlFree>;

// Collects the first error of one parse. libxml2 passes the parser context
// (its userData) to the handler, and the context carries this in _private.
struct ParseErrors {
  int errors = 0;
  std::string first;
};

void OnXmlError(void* user, xmlErrorPtr error) {
  if (error == nullptr || error->level < XML_ERR_ERROR) return;
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user);
  auto* errors = static_cast<ParseErrors*>(ctxt->_private);
  if (errors == nullptr) return;
  if (errors->errors++ == 0 && error->message != nullptr) {
    errors->first = "line " + std::to_string(error->line) + ": " +
                    std::string(Trim(error->message));
  }
}

std::string TakeString(xmlChar* s) {
  XmlString owned(s);
  return owned ? reinterpret_cast<const char*>(owned.get()) : "";
}

std::string_view NodeName(const xmlNode* n) {
  return n->name ? reinterpret_cast<const char*>(n->name) : "";
}

// The local name, lower-case. An undeclared prefix (recovery keeps
// "itunes:summary" as the whole name) is cut off here and read by NsOf().
std::string LocalName(const xmlNode* n) {
  std::string_view name = NodeName(n);
  if (n->ns == nullptr) {
    size_t colon = name.find(':');
    if (colon != std::string_view::npos) name.remove_prefix(colon + 1);
  }
  return Lower(name);
}

constexpr char kXhtmlNs[] = "http://www.w3.org/1999/xhtml";

enum class Ns {
  kNone,  // No namespace.
  kRss,   // RSS 0.90, 0.91 (Userland), 1.0.
  kAtom10,
  kAtom03,
  kDc,
  kDcTerms,
  kContent,
  kXhtml,
  kItunes,
  kMedia,
  kRdf,
  kOther,
};

Ns NsFromUri(std::string uri) {
  uri = Lower(uri);
  if (uri == "http://purl.org/rss/1.0/" ||
      uri == "http://my.netscape.com/rdf/simple/0.9/" ||
      uri.find("backend.userland.com/rss") != std::string::npos ||
      uri == "http://blogs.law.harvard.edu/tech/rss" ||
      uri == "http://purl.org/rss/1.0/modules/rss091#") {
    return Ns::kRss;
  }
  if (uri == "http://www.w3.org/2005/atom") return Ns::kAtom10;
  if (uri == "http://purl.org/atom/ns#") return Ns::kAtom03;
  if (uri == "http://purl.org/dc/elements/1.1/") return Ns::kDc;
  if (uri == "http://purl.org/dc/terms/") return Ns::kDcTerms;
  if (uri == "http://purl.org/rss/1.0/modules/content/") return Ns::kContent;
  if (uri == kXhtmlNs) return Ns::kXhtml;
  if (uri.find("itunes.com/dtds/podcast") != std::string::npos) {
    return Ns::kItunes;
  }
  if (uri.rfind("http://search.yahoo.com/mrss", 0) == 0) return Ns::kMedia;
  if (uri == "http://www.w3.org/1999/02/22-rdf-syntax-ns#") return Ns::kRdf;
  return Ns::kOther;
}

Ns NsOf(const xmlNode* n) {
  if (n->ns != nullptr) {
    if (n->ns->href == nullptr || *n->ns->href == 0) return Ns::kNone;
    return NsFromUri(reinterpret_cast<const char*>(n->ns->href));
  }
  std::string_view name = NodeName(n);
  size_t colon = name.find(':');
  if (colon == std::string_view::npos) return Ns::kNone;
  // Recovery from an undeclared prefix: go by the prefix everyone uses.
  std::string prefix = Lower(name.substr(0, colon));
  if (prefix == "dc") return Ns::kDc;
  if (prefix == "dcterms") return Ns::kDcTerms;
  if (prefix == "content") return Ns::kContent;
  if (prefix == "xhtml") return Ns::kXhtml;
  if (prefix == "itunes") return Ns::kItunes;
  if (prefix == "media") return Ns::kMedia;
  if (prefix == "rdf") return Ns::kRdf;
  if (prefix == "atom") return Ns::kAtom10;
  return Ns::kOther;
}

bool IsElement(const xmlNode* n) { return n->type == XML_ELEMENT_NODE; }

// An attribute by local name, whatever its namespace; or empty.
std::string Attr(const xmlNode* n, std::string_view name) {
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    std::string_view an = a->name ? reinterpret_cast<const char*>(a->name) : "";
    if (Lower(an) == name) {
      return TakeString(xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a)));
    }
  }
  return "";
}

std::string XmlBaseAttr(const xmlNode* n) {
  return TakeString(xmlGetNsProp(n, reinterpret_cast<const xmlChar*>("base"),
                                 XML_XML_NAMESPACE));
}

void AppendText(const xmlNode* n, std::string* out, int depth = 0);

// The text of an internal entity. We never substitute entities while
// parsing, so a "billion laughs" document (entities nesting references to
// each other) would explode here instead; hence the depth and size limits.
void AppendEntity(const xmlNode* ref, std::string* out, int depth) {
  constexpr int kMaxDepth = 4;
  constexpr size_t kMaxText = 1 << 20;
  xmlEntityPtr ent = xmlGetDocEntity(ref->doc, ref->name);
  if (ent == nullptr || ent->etype != XML_INTERNAL_GENERAL_ENTITY ||
      depth >= kMaxDepth || out->size() > kMaxText) {
    return;
  }
  std::string_view content =
      ent->content ? reinterpret_cast<const char*>(ent->content) : "";
  if (content.find_first_of("&<") == std::string_view::npos) {
    *out += content;  // Plain text, the common case.
  } else {
    AppendText(reinterpret_cast<const xmlNode*>(ent), out, depth + 1);
  }
}

void AppendText(const xmlNode* n, std::string* out, int depth) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    switch (c->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (c->content) *out += reinterpret_cast<const char*>(c->content);
        break;
      case XML_ENTITY_REF_NODE:
        AppendEntity(c, out, depth);
        break;
      case XML_ELEMENT_NODE:
        AppendText(c, out, depth);
        break;
      default:
        break;
    }
  }
}

bool HasElementChild(const xmlNode* n) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (IsElement(c)) return true;
  }
  return false;
}

// What one parse knows beyond the tree.
struct Context {
  std::string doc_base;  // Content-Location or the document URL.
  bool utf8_document = false;
  bool atom03 = false;
  // The root's namespace, when it is none we know: a feed that puts RSS
  // in a namespace of its own still means RSS by it.
  std::string root_ns;
};

bool InRootNs(const xmlNode* n, const Context& ctx) {
  return n->ns != nullptr && n->ns->href != nullptr && !ctx.root_ns.empty() &&
         ctx.root_ns == reinterpret_cast<const char*>(n->ns->href);
}

std::string TextOf(const xmlNode* n, const Context& ctx) {
  std::string raw;
  AppendText(n, &raw);
  return RepairText(raw, ctx.utf8_document);
}

// The base URI in effect at `n`: the document's, changed by every xml:base
// from the root down. A base that would be unsafe is ignored.
std::string BaseOf(const xmlNode* n, const Context& ctx) {
  std::vector<std::string> bases;
  for (const xmlNode* p = n; p != nullptr && p->type == XML_ELEMENT_NODE;
       p = p->parent) {
    std::string b = XmlBaseAttr(p);
    if (!b.empty()) bases.push_back(std::move(b));
  }
  std::string base = ctx.doc_base;
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) {
    std::string next = ResolveUrlVerbatim(base, *it);
    if (IsSafeUrl(next)) base = std::move(next);
  }
  return base;
}

// A link as the feed wrote it, made absolute; empty when unsafe.
std::string LinkAt(const xmlNode* n, std::string_view href,
                   const Context& ctx) {
  std::string trimmed(Trim(href));
  if (trimmed.empty()) return "";
  std::string url = ResolveUrlVerbatim(BaseOf(n, ctx), trimmed);
  return IsSafeUrl(url) ? url : "";
}

// Serialises inline XHTML (or any XML) content to HTML for the sanitizer.
// Prefixes are dropped from element names; SVG and MathML roots keep their
// namespace declaration. URL attributes are resolved here, where nested
// xml:base attributes are still visible.
void SerializeChildren(const xmlNode* n, const std::string& base,
                       std::string* out);

void SerializeNode(const xmlNode* c, const std::string& parent_base,
                   std::string* out) {
  switch (c->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      if (c->content) {
        AppendEscapedHtmlText(reinterpret_cast<const char*>(c->content), out);
      }
      return;
    case XML_ENTITY_REF_NODE: {
      std::string text;
      AppendEntity(c, &text, 0);
      AppendEscapedHtmlText(text, out);
      return;
    }
    case XML_ELEMENT_NODE:
      break;
    default:
      return;
  }
  std::string base = parent_base;
  std::string own_base = XmlBaseAttr(c);
  if (!own_base.empty()) {
    std::string next = ResolveUrlVerbatim(base, own_base);
    if (IsSafeUrl(next)) base = next;
  }
  std::string name = LocalName(c);
  std::string_view raw_name = NodeName(c);
  if (size_t colon = raw_name.find(':'); colon != std::string_view::npos) {
    raw_name.remove_prefix(colon + 1);
  }
  *out += "<" + std::string(raw_name);
  for (const xmlNs* ns = c->nsDef; ns != nullptr; ns = ns->next) {
    std::string href = ns->href ? reinterpret_cast<const char*>(ns->href) : "";
    if (href == kXhtmlNs) continue;
    *out +=
        ns->prefix
            ? " xmlns:" + std::string(reinterpret_cast<const char*>(ns->prefix))
            : std::string(" xmlns");
    *out += "=\"";
    AppendEscapedHtmlAttribute(href, out);
    *out += "\"";
  }
  for (const xmlAttr* a = c->properties; a != nullptr; a = a->next) {
    std::string an = a->name ? reinterpret_cast<const char*>(a->name) : "";
    if (a->ns != nullptr && a->ns->prefix != nullptr) {
      an = std::string(reinterpret_cast<const char*>(a->ns->prefix)) + ":" + an;
    }
    if (an == "xml:base") continue;
    std::string value =
        TakeString(xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a)));
    if (IsUrlAttribute(Lower(an))) value = ResolveUrlVerbatim(base, value);
    *out += " " + an + "=\"";
    AppendEscapedHtmlAttribute(value, out);
    *out += "\"";
  }
  *out += ">";
  SerializeChildren(c, base, out);
  if (!IsVoidElement(name) || c->children != nullptr) {
    *out += "</" + std::string(raw_name) + ">";
  }
}

void SerializeChildren(const xmlNode* n, const std::string& base,
                       std::string* out) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    SerializeNode(c, base, out);
  }
}

// ---------------------------------------------------------------------------
// Text constructs.

struct Construct {
  bool present = false;
  bool html = false;  // `value` is sanitised HTML, else plain text.
  std::string value;

  std::string PlainText() const {
    return html ? HtmlToText(value) : PlainParagraphs(value);
  }
  std::string Title() const { return Squash(html ? HtmlToText(value) : value); }
};

Construct MakeHtml(std::string_view raw, const std::string& base,
                   const Context& ctx) {
  Construct c;
  c.present = true;
  c.html = true;
  c.value = SanitizeHtml(RepairText(raw, ctx.utf8_document), base);
  return c;
}

Construct MakeText(std::string_view raw) {
  Construct c;
  c.present = true;
  c.value = std::string(Trim(raw));
  return c;
}

// Inline markup to sanitised HTML. Atom 1.0 wraps XHTML in a <div> that is
// not part of the content; we unwrap it when it holds everything.
Construct InlineMarkup(const xmlNode* n, const Context& ctx, bool unwrap_div) {
  const std::string base = BaseOf(n, ctx);
  const xmlNode* only = nullptr;
  bool single = true;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (IsElement(c)) {
      if (only != nullptr) single = false;
      only = c;
    } else if ((c->type == XML_TEXT_NODE ||
                c->type == XML_CDATA_SECTION_NODE) &&
               !Trim(c->content ? reinterpret_cast<const char*>(c->content)
                                : "")
                    .empty()) {
      single = false;
    }
  }
  std::string html;
  if (unwrap_div && single && only != nullptr && LocalName(only) == "div") {
    std::string div_base = base;
    std::string own = XmlBaseAttr(only);
    if (!own.empty()) div_base = ResolveUrlVerbatim(base, own);
    SerializeChildren(only, div_base, &html);
  } else {
    SerializeChildren(n, base, &html);
  }
  return MakeHtml(html, base, ctx);
}

bool DecodeBase64(std::string_view in, std::string* out) {
  out->clear();
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      v = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      v = c - '0' + 52;
    } else if (c == '+' || c == '-') {
      v = 62;
    } else if (c == '/' || c == '_') {
      v = 63;
    } else if (c == '=' || IsSpace(c)) {
      continue;
    } else {
      return false;
    }
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      *out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return true;
}

// Reads an Atom text construct (title, subtitle, summary, content) of
// either version. Atom 1.0 has type="text|html|xhtml" or a media type;
// Atom 0.3 has a media type plus mode="xml|escaped|base64".
Construct AtomConstruct(const xmlNode* n, const Context& ctx) {
  std::string type = Lower(Trim(Attr(n, "type")));
  std::string mode = Lower(Trim(Attr(n, "mode")));
  if (type.empty() || type == "text" || type == "plain") type = "text/plain";
  if (type == "html") type = "text/html";
  if (type == "xhtml") type = "application/xhtml+xml";
  const std::string base = BaseOf(n, ctx);
  const bool html = type == "text/html";
  const bool xml =
      type == "application/xhtml+xml" ||
      (type.size() > 4 && (type.compare(type.size() - 4, 4, "+xml") == 0 ||
                           type.compare(type.size() - 4, 4, "/xml") == 0));
  const bool text = !html && !xml && type.rfind("text/", 0) == 0;
  bool base64 = mode == "base64" || (!ctx.atom03 && !html && !xml && !text);
  if (base64) {
    // Text comes out; anything else (an image, say) is not text, and the
    // base64 of it is not either.
    std::string decoded;
    if (!DecodeBase64(TextOf(n, ctx), &decoded) || !IsValidUtf8(decoded)) {
      return Construct();
    }
    return text ? MakeText(decoded) : MakeHtml(decoded, base, ctx);
  }
  if (xml || (html && HasElementChild(n))) {
    // Escaped HTML wrapped in a lone <div> (Typepad does this) is still
    // escaped HTML; anything else inline is markup.
    const xmlNode* only = nullptr;
    int elements = 0;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (IsElement(c)) {
        ++elements;
        only = c;
      }
    }
    if (html && elements == 1 && LocalName(only) == "div" &&
        !HasElementChild(only)) {
      return MakeHtml(TextOf(only, ctx), base, ctx);
    }
    if (!HasElementChild(n)) return MakeHtml(TextOf(n, ctx), base, ctx);
    return InlineMarkup(n, ctx, !ctx.atom03);
  }
  if (html) return MakeHtml(TextOf(n, ctx), base, ctx);
  return MakeText(TextOf(n, ctx));
}

// An RSS element that holds HTML: escaped, in CDATA, or (against the spec)
// as naked markup.
Construct RssHtml(const xmlNode* n, const Context& ctx) {
  if (HasElementChild(n)) return InlineMarkup(n, ctx, false);
  return MakeHtml(TextOf(n, ctx), BaseOf(n, ctx), ctx);
}

// RSS titles are plain text by the spec, and HTML by habit.
Construct RssTitle(const xmlNode* n, const Context& ctx) {
  std::string raw = TextOf(n, ctx);
  if (HasElementChild(n) || LooksLikeHtml(raw)) return RssHtml(n, ctx);
  return MakeText(raw);
}

// "me@example.com (Example editor)", "Example editor <me@example.com>": the
// name; an address alone when there is no name.
std::string AuthorName(std::string_view raw) {
  static const RE2 kEmail(
      "((?:mailto:)?[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)");
  std::string s = Squash(raw);
  std::string email;
  if (!RE2::PartialMatch(s, kEmail, &email)) return s;
  std::string name = s;
  name.erase(name.find(email), email.size());
  for (std::string_view empty : {"()", "<>", "[]"}) {
    size_t at;
    while ((at = name.find(empty)) != std::string::npos) name.erase(at, 2);
  }
  std::string_view n = Trim(name);
  while (!n.empty() && (n.front() == '(' || n.front() == '<' ||
                        n.front() == '-' || n.front() == ',')) {
    n.remove_prefix(1);
  }
  while (!n.empty() && (n.back() == ')' || n.back() == '>' || n.back() == '-' ||
                        n.back() == ',')) {
    n.remove_suffix(1);
  }
  std::string out = Squash(n);
  return out.empty() ? email : out;
}

void Flag(Feed* feed, const std::string& why) {
  if (feed->bozo) return;
  feed->bozo = true;
  feed->bozo_message = why;
}

void FinishEntry(const Construct& summary, const Construct& content,
                 FeedEntry* e) {
  e->summary = summary.value;
  e->content = content.value;
  e->text = content.present && !content.value.empty() ? content.PlainText()
                                                      : summary.PlainText();
}

// ---------------------------------------------------------------------------
// RSS 0.9x, 1.0 (RDF) and 2.0.

bool IsRssCore(const xmlNode* n, const Context& ctx) {
  Ns ns = NsOf(n);
  return ns == Ns::kNone || ns == Ns::kRss || InRootNs(n, ctx);
}

// The elements of one item or channel that we read; of each kind the first
// in document order counts.
struct RssFields {
  const xmlNode* title = nullptr;
  const xmlNode* dc_title = nullptr;
  const xmlNode* media_title = nullptr;
  const xmlNode* link = nullptr;
  const xmlNode* atom_link = nullptr;
  const xmlNode* guid = nullptr;
  const xmlNode* published = nullptr;
  const xmlNode* updated = nullptr;
  std::vector<const xmlNode*> summaries;  // description, summary.
  const xmlNode* dc_description = nullptr;
  const xmlNode* itunes_summary = nullptr;
  const xmlNode* content = nullptr;
  const xmlNode* author = nullptr;
};

RssFields CollectRss(const xmlNode* parent, const Context& ctx) {
  RssFields f;
  auto first = [](const xmlNode** slot, const xmlNode* c) {
    if (*slot == nullptr) *slot = c;
  };
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (!IsElement(c)) continue;
    const Ns ns = NsOf(c);
    const std::string name = LocalName(c);
    if (IsRssCore(c, ctx)) {
      if (name == "title") first(&f.title, c);
      if (name == "link") first(&f.link, c);
      if (name == "guid") first(&f.guid, c);
      if (name == "pubdate") first(&f.published, c);
      if (name == "lastbuilddate") first(&f.updated, c);
      if (name == "description" || name == "summary") f.summaries.push_back(c);
      if (name == "fullitem" || name == "body") first(&f.content, c);
      if (name == "author" || name == "managingeditor") first(&f.author, c);
    } else if (ns == Ns::kDc) {
      if (name == "title") first(&f.dc_title, c);
      if (name == "date") first(&f.updated, c);
      if (name == "description") first(&f.dc_description, c);
      if (name == "creator" || name == "author") first(&f.author, c);
    } else if (ns == Ns::kDcTerms) {
      if (name == "issued") first(&f.published, c);
      if (name == "modified") first(&f.updated, c);
    } else if (ns == Ns::kContent && name == "encoded") {
      first(&f.content, c);
    } else if (ns == Ns::kXhtml && name == "body") {
      first(&f.content, c);
    } else if (ns == Ns::kItunes) {
      if (name == "summary") first(&f.itunes_summary, c);
      if (name == "author") first(&f.author, c);
    } else if (ns == Ns::kMedia && name == "title") {
      first(&f.media_title, c);
    } else if (ns == Ns::kAtom10 && name == "link") {
      std::string rel = Lower(Trim(Attr(c, "rel")));
      if (rel.empty() || rel == "alternate") first(&f.atom_link, c);
    }
  }
  return f;
}

std::string DateOf(const xmlNode* n, const Context& ctx) {
  return n == nullptr ? "" : NormalizeDate(Squash(TextOf(n, ctx)));
}

std::string RssLink(const RssFields& f, const Context& ctx) {
  std::string link;
  if (f.link != nullptr) link = LinkAt(f.link, TextOf(f.link, ctx), ctx);
  if (link.empty() && f.atom_link != nullptr) {
    link = LinkAt(f.atom_link, Attr(f.atom_link, "href"), ctx);
  }
  return link;
}

Construct RssTitleOf(const RssFields& f, const Context& ctx) {
  for (const xmlNode* n : {f.title, f.dc_title, f.media_title}) {
    if (n != nullptr) return RssTitle(n, ctx);
  }
  return Construct();
}

FeedEntry ReadRssItem(const xmlNode* item, const Context& ctx) {
  const RssFields f = CollectRss(item, ctx);
  FeedEntry e;
  e.title = RssTitleOf(f, ctx).Title();
  e.link = RssLink(f, ctx);
  if (f.guid != nullptr) {
    // Guids are opaque; isPermaLink only says whether one is also a link.
    e.id = Squash(TextOf(f.guid, ctx));
    bool permalink = Lower(Trim(Attr(f.guid, "ispermalink"))) != "false";
    std::string scheme = Lower(e.id.substr(0, e.id.find(':')));
    if (e.link.empty() && permalink &&
        (scheme == "http" || scheme == "https")) {
      e.link = e.id;
    }
  }
  if (e.id.empty()) e.id = Squash(Attr(item, "about"));  // RDF.
  e.published = DateOf(f.published, ctx);
  e.updated = DateOf(f.updated, ctx);
  if (f.author != nullptr) e.author = AuthorName(TextOf(f.author, ctx));

  // Some feeds carry both a <description> and a <summary>, one short and
  // one long. The first is the summary; the other, when there is no real
  // content, is kept as the content rather than lost.
  Construct summary, content;
  if (!f.summaries.empty()) summary = RssHtml(f.summaries[0], ctx);
  if (f.content != nullptr) {
    content = RssHtml(f.content, ctx);
  } else if (f.summaries.size() > 1 &&
             LocalName(f.summaries[1]) != LocalName(f.summaries[0])) {
    content = RssHtml(f.summaries[1], ctx);
  }
  if (!summary.present && f.dc_description != nullptr) {
    summary = RssHtml(f.dc_description, ctx);
  }
  if (!summary.present && f.itunes_summary != nullptr) {
    summary = MakeText(TextOf(f.itunes_summary, ctx));
  }
  FinishEntry(summary, content, &e);
  return e;
}

void ReadRss(const xmlNode* root, const Context& ctx, Feed* feed) {
  const xmlNode* channel = nullptr;
  std::vector<const xmlNode*> items;
  if (LocalName(root) == "channel") {
    channel = root;
  } else {
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (!IsElement(c) || !IsRssCore(c, ctx)) continue;
      const std::string name = LocalName(c);
      if (name == "channel" && channel == nullptr) channel = c;
      if (name == "item") items.push_back(c);  // RDF, and broken RSS.
    }
  }
  if (channel != nullptr) {
    const RssFields f = CollectRss(channel, ctx);
    feed->title = RssTitleOf(f, ctx).Title();
    feed->link = RssLink(f, ctx);
    if (f.author != nullptr) feed->author = AuthorName(TextOf(f.author, ctx));
    feed->published = DateOf(f.published, ctx);
    feed->updated = DateOf(f.updated, ctx);
    std::vector<const xmlNode*> inner;
    for (const xmlNode* c = channel->children; c != nullptr; c = c->next) {
      if (IsElement(c) && IsRssCore(c, ctx) && LocalName(c) == "item") {
        inner.push_back(c);
      }
    }
    items.insert(items.begin(), inner.begin(), inner.end());
  }
  for (const xmlNode* item : items) {
    feed->entries.push_back(ReadRssItem(item, ctx));
  }
}

// ---------------------------------------------------------------------------
// Atom 1.0 and 0.3.

bool IsAtomCore(const xmlNode* n, const Context& ctx) {
  Ns ns = NsOf(n);
  return ns == Ns::kNone || ns == Ns::kAtom10 || ns == Ns::kAtom03 ||
         InRootNs(n, ctx);
}

const xmlNode* AtomChild(const xmlNode* parent, std::string_view name,
                         const Context& ctx) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (IsElement(c) && IsAtomCore(c, ctx) && LocalName(c) == name) return c;
  }
  return nullptr;
}

// The alternate link: rel="alternate" or no rel, HTML preferred.
std::string AtomLink(const xmlNode* parent, const Context& ctx) {
  std::string fallback;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (!IsElement(c) || !IsAtomCore(c, ctx) || LocalName(c) != "link") {
      continue;
    }
    std::string rel = Lower(Trim(Attr(c, "rel")));
    if (!rel.empty() && rel != "alternate" &&
        rel != "http://www.iana.org/assignments/relation/alternate") {
      continue;
    }
    std::string href = LinkAt(c, Attr(c, "href"), ctx);
    if (href.empty()) continue;
    std::string type = Lower(Trim(Attr(c, "type")));
    if (type.empty() || type == "text/html" ||
        type == "application/xhtml+xml") {
      return href;
    }
    if (fallback.empty()) fallback = href;
  }
  return fallback;
}

std::string AtomAuthor(const xmlNode* parent, const Context& ctx) {
  const xmlNode* author = AtomChild(parent, "author", ctx);
  if (author == nullptr) return "";
  const xmlNode* name = AtomChild(author, "name", ctx);
  if (name != nullptr) return Squash(TextOf(name, ctx));
  const xmlNode* email = AtomChild(author, "email", ctx);
  return email == nullptr ? AuthorName(TextOf(author, ctx))
                          : Squash(TextOf(email, ctx));
}

std::string AtomDate(const xmlNode* parent, const Context& ctx,
                     std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    const xmlNode* n = AtomChild(parent, name, ctx);
    if (n != nullptr) return DateOf(n, ctx);
  }
  return "";
}

void ReadAtom(const xmlNode* root, const Context& ctx, Feed* feed) {
  if (const xmlNode* title = AtomChild(root, "title", ctx)) {
    feed->title = AtomConstruct(title, ctx).Title();
  }
  feed->link = AtomLink(root, ctx);
  feed->author = AtomAuthor(root, ctx);
  feed->published = AtomDate(root, ctx, {"published", "issued"});
  feed->updated = AtomDate(root, ctx, {"updated", "modified"});
  for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
    if (!IsElement(c) || !IsAtomCore(c, ctx) || LocalName(c) != "entry") {
      continue;
    }
    FeedEntry e;
    if (const xmlNode* title = AtomChild(c, "title", ctx)) {
      e.title = AtomConstruct(title, ctx).Title();
    }
    e.link = AtomLink(c, ctx);
    if (const xmlNode* id = AtomChild(c, "id", ctx)) {
      // An id is an IRI; a relative one is relative to xml:base. Absolute
      // ones stay exactly as written: ids are compared as strings. Not
      // against a file: base, though: where a copy of the feed sits on disk
      // is no part of an entry's identity.
      e.id = std::string(Trim(TextOf(id, ctx)));
      const std::string base = BaseOf(id, ctx);
      if (!e.id.empty() && Lower(base.substr(0, 5)) != "file:") {
        e.id = ResolveUrlVerbatim(base, e.id);
      }
    }
    e.published = AtomDate(c, ctx, {"published", "issued", "created"});
    e.updated = AtomDate(c, ctx, {"updated", "modified"});
    // RFC 4287 4.2.1: an entry without authors has its source's, else the
    // feed's.
    e.author = AtomAuthor(c, ctx);
    if (e.author.empty()) {
      if (const xmlNode* source = AtomChild(c, "source", ctx)) {
        e.author = AtomAuthor(source, ctx);
      }
    }
    if (e.author.empty()) e.author = feed->author;
    Construct summary, content;
    if (const xmlNode* n = AtomChild(c, "summary", ctx)) {
      summary = AtomConstruct(n, ctx);
    }
    if (const xmlNode* n = AtomChild(c, "content", ctx)) {
      content = AtomConstruct(n, ctx);
    }
    FinishEntry(summary, content, &e);
    feed->entries.push_back(std::move(e));
  }
}

// ---------------------------------------------------------------------------
// JSON Feed 1.0 and 1.1.

std::string JsonString(const Poco::JSON::Object::Ptr& obj,
                       const std::string& key) {
  if (obj.isNull() || !obj->has(key)) return "";
  Poco::Dynamic::Var v = obj->get(key);
  if (v.isEmpty()) return "";
  if (v.isString() || v.isNumeric()) return v.convert<std::string>();
  return "";
}

std::string JsonAuthor(const Poco::JSON::Object::Ptr& obj) {
  if (obj.isNull()) return "";
  if (Poco::JSON::Array::Ptr authors = obj->getArray("authors");
      !authors.isNull()) {
    for (size_t i = 0; i < authors->size(); ++i) {
      std::string name = JsonString(authors->getObject(i), "name");
      if (!name.empty()) return name;
    }
  }
  return JsonString(obj->getObject("author"), "name");
}

Result<Feed> ReadJsonFeed(const std::string& json, const Context& ctx,
                          Feed feed) {
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var root = parser.parse(json);
    if (root.type() != typeid(Poco::JSON::Object::Ptr)) {
      return Status::InvalidArgument("not a JSON Feed: not a JSON object");
    }
    auto obj = root.extract<Poco::JSON::Object::Ptr>();
    if (JsonString(obj, "version").find("jsonfeed.org/version/") ==
        std::string::npos) {
      return Status::InvalidArgument("not a JSON Feed: no jsonfeed version");
    }
    auto link = [&](const std::string& url) {
      std::string abs = ResolveUrlVerbatim(ctx.doc_base, url);
      return url.empty() || !IsSafeUrl(abs) ? std::string() : abs;
    };
    feed.title = Squash(JsonString(obj, "title"));
    feed.link = link(JsonString(obj, "home_page_url"));
    feed.author = JsonAuthor(obj);
    Poco::JSON::Array::Ptr items = obj->getArray("items");
    for (size_t i = 0; !items.isNull() && i < items->size(); ++i) {
      Poco::JSON::Object::Ptr item = items->getObject(i);
      if (item.isNull()) continue;
      FeedEntry e;
      e.title = Squash(JsonString(item, "title"));
      e.link = link(JsonString(item, "url"));
      if (e.link.empty()) e.link = link(JsonString(item, "external_url"));
      e.id = JsonString(item, "id");
      e.published = NormalizeDate(JsonString(item, "date_published"));
      e.updated = NormalizeDate(JsonString(item, "date_modified"));
      e.author = JsonAuthor(item);
      if (e.author.empty()) e.author = feed.author;
      Construct summary, content;
      if (std::string s = JsonString(item, "summary"); !s.empty()) {
        summary = MakeText(s);
      }
      if (std::string html = JsonString(item, "content_html"); !html.empty()) {
        content = MakeHtml(html, ctx.doc_base, ctx);
      } else if (std::string text = JsonString(item, "content_text");
                 !text.empty()) {
        content = MakeText(text);
      }
      FinishEntry(summary, content, &e);
      feed.entries.push_back(std::move(e));
    }
    return feed;
  } catch (const Poco::Exception& e) {
    return Status::InvalidArgument("not a JSON Feed: " + e.displayText());
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("not a JSON Feed: ") + e.what());
  }
}

// ---------------------------------------------------------------------------

// Content-Location when it is a safe URL (resolved against the document
// URL), else the document URL.
std::string DocumentBase(const FeedInput& input) {
  if (!input.content_location.empty()) {
    std::string location =
        ResolveUrlVerbatim(input.url, input.content_location);
    if (IsSafeUrl(location)) return location;
  }
  return input.url;
}

}  // namespace

Result<Feed> ParseFeed(const FeedInput& input) {
  if (Trim(input.bytes).empty()) {
    return Status::InvalidArgument("not a feed: empty document");
  }
  if (input.bytes.size() > static_cast<size_t>(INT_MAX) / 2) {
    return Status::TooLarge("feed of " + std::to_string(input.bytes.size()) +
                            " bytes is too large to parse");
  }
  Result<DecodedFeed> decoded = DecodeFeed(input);
  if (!decoded.ok()) {
    return decoded.status().WithContext("decoding feed");
  }
  Feed feed;
  feed.encoding = decoded->encoding;
  if (!decoded->bozo.empty()) Flag(&feed, decoded->bozo);

  Context ctx;
  ctx.doc_base = DocumentBase(input);
  ctx.utf8_document = decoded->utf8_document;

  std::string& text = decoded->utf8;
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') {
    return ReadJsonFeed(text, ctx, std::move(feed));
  }

  if (std::string problem = RewriteReferences(&text); !problem.empty()) {
    Flag(&feed, "not well-formed XML: " + problem);
  }

  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  ParserCtxt ctxt(xmlNewParserCtxt());
  if (!ctxt) return Status::Internal("libxml2 could not allocate a parser");
  ParseErrors errors;
  ctxt->_private = &errors;
  ctxt->sax->serror = &OnXmlError;
  // No DTD loading and no entity substitution: external entities are never
  // fetched, internal ones stay references that AppendText() expands.
  XmlDoc doc(xmlCtxtReadMemory(
      ctxt.get(), text.data(), static_cast<int>(text.size()),
      input.url.empty() ? nullptr : input.url.c_str(), "UTF-8",
      XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING |
          XML_PARSE_NOERROR | XML_PARSE_IGNORE_ENC));
  const bool well_formed =
      ctxt->wellFormed != 0 && ctxt->nsWellFormed != 0 && errors.errors == 0;
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) {
    return Status::InvalidArgument(
        "not a feed: no XML root element" +
        (errors.first.empty() ? std::string() : " (" + errors.first + ")"));
  }
  if (!well_formed) {
    Flag(&feed,
         "not well-formed XML: " +
             (errors.first.empty() ? std::string("recovered") : errors.first));
  }
  if (root->ns != nullptr && root->ns->href != nullptr &&
      NsOf(root) == Ns::kOther) {
    ctx.root_ns = reinterpret_cast<const char*>(root->ns->href);
  }
  const std::string name = LocalName(root);
  if (name == "rss" || name == "rdf" || name == "channel") {
    ReadRss(root, ctx, &feed);
  } else if (name == "feed") {
    ctx.atom03 = NsOf(root) == Ns::kAtom03 ||
                 (NsOf(root) != Ns::kAtom10 && Attr(root, "version") == "0.3");
    ReadAtom(root, ctx, &feed);
  } else {
    return Status::InvalidArgument("not a feed: root element <" +
                                   std::string(NodeName(root)) + ">");
  }
  return feed;
}

bool LooksLikeFeed(std::string_view bytes) {
  std::string head(bytes.substr(0, 4096));
  // UTF-16 and UTF-32: the markup is ASCII between NUL bytes.
  head.erase(std::remove(head.begin(), head.end(), '\0'), head.end());
  if (head.rfind("\xEF\xBB\xBF", 0) == 0) head.erase(0, 3);
  if (head.rfind("\xFE\xFF", 0) == 0 || head.rfind("\xFF\xFE", 0) == 0) {
    head.erase(0, 2);
  }
  // The first element, after the prolog: declaration, comments, DOCTYPE
  // (with its internal subset) and processing instructions.
  static const RE2 kXmlFeed(
      "^\\s*(?:(?:<\\?[^>]*\\?>|<!--(?s:.*?)-->|<!DOCTYPE[^\\[>]*"
      "(?:\\[(?s:.*?)\\])?\\s*>)\\s*)*<(?:[A-Za-z_][-A-Za-z0-9_.]*:)?"
      "(?i:rss|rdf|feed)[\\s>/]");
  static const RE2 kJsonFeed(
      "^\\s*\\{(?s:.*)\"version\"\\s*:\\s*\"https?://jsonfeed\\.org/"
      "version/");
  re2::StringPiece in(head.data(), head.size());
  return RE2::PartialMatch(in, kXmlFeed) || RE2::PartialMatch(in, kJsonFeed);
}

}  // namespace ct::ingest
