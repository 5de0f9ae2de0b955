#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "pipeline/ingest_run.h"

namespace ct::cli {

int CmdIngest(const Context& ctx, const Argv& argv) {
  Args args(argv, {"threads", "timeout"}, {});
  if (Status s = args.Parse(); !s.ok())
    return Fail(kExitUsage, "ingest: " + s.message());
  if (args.positional().empty()) {
    return Fail(kExitUsage, "ingest: name at least one file or folder");
  }
  pipeline::IngestOptions options;
  if (args.Has("threads")) {
    std::string t = args.Get("threads");
    auto [ptr, ec] =
        std::from_chars(t.data(), t.data() + t.size(), options.threads);
    if (ec != std::errc() || ptr != t.data() + t.size() ||
        options.threads < 1) {
      return Fail(kExitUsage,
                  "ingest: --threads wants a positive number, not '" + t + "'");
    }
  }
  // A missing input is a typo: say so before anything is written.
  for (const std::string& p : args.positional()) {
    if (p.rfind("http://", 0) == 0 || p.rfind("https://", 0) == 0) {
      return Fail(kExitUsage,
                  "ingest: " + p + ": fetching URLs is not supported yet");
    }
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      return Fail(kExitUsage, "ingest: " + p + ": no such file or directory");
    }
  }
  auto store = OpenStore(ctx);
  if (!store.ok()) return Fail(kExitUsage, store.status().message());
  auto extractor = MakeExtractor(ctx);
  if (!extractor.ok()) return Fail(kExitUsage, extractor.status().message());

  bool tty = isatty(STDERR_FILENO) != 0;
  auto progress = [tty](int done, int total, const std::string& name) {
    if (!tty) return;
    const int kWidth = 30;
    int filled = total ? done * kWidth / total : kWidth;
    std::string shown =
        name.size() > 40 ? "…" + name.substr(name.size() - 39) : name;
    std::fprintf(
        stderr, "\r[%s%s] %d/%d %-40s", std::string(filled, '#').c_str(),
        std::string(kWidth - filled, ' ').c_str(), done, total, shown.c_str());
    if (done == total) std::fprintf(stderr, "\n");
  };
  auto summary = pipeline::IngestPaths(args.positional(), **extractor,
                                       store->get(), options, progress);
  if (!summary.ok()) return Fail(kExitUsage, summary.status().message());
  for (const std::string& e : summary->errors)
    Fail(kExitPartial, "skipped " + e);
  std::fprintf(
      stderr,
      "ingested %d input%s: %d new, %d updated, %d unchanged, %d duplicate, "
      "%d claims, %zu failed\n",
      summary->inputs, summary->inputs == 1 ? "" : "s", summary->new_articles,
      summary->updated, summary->unchanged, summary->duplicates,
      summary->claims, summary->errors.size());
  return summary->errors.empty() ? kExitOk : kExitPartial;
}

}  // namespace ct::cli
