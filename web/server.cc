#include "web/server.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <list>
#include <mutex>
#include <set>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

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
  Reply() = default;
  Reply(HTTPResponse::HTTPStatus s, std::string t, std::string b)
      : status(s), type(std::move(t)), body(std::move(b)) {}

  HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK;
  std::string type = "text/html; charset=utf-8";
  std::string body;
  std::string next;  // The next page's URL, for a Link header.
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
  // A request the store cannot take (a bad next token, an unknown sort)
  // says why; its message is the store's own.
  if (s.code() == Status::Code::kInvalidArgument) {
    if (api) {
      return {HTTPResponse::HTTP_BAD_REQUEST, "application/json",
              ErrorJson(s.message())};
    }
    return {HTTPResponse::HTTP_BAD_REQUEST, "text/plain; charset=utf-8",
            "bad request: " + s.message() + "\n"};
  }
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

// How many claims of each fact the facts list carries, its outliers among
// them; claim_count says how many it has.
constexpr int64_t kClaimsPerListedFact = 10;
constexpr int64_t kClaimsOnFactPage = 200;

bool EndsWith(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() &&
         s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// `path` with the query `params`, `name` set to `value` (or dropped when
// `value` is empty).
std::string WithParam(const std::string& path,
                      const Poco::URI::QueryParameters& params,
                      const std::string& name, const std::string& value) {
  Poco::URI uri(path);
  Poco::URI::QueryParameters out;
  for (const auto& [k, v] : params) {
    if (k != name && !v.empty()) out.emplace_back(k, v);
  }
  if (!name.empty() && !value.empty()) out.emplace_back(name, value);
  uri.setQueryParameters(out);
  return uri.toString();
}

Poco::URI::QueryParameters ParamsWithout(
    const Poco::URI::QueryParameters& params, const std::string& name) {
  Poco::URI::QueryParameters out;
  for (const auto& [k, v] : params) {
    if (k != name) out.emplace_back(k, v);
  }
  return out;
}

// Answers already built, kept until the database changes: pages are read
// far more often than articles arrive. A change is seen in the database
// file and its write-ahead log (modification time and size): every commit
// appends to the log, and every checkpoint writes the file.
class ResponseCache {
 public:
  ResponseCache(std::string db_path, size_t max_bytes)
      : db_path_(std::move(db_path)), max_bytes_(max_bytes) {}

  struct Version {
    int64_t db_ns = 0, db_size = 0, wal_ns = 0, wal_size = 0;
    bool operator==(const Version& o) const {
      return db_ns == o.db_ns && db_size == o.db_size && wal_ns == o.wal_ns &&
             wal_size == o.wal_size;
    }
  };

  Version Now() const {
    Version v;
    struct stat st;
    if (::stat(db_path_.c_str(), &st) == 0) {
      v.db_ns = st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
      v.db_size = st.st_size;
    }
    std::string wal = db_path_ + "-wal";
    if (::stat(wal.c_str(), &st) == 0) {
      v.wal_ns = st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
      v.wal_size = st.st_size;
    }
    return v;
  }

  bool Find(const std::string& key, const Version& v, Reply* reply) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!Current(v)) return false;
    auto it = entries_.find(key);
    if (it == entries_.end()) return false;
    *reply = it->second;
    return true;
  }

  // Whether the caller is to build the answer for `key`. When another
  // request is building it already, waits for that one instead, and
  // returns false: a page many ask for at once is built once.
  bool Begin(const std::string& key) {
    std::unique_lock<std::mutex> lock(mu_);
    if (building_.insert(key).second) return true;
    built_.wait(lock, [&] { return building_.count(key) == 0; });
    return false;
  }
  void End(const std::string& key) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      building_.erase(key);
    }
    built_.notify_all();
  }

  // What pages are built from, kept the same way: a list's facet counts,
  // counted once for all its pages (a page's `next` does not change them),
  // and a deal's facts (by their parties, without their claims), read once
  // for all its facts' pages.
  bool FindFacets(const std::string& key, const Version& v,
                  std::vector<Facet>* facets) {
    return FindIn(facets_, key, v, facets);
  }
  void PutFacets(const std::string& key, const Version& v,
                 const std::vector<Facet>& facets) {
    PutIn(&facets_, key, v, facets);
  }
  bool FindDeal(const std::string& parties, const Version& v,
                std::vector<store::FactRow>* facts) {
    return FindIn(deals_, parties, v, facts);
  }
  void PutDeal(const std::string& parties, const Version& v,
               const std::vector<store::FactRow>& facts) {
    PutIn(&deals_, parties, v, facts);
  }

  void Put(const std::string& key, const Version& v, const Reply& reply) {
    size_t size = key.size() + reply.body.size() + reply.next.size();
    std::lock_guard<std::mutex> lock(mu_);
    if (!(v == version_) || size > max_bytes_) return;
    // Full: start again rather than track which answer is least used.
    if (bytes_ + size > max_bytes_) {
      entries_.clear();
      bytes_ = 0;
    }
    if (entries_.emplace(key, reply).second) bytes_ += size;
  }

 private:
  template <typename T>
  bool FindIn(const std::unordered_map<std::string, T>& kept,
              const std::string& key, const Version& v, T* out) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!Current(v)) return false;
    auto it = kept.find(key);
    if (it == kept.end()) return false;
    *out = it->second;
    return true;
  }
  template <typename T>
  void PutIn(std::unordered_map<std::string, T>* kept, const std::string& key,
             const Version& v, const T& value) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!(v == version_)) return;
    // Full: start again, as for answers.
    constexpr size_t kMostKept = 4096;
    if (kept->size() >= kMostKept) kept->clear();
    kept->emplace(key, value);
  }

  // Whether what is kept was built from the database as it is at `v`;
  // when not, it is dropped. Called with mu_ held.
  bool Current(const Version& v) {
    if (v == version_) return true;
    entries_.clear();
    facets_.clear();
    deals_.clear();
    bytes_ = 0;
    version_ = v;
    return false;
  }

  const std::string db_path_;
  const size_t max_bytes_;
  std::mutex mu_;
  std::condition_variable built_;
  Version version_;
  std::unordered_map<std::string, Reply> entries_;
  std::unordered_map<std::string, std::vector<Facet>> facets_;
  std::unordered_map<std::string, std::vector<store::FactRow>> deals_;
  std::set<std::string> building_;
  size_t bytes_ = 0;
};

// Read-only connections to the database, one for each worker thread, so
// that a slow query holds up only its own request.
class StorePool {
 public:
  explicit StorePool(std::vector<std::unique_ptr<store::ClaimStore>> stores)
      : free_(std::move(stores)) {}

  // A connection for one request, given back when it ends.
  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<store::ClaimStore> store)
        : pool_(pool), store_(std::move(store)) {}
    ~Lease() { pool_->Give(std::move(store_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    store::ClaimStore* operator->() const { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<store::ClaimStore> store_;
  };

  Lease Take() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [this] { return !free_.empty(); });
    std::unique_ptr<store::ClaimStore> store = std::move(free_.back());
    free_.pop_back();
    return Lease(this, std::move(store));
  }

 private:
  void Give(std::unique_ptr<store::ClaimStore> store) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      free_.push_back(std::move(store));
    }
    ready_.notify_one();
  }

  std::mutex mu_;
  std::condition_variable ready_;
  std::vector<std::unique_ptr<store::ClaimStore>> free_;
};

class Router {
 public:
  Router(StorePool* pool, ResponseCache* cache) : pool_(pool), cache_(cache) {}

  // `version`: the database's, as the request found it; what the answer
  // is built from is kept under it.
  Reply Route(std::string path, const Poco::URI::QueryParameters& query,
              const ResponseCache::Version& version) {
    auto param = [&](const std::string& name) {
      for (const auto& [k, v] : query) {
        if (k == name) return v;
      }
      return std::string();
    };
    // Every view's twins: NAME.json is /api/NAME, and NAME.csv its CSV.
    bool csv = EndsWith(path, ".csv");
    if (EndsWith(path, ".json")) {
      path = "/api" + path.substr(0, path.size() - 5);
    } else if (csv) {
      path = path.substr(0, path.size() - 4);
    }
    bool api = path.rfind("/api/", 0) == 0;
    if (api) path = path.substr(4);
    if (csv && api) return NotFound(true, "no CSV under /api/");
    // Lists come a page at a time: HTML and JSON 100 rows unless asked for
    // up to 1,000, CSV 1,000 unless asked for up to 10,000.
    int64_t most = csv ? 10000 : 1000;
    int64_t limit = csv ? 1000 : 100;
    if (std::string l = param("limit"); !l.empty()) {
      int64_t n = 0;
      auto [ptr, ec] = std::from_chars(l.data(), l.data() + l.size(), n);
      if (ec != std::errc() || ptr != l.data() + l.size() || n < 1 ||
          n > most) {
        return Failure(
            api, Status::InvalidArgument("limit must be a number from 1 to " +
                                         std::to_string(most)));
      }
      limit = n;
    }
    // The URL of this view's page after `token`, in the form asked for.
    auto page_url = [&](const std::string& token) {
      std::string base = api ? "/api" + path : path;
      if (csv) base += ".csv";
      return token.empty() ? std::string()
                           : WithParam(base, query, "next", token);
    };
    auto links = [&](const std::string& token, const std::string& view) {
      ListingLinks l;
      l.next = page_url(token);
      l.json = WithParam(view + ".json", query, "next", "");
      l.csv = WithParam(view + ".csv", query, "next", "");
      return l;
    };
    StorePool::Lease db = pool_->Take();
    if (path == "/healthz") {
      store::FactFilter none;
      none.id = -1;  // Matches nothing: only asks the database to answer.
      auto facts = db->FindFacts(none);
      if (!facts.ok()) return Failure(false, facts.status());
      return {HTTPResponse::HTTP_OK, "text/plain; charset=utf-8", "ok\n"};
    }
    if (path == "/" || path == "/facts") {
      store::FactFilter f;
      f.status = param("status");
      f.entity = param("entity");
      f.metric = param("metric");
      f.reason = param("reason");
      f.outlet = param("outlet");
      f.sort = param("sort");
      f.limit = limit;
      f.after = param("next");
      // A list shows who disagrees, not every claim: a fact's page does.
      f.claims_per_fact = kClaimsPerListedFact;
      std::string next;
      auto facts = db->FindFacts(f, &next);
      if (!facts.ok()) return Failure(api, facts.status());
      Reply reply;
      if (api) {
        reply = Json(FactsJson(*facts));
      } else if (csv) {
        reply = Csv(FactsCsv(*facts));
      } else {
        auto facets = CountFacets(
            {"status", "metric", "reason", "entity", "outlet"}, "/", query,
            version,
            [&](const char* name, std::chrono::milliseconds time_limit) {
              return db->FactFacet(f, name, 15, time_limit);
            });
        if (!facets.ok()) return Failure(false, facets.status());
        reply = Html(OverviewPage(*facts, f, *facets, links(next, "/facts")));
      }
      reply.next = page_url(next);
      return reply;
    }
    if (int64_t id = IdAfter(path, "/facts/")) {
      // A page shows a fact's first claims, its outliers among them; its
      // JSON and CSV hold them all.
      auto fact = db->FindFact(id, api || csv ? 0 : kClaimsOnFactPage);
      if (!fact.ok()) return Failure(api, fact.status());
      if (!*fact) return NotFound(api, "no fact " + std::to_string(id));
      if (api) return Json(FactJson(**fact));
      if (csv) return Csv(ClaimsCsv((*fact)->claims));
      // The same deal's other figures, at most 30.
      constexpr int64_t kRelated = 30;
      std::vector<store::FactRow> deal_facts;
      std::string parties;
      for (const std::string& p : (*fact)->parties) parties += p + '\n';
      if (!cache_->FindDeal(parties, version, &deal_facts)) {
        store::FactFilter deal;
        deal.parties = (*fact)->parties;
        deal.limit = kRelated + 1;  // This one may be among them.
        deal.claims_per_fact = -1;  // Their consensus says enough.
        auto related = db->FindFacts(deal);
        if (!related.ok()) return Failure(api, related.status());
        deal_facts = std::move(*related);
        cache_->PutDeal(parties, version, deal_facts);
      }
      std::vector<store::FactRow> others;
      for (store::FactRow& r : deal_facts) {
        if (r.id != id && static_cast<int64_t>(others.size()) < kRelated) {
          others.push_back(std::move(r));
        }
      }
      return Html(FactPage(**fact, others));
    }
    if (path == "/claims" || path == "/search") {
      store::ClaimFilter f;
      f.entity = param("entity");
      f.metric = param("metric");
      // The outlet, as every list names it; its older name still works.
      f.source = param("outlet").empty() ? param("source") : param("outlet");
      f.status = param("status");
      if (!param("fact").empty()) {
        f.fact_id = IdAfter("/" + param("fact"), "/");
        if (f.fact_id == 0) {
          return Failure(api,
                         Status::InvalidArgument("fact must be a fact id"));
        }
      }
      f.since = param("since");
      // One name for the words everywhere; the API's older name still works.
      f.search = param("q").empty() ? param("search") : param("q");
      f.limit = limit;
      std::string sort = param("sort");
      if (!sort.empty() && sort != "oldest" && sort != "newest") {
        return Failure(api, Status::InvalidArgument("unknown sort \"" + sort +
                                                    "\" (oldest or newest)"));
      }
      f.newest_first = sort == "newest";
      f.after = param("next");
      if (path == "/search" && !api && !csv && f.search.empty()) {
        return Html(SearchPage(f, {}));
      }
      std::string next;
      auto claims = db->FindClaims(f, &next);
      if (!claims.ok()) return Failure(api, claims.status());
      Reply reply;
      if (api) {
        reply = Json(ClaimsJson(*claims));
      } else if (csv) {
        reply = Csv(ClaimsCsv(*claims));
      } else {
        auto facets = CountFacets(
            {"status", "metric", "entity", "outlet"}, "/claims", query, version,
            [&](const char* name, std::chrono::milliseconds time_limit) {
              return db->ClaimFacet(f, name, 15, time_limit);
            });
        if (!facets.ok()) return Failure(false, facets.status());
        reply = Html(SearchPage(f, *claims, *facets, links(next, "/claims")));
      }
      reply.next = page_url(next);
      return reply;
    }
    if (path == "/articles") {
      store::ArticleFilter f;
      std::string sort = param("sort");
      if (!sort.empty() && sort != "oldest" && sort != "newest") {
        return Failure(api, Status::InvalidArgument("unknown sort \"" + sort +
                                                    "\" (newest or oldest)"));
      }
      f.newest_first = sort != "oldest";
      f.outlet = param("outlet");
      f.limit = limit;
      f.after = param("next");
      std::string next;
      auto articles = db->ListArticles(f, &next);
      if (!articles.ok()) return Failure(api, articles.status());
      Reply reply;
      if (api) {
        reply = Json(ArticlesJson(*articles));
      } else if (csv) {
        reply = Csv(ArticlesCsv(*articles));
      } else {
        auto facets = CountFacets(
            {"outlet"}, "/articles", query, version,
            [&](const char* name, std::chrono::milliseconds time_limit) {
              return db->ArticleFacet(f, name, 15, time_limit);
            });
        if (!facets.ok()) return Failure(false, facets.status());
        reply =
            Html(ArticlesPage(*articles, f, *facets, links(next, "/articles")));
      }
      reply.next = page_url(next);
      return reply;
    }
    if (int64_t id = IdAfter(path, "/articles/")) {
      auto article = db->FindArticle(id);
      if (!article.ok()) return Failure(api, article.status());
      if (!*article) return NotFound(api, "no article " + std::to_string(id));
      store::ClaimFilter f;
      f.article_id = id;
      auto claims = db->FindClaims(f);
      if (!claims.ok()) return Failure(api, claims.status());
      if (csv) return Csv(ClaimsCsv(*claims));
      return api ? Json(ArticleJson(**article, *claims))
                 : Html(ArticlePage(**article, *claims));
    }
    if (path == "/sources") {
      store::SourceFilter f;
      f.status = param("status");
      f.sort = param("sort");
      f.limit = limit;
      f.after = param("next");
      std::string next;
      auto sources = db->ListSources(f, &next);
      if (!sources.ok()) return Failure(api, sources.status());
      Reply reply;
      if (api) {
        reply = Json(SourcesJson(*sources));
      } else if (csv) {
        reply = Csv(SourcesCsv(*sources));
      } else {
        auto facets = CountFacets(
            {"status"}, "/sources", query, version,
            [&](const char*, std::chrono::milliseconds) {
              return db->SourceFacet();  // Sources are few: always quick.
            });
        if (!facets.ok()) return Failure(false, facets.status());
        reply =
            Html(SourcesPage(*sources, f, *facets, links(next, "/sources")));
      }
      reply.next = page_url(next);
      return reply;
    }
    return NotFound(api, "no page at " + (api ? "/api" + path : path));
  }

 private:
  // How long a page's facets may take to count, all of them together: on
  // a large list, the counts that do not come in time are left out, and
  // the page says so. What was counted is kept for the list's other pages.
  static constexpr std::chrono::milliseconds kFacetBudget{200};

  // The facets `names` of a listing at `path`, counted by `count(name,
  // time_limit)`, each value linked to the list filtered on it (from its
  // first page).
  template <typename CountFn>
  Result<std::vector<Facet>> CountFacets(
      std::initializer_list<const char*> names, const std::string& path,
      const Poco::URI::QueryParameters& query,
      const ResponseCache::Version& version, CountFn count) {
    Poco::URI::QueryParameters list = ParamsWithout(query, "next");
    std::string key = WithParam(path, list, "", "");
    std::vector<Facet> facets;
    if (cache_->FindFacets(key, version, &facets)) return facets;
    auto end = std::chrono::steady_clock::now() + kFacetBudget;
    for (const char* name : names) {
      Facet facet;
      facet.name = name;
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          end - std::chrono::steady_clock::now());
      auto counts = left.count() > 0 ? count(name, left)
                                     : Result<std::vector<store::FacetCount>>(
                                           Status::Timeout("no time left"));
      if (!counts.ok() && counts.status().code() != Status::Code::kTimeout) {
        return counts.status();
      }
      if (!counts.ok()) {
        facet.timed_out = true;
      } else {
        for (const store::FacetCount& c : *counts) {
          facet.values.push_back(
              {c.value, c.count, WithParam(path, list, name, c.value)});
        }
      }
      facets.push_back(std::move(facet));
    }
    cache_->PutFacets(key, version, facets);
    return facets;
  }

  StorePool* pool_;
  ResponseCache* cache_;
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

// Deadlines for whole requests. A client must send all of a request's
// headers within the deadline of connecting, or of its previous answer,
// however it trickles them: the read timeout alone lets a line every few
// seconds hold a worker for ever. A thread looks every 100 ms and shuts
// the connections that are late.
class Watchdog {
 public:
  struct Connection {
    Poco::Net::StreamSocket* socket;
    std::chrono::steady_clock::time_point deadline;
    bool awaiting = true;  // A request, whose headers are not all read.
  };

  explicit Watchdog(std::chrono::milliseconds deadline)
      : deadline_(deadline), thread_([this] { Run(); }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }

  Connection* Register(Poco::Net::StreamSocket* socket) {
    std::lock_guard<std::mutex> lock(mu_);
    connections_.push_back(
        {socket, std::chrono::steady_clock::now() + deadline_, true});
    return &connections_.back();
  }
  void Unregister(Connection* c) {
    std::lock_guard<std::mutex> lock(mu_);
    connections_.remove_if([c](const Connection& o) { return &o == c; });
  }
  // A request's headers are in; or it was answered and the next may come.
  void Awaiting(Connection* c, bool awaiting) {
    std::lock_guard<std::mutex> lock(mu_);
    c->awaiting = awaiting;
    c->deadline = std::chrono::steady_clock::now() + deadline_;
  }
  // At the server's end: every connection ends now.
  void CloseAll() {
    std::lock_guard<std::mutex> lock(mu_);
    for (Connection& c : connections_) Shut(c);
  }

 private:
  static void Shut(Connection& c) {
    try {
      c.socket->shutdown();
    } catch (const Poco::Exception&) {
      // Closed already.
    }
  }

  void Run() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      wake_.wait_for(lock, std::chrono::milliseconds(100));
      auto now = std::chrono::steady_clock::now();
      for (Connection& c : connections_) {
        if (c.awaiting && now > c.deadline) {
          Shut(c);
          c.awaiting = false;  // Once.
        }
      }
    }
  }

  std::chrono::milliseconds deadline_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::list<Connection> connections_;
  std::thread thread_;
};

// The connection a worker thread serves, for its requests' deadlines.
thread_local Watchdog::Connection* current_connection = nullptr;
thread_local Watchdog* current_watchdog = nullptr;

// Poco's HTTP connection, registered with the watchdog while it lasts.
class WatchedConnection : public Poco::Net::TCPServerConnection {
 public:
  WatchedConnection(const Poco::Net::StreamSocket& socket,
                    Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                    Watchdog* watchdog)
      : TCPServerConnection(socket),
        params_(std::move(params)),
        factory_(std::move(factory)),
        watchdog_(watchdog) {}

  void run() override {
    current_watchdog = watchdog_;
    current_connection = watchdog_->Register(&socket());
    try {
      Poco::Net::HTTPServerConnection http(socket(), params_, factory_);
      http.run();
    } catch (const Poco::Exception&) {
      // The client went away or was cut off: nothing more to do.
    }
    watchdog_->Unregister(current_connection);
    current_connection = nullptr;
  }

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  Watchdog* watchdog_;
};

class ConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
 public:
  ConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                    Watchdog* watchdog)
      : params_(std::move(params)),
        factory_(std::move(factory)),
        watchdog_(watchdog) {}

  Poco::Net::TCPServerConnection* createConnection(
      const Poco::Net::StreamSocket& socket) override {
    return new WatchedConnection(socket, params_, factory_, watchdog_);
  }

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  Watchdog* watchdog_;
};

// A strong validator of a body: a 64-bit FNV-1a hash, quoted.
std::string EntityTag(const std::string& body) {
  // The library's string hash reads eight bytes a step; a page of a
  // hundred kilobytes costs microseconds. Tags need only be the same for
  // the same body while the server runs.
  uint64_t h = std::hash<std::string_view>()(body);
  char tag[24];
  std::snprintf(tag, sizeof tag, "\"%016llx\"",
                static_cast<unsigned long long>(h));
  return tag;
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(Router* router, ResponseCache* cache, const ServerOptions* options)
      : router_(router), cache_(cache), options_(options) {}

  void handleRequest(HTTPServerRequest& request,
                     HTTPServerResponse& response) override {
    if (current_connection != nullptr) {
      current_watchdog->Awaiting(current_connection, false);
    }
    Reply reply;
    // Under /api/ every answer is JSON, errors too.
    bool api = request.getURI().rfind("/api/", 0) == 0;
    auto error = [api](HTTPResponse::HTTPStatus status,
                       const std::string& message) {
      if (api) return Reply{status, "application/json", ErrorJson(message)};
      return Reply{status, "text/plain; charset=utf-8", message + "\n"};
    };
    try {
      Poco::URI uri(request.getURI());
      if (!options_->any_host && !HostAllowed(request, options_->host)) {
        reply = error(HTTPResponse::HTTP_FORBIDDEN,
                      "this server answers to its own name only (start it "
                      "with --host to serve others)");
      } else if (request.getMethod() != "GET" &&
                 request.getMethod() != "HEAD") {
        reply =
            error(HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD");
        response.set("Allow", "GET, HEAD");
      } else {
        Poco::URI::QueryParameters query = uri.getQueryParameters();
        for (auto& [name, value] : query) {
          name = CleanText(name);
          value = CleanText(value);
        }
        std::string path = CleanText(uri.getPath());
        // The same request since the last change is answered as before;
        // /healthz always asks the database.
        std::string key = path + "?" + uri.getRawQuery();
        bool cached = path != "/healthz";
        ResponseCache::Version version;
        if (cached) version = cache_->Now();
        if (!cached) {
          reply = router_->Route(path, query, version);
        } else if (!cache_->Find(key, version, &reply)) {
          bool builder = cache_->Begin(key);
          if (builder || !cache_->Find(key, version, &reply)) {
            struct Done {
              ResponseCache* cache;
              const std::string* key;
              bool builder;
              ~Done() {
                if (builder) cache->End(*key);
              }
            } done{cache_, &key, builder};
            reply = router_->Route(path, query, version);
            if (reply.status == HTTPResponse::HTTP_OK) {
              cache_->Put(key, version, reply);
            }
          }
        }
      }
    } catch (const Poco::Exception& e) {
      reply = error(HTTPResponse::HTTP_BAD_REQUEST,
                    "bad request: the address cannot be read");
    } catch (const std::exception& e) {
      // A bug fails its request, never the server; its text goes to the
      // log only.
      std::fprintf(stderr, "claimtrack serve: internal error: %s\n", e.what());
      reply = error(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal error");
    }
    response.set("X-Content-Type-Options", "nosniff");
    // Nothing from elsewhere, no framing, no <base>, forms only to itself.
    response.set("Content-Security-Policy",
                 "default-src 'none'; style-src 'unsafe-inline'; "
                 "img-src 'self' data:; frame-ancestors 'none'; "
                 "base-uri 'none'; form-action 'self'");
    response.set("X-Frame-Options", "DENY");
    response.set("Referrer-Policy", "no-referrer");
    // Every answer may change with the next ingest: caches ask again, and
    // the ETag lets them keep what did not change.
    response.set("Cache-Control", "no-cache");
    if (reply.status == HTTPResponse::HTTP_OK) {
      std::string etag = EntityTag(reply.body);
      response.set("ETag", etag);
      if (request.has("If-None-Match") &&
          request.get("If-None-Match") == etag) {
        response.setStatusAndReason(HTTPResponse::HTTP_NOT_MODIFIED);
        response.setContentLength(0);
        response.send().flush();
        if (current_connection != nullptr) {
          current_watchdog->Awaiting(current_connection, true);
        }
        return;
      }
    }
    if (!reply.next.empty()) {
      response.set("Link", "<" + reply.next + ">; rel=\"next\"");
    }
    response.setStatusAndReason(reply.status);
    response.setContentType(reply.type);
    if (request.getMethod() == "HEAD") {
      response.setContentLength(
          static_cast<std::streamsize>(reply.body.size()));
      response.send().flush();
    } else {
      // Headers and body in one write, not through a stream's buffer.
      response.sendBuffer(reply.body.data(), reply.body.size());
    }
    if (current_connection != nullptr) {
      current_watchdog->Awaiting(current_connection, true);
    }
  }

 private:
  Router* router_;
  ResponseCache* cache_;
  const ServerOptions* options_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(Router* router, ResponseCache* cache, const ServerOptions* options)
      : router_(router), cache_(cache), options_(options) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const HTTPServerRequest&) override {
    return new Handler(router_, cache_, options_);
  }

 private:
  Router* router_;
  ResponseCache* cache_;
  const ServerOptions* options_;
};

// Connections past the queue are answered 503 at once, never dropped
// without a word: the server is busy, not broken.
class Overflow : public Poco::Net::TCPServerConnectionFilter {
 public:
  Overflow(const Poco::Net::TCPServer* const* server, int max_queued)
      : server_(server), max_queued_(max_queued) {}

  bool accept(const Poco::Net::StreamSocket& socket) override {
    if (*server_ == nullptr || (*server_)->queuedConnections() < max_queued_) {
      return true;
    }
    static const std::string kBusy =
        "HTTP/1.1 503 Service Unavailable\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Retry-After: 1\r\nConnection: close\r\nContent-Length: 17\r\n"
        "\r\nserver too busy\r\n";
    try {
      Poco::Net::StreamSocket reply(socket);
      reply.setSendTimeout(Poco::Timespan(1, 0));
      reply.sendBytes(kBusy.data(), static_cast<int>(kBusy.size()));
    } catch (const Poco::Exception&) {
      // The client left; nothing to tell it.
    }
    return false;
  }

 private:
  const Poco::Net::TCPServer* const* server_;
  int max_queued_;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<StorePool> stores;
  std::unique_ptr<Router> router;
  std::unique_ptr<ResponseCache> cache;
  std::unique_ptr<Watchdog> watchdog;
  std::unique_ptr<Poco::ThreadPool> threads;
  std::unique_ptr<Poco::Net::TCPServer> http;
  const Poco::Net::TCPServer* listening = nullptr;  // For Overflow.
  int port = 0;
  bool stopped = false;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

int Server::port() const { return impl_->port; }

void Server::Stop() {
  if (impl_ && impl_->http && !impl_->stopped) {
    // No new connections; those open end now; then their threads.
    impl_->http->stop();
    impl_->watchdog->CloseAll();
    impl_->threads->joinAll();
    impl_->stopped = true;
  }
}

Result<std::unique_ptr<Server>> Server::Start(const ServerOptions& options) {
  // The server only reads; a missing database is a mistake in the path.
  // One connection for each worker thread.
  store::OpenOptions open;
  open.create = false;
  open.write = false;
  open.one_thread_at_a_time = true;  // StorePool lends each to one request.
  // Sixteen connections read one file: through a shared map, not sixteen
  // caches filled by system calls. SQLite caps it at its own limit.
  open.map_bytes = int64_t{1} << 32;
  std::vector<std::unique_ptr<store::ClaimStore>> stores;
  for (int i = 0; i < std::max(1, options.threads); ++i) {
    auto store = store::ClaimStore::Open(options.db_path, open);
    if (!store.ok()) return store.status();
    stores.push_back(std::move(*store));
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->stores = std::make_unique<StorePool>(std::move(stores));
  constexpr size_t kCacheBytes = 64 << 20;
  impl->cache = std::make_unique<ResponseCache>(options.db_path, kCacheBytes);
  impl->router =
      std::make_unique<Router>(impl->stores.get(), impl->cache.get());
  try {
    // Without SO_REUSEPORT, which would let two servers share the port
    // and split its requests: a port in use is an error.
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(
                    options.host, static_cast<Poco::UInt16>(options.port)),
                /*reuseAddress=*/true, /*reusePort=*/false);
    socket.listen();
    impl->port = socket.address().port();
    int threads = std::max(1, options.threads);
    auto* params = new Poco::Net::HTTPServerParams();
    params->setMaxThreads(threads);
    params->setMaxQueued(options.max_queued);
    // A client that sends nothing for this long, within a request or
    // between two, gives its thread back: idle and slow connections cannot
    // hold the workers.
    params->setTimeout(Poco::Timespan(options.read_timeout_s, 0));
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(options.read_timeout_s, 0));
    impl->threads = std::make_unique<Poco::ThreadPool>(1, threads);
    impl->watchdog = std::make_unique<Watchdog>(
        std::chrono::seconds(options.request_deadline_s));
    Poco::Net::HTTPServerParams::Ptr shared(params);
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers(
        new Factory(impl->router.get(), impl->cache.get(), &impl->options));
    // The server owns the connection factory and the parameters.
    impl->http = std::make_unique<Poco::Net::TCPServer>(
        new ConnectionFactory(shared, handlers, impl->watchdog.get()),
        *impl->threads, socket, shared);
    impl->listening = impl->http.get();
    impl->http->setConnectionFilter(
        new Overflow(&impl->listening, options.max_queued));
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
