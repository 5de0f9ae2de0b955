#include "ingest/html_page.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <re2/re2.h>

#include <cctype>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/text.h"
#include "ingest/dates.h"
#include "ingest/readability.h"

namespace ct::ingest {
namespace {

using text::Lower;
using text::Squash;

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDoc = std::unique_ptr<xmlDoc, DocFree>;

// A JSON-LD articleBody shorter than this is a teaser, not the text.
constexpr size_t kMinLinkedBodyBytes = 500;

std::string_view Name(const xmlNode* n) {
  return n->name ? reinterpret_cast<const char*>(n->name) : "";
}

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

// The raw text under `n`, as a script's JSON is written.
std::string RawText(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (v == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

std::string NodeText(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (v == nullptr) return "";
  std::string out = Squash(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

// An attribute's value: a view of libxml2's single text node when it
// holds the value (the usual case), else joined into `scratch`, which must
// outlive the view.
std::string_view AttrValue(const xmlAttr* a, std::string* scratch) {
  const xmlNode* v = a->children;
  if (v == nullptr) return "";
  if (v->next == nullptr) {
    return v->content ? reinterpret_cast<const char*>(v->content) : "";
  }
  scratch->clear();
  for (; v != nullptr; v = v->next) {
    if (v->content) *scratch += reinterpret_cast<const char*>(v->content);
  }
  return *scratch;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Elements whose content is never text; copied without their children.
bool IsOpaque(std::string_view name) {
  return name == "script" || name == "style" || name == "noscript" ||
         name == "template" || name == "svg" || name == "head";
}

// Visits `first`, its following siblings and their descendants in
// document order; `visit(node, depth)` (depth 0 for `first`) says whether
// to go into an element's children. A loop, not recursion: with
// XML_PARSE_HUGE (see ReadHtml) a page can nest elements 100,000 deep.
template <typename Visit>
void Walk(const xmlNode* first, Visit visit) {
  int depth = 0;
  const xmlNode* n = first;
  while (n != nullptr) {
    if (visit(n, depth) && n->type == XML_ELEMENT_NODE &&
        n->children != nullptr) {
      n = n->children;
      ++depth;
      continue;
    }
    while (n->next == nullptr && depth > 0) {
      n = n->parent;
      --depth;
    }
    n = n->next;
  }
}

// Nodes that CopyTree copies from `n` and its following siblings.
size_t CountNodes(const xmlNode* n) {
  size_t count = 0;
  Walk(n, [&](const xmlNode* c, int) {
    if (c->type == XML_ELEMENT_NODE) {
      ++count;
      return !IsOpaque(Name(c));
    }
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) ++count;
    return false;
  });
  return count;
}

// Copies the element or text node `c` into the scorer's tree under
// `parent`; returns its index, or -1 when it is not copied.
int CopyNode(const xmlNode* c, int parent, PageTree* tree) {
  if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
    if (c->content == nullptr || c->content[0] == 0) return -1;
    PageNode t;
    t.text = reinterpret_cast<const char*>(c->content);
    return tree->Add(t, parent);
  }
  if (c->type != XML_ELEMENT_NODE) return -1;
  PageNode e;
  e.tag = Name(c);
  std::string scratch[5];  // For values libxml2 split into pieces.
  for (const xmlAttr* a = c->properties; a != nullptr; a = a->next) {
    std::string_view key =
        a->name ? reinterpret_cast<const char*>(a->name) : "";
    if (key == "class") {
      e.class_name = AttrValue(a, &scratch[0]);
    } else if (key == "id") {
      e.id = AttrValue(a, &scratch[1]);
    } else if (key == "role") {
      e.role = AttrValue(a, &scratch[2]);
    } else if (key == "itemprop") {
      e.itemprop = AttrValue(a, &scratch[3]);
    } else if (key == "style") {
      e.style = AttrValue(a, &scratch[4]);
    } else if (key == "hidden") {
      e.hidden = true;
    } else if (key == "aria-hidden") {
      std::string value;
      e.hidden = e.hidden || EqualsIgnoringCase(AttrValue(a, &value), "true");
    } else if (key == "aria-modal") {
      std::string value;
      e.modal = EqualsIgnoringCase(AttrValue(a, &value), "true");
    } else if (key == "href") {
      std::string value;
      std::string_view href = AttrValue(a, &value);
      e.hash_link = !href.empty() && href.front() == '#';
    }
  }
  return tree->Add(e, parent);
}

// Copies the libxml2 tree from `n` and its following siblings into the
// scorer's tree. (The HTML parser gives element names in lower case.)
void CopyTree(const xmlNode* n, int parent, PageTree* tree) {
  // parents[d]: the index in `tree` of the nodes' parent at depth d.
  std::vector<int> parents = {parent};
  Walk(n, [&](const xmlNode* c, int depth) {
    int index = CopyNode(c, parents[depth], tree);
    if (index < 0 || c->type != XML_ELEMENT_NODE || IsOpaque(Name(c))) {
      return false;
    }
    parents.resize(depth + 1);
    parents.push_back(index);
    return true;
  });
}

std::string Resolve(const std::string& base, const std::string& ref) {
  if (ref.empty()) return "";
  try {
    Poco::URI uri(base);
    uri.resolve(ref);
    return uri.toString();
  } catch (const Poco::Exception&) {
    return ref;
  }
}

std::string HostOf(const std::string& url) {
  try {
    std::string host = Poco::URI(url).getHost();
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    return host;
  } catch (const Poco::Exception&) {
    return "";
  }
}

// Nodes that metadata is read from, found in one walk.
struct PageIndex {
  std::vector<const xmlNode*> metas, links, titles, times, h1s, linked_data;
};

void IndexPage(const xmlNode* n, PageIndex* index) {
  Walk(n, [&](const xmlNode* c, int) {
    if (c->type != XML_ELEMENT_NODE) return false;
    std::string_view name = Name(c);
    if (name == "meta") {
      index->metas.push_back(c);
    } else if (name == "link") {
      index->links.push_back(c);
    } else if (name == "title") {
      index->titles.push_back(c);
    } else if (name == "time") {
      index->times.push_back(c);
    } else if (name == "h1") {
      index->h1s.push_back(c);
    } else if (name == "script") {
      if (Lower(Attr(c, "type")).find("ld+json") != std::string::npos) {
        index->linked_data.push_back(c);
      }
      return false;
    }
    return true;
  });
}

struct ParserFree {
  void operator()(htmlParserCtxt* c) const { htmlFreeParserCtxt(c); }
};
using HtmlParser = std::unique_ptr<htmlParserCtxt, ParserFree>;

// Work the parser may spend on misplaced tags; see OnHtmlError().
constexpr long kMaxMisplacedTagWork = 1L << 28;

struct ParseBudget {
  long misplaced_tag_work = 0;
};

// libxml2's error callback, which we use as a meter. Without a depth limit
// (see ReadHtml) one thing in libxml2's HTML parser is not linear: an end
// tag that is not the open element's (a stray "</b>", or one whose element
// is open further down) makes it search its whole stack of open elements,
// and says so with an error. A 16 MB page nested a million deep, then as
// many stray end tags, would take an hour. Counting the stack's depth at
// each such error bounds the searching: the parser stops when the page has
// clearly been built to waste it (a fraction of a second's work), keeping
// what it read, as it used to stop at 256 levels.
void OnHtmlError(void* user, const char* /*format*/, ...) {
  auto* ctxt = static_cast<htmlParserCtxt*>(user);
  auto* budget = static_cast<ParseBudget*>(ctxt->_private);
  if (budget == nullptr) return;
  // Tag mismatches, and the misplaced <body> that also searches the stack.
  if (ctxt->errNo != XML_ERR_TAG_NAME_MISMATCH &&
      ctxt->errNo != XML_HTML_STRUCURE_ERROR) {
    return;
  }
  budget->misplaced_tag_work += ctxt->nameNr;
  if (budget->misplaced_tag_work > kMaxMisplacedTagWork) xmlStopParser(ctxt);
}

// The page as libxml2 reads it; null when it reads nothing at all.
//
// By default libxml2 stops at 256 nested elements and drops the rest of the
// page, so a page nested that deep (generated markup, unclosed <font> or
// <div> tags) lost its text. XML_PARSE_HUGE lifts the limit: the parser
// itself is a loop, so are the walks of the tree in this file, and
// PageTree flattens what is deeper than the scorer should walk.
XmlDoc ReadHtml(std::string_view html, const std::string& url) {
  HtmlParser parser(htmlNewParserCtxt());
  if (!parser) return nullptr;
  ParseBudget budget;
  parser->_private = &budget;
  // Not HTML_PARSE_NOERROR, which would unset the meter; the callback
  // prints nothing.
  parser->sax->error = &OnHtmlError;
  return XmlDoc(htmlCtxtReadMemory(
      parser.get(), html.data(), static_cast<int>(html.size()), url.c_str(),
      "UTF-8",
      HTML_PARSE_RECOVER | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
          HTML_PARSE_NOBLANKS | static_cast<int>(XML_PARSE_HUGE)));
}

// JSON-LD values may hold markup or entities ("&amp;", "<p>"): decoded
// the way a browser would show them.
std::string PlainText(const std::string& s) {
  if (s.find_first_of("<&") == std::string::npos) return Squash(s);
  XmlDoc doc = ReadHtml("<html><body><div>" + s + "</div></body></html>", "");
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) return Squash(s);
  PageTree tree;
  tree.Reserve(CountNodes(root));
  CopyTree(root, -1, &tree);
  return TreeText(tree);
}

// An articleBody as paragraphs. Publishers write it as plain text with a
// line break between paragraphs, or as (escaped) HTML.
std::string LinkedBodyText(const std::string& body) {
  static const RE2 kMarkup("(?i)</?[a-z][a-z0-9]*[\\s/>]");
  if (body.find('<') != std::string::npos && RE2::PartialMatch(body, kMarkup)) {
    return PlainText(body);
  }
  std::string html;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    std::string line =
        Squash(std::string_view(body).substr(start, end - start));
    if (!line.empty()) html += "<p>" + line + "</p>";
    start = end + 1;
  }
  return PlainText(html);
}

// What a page says about itself in schema.org JSON-LD blocks.
struct LinkedData {
  std::string headline;
  std::string published;
  std::string author;
  std::string publisher;
  std::string body;  // articleBody, as written (may hold markup).
};

bool IsArticleType(const Poco::Dynamic::Var& type) {
  static const RE2 kArticle("(?i)article|posting|report");
  if (type.isString()) return RE2::PartialMatch(type.toString(), kArticle);
  if (type.type() == typeid(Poco::JSON::Array::Ptr)) {
    auto a = type.extract<Poco::JSON::Array::Ptr>();
    for (size_t i = 0; a && i < a->size(); ++i) {
      if (IsArticleType(a->get(static_cast<unsigned>(i)))) return true;
    }
  }
  return false;
}

std::string StringOf(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return "";
  if (v.isString()) return v.toString();
  return "";
}

// A name: a string, an object with "name", or an array of those (joined
// with commas, as for several authors).
std::string NameOf(const Poco::Dynamic::Var& v) {
  if (v.isString()) return v.toString();
  if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
    auto o = v.extract<Poco::JSON::Object::Ptr>();
    return o ? StringOf(o->get("name")) : "";
  }
  if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
    auto a = v.extract<Poco::JSON::Array::Ptr>();
    std::string names;
    for (size_t i = 0; a && i < a->size(); ++i) {
      std::string n = NameOf(a->get(static_cast<unsigned>(i)));
      if (n.empty()) continue;
      if (!names.empty()) names += ", ";
      names += n;
    }
    return names;
  }
  return "";
}

void ReadLinkedValue(const Poco::Dynamic::Var& v, LinkedData* ld, int depth) {
  if (depth > 4) return;
  if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
    auto a = v.extract<Poco::JSON::Array::Ptr>();
    for (size_t i = 0; a && i < a->size(); ++i) {
      ReadLinkedValue(a->get(static_cast<unsigned>(i)), ld, depth + 1);
    }
    return;
  }
  if (v.type() != typeid(Poco::JSON::Object::Ptr)) return;
  auto o = v.extract<Poco::JSON::Object::Ptr>();
  if (!o) return;
  if (o->has("@graph")) ReadLinkedValue(o->get("@graph"), ld, depth + 1);
  if (!IsArticleType(o->get("@type"))) return;
  std::string body = StringOf(o->get("articleBody"));
  if (body.size() > ld->body.size()) ld->body = std::move(body);
  if (ld->headline.empty()) ld->headline = StringOf(o->get("headline"));
  if (ld->published.empty()) {
    ld->published = StringOf(o->get("datePublished"));
  }
  if (ld->author.empty()) ld->author = NameOf(o->get("author"));
  if (ld->publisher.empty()) ld->publisher = NameOf(o->get("publisher"));
}

// Pages ship broken JSON-LD (trailing commas, raw newlines); such a block
// is skipped, as browsers and search engines skip it.
void ReadLinkedData(const std::string& json, LinkedData* ld) {
  try {
    Poco::JSON::Parser parser;
    ReadLinkedValue(parser.parse(json), ld, 0);
  } catch (const Poco::Exception&) {
  } catch (const std::exception&) {
    // Poco::Dynamic::Var conversions throw std exceptions too.
  }
}

}  // namespace

bool LooksLikeHtml(std::string_view bytes) {
  static const RE2 kHtml(
      "(?i)^\\s*(?:<!--.*?-->\\s*)*(?:<!doctype\\s+html|<html|<head|<body|<"
      "meta|<title)");
  std::string_view head = bytes.substr(0, 2048);
  return RE2::PartialMatch(re2::StringPiece(head.data(), head.size()), kHtml);
}

Result<Document> ParseHtmlPage(std::string_view html, const std::string& url) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  XmlDoc doc = ReadHtml(html, url);
  if (!doc) return Status::InvalidArgument("not an HTML document");
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return Status::InvalidArgument("empty HTML document");

  Document d;
  d.url = url;
  PageIndex index;
  IndexPage(root, &index);
  std::string og_title, html_title, site, published, author, canonical;
  for (const xmlNode* m : index.metas) {
    std::string key = Lower(Attr(m, "property"));
    if (key.empty()) key = Lower(Attr(m, "name"));
    if (key.empty()) key = Lower(Attr(m, "itemprop"));
    std::string content = Squash(Attr(m, "content"));
    if (content.empty()) continue;
    if (key == "og:title" && og_title.empty()) og_title = content;
    if ((key == "og:site_name" || key == "application-name") && site.empty()) {
      site = content;
    }
    if ((key == "article:published_time" || key == "datepublished" ||
         key == "date" || key == "pubdate" || key == "dc.date" ||
         key == "dc.date.issued" || key == "sailthru.date" ||
         key == "parsely-pub-date") &&
        published.empty()) {
      published = NormalizeDate(content);
    }
    if ((key == "author" || key == "article:author" || key == "dc.creator" ||
         key == "parsely-author" || key == "sailthru.author") &&
        author.empty() && content.find("://") == std::string::npos) {
      author = content;
    }
  }
  for (const xmlNode* l : index.links) {
    if (Lower(Attr(l, "rel")) == "canonical" && canonical.empty()) {
      canonical = Resolve(url, Attr(l, "href"));
    }
  }
  if (!index.titles.empty()) html_title = NodeText(index.titles.front());
  LinkedData ld;
  for (const xmlNode* s : index.linked_data) ReadLinkedData(RawText(s), &ld);
  if (published.empty()) published = NormalizeDate(ld.published);
  if (published.empty()) {
    for (const xmlNode* t : index.times) {
      published = NormalizeDate(Attr(t, "datetime"));
      if (!published.empty()) break;
    }
  }
  if (html_title.empty() && og_title.empty() && ld.headline.empty() &&
      !index.h1s.empty()) {
    html_title = NodeText(index.h1s.front());
  }

  // <title> often carries the site's name, so a JSON-LD headline is the
  // better second choice.
  d.title = !og_title.empty()      ? og_title
            : !ld.headline.empty() ? PlainText(ld.headline)
                                   : html_title;
  d.canonical_url = canonical;
  d.published = published;
  d.author = !author.empty() ? author : PlainText(ld.author);
  if (site.empty()) site = PlainText(ld.publisher);
  d.outlet = !site.empty() ? site : HostOf(canonical.empty() ? url : canonical);

  PageTree tree;
  tree.Reserve(CountNodes(root));
  CopyTree(root, -1, &tree);
  // The tree holds its own copy of the text; freeing the document first
  // keeps the two largest structures from peaking together on huge pages.
  index = PageIndex();
  root = nullptr;
  doc.reset();
  d.text = ExtractArticleText(tree, d.title);
  // A publisher's own articleBody is strong evidence of the text: when it
  // is long and the layout gave much less, the layout fooled the scorer.
  // (Markup and entities only shrink the raw value, so a body that is
  // not twice the layout's text raw is not worth decoding.)
  if (ld.body.size() >= kMinLinkedBodyBytes &&
      ld.body.size() > 2 * d.text.size()) {
    std::string body = LinkedBodyText(ld.body);
    if (body.size() >= kMinLinkedBodyBytes && d.text.size() * 2 < body.size()) {
      d.text = std::move(body);
    }
  }
  return d;
}

}  // namespace ct::ingest
