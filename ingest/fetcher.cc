#include "ingest/fetcher.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

#include <algorithm>
#include <mutex>
#include <set>

#include "ingest/inflate.h"

namespace ct::ingest {
namespace {

using Clock = std::chrono::steady_clock;

Poco::Net::Context::Ptr ClientContext() {
  static std::once_flag once;
  static Poco::Net::Context::Ptr context;
  std::call_once(once, [] {
    Poco::Net::initializeSSL();
    Poco::Net::Context::Params params;
    params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;
    params.loadDefaultCAs = true;  // The system's CA store.
    context =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
  });
  return context;
}

Poco::Timespan Span(std::chrono::milliseconds ms) {
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) *
                        1000);
}

bool IsRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 ||
         status == 308;
}

class HttpFetcher : public Fetcher {
 public:
  Result<FetchResult> Fetch(const std::string& url,
                            const FetchOptions& options) override {
    Result<FetchResult> r = FetchFollowing(url, options);
    if (!r.ok()) return r.status().WithContext("fetching " + url);
    return r;
  }

 private:
  Result<FetchResult> FetchFollowing(const std::string& start,
                                     const FetchOptions& options) {
    const Clock::time_point deadline = Clock::now() + options.total_timeout;
    std::set<std::string> seen;
    std::string url = start;
    for (int hop = 0;; ++hop) {
      if (!seen.insert(url).second) {
        return Status::InvalidArgument("redirect loop at " + url);
      }
      std::string location;
      auto r = FetchOnce(url, options, deadline, &location);
      if (!r.ok()) return r.status();
      if (!IsRedirect(r->status)) return r;
      if (location.empty()) {
        return Status::InvalidArgument("redirect without a Location");
      }
      if (hop >= options.max_redirects) {
        return Status::InvalidArgument("more than " +
                                       std::to_string(options.max_redirects) +
                                       " redirects");
      }
      try {
        Poco::URI next(url);
        next.resolve(location);
        url = next.toString();
      } catch (const Poco::Exception& e) {
        return Status::InvalidArgument("bad redirect to " + location + ": " +
                                       e.displayText());
      }
      if (!IsHttpUrl(url)) {
        return Status::InvalidArgument("redirect to a non-web URL " + url);
      }
    }
  }

  Result<FetchResult> FetchOnce(const std::string& url,
                                const FetchOptions& options,
                                Clock::time_point deadline,
                                std::string* location) {
    FetchResult result;
    result.url = url;
    try {
      Poco::URI uri(url);
      if (uri.getScheme() != "http" && uri.getScheme() != "https") {
        return Status::InvalidArgument("not an http or https URL");
      }
      if (uri.getHost().empty()) return Status::InvalidArgument("no host");
      std::unique_ptr<Poco::Net::HTTPClientSession> session;
      if (uri.getScheme() == "https") {
        session = std::make_unique<Poco::Net::HTTPSClientSession>(
            uri.getHost(), uri.getPort(), ClientContext());
      } else {
        session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(),
                                                                 uri.getPort());
      }
      auto left = [&] {
        auto d = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - Clock::now());
        return std::max(d, std::chrono::milliseconds(1));
      };
      auto connect = std::min(options.connect_timeout, left());
      session->setTimeout(Span(connect), Span(left()), Span(left()));
      std::string path = uri.getPathEtc();
      if (path.empty()) path = "/";
      Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                     Poco::Net::HTTPMessage::HTTP_1_1);
      request.set("User-Agent", options.user_agent);
      request.set("Accept-Encoding", "gzip, deflate");
      request.set("Accept", "*/*");
      if (!options.etag.empty()) request.set("If-None-Match", options.etag);
      if (!options.last_modified.empty()) {
        request.set("If-Modified-Since", options.last_modified);
      }
      session->sendRequest(request);
      Poco::Net::HTTPResponse response;
      std::istream& in = session->receiveResponse(response);
      result.status = static_cast<int>(response.getStatus());
      result.content_type = response.get("Content-Type", "");
      result.content_location = response.get("Content-Location", "");
      result.etag = response.get("ETag", "");
      result.last_modified = response.get("Last-Modified", "");
      if (IsRedirect(result.status)) {
        *location = response.get("Location", "");
        return result;
      }
      if (result.status == 304) return result;
      if (result.status >= 400) {
        // The standard reason, not whatever the server put there.
        std::string msg =
            "HTTP " + std::to_string(result.status) + " " +
            Poco::Net::HTTPResponse::getReasonForStatus(response.getStatus());
        std::string retry = response.get("Retry-After", "");
        if (!retry.empty()) msg += " (retry after " + retry + ")";
        return Status::Unavailable(msg);
      }
      std::string encoding = response.get("Content-Encoding", "");
      std::transform(encoding.begin(), encoding.end(), encoding.begin(),
                     ::tolower);
      std::unique_ptr<Inflater> inflater;
      if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
        inflater = std::make_unique<Inflater>(options.max_bytes);
      } else if (!encoding.empty() && encoding != "identity") {
        return Status::InvalidArgument("unknown Content-Encoding " + encoding);
      }
      // Read in small pieces, so that the total timeout holds even against
      // a server that sends a byte at a time.
      std::streamsize expected = response.getContentLength();
      size_t received = 0;
      char buf[8192];
      while (true) {
        if (Clock::now() >= deadline) {
          return Status::Timeout("no complete answer within " +
                                 std::to_string(options.total_timeout.count()) +
                                 " ms");
        }
        session->socket().setReceiveTimeout(Span(left()));
        in.read(buf, sizeof buf);
        std::streamsize n = in.gcount();
        if (n > 0) {
          received += static_cast<size_t>(n);
          // A compressed body is capped too: a page of 60 MB is refused
          // after 16 MiB, not read to its end.
          if (received > options.max_bytes) {
            return Status::TooLarge("body larger than " +
                                    std::to_string(options.max_bytes) +
                                    " bytes");
          }
          std::string_view piece(buf, static_cast<size_t>(n));
          if (inflater) {
            CT_RETURN_IF_ERROR(inflater->Feed(piece, &result.body));
          } else {
            result.body.append(piece);
          }
        }
        if (!in) break;
      }
      if (expected >= 0 && received < static_cast<size_t>(expected)) {
        return Status::InvalidArgument(
            "body shorter than its Content-Length (" +
            std::to_string(received) + " of " + std::to_string(expected) +
            " bytes)");
      }
      if (inflater) CT_RETURN_IF_ERROR(inflater->Finish());
      return result;
    } catch (const Poco::TimeoutException& e) {
      return Status::Timeout("timed out: " + e.displayText());
    } catch (const Poco::Net::NetException& e) {
      return Status::Unavailable(e.displayText());
    } catch (const Poco::IOException& e) {
      return Status::Unavailable(e.displayText());
    } catch (const Poco::SyntaxException& e) {
      return Status::InvalidArgument("bad URL: " + e.displayText());
    } catch (const Poco::Exception& e) {
      return Status::Unavailable(e.displayText());
    }
  }
};

}  // namespace

bool IsHttpUrl(const std::string& s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0;
}

std::unique_ptr<Fetcher> NewHttpFetcher() {
  return std::make_unique<HttpFetcher>();
}

}  // namespace ct::ingest
