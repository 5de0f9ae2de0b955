// Ingest throughput on the real code paths, Release build:
//
//   ingest_bench [--articles N] [--entries N]
//
// 1. Feed parsing: an RSS feed of N entries (default 1,000) parsed again and
//    again; entries/s.
// 2. The whole ingest path, files to database: N generated articles (default
//    2,000) written to a temporary folder, then read, extracted, stored and
//    judged by pipeline::Ingest into a temporary SQLite file; articles/s.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "extract/claim_extractor.h"
#include "ingest/feed_parser.h"
#include "ingest/fetcher.h"
#include "pipeline/ingest_run.h"
#include "store/claim_store.h"

namespace {

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t)
      .count();
}

const char* kCompanies[] = {"OpenAI", "Anthropic", "Microsoft", "Amazon",
                            "Google", "Meta",      "Oracle",    "Nvidia",
                            "AMD",    "CoreWeave"};

std::string Paragraph(int i) {
  const char* a = kCompanies[i % 10];
  const char* b = kCompanies[(i / 10 + 3) % 10];
  char buf[1024];
  std::snprintf(
      buf, sizeof buf,
      "%s agreed to buy %d gigawatts of capacity from %s over %d years, "
      "a contract worth about $%d billion. The first %d megawatts come "
      "online in the second half of 2026, and %s said it expects more "
      "than %d,000 GPUs at the site by 2027. Revenue rose %d%% from a "
      "year earlier.",
      a, 1 + i % 9, b, 3 + i % 5, 10 + i % 90, 100 + i % 800, b, 10 + i % 300,
      5 + i % 60);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  int articles = 2000;
  int entries = 1000;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--articles") == 0)
      articles = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--entries") == 0)
      entries = std::atoi(argv[i + 1]);
  }

  // 1. Feed parsing.
  std::string feed =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
      "<title>Bench Wire</title><link>https://bench.example/</link>";
  for (int i = 0; i < entries; ++i) {
    feed += "<item><title>Deal " + std::to_string(i) +
            "</title><link>https://bench.example/" + std::to_string(i) +
            "</link><guid>g" + std::to_string(i) +
            "</guid><pubDate>Mon, 06 Oct 2025 09:30:00 "
            "GMT</pubDate><description>&lt;p&gt;" +
            Paragraph(i) + "&lt;/p&gt;</description></item>";
  }
  feed += "</channel></rss>";
  ct::ingest::FeedInput input;
  input.bytes = feed;
  input.url = "https://bench.example/feed";
  int passes = 0;
  size_t parsed = 0;
  auto t0 = std::chrono::steady_clock::now();
  while (Since(t0) < 2.0) {
    auto f = ct::ingest::ParseFeed(input);
    if (!f.ok()) {
      std::fprintf(stderr, "ingest_bench: %s\n", f.status().message().c_str());
      return 1;
    }
    parsed += f->entries.size();
    ++passes;
  }
  double dt = Since(t0);
  std::printf(
      "feed parsing: %d entries x %d passes (%.1f MB), %.0f entries/s, %.1f "
      "MB/s\n",
      entries, passes, feed.size() / 1e6, parsed / dt,
      feed.size() * passes / dt / 1e6);

  // 2. Files to database.
  char tmpl[] = "/tmp/ct_bench_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::string corpus = dir + "/corpus";
  std::filesystem::create_directories(corpus);
  for (int i = 0; i < articles; ++i) {
    std::ofstream out(corpus + "/a" + std::to_string(i) + ".txt");
    out << "Deal number " << i << "\nSource: Outlet " << (i % 7)
        << "\nPublished: 2025-10-06T09:30:00Z\n\n";
    out << "Report " << i << " of the series.\n\n";
    for (int p = 0; p < 4; ++p) out << Paragraph(i * 4 + p) << "\n\n";
  }
  auto store = ct::store::ClaimStore::Open(dir + "/bench.db");
  auto extractor = ct::extract::ClaimExtractor::Create({});
  if (!store.ok() || !extractor.ok()) return 1;
  auto fetcher = ct::ingest::NewHttpFetcher();
  ct::pipeline::IngestOptions options;
  t0 = std::chrono::steady_clock::now();
  auto summary = ct::pipeline::Ingest({corpus}, **extractor, fetcher.get(),
                                      store->get(), options);
  dt = Since(t0);
  if (!summary.ok()) {
    std::fprintf(stderr, "ingest_bench: %s\n",
                 summary.status().message().c_str());
    return 1;
  }
  std::printf(
      "files to database: %d articles, %d claims in %.2f s: %.0f articles/s, "
      "%.0f claims/s (facts judged included)\n",
      summary->new_articles, summary->claims, dt, summary->new_articles / dt,
      summary->claims / dt);
  std::filesystem::remove_all(dir);
  return 0;
}
