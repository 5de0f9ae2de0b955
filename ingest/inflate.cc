#include "ingest/inflate.h"

#include <zlib.h>

namespace ct::ingest {

struct Inflater::State {
  z_stream z{};
  bool ok = false;
  bool done = false;
};

Inflater::Inflater(size_t max_bytes, bool raw)
    : state_(std::make_unique<State>()), max_bytes_(max_bytes) {
  // 15 + 32: zlib or gzip, detected from the header; -15: raw deflate.
  state_->ok = inflateInit2(&state_->z, raw ? -15 : 15 + 32) == Z_OK;
}

Inflater::~Inflater() {
  if (state_->ok) inflateEnd(&state_->z);
}

Status Inflater::Feed(std::string_view in, std::string* out) {
  if (!state_->ok) return Status::Internal("cannot start the decompressor");
  z_stream& z = state_->z;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  char buf[65536];
  while (z.avail_in > 0 && !state_->done) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    int rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      return Status::InvalidArgument("corrupt compressed data");
    }
    out->append(buf, sizeof buf - z.avail_out);
    if (out->size() > max_bytes_) {
      return Status::TooLarge("inflates past " + std::to_string(max_bytes_) +
                              " bytes");
    }
    if (rc == Z_STREAM_END) state_->done = true;
    if (rc == Z_BUF_ERROR && z.avail_out != 0) break;  // Needs more input.
  }
  return Status::Ok();
}

Status Inflater::Finish() const {
  if (!state_->done)
    return Status::InvalidArgument("truncated compressed data");
  return Status::Ok();
}

}  // namespace ct::ingest
