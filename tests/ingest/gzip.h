// gzip for tests: the bytes a server or a file would hold.

#ifndef CT_TESTS_INGEST_GZIP_H_
#define CT_TESTS_INGEST_GZIP_H_

#include <zlib.h>

#include <string>

namespace ct::testing {

inline std::string Gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace ct::testing

#endif  // CT_TESTS_INGEST_GZIP_H_
