// OPML, the outline format feed readers exchange subscriptions in.
// Thread-safe: pure functions.

#ifndef CT_INGEST_OPML_H_
#define CT_INGEST_OPML_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace ct::ingest {

struct OpmlFeed {
  std::string title;
  std::string url;  // xmlUrl.
};

// The feeds of an OPML document, nested outlines included. The bytes may
// be in any charset (ingest/charset.h); titles and URLs come back UTF-8.
// InvalidArgument when it is not OPML.
Result<std::vector<OpmlFeed>> ParseOpml(std::string_view bytes);

// An OPML 2.0 document listing `feeds`, escaped.
std::string WriteOpml(const std::vector<OpmlFeed>& feeds,
                      std::string_view title);

bool LooksLikeOpml(std::string_view bytes);

}  // namespace ct::ingest

#endif  // CT_INGEST_OPML_H_
