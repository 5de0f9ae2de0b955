// Page furniture that no article holds, found by what a block says and how
// it is built rather than by its class names (which the scorer in
// ingest/readability.cc reads): consent banners, newsletter sign-up boxes,
// "read next" and "more stories" blocks, the legal lines of a footer, and
// share, comment and reading-time counts. Sites name these blocks with
// hashed or utility class names as often as with telling ones, and put
// them inside <main> and <article>, next to the story, so the scorer's
// choice of container does not leave them out.
//
// Each rule is a named record (see kRules in furniture.cc) that looks at
// one element's summary: its text when short, with the furniture already
// found inside it left out, its links, its form controls, and its role and
// style. The tree is read bottom-up once; a block whose inner furniture
// leaves only a heading or a button is furniture too.
//
// The rules are written so that a story's own paragraphs survive when
// they speak of cookies, newsletters, shares or comments: a paragraph
// about a fine for a cookie banner has no button to accept it, and a
// paragraph that names a newsletter once does not ask for an e-mail.
//
// Thread-safe: pure functions over const data. Nothing keeps a reference
// to the tree.

#ifndef CT_INGEST_FURNITURE_H_
#define CT_INGEST_FURNITURE_H_

#include <string_view>
#include <vector>

#include "ingest/readability.h"

namespace ct::ingest {

// For each node of `tree` (same indices), the name of the rule that makes
// it the top of a furniture block, whose whole subtree is then furniture;
// empty for the others. The names are static strings ("consent",
// "signup", "legal", "legal-tail", "related", "related-heading",
// "reactions", "overlay", "wrapper"). An empty tree gives an empty vector.
std::vector<std::string_view> FindFurniture(const PageTree& tree);

}  // namespace ct::ingest

#endif  // CT_INGEST_FURNITURE_H_
