#include "pipeline/ingest_run.h"

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <ctime>
#include <filesystem>

#include "tests/ingest/test_server.h"

using ct::testing::Serve;
using ct::testing::TestServer;

namespace {

const ct::extract::ClaimExtractor& Extractor() {
  static auto* x = ct::extract::ClaimExtractor::Create({}).value().release();
  return *x;
}

ct::pipeline::IngestOptions Fast() {
  ct::pipeline::IngestOptions o;
  o.host_delay = std::chrono::milliseconds(0);
  o.fetch.total_timeout = std::chrono::milliseconds(3000);
  return o;
}

std::string Page(const std::string& outlet, const std::string& body) {
  return "<html><head><title>Deal</title><meta property=\"og:site_name\" "
         "content=\"" +
         outlet + "\"></head><body><article><p>" + body +
         "</p></article></body></html>";
}

}  // namespace

TEST_CASE("Ingest stores pages from URLs and skips what robots.txt forbids",
          "[pipeline]") {
  TestServer server(
      {{"/robots.txt", Serve("User-agent: *\nDisallow: /private/\n")},
       {"/a", Serve(Page("Wire", "OpenAI agreed to buy 6 GW from AMD."),
                    "text/html")},
       {"/private/b", Serve(Page("Wire", "Secret 9 GW."), "text/html")}});
  auto store = ct::store::ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto fetcher = ct::ingest::NewHttpFetcher();
  auto summary = ct::pipeline::Ingest(
      {server.Url("/a?utm_source=feed"), server.Url("/private/b")}, Extractor(),
      fetcher.get(), store->get(), Fast());
  REQUIRE(summary.ok());
  CHECK(summary->new_articles == 1);
  REQUIRE(summary->errors.size() == 1);
  CHECK(summary->errors[0] ==
        server.Url("/private/b") + ": robots.txt disallows it");
  auto articles = (*store)->ListArticles();
  REQUIRE(articles->size() == 1);
  CHECK((*articles)[0].url == server.Url("/a"));  // Tracking parameters gone.
  CHECK((*articles)[0].source == "Wire");
  CHECK((*articles)[0].claims == 1);
}

TEST_CASE("RunDue records each source's poll and backs off after failures",
          "[pipeline]") {
  int calls = 0;
  TestServer server(
      {{"/good",
        [&calls](Poco::Net::HTTPServerRequest& req,
                 Poco::Net::HTTPServerResponse& res) {
          ++calls;
          if (req.get("If-None-Match", "") == "\"x\"") {
            res.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
            res.setContentLength(0);
            res.send();
            return;
          }
          std::string body = Page("Good", "Anthropic bought 1 GW.");
          res.set("ETag", "\"x\"");
          res.setContentType("text/html");
          res.setContentLength(static_cast<std::streamsize>(body.size()));
          res.send() << body;
        }},
       {"/bad",
        [](Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& res) {
          res.setStatus(Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
          res.setContentLength(0);
          res.send();
        }}});
  auto store = ct::store::ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  REQUIRE((*store)->AddSource(server.Url("/good"), 600).ok());
  REQUIRE((*store)->AddSource(server.Url("/bad"), 600).ok());
  auto fetcher = ct::ingest::NewHttpFetcher();
  auto first =
      ct::pipeline::RunDue(Extractor(), fetcher.get(), store->get(), Fast());
  REQUIRE(first.ok());
  CHECK(first->new_articles == 1);
  REQUIRE(first->errors.size() == 1);
  CHECK(first->errors[0].find("HTTP 500") != std::string::npos);
  auto sources = (*store)->ListSources();
  REQUIRE(sources->size() == 2);
  CHECK((*sources)[0].etag == "\"x\"");
  CHECK((*sources)[0].failures == 0);
  CHECK((*sources)[1].failures == 1);
  CHECK((*sources)[1].last_error.find("HTTP 500") != std::string::npos);
  CHECK_FALSE((*sources)[1].last_error_at.empty());
  // Nothing is due right after a pass.
  auto second =
      ct::pipeline::RunDue(Extractor(), fetcher.get(), store->get(), Fast());
  REQUIRE(second.ok());
  CHECK(second->inputs == 0);
  CHECK(calls == 1);
}

TEST_CASE("Ingest waits between requests to one host", "[pipeline]") {
  TestServer server(
      {{"/a",
        Serve(Page("Wire", "Meta plans 5 GW in Louisiana."), "text/html")},
       {"/b", Serve(Page("Wire", "Oracle books $300 billion."), "text/html")}});
  auto store = ct::store::ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto fetcher = ct::ingest::NewHttpFetcher();
  ct::pipeline::IngestOptions options = Fast();
  options.host_delay = std::chrono::milliseconds(400);
  auto start = std::chrono::steady_clock::now();
  auto summary =
      ct::pipeline::Ingest({server.Url("/a"), server.Url("/b")}, Extractor(),
                           fetcher.get(), store->get(), options);
  auto took = std::chrono::steady_clock::now() - start;
  REQUIRE(summary.ok());
  CHECK(summary->new_articles == 2);
  // Two pages and robots.txt on one host: at least two delays.
  CHECK(took >= std::chrono::milliseconds(800));
}

TEST_CASE("RunDue backs off a failing source by doubling its interval",
          "[pipeline]") {
  TestServer server(
      {{"/down",
        [](Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& res) {
          res.setStatus(Poco::Net::HTTPResponse::HTTP_BAD_GATEWAY);
          res.setContentLength(0);
          res.send();
        }},
       {"/later",
        [](Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& res) {
          res.setStatus(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
          res.set("Retry-After", "7200");
          res.setContentLength(0);
          res.send();
        }}});
  auto store = ct::store::ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  REQUIRE((*store)->AddSource(server.Url("/down"), 600).ok());
  REQUIRE((*store)->AddSource(server.Url("/later"), 600).ok());
  auto fetcher = ct::ingest::NewHttpFetcher();
  std::string before = ct::store::NowUtc();
  REQUIRE(ct::pipeline::RunDue(Extractor(), fetcher.get(), store->get(), Fast())
              .ok());
  auto sources = (*store)->ListSources();
  REQUIRE(sources->size() == 2);
  auto in_seconds = [&](const std::string& t) {
    std::tm a{}, b{};
    strptime(before.c_str(), "%Y-%m-%dT%H:%M:%SZ", &a);
    strptime(t.c_str(), "%Y-%m-%dT%H:%M:%SZ", &b);
    return static_cast<long>(timegm(&b) - timegm(&a));
  };
  // First failure: the interval (600 s) times two.
  CHECK(in_seconds((*sources)[0].next_due_at) >= 1200);
  CHECK(in_seconds((*sources)[0].next_due_at) <= 1205);
  // What Retry-After asked.
  CHECK(in_seconds((*sources)[1].next_due_at) >= 7200);
  CHECK(in_seconds((*sources)[1].next_due_at) <= 7205);
}

namespace {

// Serves one page, and throws for every other URL as a bug would.
class ThrowingFetcher : public ct::ingest::Fetcher {
 public:
  ct::Result<ct::ingest::FetchResult> Fetch(
      const std::string& url, const ct::ingest::FetchOptions&) override {
    if (url.find("/boom") != std::string::npos) {
      throw std::out_of_range("basic_string::substr");
    }
    ct::ingest::FetchResult r;
    r.status = url.find("robots.txt") != std::string::npos ? 404 : 200;
    if (r.status == 404) return ct::Status::Unavailable(url + ": HTTP 404");
    r.url = url;
    r.content_type = "text/html";
    r.body = Page("Wire", "OpenAI agreed to buy 6 GW from AMD.");
    return r;
  }
};

}  // namespace

TEST_CASE("Ingest fails only the input whose job throws, in one line",
          "[pipeline]") {
  auto store = ct::store::ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  ThrowingFetcher fetcher;
  auto summary =
      ct::pipeline::Ingest({"https://a.example/boom", "https://a.example/good"},
                           Extractor(), &fetcher, store->get(), Fast());
  REQUIRE(summary.ok());
  CHECK(summary->new_articles == 1);
  REQUIRE(summary->errors.size() == 1);
  CHECK(summary->errors[0] ==
        "https://a.example/boom: internal error: basic_string::substr");
  CHECK(summary->errors[0].find('\n') == std::string::npos);
}

TEST_CASE("A feed entry stored before is neither fetched nor rewritten",
          "[pipeline]") {
  std::atomic<int> page_calls{0};
  std::string feed;
  TestServer server(
      {{"/feed",
        [&feed](Poco::Net::HTTPServerRequest&,
                Poco::Net::HTTPServerResponse& res) {
          res.setContentType("application/rss+xml");
          res.setContentLength(static_cast<std::streamsize>(feed.size()));
          res.send() << feed;
        }},
       {"/story", [&page_calls](Poco::Net::HTTPServerRequest&,
                                Poco::Net::HTTPServerResponse& res) {
          ++page_calls;
          std::string body = Page(
              "Wire",
              "Anthropic secured up to 5 GW from Amazon, the company said on "
              "Tuesday, with nearly 1 GW online by the end of next year.");
          res.setContentType("text/html");
          res.setContentLength(static_cast<std::streamsize>(body.size()));
          res.send() << body;
        }}});
  feed =
      "<rss version=\"2.0\"><channel><title>Wire</title><item><title>Deal"
      "</title><link>" +
      server.Url("/story") +
      "</link><guid>story-1</guid><description>Anthropic gets 5 GW."
      "</description></item></channel></rss>";
  char dir_template[] = "/tmp/ct_known_XXXXXX";
  std::string dir = mkdtemp(dir_template);
  {
    auto store = ct::store::ClaimStore::Open(dir + "/x.db");
    REQUIRE(store.ok());
    auto fetcher = ct::ingest::NewHttpFetcher();
    auto first = ct::pipeline::Ingest({server.Url("/feed")}, Extractor(),
                                      fetcher.get(), store->get(), Fast());
    REQUIRE(first.ok());
    CHECK(first->new_articles == 1);
    CHECK(page_calls == 1);
    auto second = ct::pipeline::Ingest({server.Url("/feed")}, Extractor(),
                                       fetcher.get(), store->get(), Fast());
    REQUIRE(second.ok());
    CHECK(second->unchanged == 1);
    CHECK(second->updated == 0);
    CHECK(page_calls == 1);
    auto articles = (*store)->ListArticles();
    REQUIRE(articles->size() == 1);
    auto article = (*store)->FindArticle((*articles)[0].id);
    REQUIRE(article->has_value());
    // Still the page's text, not the feed's summary.
    CHECK((*article)->text.find("nearly 1 GW") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}
