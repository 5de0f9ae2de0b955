#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "ingest/fetcher.h"
#include "ingest/opml.h"
#include "web/json_views.h"

namespace ct::cli {
namespace {}  // namespace

int CmdSources(const Context& ctx, const Argv& argv) {
  if (argv.empty()) return Fail(kExitUsage, "sources: add, list or remove?");
  std::string verb = argv.front();
  Args args(Argv(argv.begin() + 1, argv.end()), {"every"}, {"json"});
  if (Status s = args.Parse(); !s.ok()) return Fail(s, "sources");
  if (verb == "add") {
    if (args.positional().size() != 1)
      return Fail(kExitUsage, "sources add: one URL");
    const std::string& url = args.positional().front();
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      return Fail(kExitUsage,
                  "sources add: " + url + ": not an http or https URL");
    }
    int64_t every = 3600;
    if (args.Has("every")) {
      every = DurationSeconds(args.Get("every"));
      if (every < 60) {
        return Fail(kExitUsage,
                    "sources add: --every wants a duration of a minute or more "
                    "like 30m, 2h or 1d, not '" +
                        args.Get("every") + "'");
      }
    }
    auto store = OpenStore(ctx, Access::kWrite);
    if (!store.ok()) return Fail(store.status());
    auto id = (*store)->AddSource(url, every);
    if (!id.ok()) return Fail(id.status(), "sources add");
    std::printf("source %lld: %s every %llds\n", static_cast<long long>(*id),
                url.c_str(), static_cast<long long>(every));
    return kExitOk;
  }
  if (verb == "list") {
    auto store = OpenStore(ctx, Access::kRead);
    if (!store.ok()) return Fail(store.status());
    auto sources = (*store)->ListSources();
    if (!sources.ok()) return Fail(sources.status(), "sources list");
    if (args.Has("json")) {
      std::cout << web::SourcesJson(*sources) << "\n";
      return kExitOk;
    }
    std::vector<std::vector<std::string>> rows;
    for (const store::SourceRow& s : *sources) {
      rows.push_back({std::to_string(s.id), s.url,
                      std::to_string(s.every_seconds / 60) + "m",
                      s.last_polled_at, s.last_error});
    }
    std::cout << TextTable({"ID", "URL", "EVERY", "LAST POLLED", "LAST ERROR"},
                           rows, 70);
    return kExitOk;
  }
  if (verb == "remove") {
    if (args.positional().size() != 1)
      return Fail(kExitUsage, "sources remove: one ID or URL");
    auto store = OpenStore(ctx, Access::kWrite);
    if (!store.ok()) return Fail(store.status());
    Status s = (*store)->RemoveSource(args.positional().front());
    if (!s.ok()) return Fail(s, "sources remove");
    return kExitOk;
  }
  return Fail(kExitUsage,
              "sources: unknown action '" + verb + "' (add, list or remove)");
}

}  // namespace ct::cli
