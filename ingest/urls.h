// URLs as keys: the same article reached through tracking links must be one
// article. Thread-safe: pure functions.

#ifndef CT_INGEST_URLS_H_
#define CT_INGEST_URLS_H_

#include <string>

namespace ct::ingest {

// The URL without its fragment and without tracking parameters (utm_*,
// fbclid, gclid, mc_cid, mc_eid, ...), with the scheme and host in lower
// case. A string that is not a URL comes back as it is.
std::string CanonicalUrl(const std::string& url);

// "news.example.com" for "https://news.example.com:8443/a"; empty if none.
std::string HostOf(const std::string& url);

// `ref` resolved against `base`; `ref` itself when either cannot be read.
std::string ResolveUrl(const std::string& base, const std::string& ref);

}  // namespace ct::ingest

#endif  // CT_INGEST_URLS_H_
