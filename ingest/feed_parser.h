// Feeds: RSS 0.9x/2.0, RDF/RSS 1.0, Atom 1.0 (and 0.3) and JSON Feed, parsed
// with libxml2 in recover mode (Poco JSON for JSON Feed), so that broken
// feeds still give what they hold.
//
// Text constructs are entity-decoded. HTML in summaries and content is
// sanitised (no scripts, event handlers or javascript: URLs) and its
// relative URLs made absolute against xml:base or the document URL; each
// entry also carries a plain-text copy for claim extraction. Dates are RFC
// 3339 UTC (ingest/dates.h), or empty when unreadable: never guessed.
//
// Thread-safe: pure functions.

#ifndef CT_INGEST_FEED_PARSER_H_
#define CT_INGEST_FEED_PARSER_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace ct::ingest {

struct FeedEntry {
  std::string title;      // Plain text.
  std::string link;       // Absolute URL of the alternate link.
  std::string id;         // Atom id or RSS guid.
  std::string published;  // RFC 3339 UTC or empty.
  std::string updated;
  std::string summary;  // Sanitised HTML, or plain text for text constructs.
  std::string content;  // The same, for the full content.
  std::string author;   // The name only.
  std::string text;     // Plain text of content, else of summary.
};

struct Feed {
  std::string title;
  std::string link;
  std::string author;
  std::string published;
  std::string updated;
  std::vector<FeedEntry> entries;
  // Not well-formed, or the declared charset was wrong: the parse is the
  // best that recovery could do. `bozo_message` says why.
  bool bozo = false;
  std::string bozo_message;
  std::string encoding;  // The charset the bytes were decoded with.
};

struct FeedInput {
  std::string_view bytes;        // As received, not transcoded.
  std::string url;               // The document URL, the base for links.
  std::string content_type;      // HTTP Content-Type, if fetched.
  std::string content_location;  // HTTP Content-Location, if any.
};

// InvalidArgument when the bytes hold no feed at all (an HTML page, random
// bytes); everything else parses, flagged bozo when it had to be repaired.
Result<Feed> ParseFeed(const FeedInput& input);

// Whether bytes look like a feed (RSS, RDF, Atom or JSON Feed).
bool LooksLikeFeed(std::string_view bytes);

}  // namespace ct::ingest

#endif  // CT_INGEST_FEED_PARSER_H_
