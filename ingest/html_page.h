// HTML pages: metadata and article text, parsed with libxml2 in recover
// mode so that broken markup still yields its text.
//
// Metadata comes from OpenGraph and article meta tags, then schema.org
// JSON-LD (headline, datePublished, author, publisher), <title>, <time> and
// the canonical link. The text is the article body, found by scoring the
// page's containers of paragraphs (see ingest/readability.h): without
// scripts, menus, cookie banners, newsletter boxes, share bars and counts,
// related boxes, captions, bylines, the headline and footers. Block elements
// become paragraphs separated by blank lines. A JSON-LD articleBody replaces
// the text when it is long and the page's own layout gave much less (a
// paywalled teaser).
//
// Thread-safe: pure functions (libxml2 is initialised once).

#ifndef CT_INGEST_HTML_PAGE_H_
#define CT_INGEST_HTML_PAGE_H_

#include <string>
#include <string_view>

#include "common/status.h"
#include "ingest/document.h"

namespace ct::ingest {

// `html` must be UTF-8 (see ingest/charset.h). `url` is where the page was
// read; it resolves a relative canonical link. Fails only when libxml2
// yields no document at all.
Result<Document> ParseHtmlPage(std::string_view html, const std::string& url);

// Whether bytes look like HTML rather than plain text.
bool LooksLikeHtml(std::string_view bytes);

}  // namespace ct::ingest

#endif  // CT_INGEST_HTML_PAGE_H_
