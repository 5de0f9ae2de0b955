// Fetching over HTTP and HTTPS with the limits a polite, robust client
// needs: connect and total timeouts, at most 5 redirects with loop
// detection, gzip and deflate bodies inflated under a size cap (a gzip bomb
// is refused without being inflated whole), conditional GET, and a user
// agent that names the project. HTTPS uses the system's CA store.
//
// Thread-safe: a Fetcher may serve several threads; each Fetch() is
// independent.

#ifndef CT_INGEST_FETCHER_H_
#define CT_INGEST_FETCHER_H_

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "common/status.h"

namespace ct::ingest {

struct FetchOptions {
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{30000};
  int max_redirects = 5;
  size_t max_bytes = 16 << 20;  // Of the body after decompression.
  std::string user_agent = "claimtrack/0.1 (news figure tracker)";
  // Validators from the last fetch, for a conditional GET.
  std::string etag;
  std::string last_modified;
};

struct FetchResult {
  int status = 0;            // 200, or 304 when not modified.
  std::string url;           // After redirects.
  std::string body;          // Decompressed.
  std::string content_type;  // As sent: "application/rss+xml; charset=..."
  std::string content_location;
  std::string etag;
  std::string last_modified;
  bool not_modified() const { return status == 304; }
};

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // The body at `url`. Errors name the URL and the cause: Timeout, TooLarge
  // (over max_bytes), Unavailable (HTTP 4xx/5xx, refused, reset; the message
  // has the status and any Retry-After), InvalidArgument (bad URL, redirect
  // loop, truncated or corrupt body).
  virtual Result<FetchResult> Fetch(const std::string& url,
                                    const FetchOptions& options) = 0;
};

// The real fetcher, on Poco's HTTP clients.
std::unique_ptr<Fetcher> NewHttpFetcher();

// Whether `s` is an http or https URL.
bool IsHttpUrl(const std::string& s);

}  // namespace ct::ingest

#endif  // CT_INGEST_FETCHER_H_
