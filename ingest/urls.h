// URLs as keys: the same article reached through tracking links must be one
// article. And URLs as written: resolving a feed's relative links without
// touching the rest of them.
//
// Thread-safe: pure functions.

#ifndef CT_INGEST_URLS_H_
#define CT_INGEST_URLS_H_

#include <string>
#include <string_view>

namespace ct::ingest {

// The URL without its fragment and without tracking parameters (utm_*,
// fbclid, gclid, mc_cid, mc_eid, ...), with the scheme and host in lower
// case. A string that is not a URL comes back as it is.
std::string CanonicalUrl(const std::string& url);

// "news.example.com" for "https://news.example.com:8443/a"; empty if none.
std::string HostOf(const std::string& url);

// `ref` resolved against `base`; `ref` itself when either cannot be read.
// Normalises the result as Poco::URI does: the host in lower case, "%7E"
// in the path decoded to "~", non-ASCII characters percent-encoded.
std::string ResolveUrl(const std::string& base, const std::string& ref);

// `ref` resolved against `base` by RFC 3986, section 5.2, without
// normalising: unlike ResolveUrl(), it leaves the host's case,
// percent-escapes and non-ASCII characters as written, and changes nothing
// but the dot segments it removes. Feed ids are compared as strings, and
// links must stay as the publisher spelled them. White space around either
// argument is ignored. An absolute `ref` comes back as it is; so does any
// `ref` when `base` is not absolute itself.
std::string ResolveUrlVerbatim(std::string_view base, std::string_view ref);

}  // namespace ct::ingest

#endif  // CT_INGEST_URLS_H_
