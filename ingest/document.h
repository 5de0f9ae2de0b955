// Document: one article as ingest hands it to the store, whatever it came
// from (a local file, a feed entry, a web page). Plain data.

#ifndef CT_INGEST_DOCUMENT_H_
#define CT_INGEST_DOCUMENT_H_

#include <string>

namespace ct::ingest {

struct Document {
  std::string url;            // Where it was read: https://... or file:///...
  std::string canonical_url;  // The page's own canonical URL, if it names one.
  std::string guid;           // A feed entry's id, if any.
  std::string title;
  std::string author;
  std::string published;  // RFC 3339 in UTC ("2026-05-06T09:00:00Z"), or
                          // empty when unknown: never guessed.
  std::string outlet;     // The publication: "Example Daily".
  std::string text;       // Plain text; paragraphs separated by blank lines.
};

}  // namespace ct::ingest

#endif  // CT_INGEST_DOCUMENT_H_
