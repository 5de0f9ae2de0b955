#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "ingest/fetcher.h"
#include "ingest/local_files.h"
#include "ingest/opml.h"
#include "web/json_views.h"

namespace ct::cli {

int CmdSources(const Context& ctx, const Argv& argv) {
  if (argv.empty()) {
    return Fail(kExitUsage,
                "sources: add, list, remove, pause, resume, refresh, import "
                "or export?");
  }
  std::string verb = argv.front();
  Args args(Argv(argv.begin() + 1, argv.end()), FlagsOf("sources"));
  if (Status s = args.Parse(); !s.ok()) return Fail(s, "sources");
  // The interval --every asks for, in seconds; 3600 without it.
  auto every_of = [&](const std::string& verb_name) -> Result<int64_t> {
    if (!args.Has("every")) return int64_t{3600};
    int64_t every = DurationSeconds(args.Get("every"));
    if (every < 60) {
      return Status::InvalidArgument(
          "sources " + verb_name +
          ": --every wants a duration of a minute or more like 30m, 2h or "
          "1d, not '" +
          args.Get("every") + "'");
    }
    return every;
  };
  if (verb == "import") {
    if (args.positional().size() != 1)
      return Fail(kExitUsage, "sources import: one OPML file");
    auto every = every_of("import");
    if (!every.ok()) return Fail(every.status());
    const std::string& path = args.positional().front();
    auto bytes = ingest::ReadFileBytes(path);
    if (!bytes.ok()) return Fail(bytes.status(), "sources import");
    auto feeds = ingest::ParseOpml(*bytes);
    if (!feeds.ok()) {
      return Fail(feeds.status(), "sources import: " + path);
    }
    auto store = OpenStore(ctx, Access::kWrite);
    if (!store.ok()) return Fail(store.status());
    int added = 0, skipped = 0;
    for (const ingest::OpmlFeed& feed : *feeds) {
      if (feed.url.rfind("http://", 0) != 0 &&
          feed.url.rfind("https://", 0) != 0) {
        ++skipped;
        continue;
      }
      auto id = (*store)->AddSource(feed.url, *every, feed.title,
                                    args.Get("every", "1h"));
      if (!id.ok()) return Fail(id.status(), "sources import");
      ++added;
    }
    std::fprintf(stderr, "imported %d source%s from %s", added,
                 added == 1 ? "" : "s", path.c_str());
    if (skipped > 0) {
      std::fprintf(stderr, " (%d skipped: not http or https)", skipped);
    }
    std::fprintf(stderr, "\n");
    return kExitOk;
  }
  if (verb == "export") {
    if (!args.positional().empty())
      return Fail(kExitUsage,
                  "sources export: no arguments (it writes to "
                  "standard output)");
    auto store = OpenStore(ctx, Access::kRead);
    if (!store.ok()) return Fail(store.status());
    auto sources = (*store)->ListSources();
    if (!sources.ok()) return Fail(sources.status(), "sources export");
    std::vector<ingest::OpmlFeed> feeds;
    for (const store::SourceRow& s : *sources)
      feeds.push_back({s.title, s.url});
    std::cout << ingest::WriteOpml(feeds, "claimtrack sources");
    return kExitOk;
  }
  if (verb == "add") {
    if (args.positional().size() != 1)
      return Fail(kExitUsage, "sources add: one URL");
    const std::string& url = args.positional().front();
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      return Fail(kExitUsage,
                  "sources add: " + url + ": not an http or https URL");
    }
    auto every = every_of("add");
    if (!every.ok()) return Fail(every.status());
    auto store = OpenStore(ctx, Access::kWrite);
    if (!store.ok()) return Fail(store.status());
    auto id = (*store)->AddSource(url, *every, "", args.Get("every", "1h"));
    if (!id.ok()) return Fail(id.status(), "sources add");
    std::printf("source %lld: %s every %s\n", static_cast<long long>(*id),
                url.c_str(), args.Get("every", "1h").c_str());
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
      // The interval as the user wrote it; sources added before that was
      // kept show it in minutes.
      std::string every = s.every_text.empty()
                              ? std::to_string(s.every_seconds / 60) + "m"
                              : s.every_text;
      std::string status = s.paused ? "paused"
                           : s.failures > 0
                               ? std::to_string(s.failures) + " failures"
                           : s.last_polled_at.empty() ? "new"
                                                      : "ok";
      std::string next = s.paused                ? "-"
                         : s.next_due_at.empty() ? "now"
                                                 : s.next_due_at;
      rows.push_back({std::to_string(s.id), s.url, every, status,
                      s.last_polled_at, next, s.last_error});
    }
    std::cout << TextTable({"ID", "URL", "EVERY", "STATUS", "LAST POLLED",
                            "NEXT DUE", "LAST ERROR"},
                           rows, 70);
    return kExitOk;
  }
  if (verb == "pause" || verb == "resume") {
    if (args.positional().size() != 1)
      return Fail(kExitUsage, "sources " + verb + ": one ID or URL");
    auto store = OpenStore(ctx, Access::kWrite);
    if (!store.ok()) return Fail(store.status());
    Status s =
        (*store)->PauseSource(args.positional().front(), verb == "pause");
    if (!s.ok()) return Fail(s, "sources " + verb);
    return kExitOk;
  }
  if (verb == "refresh") {
    bool all = args.Has("all");
    if (all != args.positional().empty() || args.positional().size() > 1) {
      return Fail(kExitUsage, "sources refresh: one ID or URL, or --all");
    }
    auto store = OpenStore(ctx, Access::kWrite);
    if (!store.ok()) return Fail(store.status());
    Status s = (*store)->RefreshSources(all ? "" : args.positional().front());
    if (!s.ok()) return Fail(s, "sources refresh");
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
  return Fail(kExitUsage, "sources: unknown action '" + verb +
                              "' (add, list, remove, pause, resume, refresh, "
                              "import or export)");
}

}  // namespace ct::cli
