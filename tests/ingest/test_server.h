// A real HTTP server on loopback for tests: Poco's HTTPServer on an
// ephemeral port, answering each path with a handler the test gives.

#ifndef CT_TESTS_INGEST_TEST_SERVER_H_
#define CT_TESTS_INGEST_TEST_SERVER_H_

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

namespace ct::testing {

using Handler = std::function<void(Poco::Net::HTTPServerRequest&,
                                   Poco::Net::HTTPServerResponse&)>;

class TestServer {
 public:
  explicit TestServer(std::map<std::string, Handler> routes)
      : routes_(std::move(routes)),
        socket_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    auto* params = new Poco::Net::HTTPServerParams();
    params->setMaxThreads(16);
    params->setKeepAlive(false);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(&routes_),
                                                      socket_, params);
    server_->start();
  }
  ~TestServer() {
    // Handlers may still be running (a slow one sleeps); wait for them, or
    // they would outlive the objects they use when the test process exits.
    server_->stopAll(true);
    for (int i = 0; i < 400 && server_->currentConnections() > 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }

  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(socket_.address().port()) +
           path;
  }

 private:
  class Dispatch : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Dispatch(const std::map<std::string, Handler>* routes)
        : routes_(routes) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& res) override {
      auto it = routes_->find(Poco::URI(req.getURI()).getPath());
      if (it == routes_->end()) {
        res.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
        res.setContentLength(0);
        res.send();
        return;
      }
      it->second(req, res);
    }

   private:
    const std::map<std::string, Handler>* routes_;
  };
  class Factory : public Poco::Net::HTTPRequestHandlerFactory {
   public:
    explicit Factory(const std::map<std::string, Handler>* routes)
        : routes_(routes) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
      return new Dispatch(routes_);
    }

   private:
    const std::map<std::string, Handler>* routes_;
  };

  std::map<std::string, Handler> routes_;
  Poco::Net::ServerSocket socket_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

// Replies with `body` and the given content type.
inline Handler Serve(std::string body, std::string type = "text/plain") {
  return [body, type](Poco::Net::HTTPServerRequest&,
                      Poco::Net::HTTPServerResponse& res) {
    res.setContentType(type);
    res.setContentLength(static_cast<std::streamsize>(body.size()));
    res.send() << body;
  };
}

}  // namespace ct::testing

#endif  // CT_TESTS_INGEST_TEST_SERVER_H_
