#include "ingest/readability.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cassert>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/furniture.h"

namespace ct::ingest {

int PageTree::Add(const PageNode& node, int parent) {
  int index = static_cast<int>(nodes_.size());
  PageNode& n = nodes_.emplace_back();
  n.tag = Copy(node.tag);
  n.text = Copy(node.text);
  n.class_name = Copy(node.class_name);
  n.id = Copy(node.id);
  n.role = Copy(node.role);
  n.itemprop = Copy(node.itemprop);
  n.style = Copy(node.style);
  n.hidden = node.hidden;
  n.hash_link = node.hash_link;
  n.modal = node.modal;
  // A parent at the limit is never a child's parent, so one step up is
  // enough; the document order holds, since everything added since the
  // grandparent lies in its subtree.
  if (parent >= 0 && nodes_[parent].depth >= kMaxDepth) {
    parent = nodes_[parent].parent;
  }
  n.parent = parent;
  n.depth = parent >= 0 ? nodes_[parent].depth + 1 : 0;
  if (parent >= 0) {
    PageNode& p = nodes_[parent];
    if (p.last_child >= 0) {
      nodes_[p.last_child].next_sibling = index;
    } else {
      p.first_child = index;
    }
    p.last_child = index;
  }
  return index;
}

std::string_view PageTree::Copy(std::string_view s) {
  // Blocks this size hold a typical page's strings in a handful of
  // allocations; a longer string gets a block of its own.
  constexpr size_t kBlockSize = 64 << 10;
  if (s.empty()) return {};
  if (s.size() > free_size_) {
    size_t size = std::max(kBlockSize, s.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    free_ = blocks_.back().get();
    free_size_ = size;
  }
  char* out = free_;
  std::copy(s.begin(), s.end(), out);
  free_ += s.size();
  free_size_ -= s.size();
  return std::string_view(out, s.size());
}

namespace {

// ---------------------------------------------------------------------------
// Tags

// What an element's name means to the rules.
enum TagBit : uint32_t {
  kBlock = 1u << 0,         // Starts a paragraph in the text output.
  kNeverContent = 1u << 1,  // Dropped with its subtree: script, nav, ...
  kUnit = 1u << 2,          // p, pre: always a scoring unit.
  kLeafUnit = 1u << 3,      // td, blockquote, div...: a unit without blocks.
  kHoldsRuns = 1u << 4,     // div, section...: loose text is paragraphs.
  kList = 1u << 5,          // ul, ol.
  kLink = 1u << 6,
  kHeading = 1u << 7,  // h1..h6.
  kBr = 1u << 8,
  kImg = 1u << 9,
  kInput = 1u << 10,
  kEmbed = 1u << 11,
  kListItem = 1u << 12,
  kParagraph = 1u << 13,    // p: what conditional cleaning counts.
  kConditional = 1u << 14,  // Cleaned conditionally inside the article.
  kH1 = 1u << 15,
  kBody = 1u << 16,
  kArticle = 1u << 17,
  kRoot = 1u << 18,  // html
  kTime = 1u << 19,
};

struct TagInfo {
  uint32_t bits = 0;
  int base_score = 0;  // Readability's initial score for a candidate.
};

const TagInfo& InfoFor(std::string_view tag) {
  static const auto* kTags = new std::unordered_map<std::string_view, TagInfo>{
      {"html", {kBlock | kRoot, 0}},
      {"body", {kBlock | kBody, 0}},
      {"p", {kBlock | kUnit | kParagraph, 0}},
      {"pre", {kBlock | kUnit, 3}},
      {"div", {kBlock | kLeafUnit | kHoldsRuns | kConditional, 5}},
      {"section", {kBlock | kLeafUnit | kHoldsRuns | kConditional, 0}},
      {"article", {kBlock | kLeafUnit | kHoldsRuns | kArticle, 0}},
      {"main", {kBlock | kLeafUnit | kHoldsRuns, 0}},
      {"center", {kBlock | kHoldsRuns, 0}},
      {"font", {kHoldsRuns, 0}},
      {"td", {kBlock | kLeafUnit | kHoldsRuns, 3}},
      {"th", {kBlock, -5}},
      {"blockquote", {kBlock | kLeafUnit, 3}},
      {"ul", {kBlock | kList | kConditional, -3}},
      {"ol", {kBlock | kList | kConditional, -3}},
      {"dl", {kBlock | kConditional, -3}},
      {"dd", {kBlock, -3}},
      {"dt", {kBlock, -3}},
      {"li", {kBlock | kListItem, -3}},
      {"address", {kBlock, -3}},
      {"form", {kBlock | kConditional, -3}},
      {"fieldset", {kBlock | kConditional, 0}},
      {"table", {kBlock | kConditional, 0}},
      {"tbody", {kBlock, 0}},
      {"thead", {kBlock, 0}},
      {"tfoot", {kBlock, 0}},
      {"tr", {kBlock, 0}},
      {"caption", {kBlock, 0}},
      {"h1", {kBlock | kHeading | kH1, -5}},
      {"h2", {kBlock | kHeading, -5}},
      {"h3", {kBlock | kHeading, -5}},
      {"h4", {kBlock | kHeading, -5}},
      {"h5", {kBlock | kHeading, -5}},
      {"h6", {kBlock | kHeading, -5}},
      {"hr", {kBlock, 0}},
      {"details", {kBlock, 0}},
      {"summary", {kBlock, 0}},
      {"hgroup", {kBlock, 0}},
      {"a", {kLink, 0}},
      {"br", {kBr, 0}},
      {"img", {kImg, 0}},
      // Never article text. Captions, credits and datelines are left out
      // of the annotated bodies this is measured against, and a page's
      // <header>, <nav>, <aside> and <footer> hold its furniture.
      {"script", {kNeverContent, 0}},
      {"style", {kNeverContent, 0}},
      {"noscript", {kNeverContent, 0}},
      {"template", {kNeverContent, 0}},
      {"head", {kNeverContent, 0}},
      {"title", {kNeverContent, 0}},
      {"meta", {kNeverContent, 0}},
      {"link", {kNeverContent, 0}},
      {"iframe", {kNeverContent | kEmbed, 0}},
      {"object", {kNeverContent | kEmbed, 0}},
      {"embed", {kNeverContent | kEmbed, 0}},
      {"svg", {kNeverContent, 0}},
      {"math", {kNeverContent, 0}},
      {"canvas", {kNeverContent, 0}},
      {"video", {kNeverContent, 0}},
      {"audio", {kNeverContent, 0}},
      {"picture", {kNeverContent, 0}},
      {"map", {kNeverContent, 0}},
      {"button", {kNeverContent, 0}},
      {"select", {kNeverContent, 0}},
      {"option", {kNeverContent, 0}},
      {"input", {kNeverContent | kInput, 0}},
      {"textarea", {kNeverContent | kInput, 0}},
      {"label", {kNeverContent, 0}},
      {"nav", {kNeverContent | kBlock, 0}},
      {"footer", {kNeverContent | kBlock, 0}},
      {"aside", {kNeverContent | kBlock, 0}},
      {"header", {kNeverContent | kBlock, 0}},
      {"menu", {kNeverContent | kBlock, 0}},
      {"dialog", {kNeverContent | kBlock, 0}},
      {"figure", {kNeverContent | kBlock, 0}},
      {"figcaption", {kNeverContent | kBlock, 0}},
      {"time", {kTime, 0}},
  };
  static const TagInfo kOther;
  auto it = kTags->find(tag);
  return it == kTags->end() ? kOther : it->second;
}

// ---------------------------------------------------------------------------
// Class and id patterns (after Readability's, extended with the furniture
// of news sites).

// Which name patterns a class or id matches (bits of NameBit).
enum NameBit : uint32_t {
  kNegativeName = 1u << 0,   // -25: furniture-like.
  kPositiveName = 1u << 1,   // +25: content-like.
  kUnlikelyName = 1u << 2,   // Stripped before scoring...
  kMaybeName = 1u << 3,      // ...unless this matches too.
  kKnownBodyName = 1u << 4,  // Names itself the article body.
  kEmbedName = 1u << 5,      // A quoted social post.
  kCaptionName = 1u << 6,    // A picture's caption or credit.
  // Names a block as furniture whatever else it says (see
  // NamesFurniture()); set by code, not by a pattern.
  kFurnitureName = 1u << 7,
};

// The patterns, in NameBit order, matched case-insensitively.
constexpr const char* kNamePatterns[] = {
    // kNegativeName
    "-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|"
    "footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|"
    "shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|byline|"
    "author|dateline|caption|credit",
    // kPositiveName
    "article|body|content|entry|hentry|h-entry|main|page|pagination|post|"
    "text|blog|story",
    // kUnlikelyName
    "-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|"
    "disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|"
    "rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|"
    "agegate|pagination|pager|popup|yom-remote|cookie|consent|newsletter|"
    "subscribe|signup|share|sharing|recommend|promo|advert|byline|author|"
    "dateline|tags|modal|outbrain|taboola|trending|most-read|mostread|"
    "navbar|masthead|(^|[-_ ])cta($|[-_ ])|recirc|more-?stories|read-?next|"
    "sign-up",
    // kMaybeName
    "and|article|body|column|content|main|shadow",
    // kKnownBodyName
    "articlebody|article-body|article_body|articlecontent|article-content|"
    "article_content|article__body|article__content|entry-content|"
    "post-content|post-body|postbody|story-body|storybody|story-content|"
    "body-text|article-text|articletext|post-entry|entry-body",
    // kEmbedName
    "tweet|instagram-media|tiktok-embed|"
    "(social|twitter|instagram|facebook|tiktok)[-_]?(media[-_]?)?embed|"
    "embed[-_]?(twitter|tweet|instagram|social|facebook|tiktok)",
    // kCaptionName
    "caption|credit",
};

// All name patterns in one set, so that a class is scanned once.
const RE2::Set& NamePatterns() {
  static const RE2::Set* set = [] {
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    auto* s = new RE2::Set(options, RE2::UNANCHORED);
    for (const char* pattern : kNamePatterns) {
      [[maybe_unused]] int index = s->Add(pattern, nullptr);
      assert(index >= 0 && "a name pattern does not compile");
    }
    [[maybe_unused]] bool compiled = s->Compile();
    assert(compiled);
    return s;
  }();
  return *set;
}

// Words of a class or id that name a block as furniture even when the
// rest of the name says content: "article-footer", "story__related",
// "post-newsletter". Readability's "maybe" words (article, body, main...)
// rescue a name such as "article-extra" from the unlikely list, but a
// footer or a share bar inside the article is named after the article
// too. Compared with the parts of a name between '-' and '_'.
constexpr std::string_view kFurnitureWords[] = {
    "cookie",  "cookies", "consent", "gdpr",     "newsletter",
    "signup",  "related", "recirc",  "share",    "shares",
    "sharing", "social",  "comment", "comments", "footer",
};
// Two parts that name furniture together.
constexpr std::string_view kFurniturePairs[] = {
    "more-stories", "read-next", "sign-up", "most-read", "also-read",
};
// A first part that makes the name a state, not a block: "has-comments",
// "is-sharing". A last part that does too: "comments-open".
constexpr std::string_view kStatePrefixes[] = {
    "has", "is", "no", "with", "show", "hide", "enable", "disable", "js",
};
constexpr std::string_view kStateSuffixes[] = {
    "open", "closed", "on", "off", "enabled", "disabled", "allowed",
};

template <size_t N>
bool OneOf(std::string_view word, const std::string_view (&words)[N]) {
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

// Whether a class or id (one or more space-separated names) has a name
// made of furniture words.
bool NamesFurniture(std::string_view names) {
  std::string lower(names);
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  std::string_view rest = lower;
  while (!rest.empty()) {
    size_t end = rest.find_first_of(" \t\n\r\f");
    std::string_view name = rest.substr(0, end);
    rest = end == std::string_view::npos ? "" : rest.substr(end + 1);
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t k = 0; k <= name.size(); ++k) {
      if (k == name.size() || name[k] == '-' || name[k] == '_') {
        if (k > start) parts.push_back(name.substr(start, k - start));
        start = k + 1;
      }
    }
    if (parts.empty() || OneOf(parts.front(), kStatePrefixes) ||
        OneOf(parts.back(), kStateSuffixes)) {
      continue;
    }
    for (size_t k = 0; k < parts.size(); ++k) {
      if (OneOf(parts[k], kFurnitureWords)) return true;
      if (k + 1 < parts.size() &&
          OneOf(std::string(parts[k]) + "-" + std::string(parts[k + 1]),
                kFurniturePairs)) {
        return true;
      }
    }
  }
  return false;
}

uint32_t MatchNames(std::string_view name, std::vector<int>* hits) {
  if (name.empty()) return 0;
  uint32_t bits = NamesFurniture(name) ? uint32_t{kFurnitureName} : 0;
  if (!NamePatterns().Match(re2::StringPiece(name.data(), name.size()), hits)) {
    return bits;
  }
  for (int h : *hits) bits |= 1u << h;
  return bits;
}

const RE2& HiddenStyle() {
  static const RE2 re("(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden");
  return re;
}

bool Matches(std::string_view s, const RE2& re) {
  return !s.empty() &&
         RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), re);
}

// ARIA roles of page furniture (Readability's list, plus the page's own
// banner, footer and search).
bool IsFurnitureRole(std::string_view role) {
  if (role.empty()) return false;
  std::string r(role);
  for (char& c : r) c = static_cast<char>(std::tolower(c));
  return r == "navigation" || r == "banner" || r == "contentinfo" ||
         r == "complementary" || r == "menu" || r == "menubar" ||
         r == "alert" || r == "alertdialog" || r == "dialog" || r == "search";
}

bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

// U+00A0 (no-break space) at s[i]. Pages fill empty paragraphs and
// indents with it; in plain text it is a space.
bool IsNbsp(std::string_view s, size_t i) {
  return s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
}

// Code points of `s` with runs of white space counted once and the ends
// trimmed: about what a reader sees.
int VisibleLength(std::string_view s) {
  int n = 0;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (IsSpace(c) || IsNbsp(s, i)) {
      space = n > 0;
      continue;
    }
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;
    n += space ? 2 : 1;
    space = false;
  }
  return n;
}

// Commas of the scripts the pages are written in (Readability's list).
int CountCommas(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ',') {
      ++n;
    } else if (c >= 0xC0 && i + 1 < s.size()) {
      std::string_view rest = s.substr(i);
      if (rest.rfind("\xD8\x8C", 0) == 0 ||      // U+060C Arabic
          rest.rfind("\xEF\xB9\x90", 0) == 0 ||  // U+FE50 small
          rest.rfind("\xEF\xB8\x90", 0) == 0 ||  // U+FE10 vertical
          rest.rfind("\xEF\xB8\x91", 0) == 0 ||  // U+FE11
          rest.rfind("\xE2\xB9\x81", 0) == 0 ||  // U+2E41 reversed
          rest.rfind("\xE2\xB8\xB4", 0) == 0 ||  // U+2E34
          rest.rfind("\xE2\xB8\xB2", 0) == 0 ||  // U+2E32
          rest.rfind("\xEF\xBC\x8C", 0) == 0 ||  // U+FF0C full width
          rest.rfind("\xE3\x80\x81", 0) == 0) {  // U+3001 ideographic
        ++n;
      }
    }
  }
  return n;
}

// Collapses runs of white space into one space and trims.
std::string Squash(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Text output

class TextWriter {
 public:
  void Text(std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (IsSpace(c) || IsNbsp(s, i)) {
        pending_space_ = true;
        if (c != ' ' && !IsSpace(c)) ++i;  // The second byte of U+00A0.
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
  // Ends the paragraph (2) or the line (1) before the next text.
  void Break(int lines) { pending_break_ = std::max(pending_break_, lines); }
  // A <br>: a second one in a row ends the paragraph.
  void LineBreak() { pending_break_ = std::min(pending_break_ + 1, 2); }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  int pending_break_ = 0;
  bool pending_space_ = false;
};

// ---------------------------------------------------------------------------
// The extractor

// Rules that a later pass relaxes when a strict one finds too little.
enum PassFlag : int {
  kStripUnlikely = 1,
  kWeightClasses = 2,
  kCleanConditionally = 4,
  kAllFlags = 7,
  // Not a rule: on output, blocks that repeat the title stay (see
  // IsTitle()).
  kKeepTitles = 8,
};

// Below this many characters a pass is taken to have missed the article.
constexpr int kMinArticleChars = 250;
// A scored container holding this share of the winner's prose replaces it.
constexpr double kNarrowShare = 0.85;
// Paragraph-like units shorter than this carry no score.
constexpr int kMinUnitChars = 25;

// Facts about a node that do not depend on the pass.
struct NodeInfo {
  uint32_t bits = 0;
  int base_score = 0;
  int class_weight = 0;   // +-25 per positive/negative class and id.
  bool unlikely = false;  // Furniture by class, id or role.
  bool hidden = false;
  bool known_body = false;  // Names itself the article body.
  bool in_embed = false;    // Inside a quoted post (an embedded tweet).
  bool caption = false;     // Named as a caption or a credit.
  bool furniture = false;   // Furniture by what it says (FindFurniture()).
  int text_length = 0;      // Text nodes only.
  int commas = 0;           // Text nodes only.
  int subtree_end = 0;      // One past the last descendant's index.
};

// Sums over a subtree, leaving out removed nodes.
struct Stats {
  int text = 0;
  double link = 0;  // Text inside links; '#' links count 0.3.
  int commas = 0;
  int paragraphs = 0;
  int images = 0;
  int list_items = 0;
  int inputs = 0;
  int embeds = 0;
  int heading_text = 0;
  int list_text = 0;  // Text inside <li>.
  bool has_block = false;
};

class Extractor {
 public:
  // With `drop_furniture`, the blocks FindFurniture() names are left out
  // in every pass, the fallbacks included.
  Extractor(const PageTree& tree, std::string_view title, bool drop_furniture)
      : tree_(tree),
        title_(Squash(title)),
        title_length_(VisibleLength(title_)),
        info_(tree.nodes().size()) {
    const auto& nodes = tree_.nodes();
    if (drop_furniture) {
      std::vector<std::string_view> furniture = FindFurniture(tree);
      for (size_t i = 0; i < furniture.size(); ++i) {
        info_[i].furniture = !furniture[i].empty();
      }
    }
    std::vector<int> hits;
    std::unordered_map<std::string_view, uint32_t> name_bits;
    for (size_t i = nodes.size(); i-- > 0;) {
      const PageNode& n = nodes[i];
      NodeInfo& in = info_[i];
      in.subtree_end = n.last_child >= 0 ? info_[n.last_child].subtree_end
                                         : static_cast<int>(i) + 1;
      if (n.tag.empty()) {
        in.text_length = VisibleLength(n.text);
        in.commas = CountCommas(n.text);
        continue;
      }
      const TagInfo& t = InfoFor(n.tag);
      in.bits = t.bits;
      in.base_score = t.base_score;
      // Pages repeat their class names many times over.
      auto match = [&](std::string_view name) -> uint32_t {
        if (name.empty()) return 0;
        auto [it, added] = name_bits.try_emplace(name, 0);
        if (added) it->second = MatchNames(name, &hits);
        return it->second;
      };
      uint32_t cls = match(n.class_name);
      uint32_t id = match(n.id);
      for (uint32_t name : {cls, id}) {
        if (name & kNegativeName) in.class_weight -= 25;
        if (name & kPositiveName) in.class_weight += 25;
      }
      uint32_t names = cls | id;
      in.unlikely = (t.bits & (kBody | kRoot | kLink | kArticle)) == 0 &&
                    (((names & kUnlikelyName) && !(names & kMaybeName)) ||
                     ((names & kFurnitureName) && !(names & kKnownBodyName)));
      if (IsFurnitureRole(n.role)) in.unlikely = true;
      in.hidden = n.hidden || Matches(n.style, HiddenStyle());
      in.known_body = n.itemprop == "articleBody" || (names & kKnownBodyName);
      in.caption = (names & kCaptionName) != 0;
      // Social posts quoted in a story are part of it, though their
      // wrappers are named like share bars ("social-embed") and their
      // text is mostly links.
      if ((cls & kEmbedName) && !(t.bits & (kBody | kRoot | kArticle))) {
        in.in_embed = true;
        in.unlikely = false;
        in.class_weight = std::max(in.class_weight, 0);
      }
    }
    for (size_t i = 0; i < nodes.size(); ++i) {
      int parent = nodes[i].parent;
      if (parent >= 0 && info_[parent].in_embed) info_[i].in_embed = true;
    }
  }

  // One attempt with the given rules; "" when the page has no text.
  std::string Run(int flags);

  // The text of the largest <article>, with furniture removed.
  std::string LargestArticle();

  // All text under the root, with furniture by tag removed.
  std::string WholePage();

 private:
  bool Element(int i) const { return !tree_.nodes()[i].tag.empty(); }
  uint32_t Bits(int i) const { return info_[i].bits; }
  double LinkDensity(int i) const {
    return stats_[i].text == 0 ? 0 : stats_[i].link / stats_[i].text;
  }

  void MarkRemoved(int flags);
  void Measure(int i);
  void MeasureAll();
  void Score(int flags);
  void AddUnit(int container, int length, int commas, int flags);
  void Touch(int i, int flags);
  int PickTop(int flags);
  std::vector<int> Siblings(int top);
  void AddCousins(int top, std::vector<int>* parts);
  int ArticleOf(int i) const {
    for (int p = i; p >= 0; p = tree_.nodes()[p].parent) {
      if (Bits(p) & kArticle) return p;
    }
    return -1;
  }
  bool HaveToRemove(int i, int flags) const;
  void CleanConditionally(int root, int flags);
  bool DropOnOutput(int i, int flags) const;
  void Write(int i, int flags, TextWriter* w) const;
  bool IsTitle(int i) const;

  const PageTree& tree_;
  std::string title_;
  int title_length_;
  std::vector<NodeInfo> info_;
  // Per pass.
  std::vector<char> removed_;
  std::vector<Stats> stats_;
  std::vector<double> score_;
  std::vector<char> scored_;
  std::vector<int> candidates_;
};

void Extractor::MarkRemoved(int flags) {
  const auto& nodes = tree_.nodes();
  removed_.assign(nodes.size(), 0);
  for (size_t i = 0; i < nodes.size(); ++i) {
    const NodeInfo& in = info_[i];
    int parent = nodes[i].parent;
    if (parent >= 0 && removed_[parent]) {
      removed_[i] = 1;
      continue;
    }
    if (nodes[i].tag.empty()) continue;
    if ((in.bits & kNeverContent) || in.hidden || in.furniture ||
        ((flags & kStripUnlikely) && in.unlikely)) {
      removed_[i] = 1;
    }
  }
}

void Extractor::Measure(int i) {
  Stats s;
  const PageNode& n = tree_.nodes()[i];
  for (int c = n.first_child; c >= 0; c = tree_.nodes()[c].next_sibling) {
    if (removed_[c]) {
      // Readability counts inputs and embeds before it removes them.
      if (Bits(c) & kInput) ++s.inputs;
      if (Bits(c) & kEmbed) ++s.embeds;
      continue;
    }
    if (!Element(c)) {
      s.text += info_[c].text_length;
      s.commas += info_[c].commas;
      continue;
    }
    const Stats& cs = stats_[c];
    uint32_t b = Bits(c);
    s.text += cs.text;
    s.link += (b & kLink)
                  ? (tree_.nodes()[c].hash_link ? 0.3 * cs.text : cs.text)
                  : cs.link;
    s.commas += cs.commas;
    s.paragraphs += cs.paragraphs + ((b & kParagraph) ? 1 : 0);
    s.images += cs.images + ((b & kImg) ? 1 : 0);
    s.list_items += cs.list_items + ((b & kListItem) ? 1 : 0);
    s.inputs += cs.inputs;
    s.embeds += cs.embeds;
    s.heading_text += (b & kHeading) ? cs.text : cs.heading_text;
    s.list_text += (b & kListItem) ? cs.text : cs.list_text;
    s.has_block = s.has_block || cs.has_block || (b & (kBlock | kImg));
  }
  stats_[i] = s;
}

void Extractor::MeasureAll() {
  stats_.assign(tree_.nodes().size(), Stats());
  for (size_t i = tree_.nodes().size(); i-- > 0;) {
    if (!removed_[i] && Element(static_cast<int>(i))) {
      Measure(static_cast<int>(i));
    }
  }
}

void Extractor::Touch(int i, int flags) {
  if (scored_[i]) return;
  scored_[i] = 1;
  candidates_.push_back(i);
  score_[i] = info_[i].base_score +
              ((flags & kWeightClasses) ? info_[i].class_weight : 0);
}

// A paragraph's points go to its container in full, to the container's
// parent by half, and thinly further up, so that the element holding most
// of the paragraphs wins over both a single paragraph and the whole page.
void Extractor::AddUnit(int container, int length, int commas, int flags) {
  if (length < kMinUnitChars || container < 0) return;
  double points = 1 + commas + std::min(length / 100, 3);
  int node = container;
  for (int level = 0; level < 5 && node >= 0; ++level) {
    if (Bits(node) & kRoot) break;
    Touch(node, flags);
    double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
    score_[node] += points / divider;
    node = tree_.nodes()[node].parent;
  }
}

void Extractor::Score(int flags) {
  const auto& nodes = tree_.nodes();
  score_.assign(nodes.size(), 0);
  scored_.assign(nodes.size(), 0);
  candidates_.clear();
  for (size_t k = 0; k < nodes.size(); ++k) {
    int i = static_cast<int>(k);
    if (removed_[i] || !Element(i)) continue;
    uint32_t b = Bits(i);
    const Stats& s = stats_[i];
    if (b & kUnit) {
      AddUnit(nodes[i].parent, s.text, s.commas, flags);
      continue;
    }
    if (!(b & (kLeafUnit | kHoldsRuns))) continue;
    if (!s.has_block && !(b & kHoldsRuns)) {
      AddUnit(nodes[i].parent, s.text, s.commas, flags);
      continue;
    }
    if (!(b & kHoldsRuns)) continue;
    // Loose text: runs of inline content between blocks or double <br>s.
    struct Run {
      int length = 0;
      int commas = 0;
    };
    std::vector<Run> runs(1);
    bool last_br = false;
    for (int c = nodes[i].first_child; c >= 0;
         c = tree_.nodes()[c].next_sibling) {
      if (removed_[c]) continue;
      uint32_t cb = Bits(c);
      if (Element(c) && (cb & kBr)) {
        if (last_br && runs.back().length > 0) runs.emplace_back();
        last_br = true;
        continue;
      }
      if (!Element(c)) {
        if (info_[c].text_length == 0) continue;
        runs.back().length += info_[c].text_length;
        runs.back().commas += info_[c].commas;
      } else if ((cb & (kBlock | kImg)) || stats_[c].has_block) {
        if (runs.back().length > 0) runs.emplace_back();
      } else {
        runs.back().length += stats_[c].text;
        runs.back().commas += stats_[c].commas;
      }
      last_br = false;
    }
    if (!s.has_block && runs.size() == 1) {
      // A <div> of plain text is a paragraph (Readability turns it into
      // a <p>).
      AddUnit(nodes[i].parent, s.text, s.commas, flags);
      continue;
    }
    for (const Run& r : runs) AddUnit(i, r.length, r.commas, flags);
  }
  for (int c : candidates_) score_[c] *= 1 - LinkDensity(c);
}

int Extractor::PickTop(int flags) {
  const auto& nodes = tree_.nodes();
  if (candidates_.empty()) return -1;
  std::vector<int> top = candidates_;
  std::sort(top.begin(), top.end(),
            [&](int a, int b) { return score_[a] > score_[b]; });
  if (top.size() > 5) top.resize(5);
  int best = top[0];
  if (Bits(best) & kBody) return best;
  auto is_ancestor = [&](int a, int d) {
    return a <= d && d < info_[a].subtree_end;
  };
  auto at_body = [&](int i) { return i < 0 || (Bits(i) & (kBody | kRoot)); };

  // Readability: when several strong candidates share an ancestor, the
  // article is that ancestor (paragraphs split into sibling blocks).
  std::vector<int> alternatives;
  for (size_t k = 1; k < top.size(); ++k) {
    if (score_[top[k]] / score_[best] >= 0.75) alternatives.push_back(top[k]);
  }
  if (alternatives.size() >= 3) {
    for (int p = nodes[best].parent; !at_body(p); p = nodes[p].parent) {
      int holding = 0;
      for (int a : alternatives) holding += is_ancestor(p, a) ? 1 : 0;
      if (holding >= 3) {
        best = p;
        break;
      }
    }
  }
  Touch(best, flags);

  // Climb while the parent scores about as well: the article's paragraphs
  // may sit in several children of it.
  double last = score_[best];
  double threshold = last / 3;
  for (int p = nodes[best].parent; !at_body(p); p = nodes[p].parent) {
    if (!scored_[p]) continue;
    if (score_[p] < threshold) break;
    if (score_[p] > last) {
      best = p;
      break;
    }
    last = score_[p];
  }
  // A wrapper with one child is the same container.
  for (int p = nodes[best].parent; !at_body(p); p = nodes[p].parent) {
    int elements = 0;
    for (int c = nodes[p].first_child; c >= 0;
         c = tree_.nodes()[c].next_sibling) {
      if (!removed_[c] && Element(c)) ++elements;
    }
    if (elements != 1) break;
    best = p;
  }

  auto prose = [&](int i) { return stats_[i].text - stats_[i].link; };
  // A page-wide wrapper can win on its class names ("page", "content")
  // alone; the scored container inside it that holds nearly all of its
  // prose is the article.
  for (int k = info_[best].subtree_end; k-- > best + 1;) {
    if (!scored_[k] || removed_[k]) continue;
    if (prose(k) >= kNarrowShare * prose(best)) {
      best = k;
      break;
    }
  }
  // Prefer a container that names itself the article body when it holds
  // most of the candidate's text, or the candidate most of its text.
  int inner = -1;
  for (int k = best + 1; k < info_[best].subtree_end; ++k) {
    if (removed_[k] || !info_[k].known_body) continue;
    if (inner < 0 || prose(k) > prose(inner)) inner = k;
  }
  if (inner >= 0 && prose(inner) >= 0.7 * prose(best)) {
    best = inner;
  } else {
    int depth = 0;
    for (int p = nodes[best].parent; !at_body(p) && depth < 4;
         p = nodes[p].parent, ++depth) {
      if (!info_[p].known_body) continue;
      if (prose(best) >= 0.6 * prose(p)) best = p;
      break;
    }
  }
  Touch(best, flags);
  return best;
}

std::vector<int> Extractor::Siblings(int top) {
  const auto& nodes = tree_.nodes();
  int parent = nodes[top].parent;
  if ((Bits(top) & kBody) || parent < 0) return {top};
  static const RE2 kSentenceEnd("\\.( |$)");
  double threshold = std::max(10.0, score_[top] * 0.2);
  std::vector<int> out;
  for (int s = nodes[parent].first_child; s >= 0;
       s = tree_.nodes()[s].next_sibling) {
    if (removed_[s] || !Element(s)) continue;
    if (s == top) {
      out.push_back(s);
      continue;
    }
    double bonus = 0;
    if (!nodes[top].class_name.empty() &&
        nodes[s].class_name == nodes[top].class_name) {
      bonus = score_[top] * 0.2;
    }
    if (scored_[s] && score_[s] + bonus >= threshold) {
      out.push_back(s);
      continue;
    }
    bool paragraph =
        (Bits(s) & kUnit) || ((Bits(s) & kHoldsRuns) && !stats_[s].has_block);
    if (!paragraph) continue;
    double density = LinkDensity(s);
    int length = stats_[s].text;
    if (length > 80 && density < 0.25) {
      out.push_back(s);
    } else if (length < 80 && length > 0 && density == 0) {
      TextWriter w;
      Write(s, 0, &w);
      std::string text = w.Take();
      if (RE2::PartialMatch(text, kSentenceEnd)) out.push_back(s);
    }
  }
  return out;
}

// Modern templates cut a story into several blocks of the same class
// around embedded media, not always at the same depth; Readability's
// sibling rule only sees the blocks next to the winner. A block of the
// winner's tag and class elsewhere in the same <article> (or page, when
// there is none) is more of the story when it reads as prose.
void Extractor::AddCousins(int top, std::vector<int>* parts) {
  const auto& nodes = tree_.nodes();
  std::string_view cls = nodes[top].class_name;
  if (cls.empty()) return;
  int article = ArticleOf(top);
  auto inside_parts = [&](int k) {
    for (int p : *parts) {
      if (p <= k && k < info_[p].subtree_end) return true;
    }
    return false;
  };
  std::vector<int> found;
  int lo = article >= 0 ? article : 0;
  int hi = article >= 0 ? info_[article].subtree_end
                        : static_cast<int>(nodes.size());
  for (int k = lo; k < hi; ++k) {
    if (removed_[k]) {
      k = info_[k].subtree_end - 1;
      continue;
    }
    if (k == top || nodes[k].class_name != cls ||
        nodes[k].tag != nodes[top].tag) {
      continue;
    }
    if (inside_parts(k) || (k < top && top < info_[k].subtree_end)) continue;
    if (ArticleOf(k) != article) continue;
    if (stats_[k].text - stats_[k].link < 100 || LinkDensity(k) > 0.25) {
      continue;
    }
    found.push_back(k);
    k = info_[k].subtree_end - 1;
  }
  if (found.empty()) return;
  parts->insert(parts->end(), found.begin(), found.end());
  std::sort(parts->begin(), parts->end());
}

// Readability's _cleanConditionally: drops blocks inside the article that
// look like furniture by their make-up (mostly links, more list items or
// images than paragraphs, form fields, embeds).
bool Extractor::HaveToRemove(int i, int flags) const {
  const Stats& s = stats_[i];
  uint32_t b = Bits(i);
  bool is_list = (b & kList) != 0;
  if (!is_list && s.text > 0 && s.list_text > 0.9 * s.text) is_list = true;
  int weight = (flags & kWeightClasses) ? info_[i].class_weight : 0;
  if (weight < 0) return true;
  if (s.commas >= 10) return false;
  int p = s.paragraphs;
  int img = s.images;
  int li = s.list_items - 100;
  double heading_density =
      s.text == 0 ? 0 : static_cast<double>(s.heading_text) / s.text;
  double density = LinkDensity(i);
  int length = s.text;
  return (img > 1 && static_cast<double>(p) / img < 0.5) ||
         (!is_list && li > p) || (s.inputs > p / 3) ||
         (!is_list && heading_density < 0.9 && length < 25 &&
          (img == 0 || img > 2)) ||
         (!is_list && weight < 25 && density > 0.2) ||
         (weight >= 25 && density > 0.5) || (s.embeds == 1 && length < 75) ||
         s.embeds > 1;
}

void Extractor::CleanConditionally(int root, int flags) {
  for (int k = info_[root].subtree_end; k-- > root;) {
    if (removed_[k] || !Element(k)) continue;
    Measure(k);
    if (k != root && (flags & kCleanConditionally) &&
        (Bits(k) & kConditional) && !info_[k].in_embed &&
        HaveToRemove(k, flags)) {
      removed_[k] = 1;
      for (int d = k + 1; d < info_[k].subtree_end; ++d) removed_[d] = 1;
    }
  }
}

// The page's headline: an <h1> that is part of the title (which may carry
// the site's name) or holds it, or any other block that repeats it.
bool Extractor::IsTitle(int i) const {
  if (title_.empty()) return false;
  bool h1 = Bits(i) & kH1;
  if (!h1 && std::abs(stats_[i].text - title_length_) > 2) return false;
  // The block's text as output would write it, but without testing the
  // blocks inside it for the title in turn: each such test writes the
  // inner block's text again, so blocks nested in blocks of about the
  // title's length took time exponential in their depth. Where an inner
  // block alone repeats the title, the block around it is taken for the
  // title instead, which drops the same text.
  TextWriter w;
  Write(i, kKeepTitles, &w);
  std::string text = Squash(w.Take());
  if (text.empty()) return false;
  if (text == title_) return true;
  return h1 && (title_.find(text) != std::string::npos ||
                text.find(title_) != std::string::npos);
}

// Blocks of the chosen container that are not story text.
bool Extractor::DropOnOutput(int i, int flags) const {
  uint32_t b = Bits(i);
  const Stats& s = stats_[i];
  if ((b & kBlock) && !(flags & kKeepTitles) && IsTitle(i)) return true;
  if (info_[i].in_embed) return false;
  // Captions outside <figure>: a picture's words, not the story's.
  if (info_[i].caption && s.text < 300) return true;
  if (b & kTime) {
    // A date inside a sentence is text; a date on its own is a dateline.
    int block = tree_.nodes()[i].parent;
    while (block >= 0 && !(Bits(block) & kBlock)) {
      block = tree_.nodes()[block].parent;
    }
    bool sentence = block >= 0 && (Bits(block) & (kUnit | kListItem)) &&
                    stats_[block].text - s.text >= 50;
    return !sentence;
  }
  if ((b & kHeading) && (flags & kWeightClasses) && info_[i].class_weight < 0) {
    return true;
  }
  // Lists and paragraphs of links: "related", "read more", tag clouds.
  // A block that is mostly links is a list of other stories, unless it
  // also says something of its own (a summary after a linked headline).
  return (b & kBlock) && s.text > 0 && LinkDensity(i) > 0.5 &&
         s.text - s.link < 60;
}

void Extractor::Write(int i, int flags, TextWriter* w) const {
  for (int c = tree_.nodes()[i].first_child; c >= 0;
       c = tree_.nodes()[c].next_sibling) {
    if (removed_[c]) continue;
    const PageNode& n = tree_.nodes()[c];
    if (n.tag.empty()) {
      w->Text(n.text);
      continue;
    }
    uint32_t b = Bits(c);
    if (b & kBr) {
      w->LineBreak();
      continue;
    }
    if (flags >= 0 && DropOnOutput(c, flags)) continue;
    bool block = (b & kBlock) != 0;
    if (block) w->Break(2);
    Write(c, flags, w);
    if (block) w->Break(2);
  }
}

std::string Extractor::Run(int flags) {
  if (tree_.nodes().empty()) return "";
  MarkRemoved(flags);
  MeasureAll();
  Score(flags);
  int top = PickTop(flags);
  if (top < 0) return "";
  std::vector<int> parts = Siblings(top);
  AddCousins(top, &parts);

  TextWriter w;
  for (int part : parts) {
    CleanConditionally(part, flags);
    if (removed_[part]) continue;
    if (DropOnOutput(part, flags)) continue;
    w.Break(2);
    Write(part, flags, &w);
    w.Break(2);
  }
  return w.Take();
}

std::string Extractor::LargestArticle() {
  MarkRemoved(kStripUnlikely);
  MeasureAll();
  int best = -1;
  for (size_t k = 0; k < tree_.nodes().size(); ++k) {
    int i = static_cast<int>(k);
    if (removed_[i] || !(Bits(i) & kArticle)) continue;
    if (best < 0 || stats_[i].text > stats_[best].text) best = i;
  }
  if (best < 0) return "";
  TextWriter w;
  Write(best, kWeightClasses, &w);
  return w.Take();
}

std::string Extractor::WholePage() {
  MarkRemoved(0);
  MeasureAll();
  TextWriter w;
  Write(0, -1, &w);
  return w.Take();
}

}  // namespace

std::string ExtractArticleText(const PageTree& tree, std::string_view title) {
  if (tree.nodes().empty()) return "";
  Extractor ex(tree, title, /*drop_furniture=*/true);
  // Readability's retry: each pass relaxes one rule until one finds an
  // article-sized text.
  std::string best;
  for (int flags : {int{kAllFlags}, kAllFlags & ~kStripUnlikely,
                    int{kCleanConditionally}, 0}) {
    std::string text = ex.Run(flags);
    if (VisibleLength(text) >= kMinArticleChars) return text;
    // Unlike Readability, which keeps the longest attempt, a looser pass
    // must find much more to beat a stricter one: on a short page the
    // extra text is the furniture the strict pass dropped.
    if (text.size() > 2 * best.size()) best = std::move(text);
  }
  // Then the layout's own answers, but only when they find an article:
  // on a page that short the strict passes' text is the cleaner one.
  for (std::string text : {ex.LargestArticle(), ex.WholePage()}) {
    if (VisibleLength(text) >= kMinArticleChars) return text;
    if (best.empty()) best = std::move(text);
  }
  return best;
}

std::string TreeText(const PageTree& tree) {
  if (tree.nodes().empty()) return "";
  Extractor ex(tree, "", /*drop_furniture=*/false);
  return ex.WholePage();
}

}  // namespace ct::ingest
