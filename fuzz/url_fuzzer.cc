// URLs as keys and as written (ingest/urls.h), and the safety test links
// pass (ingest/html_sanitizer.h). The input is a base URL, a newline and
// a reference; without a newline it is both.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/check.h"
#include "ingest/fetcher.h"
#include "ingest/html_sanitizer.h"
#include "ingest/urls.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> parts = ct::fuzz::Split(in, '\n', 2);
  std::string base(parts[0]);
  std::string ref(parts.back());
  for (const std::string* url : {&base, &ref}) {
    (void)ct::ingest::CanonicalUrl(*url);
    (void)ct::ingest::HostOf(*url);
    (void)ct::ingest::IsHttpUrl(*url);
    (void)ct::ingest::IsSafeUrl(*url);
  }
  (void)ct::ingest::ResolveUrl(base, ref);
  std::string verbatim = ct::ingest::ResolveUrlVerbatim(base, ref);
  (void)ct::ingest::IsSafeUrl(verbatim);
  return 0;
}
