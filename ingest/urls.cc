#include "ingest/urls.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <re2/re2.h>

#include <algorithm>

#include "common/text.h"

namespace ct::ingest {
namespace {

using text::Trim;

bool IsTracking(const std::string& key) {
  static const char* kExact[] = {"fbclid", "gclid",  "dclid",  "msclkid",
                                 "mc_cid", "mc_eid", "yclid",  "igshid",
                                 "_hsenc", "_hsmi",  "mkt_tok"};
  if (key.rfind("utm_", 0) == 0) return true;
  return std::any_of(std::begin(kExact), std::end(kExact),
                     [&](const char* k) { return key == k; });
}

// ResolveUrlVerbatim() resolves references itself (RFC 3986, section 5.2)
// instead of with Poco::URI because Poco normalises what it parses: it
// lower-cases hosts, decodes %7E, and percent-encodes non-ASCII characters.
// Ids must come out byte for byte as the feed wrote them, and links as the
// publisher spelled them.
struct UriParts {
  bool has_scheme = false;
  bool has_authority = false;
  bool has_query = false;
  bool has_fragment = false;
  std::string scheme, authority, path, query, fragment;
};

UriParts SplitUri(std::string_view s) {
  // The regular expression of RFC 3986, appendix B, with "." matching line
  // breaks too: a link split over lines in the source must still parse,
  // or its fragment would be lost on one pass and not the next.
  static const RE2 kUri(
      "(?s)(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\\?([^#]*))?(#(.*))?");
  UriParts p;
  std::string scheme_part, authority_part, query_part, fragment_part;
  re2::StringPiece in(s.data(), s.size());
  RE2::FullMatch(in, kUri, &scheme_part, &p.scheme, &authority_part,
                 &p.authority, &p.path, &query_part, &p.query, &fragment_part,
                 &p.fragment);
  p.has_scheme = !scheme_part.empty();
  p.has_authority = !authority_part.empty();
  p.has_query = !query_part.empty();
  p.has_fragment = !fragment_part.empty();
  return p;
}

std::string RemoveDotSegments(std::string_view path) {
  std::string in(path);
  std::string out;
  while (!in.empty()) {
    if (in.rfind("../", 0) == 0) {
      in.erase(0, 3);
    } else if (in.rfind("./", 0) == 0) {
      in.erase(0, 2);
    } else if (in.rfind("/./", 0) == 0) {
      in.replace(0, 3, "/");
    } else if (in == "/.") {
      in = "/";
    } else if (in.rfind("/../", 0) == 0 || in == "/..") {
      in = in == "/.." ? "/" : in.substr(3);
      size_t cut = out.rfind('/');
      out.erase(cut == std::string::npos ? 0 : cut);
    } else if (in == "." || in == "..") {
      in.clear();
    } else {
      size_t next = in.find('/', in[0] == '/' ? 1 : 0);
      out += in.substr(0, next);
      in.erase(0, next == std::string::npos ? in.size() : next);
    }
  }
  return out;
}

std::string JoinUri(const UriParts& t) {
  std::string out;
  if (t.has_scheme) out += t.scheme + ":";
  if (t.has_authority) out += "//" + t.authority;
  out += t.path;
  if (t.has_query) out += "?" + t.query;
  if (t.has_fragment) out += "#" + t.fragment;
  return out;
}

}  // namespace

std::string CanonicalUrl(const std::string& url) {
  try {
    Poco::URI uri(url);
    if (uri.getScheme().empty() || uri.getHost().empty()) return url;
    uri.setFragment("");
    Poco::URI::QueryParameters kept;
    for (const auto& [key, value] : uri.getQueryParameters()) {
      if (!IsTracking(key)) kept.emplace_back(key, value);
    }
    uri.setQueryParameters(kept);
    std::string host = uri.getHost();
    std::transform(host.begin(), host.end(), host.begin(), ::tolower);
    uri.setHost(host);
    std::string out = uri.toString();
    if (!out.empty() && out.back() == '?') out.pop_back();
    return out;
  } catch (const Poco::Exception&) {
    return url;
  }
}

std::string HostOf(const std::string& url) {
  try {
    return Poco::URI(url).getHost();
  } catch (const Poco::Exception&) {
    return "";
  }
}

std::string ResolveUrl(const std::string& base, const std::string& ref) {
  if (ref.empty()) return "";
  try {
    Poco::URI uri(base);
    uri.resolve(ref);
    return uri.toString();
  } catch (const Poco::Exception&) {
    return ref;
  }
}

std::string ResolveUrlVerbatim(std::string_view base, std::string_view ref_in) {
  std::string_view ref = Trim(ref_in);
  UriParts r = SplitUri(ref);
  if (r.has_scheme) return std::string(ref);
  UriParts b = SplitUri(Trim(base));
  if (!b.has_scheme) return std::string(ref);
  UriParts t;
  t.has_scheme = true;
  t.scheme = b.scheme;
  if (r.has_authority) {
    t.has_authority = true;
    t.authority = r.authority;
    t.path = RemoveDotSegments(r.path);
    t.has_query = r.has_query;
    t.query = r.query;
  } else {
    t.has_authority = b.has_authority;
    t.authority = b.authority;
    if (r.path.empty()) {
      t.path = b.path;
      t.has_query = r.has_query || b.has_query;
      t.query = r.has_query ? r.query : b.query;
    } else {
      if (r.path[0] == '/') {
        t.path = RemoveDotSegments(r.path);
      } else {
        std::string merged;
        if (b.has_authority && b.path.empty()) {
          merged = "/" + r.path;
        } else {
          size_t slash = b.path.rfind('/');
          merged = (slash == std::string::npos ? std::string()
                                               : b.path.substr(0, slash + 1)) +
                   r.path;
        }
        t.path = RemoveDotSegments(merged);
      }
      t.has_query = r.has_query;
      t.query = r.query;
    }
  }
  t.has_fragment = r.has_fragment;
  t.fragment = r.fragment;
  return JoinUri(t);
}

}  // namespace ct::ingest
