// Claim extraction on arbitrary text. Besides crashes, leaks and undefined
// behaviour, it checks what every claim must satisfy whatever the text:
// its offsets lie inside the text, its surface is the text between them,
// and its interval is not upside down.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "extract/claim_extractor.h"
#include "fuzz/check.h"

namespace {

// Built once: the gazetteer and patterns are the expensive part, and
// Extract() is const.
const ct::extract::ClaimExtractor& Extractor() {
  static const ct::extract::ClaimExtractor* extractor = [] {
    auto created = ct::extract::ClaimExtractor::Create({});
    CT_FUZZ_CHECK(created.ok());
    return std::move(created).value().release();
  }();
  return *extractor;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const ct::extract::Claim& c : Extractor().Extract(text)) {
    CT_FUZZ_CHECK(c.start <= c.end);
    CT_FUZZ_CHECK(c.end <= text.size());
    CT_FUZZ_CHECK(c.surface == text.substr(c.start, c.end - c.start));
    if (c.low && c.high) CT_FUZZ_CHECK(*c.low <= *c.high);
  }
  return 0;
}
