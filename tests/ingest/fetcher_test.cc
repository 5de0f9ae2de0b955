#include "ingest/fetcher.h"

#include <zlib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "tests/ingest/gzip.h"
#include "tests/ingest/test_server.h"

using ct::Status;
using ct::ingest::FetchOptions;
using ct::ingest::NewHttpFetcher;
using ct::testing::Serve;
using ct::testing::TestServer;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

using ct::testing::Gzip;

namespace {

ct::testing::Handler Redirect(std::string to, int status = 302) {
  return [to, status](HTTPServerRequest&, HTTPServerResponse& res) {
    res.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    res.set("Location", to);
    res.setContentLength(0);
    res.send();
  };
}

FetchOptions Quick() {
  FetchOptions o;
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.total_timeout = std::chrono::milliseconds(2000);
  return o;
}

}  // namespace

TEST_CASE("Fetch reads a body and its validators", "[ingest][fetch]") {
  TestServer server(
      {{"/feed", [](HTTPServerRequest& req, HTTPServerResponse& res) {
          CHECK(req.get("User-Agent").rfind("claimtrack/", 0) == 0);
          if (req.get("If-None-Match", "") == "\"v1\"") {
            res.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
            res.setContentLength(0);
            res.send();
            return;
          }
          res.set("ETag", "\"v1\"");
          res.set("Last-Modified", "Mon, 06 Oct 2025 09:30:00 GMT");
          res.setContentType("application/rss+xml; charset=utf-8");
          res.setContentLength(5);
          res.send() << "hello";
        }}});
  auto fetcher = NewHttpFetcher();
  auto r = fetcher->Fetch(server.Url("/feed"), Quick());
  REQUIRE(r.ok());
  CHECK(r->status == 200);
  CHECK(r->body == "hello");
  CHECK(r->etag == "\"v1\"");
  CHECK(r->content_type == "application/rss+xml; charset=utf-8");
  FetchOptions again = Quick();
  again.etag = r->etag;
  auto same = fetcher->Fetch(server.Url("/feed"), again);
  REQUIRE(same.ok());
  CHECK(same->not_modified());
}

TEST_CASE("Fetch inflates gzip and refuses a gzip bomb", "[ingest][fetch]") {
  std::string small = Gzip("six gigawatts");
  std::string bomb = Gzip(std::string(64 << 20, '0'));  // 64 MiB of zeros.
  auto gz = [](std::string body) {
    return [body](HTTPServerRequest&, HTTPServerResponse& res) {
      res.set("Content-Encoding", "gzip");
      res.setContentLength(static_cast<std::streamsize>(body.size()));
      res.send() << body;
    };
  };
  TestServer server({{"/small", gz(small)}, {"/bomb", gz(bomb)}});
  auto fetcher = NewHttpFetcher();
  auto ok = fetcher->Fetch(server.Url("/small"), Quick());
  REQUIRE(ok.ok());
  CHECK(ok->body == "six gigawatts");
  FetchOptions capped = Quick();
  capped.max_bytes = 1 << 20;
  auto refused = fetcher->Fetch(server.Url("/bomb"), capped);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == Status::Code::kTooLarge);
  CHECK(refused.status().message().find(server.Url("/bomb")) !=
        std::string::npos);
}

TEST_CASE("Fetch follows redirects and stops at loops and long chains",
          "[ingest][fetch]") {
  TestServer server({{"/a", Redirect("/b")},
                     {"/b", Redirect("/final", 301)},
                     {"/final", Serve("done")},
                     {"/loop1", Redirect("/loop2")},
                     {"/loop2", Redirect("/loop1")},
                     {"/r1", Redirect("/r2")},
                     {"/r2", Redirect("/r3")},
                     {"/r3", Redirect("/r4")},
                     {"/r4", Redirect("/r5")},
                     {"/r5", Redirect("/r6")},
                     {"/r6", Redirect("/r7")},
                     {"/r7", Serve("too far")}});
  auto fetcher = NewHttpFetcher();
  auto r = fetcher->Fetch(server.Url("/a"), Quick());
  REQUIRE(r.ok());
  CHECK(r->body == "done");
  CHECK(r->url == server.Url("/final"));
  auto loop = fetcher->Fetch(server.Url("/loop1"), Quick());
  REQUIRE_FALSE(loop.ok());
  CHECK(loop.status().message().find("redirect loop") != std::string::npos);
  auto chain = fetcher->Fetch(server.Url("/r1"), Quick());
  REQUIRE_FALSE(chain.ok());
  CHECK(chain.status().message().find("more than 5 redirects") !=
        std::string::npos);
}

TEST_CASE("Fetch gives up on a server that never answers", "[ingest][fetch]") {
  std::atomic<bool> done{false};
  TestServer server(
      {{"/slow", [&done](HTTPServerRequest&, HTTPServerResponse& res) {
          // Silent for 2.5 s, or until the test is done.
          for (int i = 0; i < 50 && !done; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
          }
          res.setContentLength(2);
          res.send() << "ok";
        }}});
  FetchOptions o = Quick();
  o.total_timeout = std::chrono::milliseconds(500);
  auto start = std::chrono::steady_clock::now();
  auto r = NewHttpFetcher()->Fetch(server.Url("/slow"), o);
  auto took = std::chrono::steady_clock::now() - start;
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kTimeout);
  CHECK(took < std::chrono::milliseconds(2000));
  done = true;
}

TEST_CASE("Fetch refuses a body over the cap and one cut short",
          "[ingest][fetch]") {
  TestServer server(
      {{"/huge",
        [](HTTPServerRequest&, HTTPServerResponse& res) {
          res.setChunkedTransferEncoding(true);
          std::ostream& out = res.send();
          std::string piece(1 << 20, 'x');
          for (int i = 0; i < 60 && out; ++i) out << piece;
        }},
       {"/short", [](HTTPServerRequest&, HTTPServerResponse& res) {
          res.setContentLength(1000);
          res.send() << "only this";
        }}});
  auto fetcher = NewHttpFetcher();
  auto huge = fetcher->Fetch(server.Url("/huge"), Quick());
  REQUIRE_FALSE(huge.ok());
  CHECK(huge.status().code() == Status::Code::kTooLarge);
  auto cut = fetcher->Fetch(server.Url("/short"), Quick());
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.status().message().find("shorter than its Content-Length") !=
        std::string::npos);
}

TEST_CASE("Fetch reports HTTP errors with their status and Retry-After",
          "[ingest][fetch]") {
  TestServer server({{"/busy", [](HTTPServerRequest&, HTTPServerResponse& res) {
                        res.setStatus(
                            Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
                        res.set("Retry-After", "120");
                        res.setContentLength(0);
                        res.send();
                      }}});
  auto fetcher = NewHttpFetcher();
  auto busy = fetcher->Fetch(server.Url("/busy"), Quick());
  REQUIRE_FALSE(busy.ok());
  CHECK(busy.status().code() == Status::Code::kUnavailable);
  CHECK(busy.status().message() ==
        "fetching " + server.Url("/busy") +
            ": HTTP 503 Service Unavailable (retry after 120)");
  auto missing = fetcher->Fetch(server.Url("/nothing"), Quick());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message().find("HTTP 404") != std::string::npos);
  auto refused = fetcher->Fetch("http://127.0.0.1:1/", Quick());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == Status::Code::kUnavailable);
}
