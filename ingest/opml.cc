#include "ingest/opml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

#include "ingest/charset.h"

namespace ct::ingest {
namespace {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

void Collect(const xmlNode* n, std::vector<OpmlFeed>* out) {
  for (const xmlNode* c = n; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (xmlStrcmp(c->name, reinterpret_cast<const xmlChar*>("outline")) == 0) {
      std::string url = Attr(c, "xmlUrl");
      if (!url.empty()) {
        std::string title = Attr(c, "title");
        if (title.empty()) title = Attr(c, "text");
        out->push_back({title, url});
      }
    }
    Collect(c->children, out);
  }
}

// For text and double-quoted attributes. A reader normalises white space
// in an attribute to spaces, so tabs and line breaks go as character
// references to survive the round trip; other control characters cannot
// be written in XML 1.0 at all and are dropped.
std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
  }
  return out;
}

// UTF-16 or UTF-32 without a byte-order mark, which XML allows: NUL bytes
// around the '<' that opens the document. DecodeToUtf8() reads marks and
// declarations only, and cannot read a declaration written in UTF-16.
std::string UnmarkedWideCharset(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (bytes.substr(0, 4) == "\0\0\0<"sv) return "utf-32be";
  if (bytes.substr(0, 4) == "<\0\0\0"sv) return "utf-32le";
  if (bytes.substr(0, 2) == "\0<"sv) return "utf-16be";
  if (bytes.substr(0, 2) == "<\0"sv) return "utf-16le";
  return "";
}

}  // namespace

bool LooksLikeOpml(std::string_view bytes) {
  return bytes.substr(0, 1024).find("<opml") != std::string_view::npos;
}

Result<std::vector<OpmlFeed>> ParseOpml(std::string_view bytes) {
  // Decoded first, as feeds are: libxml2 reads undeclared bytes as UTF-8
  // and, recovering, lets what is not UTF-8 through into attribute values,
  // where it would stay as broken text.
  Result<Decoded> decoded = DecodeToUtf8(bytes, UnmarkedWideCharset(bytes));
  if (!decoded.ok()) {
    return Status::InvalidArgument("not an OPML document: " +
                                   decoded.status().message());
  }
  const std::string& text = decoded->utf8;
  std::unique_ptr<xmlDoc, DocFree> doc(xmlReadMemory(
      text.data(), static_cast<int>(text.size()), "opml.xml", "UTF-8",
      XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
          XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC));
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr ||
      xmlStrcmp(root->name, reinterpret_cast<const xmlChar*>("opml")) != 0) {
    return Status::InvalidArgument("not an OPML document");
  }
  std::vector<OpmlFeed> feeds;
  Collect(root->children, &feeds);
  return feeds;
}

std::string WriteOpml(const std::vector<OpmlFeed>& feeds,
                      std::string_view title) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n"
      "  <head><title>" +
      Escape(title) + "</title></head>\n  <body>\n";
  for (const OpmlFeed& f : feeds) {
    out += "    <outline type=\"rss\" text=\"" + Escape(f.title) +
           "\" title=\"" + Escape(f.title) + "\" xmlUrl=\"" + Escape(f.url) +
           "\"/>\n";
  }
  out += "  </body>\n</opml>\n";
  return out;
}

}  // namespace ct::ingest
