#include "ingest/opml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

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

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
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
        out += c;
    }
  }
  return out;
}

}  // namespace

bool LooksLikeOpml(std::string_view bytes) {
  return bytes.substr(0, 1024).find("<opml") != std::string_view::npos;
}

Result<std::vector<OpmlFeed>> ParseOpml(std::string_view bytes) {
  std::unique_ptr<xmlDoc, DocFree> doc(xmlReadMemory(
      bytes.data(), static_cast<int>(bytes.size()), "opml.xml", nullptr,
      XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
          XML_PARSE_NOWARNING));
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
