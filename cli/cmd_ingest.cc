#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include "cli/commands.h"
#include "ingest/fetcher.h"
#include "pipeline/ingest_run.h"

namespace ct::cli {

std::optional<std::chrono::milliseconds> SecondsOf(const std::string& s) {
  double seconds = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), seconds);
  if (ec != std::errc() || ptr != s.data() + s.size() || seconds < 0 ||
      seconds > 3600) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

pipeline::ProgressFn ProgressBar() {
  if (isatty(STDERR_FILENO) == 0) return nullptr;
  auto start = std::chrono::steady_clock::now();
  auto last = start - std::chrono::seconds(1);
  return [start, last](int done, int total, const std::string& name) mutable {
    // At most ten redraws a second, and always the last.
    auto now = std::chrono::steady_clock::now();
    if (done != total && now - last < std::chrono::milliseconds(100)) return;
    last = now;
    int width = 80;
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
      width = ws.ws_col;
    }
    double elapsed = std::chrono::duration<double>(now - start).count();
    std::string line = ProgressLine(done, total, name, elapsed, width);
    // Clear to the end of the line: a shorter line leaves nothing behind.
    std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
    if (done == total) std::fprintf(stderr, "\n");
  };
}

// The peak resident memory of this process in MiB, from the kernel's
// high-water mark; 0 where /proc does not tell.
long PeakMemoryMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6) / 1024;
  }
  return 0;
}

// Failures are always printed; the summary line unless `quiet`.
int ReportSummary(const pipeline::IngestSummary& summary, bool quiet = false) {
  for (const std::string& e : summary.errors)
    Fail(kExitPartial, "failed: " + e);
  if (quiet) return summary.errors.empty() ? kExitOk : kExitPartial;
  std::fprintf(
      stderr,
      "ingested %d input%s: %d new, %d updated, %d unchanged, %d duplicate, "
      "%d not modified, %d claims, %zu failed; peak memory %ld MiB\n",
      summary.inputs, summary.inputs == 1 ? "" : "s", summary.new_articles,
      summary.updated, summary.unchanged, summary.duplicates,
      summary.not_modified, summary.claims, summary.errors.size(),
      PeakMemoryMiB());
  return summary.errors.empty() ? kExitOk : kExitPartial;
}

int CmdIngest(const Context& ctx, const Argv& argv) {
  Args args(argv, FlagsOf("ingest"));
  if (Status s = args.Parse(); !s.ok()) return Fail(s, "ingest");
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
  auto fetch = FetchOptionsOf(args);
  if (!fetch.ok()) return Fail(fetch.status(), "ingest");
  options.fetch = *fetch;
  options.fetch_pages = !args.Has("no-pages");
  if (args.Has("delay")) {
    auto delay = SecondsOf(args.Get("delay"));
    if (!delay) {
      return Fail(kExitUsage, "ingest: --delay wants seconds, not '" +
                                  args.Get("delay") + "'");
    }
    options.host_delay = *delay;
  }
  // A missing input is a typo: say so before anything is written.
  for (const std::string& p : args.positional()) {
    if (ingest::IsHttpUrl(p)) continue;
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      return Fail(kExitUsage, "ingest: " + p + ": no such file or directory");
    }
  }
  auto store = OpenStore(ctx, Access::kWrite);
  if (!store.ok()) return Fail(store.status());
  auto extractor = MakeExtractor(ctx);
  if (!extractor.ok()) return Fail(extractor.status());

  auto fetcher = ingest::NewHttpFetcher();
  auto summary = pipeline::Ingest(args.positional(), **extractor, fetcher.get(),
                                  store->get(), options, ProgressBar());
  if (!summary.ok()) return Fail(summary.status());
  return ReportSummary(*summary);
}

}  // namespace ct::cli

namespace ct::cli {

int CmdRunDue(const Context& ctx, const Argv& argv) {
  Args args(argv, FlagsOf("run-due"));
  if (Status s = args.Parse(); !s.ok()) return Fail(s, "run-due");
  if (!args.positional().empty()) {
    return Fail(kExitUsage,
                "run-due: unexpected '" + args.positional().front() + "'");
  }
  pipeline::IngestOptions options;
  auto fetch = FetchOptionsOf(args);
  if (!fetch.ok()) return Fail(fetch.status(), "run-due");
  options.fetch = *fetch;
  options.fetch_pages = !args.Has("no-pages");
  if (args.Has("delay")) {
    auto delay = SecondsOf(args.Get("delay"));
    if (!delay) return Fail(kExitUsage, "run-due: --delay wants seconds");
    options.host_delay = *delay;
  }
  auto store = OpenStore(ctx, Access::kWrite);
  if (!store.ok()) return Fail(store.status());
  auto extractor = MakeExtractor(ctx);
  if (!extractor.ok()) return Fail(extractor.status());
  auto fetcher = ingest::NewHttpFetcher();
  auto summary = pipeline::RunDue(**extractor, fetcher.get(), store->get(),
                                  options, ProgressBar());
  if (!summary.ok()) return Fail(summary.status());
  // Nothing due says nothing, so that cron mails only when there is news.
  return ReportSummary(*summary, args.Has("quiet") || summary->inputs == 0);
}

}  // namespace ct::cli
