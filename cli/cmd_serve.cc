#include <signal.h>

#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "cli/commands.h"
#include "ingest/fetcher.h"
#include "pipeline/ingest_run.h"
#include "web/server.h"

namespace ct::cli {
namespace {

void RunScheduledPass(const Context& ctx,
                      const extract::ClaimExtractor& extractor,
                      ingest::Fetcher* fetcher) {
  auto store = OpenStore(ctx, Access::kWrite);
  if (!store.ok()) {
    Fail(kExitPartial, "scheduled pass: " + store.status().message());
    return;
  }
  pipeline::IngestOptions options;
  auto summary = pipeline::RunDue(extractor, fetcher, store->get(), options);
  if (!summary.ok()) {
    Fail(kExitPartial, "scheduled pass: " + summary.status().message());
    return;
  }
  for (const std::string& e : summary->errors)
    Fail(kExitPartial, "failed: " + e);
  std::fprintf(stderr,
               "claimtrack: scheduled pass: %d sources, %d new, %d updated\n",
               summary->inputs, summary->new_articles, summary->updated);
}

}  // namespace

int CmdServe(const Context& ctx, const Argv& argv) {
  Args args(argv, FlagsOf("serve"));
  if (Status s = args.Parse(); !s.ok()) return Fail(s, "serve");
  web::ServerOptions options;
  options.db_path = ctx.db_path;
  options.host = args.Get("host", "127.0.0.1");
  // Asked to listen elsewhere, the server answers whatever name reaches it.
  options.any_host = args.Has("host");
  if (args.Has("port")) {
    std::string p = args.Get("port");
    auto [ptr, ec] =
        std::from_chars(p.data(), p.data() + p.size(), options.port);
    if (ec != std::errc() || ptr != p.data() + p.size() || options.port < 0 ||
        options.port > 65535) {
      return Fail(
          kExitUsage,
          "serve: --port wants a number from 0 to 65535, not '" + p + "'");
    }
  }
  int64_t every = 0;
  if (args.Has("ingest-every")) {
    every = DurationSeconds(args.Get("ingest-every"));
    if (every < 60) {
      return Fail(kExitUsage,
                  "serve: --ingest-every wants a duration of a minute or more "
                  "like 30m or 1h, not '" +
                      args.Get("ingest-every") + "'");
    }
  }
  auto extractor = MakeExtractor(ctx);
  if (!extractor.ok()) return Fail(extractor.status());

  // Block the signals before any thread starts, so that only sigwait below
  // receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto server = web::Server::Start(options);
  if (!server.ok()) return Fail(server.status(), "serve");
  std::fprintf(stderr, "claimtrack: serving %s on http://%s:%d/\n",
               options.db_path.c_str(), options.host.c_str(),
               (*server)->port());

  // The scheduled passes run on their own thread with their own database
  // connection; WAL lets the server read meanwhile.
  std::mutex mu;
  std::condition_variable wake;
  bool stopping = false;
  std::thread scheduler;
  if (every > 0) {
    scheduler = std::thread([&] {
      auto fetcher = ingest::NewHttpFetcher();
      while (true) {
        // A pass that fails, whatever the cause, is reported and the
        // server goes on to the next one.
        try {
          RunScheduledPass(ctx, **extractor, fetcher.get());
        } catch (const std::exception& e) {
          Fail(kExitPartial,
               std::string("scheduled pass: internal error: ") + e.what());
        } catch (...) {
          Fail(kExitPartial, "scheduled pass: internal error");
        }
        std::unique_lock<std::mutex> lock(mu);
        if (wake.wait_for(lock, std::chrono::seconds(every),
                          [&] { return stopping; }))
          break;
      }
    });
  }
  int sig = 0;
  sigwait(&signals, &sig);
  std::fprintf(stderr, "claimtrack: stopping\n");
  {
    std::lock_guard<std::mutex> lock(mu);
    stopping = true;
  }
  wake.notify_all();
  if (scheduler.joinable()) scheduler.join();
  (*server)->Stop();
  return kExitOk;
}

}  // namespace ct::cli
