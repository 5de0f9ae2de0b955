#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "web/json_views.h"

namespace ct::cli {
namespace {

// "30m", "2h", "1d", "90s" -> seconds; -1 when it is not a duration.
int64_t ParseDuration(const std::string& s) {
  if (s.size() < 2) return -1;
  int64_t unit = 0;
  switch (s.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    default:
      return -1;
  }
  int64_t n = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9' || n > 1000000000) return -1;
    n = n * 10 + (s[i] - '0');
  }
  return n > 0 ? n * unit : -1;
}

}  // namespace

int CmdSources(const Context& ctx, const Argv& argv) {
  if (argv.empty()) return Fail(kExitUsage, "sources: add, list or remove?");
  std::string verb = argv.front();
  Args args(Argv(argv.begin() + 1, argv.end()), {"every"}, {"json"});
  if (Status s = args.Parse(); !s.ok())
    return Fail(kExitUsage, "sources: " + s.message());
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
      every = ParseDuration(args.Get("every"));
      if (every < 60) {
        return Fail(kExitUsage,
                    "sources add: --every wants a duration of a minute or more "
                    "like 30m, 2h or 1d, not '" +
                        args.Get("every") + "'");
      }
    }
    auto store = OpenStore(ctx);
    if (!store.ok()) return Fail(kExitUsage, store.status().message());
    auto id = (*store)->AddSource(url, every);
    if (!id.ok())
      return Fail(kExitUsage, "sources add: " + id.status().message());
    std::printf("source %lld: %s every %llds\n", static_cast<long long>(*id),
                url.c_str(), static_cast<long long>(every));
    return kExitOk;
  }
  if (verb == "list") {
    auto store = OpenStore(ctx);
    if (!store.ok()) return Fail(kExitUsage, store.status().message());
    auto sources = (*store)->ListSources();
    if (!sources.ok())
      return Fail(kExitUsage, "sources list: " + sources.status().message());
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
    auto store = OpenStore(ctx);
    if (!store.ok()) return Fail(kExitUsage, store.status().message());
    Status s = (*store)->RemoveSource(args.positional().front());
    if (!s.ok()) return Fail(kExitUsage, "sources remove: " + s.message());
    return kExitOk;
  }
  return Fail(kExitUsage,
              "sources: unknown action '" + verb + "' (add, list or remove)");
}

}  // namespace ct::cli
