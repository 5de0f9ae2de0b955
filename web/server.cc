#include "web/server.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/URI.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <mutex>

#include "store/claim_store.h"
#include "web/format.h"
#include "web/json_views.h"
#include "web/pages.h"

namespace ct::web {
namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

struct Reply {
  HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK;
  std::string type = "text/html; charset=utf-8";
  std::string body;
};

Reply Html(std::string body) {
  return {HTTPResponse::HTTP_OK, "text/html; charset=utf-8", std::move(body)};
}
Reply Json(std::string body) {
  return {HTTPResponse::HTTP_OK, "application/json", std::move(body)};
}
Reply Csv(std::string body) {
  return {HTTPResponse::HTTP_OK, "text/csv; charset=utf-8", std::move(body)};
}

Reply NotFound(bool api, const std::string& what) {
  if (api)
    return {HTTPResponse::HTTP_NOT_FOUND, "application/json", ErrorJson(what)};
  return {HTTPResponse::HTTP_NOT_FOUND, "text/html; charset=utf-8",
          NotFoundPage(what)};
}

Reply Failure(bool api, const Status& s) {
  // The details (SQL among them) go to the log, never to the client.
  std::fprintf(stderr, "claimtrack serve: database error: %s\n",
               s.message().c_str());
  std::string msg = "database error";
  if (api)
    return {HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "application/json",
            ErrorJson(msg)};
  return {HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8",
          msg};
}

// "/facts/12" with prefix "/facts/" -> 12; 0 when it is not an id.
int64_t IdAfter(const std::string& path, const std::string& prefix) {
  if (path.compare(0, prefix.size(), prefix) != 0) return 0;
  std::string_view rest = std::string_view(path).substr(prefix.size());
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), id);
  if (ec != std::errc() || ptr != rest.data() + rest.size() || id <= 0)
    return 0;
  return id;
}

class Router {
 public:
  explicit Router(std::unique_ptr<store::ClaimStore> store)
      : store_(std::move(store)) {}

  Reply Route(const std::string& path,
              const Poco::URI::QueryParameters& query) {
    auto param = [&](const std::string& name) {
      for (const auto& [k, v] : query) {
        if (k == name) return v;
      }
      return std::string();
    };
    bool api = path.rfind("/api/", 0) == 0;
    std::lock_guard<std::mutex> lock(mu_);
    if (path == "/healthz") {
      store::FactFilter none;
      none.id = -1;  // Matches nothing: only asks the database to answer.
      auto facts = store_->FindFacts(none);
      if (!facts.ok()) return Failure(false, facts.status());
      return {HTTPResponse::HTTP_OK, "text/plain; charset=utf-8", "ok\n"};
    }
    if (path == "/" || path == "/api/facts" || path == "/facts.csv") {
      store::FactFilter f;
      f.status = param("status");
      f.entity = param("entity");
      f.metric = param("metric");
      auto facts = store_->FindFacts(f);
      if (!facts.ok()) return Failure(api, facts.status());
      if (api) return Json(FactsJson(*facts));
      if (path == "/facts.csv") return Csv(FactsCsv(*facts));
      return Html(OverviewPage(*facts, f.status));
    }
    if (int64_t id = IdAfter(path, api ? "/api/facts/" : "/facts/")) {
      auto fact = store_->FindFact(id);
      if (!fact.ok()) return Failure(api, fact.status());
      if (!*fact) return NotFound(api, "no fact " + std::to_string(id));
      return api ? Json(FactJson(**fact)) : Html(FactPage(**fact));
    }
    if (path == "/api/claims" || path == "/claims.csv" || path == "/search") {
      store::ClaimFilter f;
      f.entity = param("entity");
      f.metric = param("metric");
      f.source = param("source");
      f.since = param("since");
      f.search = path == "/search" ? param("q") : param("search");
      if (path == "/search" && f.search.empty())
        return Html(SearchPage("", {}));
      auto claims = store_->FindClaims(f);
      if (!claims.ok()) return Failure(api, claims.status());
      if (api) return Json(ClaimsJson(*claims));
      if (path == "/claims.csv") return Csv(ClaimsCsv(*claims));
      return Html(SearchPage(f.search, *claims));
    }
    if (path == "/articles" || path == "/api/articles") {
      auto articles = store_->ListArticles();
      if (!articles.ok()) return Failure(api, articles.status());
      return api ? Json(ArticlesJson(*articles))
                 : Html(ArticlesPage(*articles));
    }
    if (int64_t id = IdAfter(path, api ? "/api/articles/" : "/articles/")) {
      auto article = store_->FindArticle(id);
      if (!article.ok()) return Failure(api, article.status());
      if (!*article) return NotFound(api, "no article " + std::to_string(id));
      store::ClaimFilter f;
      f.article_id = id;
      auto claims = store_->FindClaims(f);
      if (!claims.ok()) return Failure(api, claims.status());
      return api ? Json(ArticleJson(**article, *claims))
                 : Html(ArticlePage(**article, *claims));
    }
    if (path == "/sources" || path == "/api/sources") {
      auto sources = store_->ListSources();
      if (!sources.ok()) return Failure(api, sources.status());
      return api ? Json(SourcesJson(*sources)) : Html(SourcesPage(*sources));
    }
    return NotFound(api, "no page at " + path);
  }

 private:
  std::mutex mu_;
  std::unique_ptr<store::ClaimStore> store_;
};

// Whether a request's Host header names this server: a loopback name or
// the address it listens on, with any port. A request without one (HTTP/1.0)
// is answered.
bool HostAllowed(const HTTPServerRequest& request, const std::string& bound) {
  if (!request.has("Host")) return true;
  std::string host = request.get("Host");
  if (!host.empty() && host.front() == '[') {
    size_t close = host.find(']');
    host = close == std::string::npos ? host : host.substr(1, close - 1);
  } else if (size_t colon = host.rfind(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  for (char& c : host) c = static_cast<char>(std::tolower(c));
  return host == "localhost" || host == "127.0.0.1" || host == "::1" ||
         host == bound;
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(Router* router, const ServerOptions* options)
      : router_(router), options_(options) {}

  void handleRequest(HTTPServerRequest& request,
                     HTTPServerResponse& response) override {
    Reply reply;
    try {
      Poco::URI uri(request.getURI());
      if (!options_->any_host && !HostAllowed(request, options_->host)) {
        reply = {HTTPResponse::HTTP_FORBIDDEN, "text/plain; charset=utf-8",
                 "this server answers to its own name only (start it with "
                 "--host to serve others)\n"};
      } else if (request.getMethod() != "GET" &&
                 request.getMethod() != "HEAD") {
        reply = {HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                 "text/plain; charset=utf-8", "only GET and HEAD\n"};
        response.set("Allow", "GET, HEAD");
      } else {
        Poco::URI::QueryParameters query = uri.getQueryParameters();
        for (auto& [name, value] : query) {
          name = CleanText(name);
          value = CleanText(value);
        }
        reply = router_->Route(CleanText(uri.getPath()), query);
      }
    } catch (const Poco::Exception& e) {
      reply = {HTTPResponse::HTTP_BAD_REQUEST, "text/plain; charset=utf-8",
               "bad request: the address cannot be read\n"};
    } catch (const std::exception& e) {
      // A bug fails its request, never the server; its text goes to the
      // log only.
      std::fprintf(stderr, "claimtrack serve: internal error: %s\n", e.what());
      reply = {HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
               "text/plain; charset=utf-8", "internal error\n"};
    }
    response.setStatusAndReason(reply.status);
    response.setContentType(reply.type);
    response.set("X-Content-Type-Options", "nosniff");
    response.set(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:");
    response.setContentLength(static_cast<std::streamsize>(reply.body.size()));
    std::ostream& out = response.send();
    if (request.getMethod() != "HEAD") out << reply.body;
  }

 private:
  Router* router_;
  const ServerOptions* options_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(Router* router, const ServerOptions* options)
      : router_(router), options_(options) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const HTTPServerRequest&) override {
    return new Handler(router_, options_);
  }

 private:
  Router* router_;
  const ServerOptions* options_;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<Router> router;
  std::unique_ptr<Poco::Net::HTTPServer> http;
  int port = 0;
  bool stopped = false;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

int Server::port() const { return impl_->port; }

void Server::Stop() {
  if (impl_ && impl_->http && !impl_->stopped) {
    impl_->http->stopAll(true);
    impl_->stopped = true;
  }
}

Result<std::unique_ptr<Server>> Server::Start(const ServerOptions& options) {
  // The server only reads; a missing database is a mistake in the path.
  store::OpenOptions open;
  open.create = false;
  open.write = false;
  auto store = store::ClaimStore::Open(options.db_path, open);
  if (!store.ok()) return store.status();
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->router = std::make_unique<Router>(std::move(*store));
  try {
    // Without SO_REUSEPORT, which would let two servers share the port
    // and split its requests: a port in use is an error.
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(
                    options.host, static_cast<Poco::UInt16>(options.port)),
                /*reuseAddress=*/true, /*reusePort=*/false);
    socket.listen();
    impl->port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams();
    params->setMaxThreads(options.threads);
    params->setKeepAlive(true);
    // The server owns the factory and the parameters.
    impl->http = std::make_unique<Poco::Net::HTTPServer>(
        new Factory(impl->router.get(), &impl->options), socket, params);
    impl->http->start();
  } catch (const Poco::Exception& e) {
    std::string where = options.host + ":" + std::to_string(options.port);
    if (e.code() == EADDRINUSE) {
      return Status::InvalidArgument("cannot listen on " + where +
                                     ": the port is in use (choose another "
                                     "with --port)");
    }
    return Status::Unavailable("cannot listen on " + where + ": " +
                               e.displayText());
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

}  // namespace ct::web
