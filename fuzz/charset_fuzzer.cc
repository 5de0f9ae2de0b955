// Charset detection and decoding (ingest/charset.h). The input's first line
// is a charset label as a server might send it (often empty, sometimes
// nonsense); the rest is the document. The whole input is also decoded
// with no label, as a local file is.
//
// Checked beyond crashes: a successful decode is valid UTF-8 and names the
// charset it used.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/check.h"
#include "ingest/charset.h"

namespace {

void Decode(std::string_view bytes, std::string_view label) {
  auto d = ct::ingest::DecodeToUtf8(bytes, label);
  if (!d.ok()) return;
  CT_FUZZ_CHECK(ct::ingest::IsValidUtf8(d->utf8));
  CT_FUZZ_CHECK(!d->charset.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)ct::ingest::DeclaredCharset(in);
  (void)ct::ingest::IsValidUtf8(in);
  Decode(in, {});
  size_t eol = in.find('\n');
  if (eol != std::string_view::npos && eol <= 64) {
    Decode(in.substr(eol + 1), in.substr(0, eol));
  }
  return 0;
}
