// Streaming gzip/zlib/raw-deflate decompression under a size cap: output
// past the cap is refused as soon as it appears, so a gzip bomb is never
// inflated whole. Internal to ingest/. Not thread-safe per object.

#ifndef CT_INGEST_INFLATE_H_
#define CT_INGEST_INFLATE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace ct::ingest {

class Inflater {
 public:
  // `raw` reads headerless deflate; otherwise gzip and zlib are detected.
  Inflater(size_t max_bytes, bool raw = false);
  ~Inflater();
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  // Inflates the next input bytes, appending to `out`. TooLarge when the
  // output passes the cap, InvalidArgument when the data is corrupt.
  Status Feed(std::string_view in, std::string* out);
  // InvalidArgument when the stream ended before its end marker.
  Status Finish() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
  size_t max_bytes_;
};

}  // namespace ct::ingest

#endif  // CT_INGEST_INFLATE_H_
