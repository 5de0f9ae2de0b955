// OPML subscription lists (ingest/opml.h).
//
// Checked beyond crashes: titles and URLs are UTF-8 whatever the bytes
// were, and the feeds read from a document survive being written out and
// read back, as an export and re-import must.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz/check.h"
#include "ingest/charset.h"
#include "ingest/opml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)ct::ingest::LooksLikeOpml(in);
  auto feeds = ct::ingest::ParseOpml(in);
  if (!feeds.ok()) return 0;
  for (const ct::ingest::OpmlFeed& f : *feeds) {
    CT_FUZZ_CHECK(ct::ingest::IsValidUtf8(f.title));
    CT_FUZZ_CHECK(ct::ingest::IsValidUtf8(f.url));
  }
  auto again = ct::ingest::ParseOpml(ct::ingest::WriteOpml(*feeds, "Export"));
  CT_FUZZ_CHECK(again.ok());
  CT_FUZZ_CHECK(again->size() == feeds->size());
  for (size_t i = 0; i < feeds->size(); ++i) {
    CT_FUZZ_CHECK((*again)[i].title == (*feeds)[i].title);
    CT_FUZZ_CHECK((*again)[i].url == (*feeds)[i].url);
  }
  return 0;
}
