// What a fact page costs to build, part by part, Release build:
//
//   fact_page_bench DATABASE [--pages N]
//
// For N fact pages (default 2,000, facts spread over the database) it
// reads each fact with its first 200 claims, reads the same deal's other
// facts, and builds the page, as the server does; it prints the time of
// each part a page, on one thread. The database is only read.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "store/claim_store.h"
#include "web/pages.h"

namespace {

using Clock = std::chrono::steady_clock;

double Micros(Clock::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: fact_page_bench DATABASE [--pages N]\n");
    return 2;
  }
  std::string path = argv[1];
  int pages = 2000;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--pages") == 0) pages = std::atoi(argv[++i]);
  }
  ct::store::OpenOptions options;
  options.create = false;
  options.write = false;
  options.one_thread_at_a_time = true;
  options.map_bytes = int64_t{1} << 32;  // As the server reads.
  auto store = ct::store::ClaimStore::Open(path, options);
  if (!store.ok()) {
    std::fprintf(stderr, "fact_page_bench: %s\n",
                 store.status().message().c_str());
    return 2;
  }
  // Every fact's id, then N of them spread evenly.
  ct::store::FactFilter all;
  all.claims_per_fact = -1;
  std::vector<int64_t> ids;
  auto status = (*store)->ForEachFact(all, [&](const ct::store::FactRow& f) {
    ids.push_back(f.id);
    return ct::Status::Ok();
  });
  if (!status.ok() || ids.empty()) {
    std::fprintf(stderr, "fact_page_bench: no facts to read\n");
    return 2;
  }
  std::sort(ids.begin(), ids.end());
  pages = std::min<int>(pages, static_cast<int>(ids.size()));
  Clock::duration fact{}, related{}, build{};
  size_t bytes = 0, claims = 0;
  for (int i = 0; i < pages; ++i) {
    int64_t id = ids[ids.size() * static_cast<size_t>(i) / pages];
    auto t0 = Clock::now();
    auto found = (*store)->FindFact(id, 200);
    auto t1 = Clock::now();
    if (!found.ok() || !found->has_value()) continue;
    ct::store::FactFilter deal;
    deal.parties = (**found).parties;
    deal.limit = 30;
    deal.claims_per_fact = -1;
    auto others = (*store)->FindFacts(deal);
    auto t2 = Clock::now();
    if (!others.ok()) continue;
    std::string page = ct::web::FactPage(**found, *others);
    auto t3 = Clock::now();
    fact += t1 - t0;
    related += t2 - t1;
    build += t3 - t2;
    bytes += page.size();
    claims += (**found).claims.size();
  }
  std::printf(
      "%d fact pages, %.0f claims and %.0f KB a page\n"
      "  read the fact and its claims  %7.1f us\n"
      "  read the deal's other facts   %7.1f us\n"
      "  build the page                %7.1f us\n"
      "  total                         %7.1f us a page, one thread\n",
      pages, static_cast<double>(claims) / pages,
      static_cast<double>(bytes) / pages / 1024, Micros(fact) / pages,
      Micros(related) / pages, Micros(build) / pages,
      Micros(fact + related + build) / pages);
  return 0;
}
