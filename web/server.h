// The web server: HTML pages and the JSON API over one claimtrack database,
// on Poco's HTTPServer.
//
//   /                 facts, conflicts first (?status=conflict)
//   /facts/{id}       a fact: each source's value on one number line
//   /articles         articles; /articles/{id} with its claims marked
//   /search?q=...     claims in articles matching words
//   /sources          polled sources
//   /api/facts, /api/facts/{id}, /api/claims, /api/articles,
//   /api/articles/{id}, /api/sources          JSON, as the command line
//   /facts.csv, /claims.csv                   CSV export
//   /healthz          "ok" when the database answers
//
// Thread-safety: requests run on the server's worker threads, each with a
// read-only store connection of its own; Start/Stop from one thread.

#ifndef CT_WEB_SERVER_H_
#define CT_WEB_SERVER_H_

#include <memory>
#include <string>

#include "common/status.h"

namespace ct::web {

struct ServerOptions {
  std::string db_path;
  std::string host = "127.0.0.1";  // Loopback unless asked otherwise.
  // Answer requests for any Host. Off, only loopback names and `host` are
  // answered (others get 403), so a page elsewhere cannot reach the server
  // through a name that resolves to this machine (DNS rebinding).
  bool any_host = false;
  int port = 8080;  // 0 picks a free port.
  // Worker threads, each with its own read-only connection.
  int threads = 16;
  // Connections waiting for a worker; past them, 503.
  int max_queued = 256;
  // Seconds a client may send nothing, within a request or between two.
  int read_timeout_s = 3;
  // Seconds a client has for all of a request's headers, from connecting
  // or from its previous answer.
  int request_deadline_s = 10;
};

class Server {
 public:
  // Opens the database to read and starts listening. Fails when the database
  // cannot be opened or the port cannot be bound; the message says which.
  static Result<std::unique_ptr<Server>> Start(const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ct::web

#endif  // CT_WEB_SERVER_H_
