// Charset: bytes of unknown encoding to UTF-8.
//
// The encoding is taken from, in order: a byte-order mark, the encoding a
// caller learnt from the transport (HTTP Content-Type), the document's own
// declaration (XML declaration, HTML meta), valid UTF-8 as it stands, ICU's
// charset detector, and finally windows-1252, which decodes any byte.
//
// Thread-safe: pure functions.

#ifndef CT_INGEST_CHARSET_H_
#define CT_INGEST_CHARSET_H_

#include <string>
#include <string_view>

#include "common/status.h"

namespace ct::ingest {

struct Decoded {
  std::string utf8;
  std::string charset;  // What was used, as ICU names it: "UTF-8".
};

// `declared` may be empty. Fails only when ICU cannot convert at all.
Result<Decoded> DecodeToUtf8(std::string_view bytes,
                             std::string_view declared = {});

// The charset a document declares in its first bytes: <?xml encoding=...?>,
// <meta charset=...>, <meta http-equiv=Content-Type content=...>; or empty.
std::string DeclaredCharset(std::string_view bytes);

bool IsValidUtf8(std::string_view bytes);

}  // namespace ct::ingest

#endif  // CT_INGEST_CHARSET_H_
