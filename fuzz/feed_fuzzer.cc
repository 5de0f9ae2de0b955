// Feeds as fetched: RSS, RDF, Atom and JSON Feed bytes in any encoding
// (ingest/feed_parser.h). The input's length picks the transport's
// Content-Type and Content-Location from a small table, so that the
// charset and base-URL paths are reached as well as the document's own
// declarations; the bytes are the document whole.
//
// Checked beyond crashes: every string of a parsed feed is UTF-8, whatever
// the bytes were (the parser decodes them before anything else).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/check.h"
#include "ingest/charset.h"
#include "ingest/feed_parser.h"

namespace {

using ct::ingest::IsValidUtf8;

struct Transport {
  const char* content_type;
  const char* content_location;
};

constexpr Transport kTransports[] = {
    {"", ""},
    {"application/rss+xml", ""},
    {"application/atom+xml; charset=utf-8", "/feeds/atom.xml"},
    {"text/xml; charset=iso-8859-1", ""},
    {"text/html", "https://cdn.example/mirror/feed"},
    {"application/feed+json", ""},
    {"text/plain; charset=shift_jis", ""},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)ct::ingest::LooksLikeFeed(bytes);

  const Transport& t = kTransports[size % std::size(kTransports)];
  ct::ingest::FeedInput in;
  in.bytes = bytes;
  in.url = "https://wire.example/news/feed.xml";
  in.content_type = t.content_type;
  in.content_location = t.content_location;
  auto feed = ct::ingest::ParseFeed(in);
  if (!feed.ok()) return 0;

  for (const std::string* s : {&feed->title, &feed->link, &feed->author,
                               &feed->published, &feed->updated}) {
    CT_FUZZ_CHECK(IsValidUtf8(*s));
  }
  for (const ct::ingest::FeedEntry& e : feed->entries) {
    for (const std::string* s :
         {&e.title, &e.link, &e.id, &e.published, &e.updated, &e.summary,
          &e.content, &e.author, &e.text}) {
      CT_FUZZ_CHECK(IsValidUtf8(*s));
    }
  }
  return 0;
}
