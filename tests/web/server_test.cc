#include "web/server.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "store/claim_store.h"

namespace {

struct Fetched {
  int status;
  std::string type;
  std::string body;
  std::string reason;
};

Fetched Get(int port, const std::string& path, const std::string& host = "") {
  Poco::Net::HTTPClientSession session("127.0.0.1",
                                       static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path);
  if (!host.empty()) request.setHost(host);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  std::string body;
  Poco::StreamCopier::copyToString(in, body);
  return {static_cast<int>(response.getStatus()), response.getContentType(),
          body, response.getReason()};
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
