// End to end: facts do not depend on the order articles come in, and an
// ingest killed at any moment leaves every claim in the fact it belongs to.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/claim_store.h"
#include "tests/cli/cli_run.h"

using ct::testing::Claimtrack;
using ct::testing::Run;
using ct::testing::TempDir;

extern char** environ;

namespace {

namespace fs = std::filesystem;

// What a fact says, without its id: its parties, metric, verdict and each
// claim by article and surface.
std::string Describe(const Poco::JSON::Object::Ptr& f) {
  std::string d;
  auto parties = f->getArray("parties");
  for (size_t i = 0; i < parties->size(); ++i) {
    d += parties->getElement<std::string>(static_cast<unsigned>(i)) + ",";
  }
  for (const char* field :
       {"metric", "facet", "unit", "time", "status", "reason"}) {
    d += "|" + f->getValue<std::string>(field);
  }
  d += "|" + f->get("consensus").toString();
  d += "|" + std::to_string(f->getValue<int>("sources"));
  std::vector<std::string> claims;
  auto cs = f->getArray("claims");
  for (size_t i = 0; i < cs->size(); ++i) {
    auto c = cs->getObject(static_cast<unsigned>(i));
    claims.push_back(c->getValue<std::string>("url") + " " +
                     c->getValue<std::string>("surface") + " " +
                     (c->getValue<bool>("outlier") ? "outlier" : ""));
  }
  std::sort(claims.begin(), claims.end());
  for (const std::string& c : claims) d += "\n  " + c;
  return d;
}

std::multiset<std::string> FactsOf(const std::string& db) {
  Run facts = Claimtrack("--db " + db + " facts --json");
  REQUIRE(facts.code == 0);
  Poco::JSON::Parser parser;
  auto all = parser.parse(facts.out).extract<Poco::JSON::Array::Ptr>();
  std::multiset<std::string> out;
  for (size_t i = 0; i < all->size(); ++i) {
    out.insert(Describe(all->getObject(static_cast<unsigned>(i))));
  }
  return out;
}

// Each claim's fact, by claim id (0 for none).
std::map<int64_t, int64_t> Membership(ct::store::ClaimStore* store) {
  std::map<int64_t, int64_t> out;
  ct::store::ClaimFilter all;
  REQUIRE(store
              ->ForEachClaim(all,
                             [&](const ct::store::ClaimRow& r) {
                               out[r.id] = r.fact_id;
                               return ct::Status::Ok();
                             })
              .ok());
  return out;
}

}  // namespace

TEST_CASE("The example corpus gives the same facts in any order",
          "[cli][e2e]") {
  TempDir dir;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(std::string(CT_SOURCE_DIR) +
                                              "/examples/corpus")) {
    files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 4);

  // One article at a time, first to last and last to first, and all at
  // once on several threads.
  std::string forward = dir.path + "/forward.db";
  for (const std::string& f : files) {
    REQUIRE(Claimtrack("--db " + forward + " ingest " + f).code == 0);
  }
  std::string backward = dir.path + "/backward.db";
  for (auto it = files.rbegin(); it != files.rend(); ++it) {
    REQUIRE(Claimtrack("--db " + backward + " ingest " + *it).code == 0);
  }
  std::string together = dir.path + "/together.db";
  REQUIRE(Claimtrack("--db " + together + " ingest " + CT_SOURCE_DIR +
                     "/examples/corpus")
              .code == 0);

  auto expected = FactsOf(forward);
  CHECK(expected.size() > 10);
  CHECK(FactsOf(backward) == expected);
  CHECK(FactsOf(together) == expected);
}

TEST_CASE("An ingest killed at any point leaves every claim in its fact",
          "[cli][e2e]") {
  TempDir dir;
  // Many short articles from a handful of outlets restating a few deals,
  // some with the figure wrong; more than one batch of them, so that a
  // kill can fall after a batch has committed.
  constexpr int kArticles = 2600;
  std::string corpus = dir.path + "/corpus";
  fs::create_directory(corpus);
  const char* outlets[] = {"North Wire", "South Ledger", "East Gazette",
                           "West Bulletin", "Central Post"};
  const char* deals[][2] = {
      {"OpenAI", "AMD"}, {"Microsoft", "Nebius"}, {"Anthropic", "Google"}};
  for (int i = 0; i < kArticles; ++i) {
    const auto& deal = deals[i % 3];
    int gw = (i % 11 == 0) ? 8 : 6;
    std::ofstream out(corpus + "/story-" + std::to_string(i) + ".txt");
    out << deal[0] << " and " << deal[1] << " sign a compute deal\n"
        << "Source: " << outlets[i % 5] << "\n"
        << "Published: 2026-05-" << (10 + i % 9) << "\n\n"
        << deal[0] << " agreed to buy " << gw << " gigawatts of capacity from "
        << deal[1] << " in a deal worth $" << (17 + i % 2) * 10
        << " billion, report number " << i << " said.\n";
  }

  std::string binary = CT_BINARY;
  auto spawn = [&](const std::string& db) {
    std::vector<std::string> args = {binary, "--db", db, "ingest", corpus};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(),
                         environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
    return pid;
  };
  // How long a whole run takes here, to spread the kills over it.
  auto start = std::chrono::steady_clock::now();
  pid_t whole = spawn(dir.path + "/whole.db");
  int status = 0;
  waitpid(whole, &status, 0);
  REQUIRE(WIFEXITED(status));
  auto run_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - start)
                    .count();

  // A fresh database each time, killed a little later each time: while it
  // opens, between articles, after a batch, while facts are judged.
  int seen_claims = 0;
  for (int step = 1; step <= 10; ++step) {
    std::string db = dir.path + "/killed-" + std::to_string(step) + ".db";
    pid_t pid = spawn(db);
    bool exited = false;
    if (step < 10) {
      std::this_thread::sleep_for(
          std::chrono::milliseconds(run_ms * step / 11));
    } else {
      // The last kill waits for the first batch to commit, however slow
      // the machine: a reader sees a claim.
      auto deadline =
          std::chrono::steady_clock::now() + std::chrono::seconds(120);
      while (std::chrono::steady_clock::now() < deadline) {
        if (waitpid(pid, &status, WNOHANG) != 0) {
          exited = true;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (!fs::exists(db)) continue;
        ct::store::OpenOptions read;
        read.create = false;
        read.write = false;
        auto reader = ct::store::ClaimStore::Open(db, read);
        if (!reader.ok()) continue;
        bool any = false;
        (void)(*reader)->ForEachClaim(
            ct::store::ClaimFilter{}, [&](const ct::store::ClaimRow&) {
              any = true;
              return ct::Status::Internal("seen one");  // Stops the walk.
            });
        if (any) break;
      }
    }
    if (!exited) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
    if (!fs::exists(db)) continue;

    // What a reader sees now must be what judging every claim again gives.
    std::string copy = dir.path + "/copy.db";
    for (const char* suffix : {"", "-wal"}) {
      fs::remove(copy + suffix);
      if (fs::exists(db + suffix)) fs::copy_file(db + suffix, copy + suffix);
    }
    auto store = ct::store::ClaimStore::Open(copy);
    INFO("killed after " << step << "/11: "
                         << (store.ok() ? "" : store.status().message()));
    REQUIRE(store.ok());
    auto before = Membership(store->get());
    REQUIRE((*store)->RebuildAllFacts().ok());
    auto after = Membership(store->get());
    INFO("killed after " << step << "/11 of " << run_ms << " ms, "
                         << before.size() << " claims");
    CHECK(before == after);
    int64_t grouped = 0;
    for (const auto& [claim, fact] : before) grouped += fact != 0;
    CHECK(grouped == static_cast<int64_t>(before.size()));
    seen_claims += before.empty() ? 0 : 1;
  }
  // Some kill fell after the first batch had committed.
  CHECK(seen_claims > 0);
}
