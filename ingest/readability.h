// Article-body extraction in the manner of Mozilla's Readability: drop page
// furniture (scripts, menus, cookie banners, share bars, related boxes),
// score the containers of paragraphs, take the best container with the
// siblings that belong to it, clean it, and write its text as paragraphs.
//
// The scorer reads a PageTree, a light copy of the DOM holding only what
// the rules look at, as views into the parsed page. html_page.cc builds it
// from libxml2; keeping the scorer free of libxml2 lets it re-run with
// looser rules (as Readability does when a strict pass finds too little)
// without re-parsing the page or mutating the parser's tree.
//
// The rules, in order: drop furniture by what it says and how it is built
// (ingest/furniture.h: consent banners, sign-up boxes, "read next" blocks,
// legal lines, share counts), in every pass; by tag (script, nav, aside,
// header, footer, figure...), by class, id or ARIA role (cookie, share,
// comment, related...) unless the name also says content (but
// "article-footer" is a footer), and hidden elements; give each paragraph
// points (1 + commas + length/100, at most 3) to its container and less
// to the container's ancestors, weigh containers by class name and link
// density; take the best one, narrowed to a container
// that holds nearly all of its prose or that names itself the body, with
// the siblings and same-class blocks that read as story; drop the blocks
// inside that look like furniture (Readability's conditional cleaning),
// and on output the headline, captions, datelines and link lists.
//
// Thread-safe: pure functions over const data.

#ifndef CT_INGEST_READABILITY_H_
#define CT_INGEST_READABILITY_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ct::ingest {

// One element or text node of a page. In a PageTree the strings are views
// of the tree's own copies.
struct PageNode {
  std::string_view tag;   // Lower-case element name; empty for a text node.
  std::string_view text;  // A text node's text: UTF-8, entities decoded.
  // The attributes the rules read, as written in the page.
  std::string_view class_name;
  std::string_view id;
  std::string_view role;
  std::string_view itemprop;
  std::string_view style;
  bool hidden = false;     // `hidden` attribute, or aria-hidden="true".
  bool hash_link = false;  // An <a> whose href starts with '#'.
  bool modal = false;      // aria-modal="true": a dialog over the page.
  // 0 for the root; at most PageTree::kMaxDepth.
  int depth = 0;
  // Indices in PageTree::nodes; -1 for none.
  int parent = -1;
  int first_child = -1;
  int last_child = -1;
  int next_sibling = -1;
};

// A page's nodes in document order (a parent comes before its children);
// nodes[0] is the root element. An empty tree is a page without text.
// The tree owns copies of its strings, so the parser's document can be
// freed before the (memory-hungry) scoring starts. Move-only.
//
// No node is deeper than kMaxDepth: one that would be joins its parent's
// parent instead, as browsers flatten markup nested past their limit. The
// text stays, in order, and the scorer's walks up and down the tree stay
// short however deep a page nests its elements.
class PageTree {
 public:
  static constexpr int kMaxDepth = 256;

  PageTree() = default;
  PageTree(PageTree&&) = default;
  PageTree& operator=(PageTree&&) = default;
  PageTree(const PageTree&) = delete;
  PageTree& operator=(const PageTree&) = delete;

  // Room for `nodes` nodes, so that a large page is not copied as it grows.
  void Reserve(size_t nodes) { nodes_.reserve(nodes); }

  // Appends `node`, with copies of its strings, as the last child of
  // `parent` (-1 for the root), or of the parent's parent when `parent` is
  // at kMaxDepth, and returns its index. The tree fields of `node` (depth,
  // parent, children, sibling) are ignored.
  // REQUIRES: parent == -1 only for the first node, else
  // parent < nodes().size(), and nodes are added in document order: every
  // node added since `parent` lies in `parent`'s subtree.
  int Add(const PageNode& node, int parent);

  const std::vector<PageNode>& nodes() const { return nodes_; }

 private:
  std::string_view Copy(std::string_view s);

  std::vector<PageNode> nodes_;
  // The strings, packed into blocks that never move.
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* free_ = nullptr;  // Unused part of the last block...
  size_t free_size_ = 0;  // ...and its size.
};

// The article text of a page: paragraphs separated by blank lines, a <br>
// as a line break (two in a row end a paragraph), inline text joined as
// written. The page's own headline (a block that repeats `title`), bylines,
// datelines, captions and link lists are left out. When the strict rules
// find under ~250 characters, looser ones run, then the largest <article>,
// then the whole page; a page that short gets the strictest non-empty
// answer. Returns "" when the page holds no text, or only furniture.
std::string ExtractArticleText(const PageTree& tree, std::string_view title);

// All the text of a tree without selection (scripts and hidden elements
// still left out, furniture kept), for fragments such as an HTML-escaped
// JSON-LD articleBody. Returns "" for an empty tree.
std::string TreeText(const PageTree& tree);

}  // namespace ct::ingest

#endif  // CT_INGEST_READABILITY_H_
