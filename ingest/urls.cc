#include "ingest/urls.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>

namespace ct::ingest {
namespace {

bool IsTracking(const std::string& key) {
  static const char* kExact[] = {"fbclid", "gclid",  "dclid",  "msclkid",
                                 "mc_cid", "mc_eid", "yclid",  "igshid",
                                 "_hsenc", "_hsmi",  "mkt_tok"};
  if (key.rfind("utm_", 0) == 0) return true;
  return std::any_of(std::begin(kExact), std::end(kExact),
                     [&](const char* k) { return key == k; });
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

}  // namespace ct::ingest
