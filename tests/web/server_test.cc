#include "web/server.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>
#include <vector>

#include "store/claim_store.h"

namespace {

struct Fetched {
  int status;
  std::string type;
  std::string body;
  std::string reason;
  Poco::Net::NameValueCollection headers;
};

Fetched Get(int port, const std::string& path, const std::string& host = "",
            const std::string& method = Poco::Net::HTTPRequest::HTTP_GET,
            const std::string& if_none_match = "") {
  Poco::Net::HTTPClientSession session("127.0.0.1",
                                       static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(20, 0));
  Poco::Net::HTTPRequest request(method, path);
  if (!host.empty()) request.setHost(host);
  if (!if_none_match.empty()) request.set("If-None-Match", if_none_match);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  std::string body;
  Poco::StreamCopier::copyToString(in, body);
  Poco::Net::NameValueCollection headers;
  for (const auto& [name, value] : response) headers.add(name, value);
  return {static_cast<int>(response.getStatus()), response.getContentType(),
          body, response.getReason(), headers};
}

// A raw connection to the server, for clients that misbehave.
Poco::Net::StreamSocket Connect(int port) {
  Poco::Net::StreamSocket s(
      Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
  s.setReceiveTimeout(Poco::Timespan(20, 0));
  return s;
}

void Send(Poco::Net::StreamSocket& s, const std::string& text) {
  s.sendBytes(text.data(), static_cast<int>(text.size()));
}

// What the server sent until it closed the connection; empty when it
// stayed open and silent (or reset it) until the receive timeout.
std::optional<std::string> Receive(Poco::Net::StreamSocket& s) {
  std::string out;
  char buf[4096];
  try {
    for (;;) {
      int n = s.receiveBytes(buf, sizeof buf);
      if (n <= 0) return out;
      out.append(buf, static_cast<size_t>(n));
    }
  } catch (const Poco::TimeoutException&) {
    return std::nullopt;
  } catch (const Poco::Exception&) {
    // Reset by the server: closed, with what came before.
    return out;
  }
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

// A database with one conflict: two outlets say 6 GW, one 8 GW, and one
// title that tries to inject markup.
std::string MakeDb(const std::string& dir) {
  std::string path = dir + "/web.db";
  auto store = ct::store::ClaimStore::Open(path);
  REQUIRE(store.ok());
  const char* outlets[] = {"A <b>Daily</b>", "B Wire", "C Times"};
  double values[] = {6, 6, 8};
  for (int i = 0; i < 3; ++i) {
    ct::ingest::Document d;
    d.url = "https://" + std::to_string(i) + ".example/story";
    d.outlet = outlets[i];
    d.title = i == 0 ? "<script>alert(1)</script>" : "Story";
    d.published = "2026-05-0" + std::to_string(i + 1) + "T09:00:00Z";
    d.text = "OpenAI buys " + std::to_string(static_cast<int>(values[i])) +
             " GW from AMD, says " + outlets[i] + ".";
    ct::extract::Claim c;
    c.surface = std::to_string(static_cast<int>(values[i])) + " GW";
    c.start = 12;
    c.end = 16;
    c.value = c.number = values[i] * 1e9;
    c.low = (values[i] - 0.5) * 1e9;
    c.high = (values[i] + 0.5) * 1e9;
    c.unit = "W";
    c.written_unit = "GW";
    c.metric = "power_capacity";
    c.subject = "OpenAI";
    c.object = "AMD";
    c.sentence = d.text;
    REQUIRE((*store)->PutArticle(d, {c}).ok());
  }
  REQUIRE((*store)->RebuildFacts().ok());
  return path;
}

}  // namespace

TEST_CASE("Server answers pages and the JSON API on loopback", "[web]") {
  char tmpl[] = "/tmp/ct_web_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  ct::web::ServerOptions options;
  options.db_path = MakeDb(dir);
  options.port = 0;
  auto server = ct::web::Server::Start(options);
  REQUIRE(server.ok());
  int port = (*server)->port();

  Fetched health = Get(port, "/healthz");
  CHECK(health.status == 200);
  CHECK(health.body == "ok\n");

  Fetched api = Get(port, "/api/facts");
  CHECK(api.status == 200);
  CHECK(api.type == "application/json");
  Poco::JSON::Parser parser;
  auto facts = parser.parse(api.body).extract<Poco::JSON::Array::Ptr>();
  REQUIRE(facts->size() == 1);
  auto fact = facts->getObject(0);
  CHECK(fact->getValue<std::string>("status") == "conflict");
  int64_t id = fact->getValue<int64_t>("id");
  auto claims = fact->getArray("claims");
  REQUIRE(claims->size() == 3);
  for (size_t i = 0; i < claims->size(); ++i) {
    auto c = claims->getObject(static_cast<unsigned>(i));
    CHECK(c->getValue<bool>("outlier") ==
          (c->getValue<std::string>("source") == "C Times"));
  }

  Fetched overview = Get(port, "/");
  CHECK(overview.status == 200);
  CHECK(overview.body.find("conflict") != std::string::npos);

  Fetched page = Get(port, "/facts/" + std::to_string(id));
  CHECK(page.status == 200);
  CHECK(page.body.find("<svg") != std::string::npos);
  // One sentence says who disagrees and why.
  CHECK(page.body.find("C Times&#39;s 8 GW disagrees with the 6 GW that 2 "
                       "outlets report.") != std::string::npos);
  CHECK(page.body.find("A &lt;b&gt;Daily&lt;/b&gt;") != std::string::npos);
  CHECK(page.body.find("<script>") == std::string::npos);
  CHECK(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;") !=
        std::string::npos);

  Fetched one = Get(port, "/api/facts/" + std::to_string(id));
  CHECK(one.status == 200);
  auto judged = parser.parse(one.body).extract<Poco::JSON::Object::Ptr>();
  CHECK(judged->getValue<std::string>("reason") == "conflict");
  CHECK(judged->getValue<double>("consensus") == 6e9);
  CHECK(judged->getArray("outliers")->size() == 1);
  CHECK(judged->getArray("parties")->size() == 2);
  // Only its own names: a page on another site that resolves its name to
  // this machine is refused.
  CHECK(Get(port, "/healthz", "localhost:" + std::to_string(port)).status ==
        200);
  CHECK(Get(port, "/healthz", "[::1]:" + std::to_string(port)).status == 200);
  Fetched rebound = Get(port, "/api/facts", "attacker.example");
  CHECK(rebound.status == 403);
  CHECK(rebound.body.find("OpenAI") == std::string::npos);
  Fetched missing = Get(port, "/api/facts/999");
  CHECK(missing.status == 404);
  CHECK(missing.reason == "Not Found");
  CHECK(health.reason == "OK");
  // A NUL or a broken UTF-8 byte in a parameter is cleaned, never an error
  // that shows the query, and never echoed as it came.
  Fetched nul = Get(port, "/search?q=Open%00AI");
  CHECK(nul.status == 200);
  CHECK(nul.body.find("SELECT") == std::string::npos);
  Fetched bad = Get(port, "/search?q=%FFOpenAI");
  CHECK(bad.status == 200);
  CHECK(bad.body.find('\xff') == std::string::npos);
  CHECK(bad.body.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(Get(port, "/facts/abc").status == 404);
  CHECK(Get(port, "/articles/1").body.find("<mark id=\"claim-") !=
        std::string::npos);
  Fetched csv = Get(port, "/claims.csv");
  CHECK(csv.type == "text/csv; charset=utf-8");
  CHECK(csv.body.rfind("claim_id,article_id", 0) == 0);
  CHECK(Get(port, "/search?q=OpenAI").body.find("3 claims") !=
        std::string::npos);

  (*server)->Stop();
  std::filesystem::remove_all(dir);
}

TEST_CASE("Server started for other names answers any Host", "[web]") {
  char tmpl[] = "/tmp/ct_web_host_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  ct::web::ServerOptions options;
  options.db_path = MakeDb(dir);
  options.port = 0;
  options.any_host = true;
  auto server = ct::web::Server::Start(options);
  REQUIRE(server.ok());
  CHECK(Get((*server)->port(), "/healthz", "claims.example").status == 200);
  (*server)->Stop();
  std::filesystem::remove_all(dir);
}

TEST_CASE("Server refuses to start on a database it cannot open", "[web]") {
  ct::web::ServerOptions options;
  options.db_path = "/nonexistent/dir/x.db";
  options.port = 0;
  auto server = ct::web::Server::Start(options);
  REQUIRE_FALSE(server.ok());
  CHECK(server.status().message().find("/nonexistent/dir/x.db") !=
        std::string::npos);
}

TEST_CASE("Server refuses a port another server listens on", "[web]") {
  char tmpl[] = "/tmp/ct_web_port_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  ct::web::ServerOptions options;
  options.db_path = MakeDb(dir);
  options.port = 0;
  auto first = ct::web::Server::Start(options);
  REQUIRE(first.ok());
  options.port = (*first)->port();
  auto second = ct::web::Server::Start(options);
  REQUIRE_FALSE(second.ok());
  // An error of the command line: exit 2.
  CHECK(second.status().code() == ct::Status::Code::kInvalidArgument);
  CHECK(second.status().message().find("in use") != std::string::npos);
  // The first still answers every request.
  for (int i = 0; i < 4; ++i) {
    CHECK(Get((*first)->port(), "/healthz").status == 200);
  }
  (*first)->Stop();
  std::filesystem::remove_all(dir);
}

namespace {

// A server with few workers and short limits, so that clients that hold
// connections are cheap to make.
ct::web::ServerOptions SmallServer(const std::string& dir) {
  ct::web::ServerOptions options;
  options.db_path = MakeDb(dir);
  options.port = 0;
  options.threads = 4;
  options.max_queued = 16;
  options.read_timeout_s = 1;
  options.request_deadline_s = 2;
  return options;
}

}  // namespace

TEST_CASE("Server answers while idle connections outnumber its workers",
          "[web]") {
  char tmpl[] = "/tmp/ct_web_idle_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  auto server = ct::web::Server::Start(SmallServer(dir));
  REQUIRE(server.ok());
  int port = (*server)->port();
  // Eight connections that never send a byte, twice the workers.
  std::vector<Poco::Net::StreamSocket> idle;
  for (int i = 0; i < 8; ++i) idle.push_back(Connect(port));
  auto start = std::chrono::steady_clock::now();
  CHECK(Get(port, "/healthz").status == 200);
  // The idle ones give their workers back after the read timeout (1 s
  // here), not after a minute.
  CHECK(SecondsSince(start) < 10);
  // And the server closed them.
  for (auto& s : idle) CHECK(Receive(s) == std::optional<std::string>(""));
  (*server)->Stop();
  std::filesystem::remove_all(dir);
}

TEST_CASE("Server cuts off clients that trickle their headers", "[web]") {
  char tmpl[] = "/tmp/ct_web_slow_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  auto server = ct::web::Server::Start(SmallServer(dir));
  REQUIRE(server.ok());
  int port = (*server)->port();
  // Eight clients each send a header line every half second: never idle
  // long enough for the read timeout, so only the request deadline (2 s
  // here) stops them.
  std::vector<Poco::Net::StreamSocket> slow;
  for (int i = 0; i < 8; ++i) {
    slow.push_back(Connect(port));
    Send(slow.back(), "GET /healthz HTTP/1.1\r\nHost: localhost\r\n");
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<bool> cut(slow.size(), false);
  for (int tick = 0; tick < 20 && std::count(cut.begin(), cut.end(), false) > 0;
       ++tick) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    for (size_t i = 0; i < slow.size(); ++i) {
      if (cut[i]) continue;
      try {
        Send(slow[i], "X-Slow: " + std::to_string(tick) + "\r\n");
      } catch (const Poco::Exception&) {
        cut[i] = true;
      }
    }
  }
  // Each was cut off: it reads the end of the connection, no answer.
  for (auto& s : slow) CHECK(Receive(s) == std::optional<std::string>(""));
  // Meanwhile, and after, others are answered.
  CHECK(Get(port, "/healthz").status == 200);
  CHECK(SecondsSince(start) < 20);
  (*server)->Stop();
  std::filesystem::remove_all(dir);
}

TEST_CASE("Server answers each of 200 simultaneous connections", "[web]") {
  char tmpl[] = "/tmp/ct_web_many_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  auto server = ct::web::Server::Start(SmallServer(dir));
  REQUIRE(server.ok());
  int port = (*server)->port();
  std::vector<Poco::Net::StreamSocket> many;
  for (int i = 0; i < 200; ++i) {
    many.push_back(Connect(port));
    Send(many.back(),
         "GET /healthz HTTP/1.1\r\nHost: localhost\r\n"
         "Connection: close\r\n\r\n");
  }
  int ok = 0, busy = 0;
  for (auto& s : many) {
    std::string answer = Receive(s).value_or("(no answer)");
    // Answered, either way: none is closed without a word.
    bool answered =
        answer.rfind("HTTP/1.1 200 OK\r\n", 0) == 0 ||
        answer.rfind("HTTP/1.1 503 Service Unavailable\r\n", 0) == 0;
    CHECK(answered);
    ok += answer.rfind("HTTP/1.1 200", 0) == 0;
    busy += answer.rfind("HTTP/1.1 503", 0) == 0;
  }
  CHECK(ok > 0);
  CHECK(ok + busy == 200);
  (*server)->Stop();
  std::filesystem::remove_all(dir);
}

TEST_CASE("Server sends security and caching headers, and answers 304",
          "[web]") {
  char tmpl[] = "/tmp/ct_web_headers_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  auto server = ct::web::Server::Start(SmallServer(dir));
  REQUIRE(server.ok());
  int port = (*server)->port();
  for (const char* path : {"/", "/api/facts", "/facts.csv", "/sources"}) {
    INFO(path);
    Fetched page = Get(port, path);
    REQUIRE(page.status == 200);
    std::string csp = page.headers.get("Content-Security-Policy", "");
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("base-uri 'none'") != std::string::npos);
    CHECK(csp.find("form-action 'self'") != std::string::npos);
    CHECK(page.headers.get("Referrer-Policy", "") == "no-referrer");
    CHECK(page.headers.get("Cache-Control", "") == "no-cache");
    std::string etag = page.headers.get("ETag", "");
    REQUIRE(etag.size() > 2);
    Fetched again = Get(port, path, "", "GET", etag);
    CHECK(again.status == 304);
    CHECK(again.body.empty());
    CHECK(Get(port, path, "", "GET", "\"other\"").status == 200);
  }
  (*server)->Stop();
  std::filesystem::remove_all(dir);
}

TEST_CASE("Server answers every error under /api/ in JSON", "[web]") {
  char tmpl[] = "/tmp/ct_web_apierr_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  auto server = ct::web::Server::Start(SmallServer(dir));
  REQUIRE(server.ok());
  int port = (*server)->port();
  Fetched missing = Get(port, "/api/facts/999");
  Fetched foreign = Get(port, "/api/facts", "attacker.example");
  Fetched post = Get(port, "/api/facts", "", "POST");
  Fetched nowhere = Get(port, "/api/nothing");
  for (const Fetched& f : {missing, foreign, post, nowhere}) {
    INFO(f.status << " " << f.body);
    CHECK(f.type == "application/json");
    Poco::JSON::Parser parser;
    auto error = parser.parse(f.body).extract<Poco::JSON::Object::Ptr>();
    CHECK(error->has("error"));
  }
  CHECK(missing.status == 404);
  CHECK(foreign.status == 403);
  CHECK(post.status == 405);
  // Outside /api/, people read plain text.
  CHECK(Get(port, "/", "", "POST").type == "text/plain; charset=utf-8");
  (*server)->Stop();
  std::filesystem::remove_all(dir);
}

TEST_CASE("Server pages every list by key and gives each view its twins",
          "[web]") {
  char tmpl[] = "/tmp/ct_web_pages_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  auto server = ct::web::Server::Start(SmallServer(dir));
  REQUIRE(server.ok());
  int port = (*server)->port();
  // Three articles, two a page: the Link header leads to the third.
  Fetched first = Get(port, "/api/articles?limit=2");
  REQUIRE(first.status == 200);
  Poco::JSON::Parser parser;
  CHECK(parser.parse(first.body).extract<Poco::JSON::Array::Ptr>()->size() ==
        2);
  std::string link = first.headers.get("Link", "");
  REQUIRE(link.rfind("</api/articles?limit=2&next=", 0) == 0);
  std::string next = link.substr(1, link.find('>') - 1);
  Fetched second = Get(port, next);
  REQUIRE(second.status == 200);
  Poco::JSON::Parser again;
  CHECK(again.parse(second.body).extract<Poco::JSON::Array::Ptr>()->size() ==
        1);
  CHECK_FALSE(second.headers.has("Link"));
  // The HTML page links its next page, its JSON and its CSV.
  Fetched page = Get(port, "/articles?limit=2");
  CHECK(page.body.find("rel=\"next\" href=\"/articles?limit=2&amp;next=") !=
        std::string::npos);
  CHECK(page.body.find("href=\"/articles.json?limit=2\"") != std::string::npos);
  CHECK(page.body.find("href=\"/articles.csv?limit=2\"") != std::string::npos);
  // Every view has its twins, with the same parameters.
  CHECK(Get(port, "/facts.json").body == Get(port, "/api/facts").body);
  CHECK(Get(port, "/articles.csv").type == "text/csv; charset=utf-8");
  CHECK(Get(port, "/sources.csv").status == 200);
  CHECK(Get(port, "/claims.json?q=OpenAI").body ==
        Get(port, "/api/claims?search=OpenAI").body);
  Fetched search = Get(port, "/search?q=OpenAI");
  CHECK(search.body.find("href=\"/claims.csv?q=OpenAI\"") != std::string::npos);
  // Facets and controls on the overview.
  Fetched overview = Get(port, "/?status=conflict");
  CHECK(overview.body.find("<select name=\"status\">") != std::string::npos);
  CHECK(overview.body.find("href=\"/?status=single\"") == std::string::npos);
  CHECK(overview.body.find("href=\"/?status=conflict\">conflict</a> "
                           "<span class=\"muted\">1</span>") !=
        std::string::npos);
  // The outlet facet and filter, on facts, claims and articles alike.
  CHECK(overview.body.find("href=\"/?status=conflict&amp;outlet=C%20Times\">"
                           "C Times</a> <span class=\"muted\">1</span>") !=
        std::string::npos);
  Fetched of_c = Get(port, "/api/facts?outlet=c%20times");
  Poco::JSON::Parser facts_parser;
  CHECK(
      facts_parser.parse(of_c.body).extract<Poco::JSON::Array::Ptr>()->size() ==
      1);
  Fetched claims = Get(port, "/claims");
  CHECK(claims.body.find("<h1>Claims</h1>") != std::string::npos);
  CHECK(claims.body.find("href=\"/claims?outlet=B%20Wire\">B Wire</a> "
                         "<span class=\"muted\">1</span>") !=
        std::string::npos);
  CHECK(claims.body.find("href=\"/claims?status=conflict\">") !=
        std::string::npos);
  Poco::JSON::Parser claims_parser;
  CHECK(claims_parser.parse(Get(port, "/api/claims?outlet=B%20Wire").body)
            .extract<Poco::JSON::Array::Ptr>()
            ->size() == 1);
  Fetched articles = Get(port, "/articles?outlet=b%20wire");
  CHECK(articles.body.find("href=\"/articles?outlet=C%20Times\">C Times</a>") !=
        std::string::npos);
  CHECK(articles.body.find("B Wire</td>") != std::string::npos);
  CHECK(articles.body.find("C Times</td>") == std::string::npos);
  CHECK(Get(port, "/api/claims?fact=x").status == 400);
  // An article's page and a fact's link their twins, which answer.
  Fetched article = Get(port, "/articles/1");
  CHECK(article.body.find("href=\"/articles/1.json\"") != std::string::npos);
  CHECK(article.body.find("href=\"/articles/1.csv\"") != std::string::npos);
  CHECK(Get(port, "/articles/1.json").type == "application/json");
  Fetched fact_page = Get(port, "/facts/1");
  CHECK(fact_page.body.find("href=\"/facts/1.json\"") != std::string::npos);
  CHECK(fact_page.body.find("href=\"/facts/1.csv\"") != std::string::npos);
  CHECK(Get(port, "/facts/1.csv").type == "text/csv; charset=utf-8");
  // A token or a limit that cannot be read is the client's mistake.
  Fetched bad = Get(port, "/api/facts?next=nonsense");
  CHECK(bad.status == 400);
  CHECK(bad.type == "application/json");
  CHECK(Get(port, "/?limit=0").status == 400);
  CHECK(Get(port, "/?sort=price").status == 400);
  CHECK(Get(port, "/articles?sort=price").status == 400);
  CHECK(Get(port, "/api/claims?sort=newest").status == 200);
  (*server)->Stop();
  std::filesystem::remove_all(dir);
}

TEST_CASE("Server pages the sources and counts them by status", "[web]") {
  char tmpl[] = "/tmp/ct_web_sources_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  ct::web::ServerOptions options = SmallServer(dir);
  {
    auto store = ct::store::ClaimStore::Open(options.db_path);
    REQUIRE(store.ok());
    for (const char* url : {"https://a.example/feed", "https://b.example/feed",
                            "https://c.example/feed"}) {
      REQUIRE((*store)->AddSource(url, 3600).ok());
    }
    REQUIRE((*store)->PauseSource("https://a.example/feed", true).ok());
  }
  auto server = ct::web::Server::Start(options);
  REQUIRE(server.ok());
  int port = (*server)->port();
  Fetched first = Get(port, "/sources?limit=2");
  REQUIRE(first.status == 200);
  CHECK(first.body.find("href=\"/sources?limit=2&amp;status=new\">new</a> "
                        "<span class=\"muted\">2</span>") != std::string::npos);
  std::string link = first.headers.get("Link", "");
  REQUIRE(link.rfind("</sources?limit=2&next=", 0) == 0);
  Fetched second = Get(port, link.substr(1, link.find('>') - 1));
  CHECK(second.body.find("c.example") != std::string::npos);
  CHECK(second.body.find("b.example") == std::string::npos);
  Poco::JSON::Parser parser;
  auto paused = parser.parse(Get(port, "/sources.json?status=paused").body)
                    .extract<Poco::JSON::Array::Ptr>();
  REQUIRE(paused->size() == 1);
  CHECK(paused->getObject(0)->getValue<std::string>("url") ==
        "https://a.example/feed");
  CHECK(Get(port, "/api/sources?next=zz").status == 400);
  CHECK(Get(port, "/api/sources?sort=name").status == 400);
  Fetched by_url = Get(port, "/sources?sort=url&limit=1");
  CHECK(by_url.body.find("a.example") != std::string::npos);
  CHECK(by_url.headers.get("Link", "").find("sort=url") != std::string::npos);
  (*server)->Stop();
  std::filesystem::remove_all(dir);
}

TEST_CASE("Server answers from its cache only until the database changes",
          "[web]") {
  char tmpl[] = "/tmp/ct_web_cache_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  ct::web::ServerOptions options = SmallServer(dir);
  auto server = ct::web::Server::Start(options);
  REQUIRE(server.ok());
  int port = (*server)->port();
  auto count = [&] {
    Poco::JSON::Parser parser;
    return parser.parse(Get(port, "/api/articles").body)
        .extract<Poco::JSON::Array::Ptr>()
        ->size();
  };
  REQUIRE(count() == 3);
  REQUIRE(count() == 3);  // From the cache.
  Poco::JSON::Parser facts_parser;
  auto facts = facts_parser.parse(Get(port, "/api/facts").body)
                   .extract<Poco::JSON::Array::Ptr>();
  REQUIRE(facts->size() == 1);
  std::string page =
      "/facts/" + std::to_string(facts->getObject(0)->getValue<int64_t>("id"));
  CHECK(Get(port, page).body.find("other figures") == std::string::npos);
  {
    // Another process's ingest, as it were: a write through its own
    // connection. It adds a second figure of the same deal.
    auto writer = ct::store::ClaimStore::Open(options.db_path);
    REQUIRE(writer.ok());
    ct::ingest::Document d;
    d.url = "https://3.example/story";
    d.outlet = "D Post";
    d.text = "OpenAI buys 50,000 GPUs from AMD.";
    ct::extract::Claim c;
    c.surface = "50,000 GPUs";
    c.start = 12;
    c.end = 23;
    c.value = c.number = c.low = c.high = 50000;
    c.unit = "gpu";
    c.metric = "gpu_count";
    c.subject = "OpenAI";
    c.object = "AMD";
    c.sentence = d.text;
    REQUIRE((*writer)->PutArticle(d, {c}).ok());
    REQUIRE((*writer)->RebuildFacts().ok());
  }
  CHECK(count() == 4);
  // The fact's page, built again, lists the deal's new figure.
  CHECK(Get(port, page).body.find("other figures") != std::string::npos);
  (*server)->Stop();
  std::filesystem::remove_all(dir);
}
