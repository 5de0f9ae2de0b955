#include "ingest/html_page.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <re2/re2.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>

#include "ingest/dates.h"

namespace ct::ingest {
namespace {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

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

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Collapses runs of white space into one space and trims.
std::string Squash(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

std::string NodeText(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (v == nullptr) return "";
  std::string out = Squash(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

bool IsSkipped(std::string_view name) {
  static const std::unordered_set<std::string_view> kSkip = {
      "script", "style",      "noscript", "template", "nav",   "footer",
      "aside",  "form",       "button",   "select",   "svg",   "iframe",
      "figure", "figcaption", "time",     "head",     "menu",  "dialog",
      "object", "embed",      "canvas",   "video",    "audio", "picture",
      "input",  "textarea",   "label"};
  return kSkip.count(name) > 0;
}

bool IsBlock(std::string_view name) {
  static const std::unordered_set<std::string_view> kBlock = {
      "p",          "div", "section", "article", "main", "h1",  "h2",
      "h3",         "h4",  "h5",      "h6",      "li",   "ul",  "ol",
      "blockquote", "pre", "table",   "tr",      "td",   "th",  "dl",
      "dt",         "dd",  "header",  "address", "hr",   "body"};
  return kBlock.count(name) > 0;
}

// Page furniture named by class or id.
bool IsFurniture(const xmlNode* n) {
  static const RE2 kFurniture(
      "(?i)(cookie|consent|banner|newsletter|subscribe|signup|related|"
      "share|social|comment|promo|advert|sponsor|sidebar|menu|breadcrumb|"
      "footer|navbar|byline|author|dateline|timestamp|tags|popup|modal|"
      "recommend|trending|most-read|outbrain|taboola)");
  std::string cls = Attr(n, "class");
  std::string id = Attr(n, "id");
  std::string role = Lower(Attr(n, "role"));
  if (role == "navigation" || role == "banner" || role == "contentinfo" ||
      role == "complementary") {
    return true;
  }
  return (!cls.empty() && RE2::PartialMatch(cls, kFurniture)) ||
         (!id.empty() && RE2::PartialMatch(id, kFurniture));
}

class TextWriter {
 public:
  void Text(std::string_view s) {
    for (char c : s) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
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

void Walk(const xmlNode* n, const std::string& title, bool* title_skipped,
          TextWriter* w) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) w->Text(reinterpret_cast<const char*>(c->content));
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view name = Name(c);
    if (IsSkipped(name) || IsFurniture(c)) continue;
    if (!Attr(c, "hidden").empty() || Lower(Attr(c, "aria-hidden")) == "true") {
      continue;
    }
    if (name == "br") {
      w->Break(1);
      continue;
    }
    // The page's own headline is the title, not body text.
    if (name == "h1" && !*title_skipped && !title.empty() &&
        NodeText(c) == title) {
      *title_skipped = true;
      continue;
    }
    bool block = IsBlock(name);
    if (block) w->Break(2);
    Walk(c, title, title_skipped, w);
    if (block) w->Break(2);
  }
}

void FindAll(const xmlNode* n, std::string_view name,
             std::vector<const xmlNode*>* out) {
  for (const xmlNode* c = n; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (Name(c) == name) out->push_back(c);
    FindAll(c->children, name, out);
  }
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
  std::unique_ptr<xmlDoc, DocFree> doc(htmlReadMemory(
      html.data(), static_cast<int>(html.size()), url.c_str(), "UTF-8",
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
          HTML_PARSE_NONET | HTML_PARSE_NOBLANKS));
  if (!doc) return Status::InvalidArgument("not an HTML document");
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return Status::InvalidArgument("empty HTML document");

  Document d;
  d.url = url;
  std::string og_title, html_title, site, published, author, canonical;
  std::vector<const xmlNode*> nodes;
  FindAll(root, "meta", &nodes);
  for (const xmlNode* m : nodes) {
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
  nodes.clear();
  FindAll(root, "link", &nodes);
  for (const xmlNode* l : nodes) {
    if (Lower(Attr(l, "rel")) == "canonical" && canonical.empty()) {
      canonical = Resolve(url, Attr(l, "href"));
    }
  }
  nodes.clear();
  FindAll(root, "title", &nodes);
  if (!nodes.empty()) html_title = NodeText(nodes.front());
  if (published.empty()) {
    nodes.clear();
    FindAll(root, "time", &nodes);
    for (const xmlNode* t : nodes) {
      published = NormalizeDate(Attr(t, "datetime"));
      if (!published.empty()) break;
    }
  }

  // The body: the <article> with the most text, else <main>, else <body>.
  const xmlNode* body = nullptr;
  size_t best = 0;
  nodes.clear();
  FindAll(root, "article", &nodes);
  for (const xmlNode* a : nodes) {
    size_t len = NodeText(a).size();
    if (len > best) {
      best = len;
      body = a;
    }
  }
  if (body == nullptr) {
    nodes.clear();
    FindAll(root, "main", &nodes);
    if (!nodes.empty()) body = nodes.front();
  }
  if (body == nullptr) {
    nodes.clear();
    FindAll(root, "body", &nodes);
    body = nodes.empty() ? root : nodes.front();
  }
  if (html_title.empty() && og_title.empty()) {
    nodes.clear();
    FindAll(body, "h1", &nodes);
    if (!nodes.empty()) html_title = NodeText(nodes.front());
  }

  d.title = !og_title.empty() ? og_title : html_title;
  d.canonical_url = canonical;
  d.published = published;
  d.author = author;
  d.outlet = !site.empty() ? site : HostOf(canonical.empty() ? url : canonical);
  TextWriter w;
  bool title_skipped = false;
  Walk(body, d.title, &title_skipped, &w);
  d.text = w.Take();
  return d;
}

}  // namespace ct::ingest
