#include "store/claim_store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

using ct::extract::Claim;
using ct::extract::Qualifier;
using ct::ingest::Document;
using ct::store::ClaimStore;
using ct::store::PutOutcome;

namespace {

struct TempDb {
  TempDb() {
    char tmpl[] = "/tmp/ct_store_XXXXXX";
    dir = mkdtemp(tmpl);
    path = dir + "/test.db";
  }
  ~TempDb() { std::filesystem::remove_all(dir); }
  std::string dir, path;
};

Document Doc(const std::string& url, const std::string& outlet,
             const std::string& text) {
  Document d;
  d.url = url;
  d.outlet = outlet;
  d.title = "About " + outlet;
  d.published = "2026-05-06T09:00:00Z";
  d.text = text;
  return d;
}

Claim Gw(double gw, const std::string& subject,
         Qualifier q = Qualifier::kExact) {
  Claim c;
  c.surface = std::to_string(static_cast<int>(gw)) + " GW";
  c.number = gw * 1e9;
  c.value = gw * 1e9;
  c.written_unit = "GW";
  c.unit = "W";
  c.low = (gw - 0.5) * 1e9;
  c.high = (gw + 0.5) * 1e9;
  c.qualifier = q;
  c.metric = "power_capacity";
  c.subject = subject;
  c.object = "AMD";
  c.sentence = subject + " buys " + c.surface + ".";
  c.start = 0;
  c.end = c.surface.size();
  return c;
}

}  // namespace

TEST_CASE("ClaimStore stores an article once and reports what changed",
          "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  auto first =
      s.PutArticle(Doc("https://a.example/1", "A", "6 GW."), {Gw(6, "OpenAI")});
  REQUIRE(first.ok());
  CHECK(first->outcome == PutOutcome::kNew);
  auto again =
      s.PutArticle(Doc("https://a.example/1", "A", "6 GW."), {Gw(6, "OpenAI")});
  REQUIRE(again.ok());
  CHECK(again->outcome == PutOutcome::kUnchanged);
  CHECK(again->article_id == first->article_id);
  auto changed =
      s.PutArticle(Doc("https://a.example/1", "A", "7 GW."), {Gw(7, "OpenAI")});
  REQUIRE(changed.ok());
  CHECK(changed->outcome == PutOutcome::kUpdated);
  auto copy = s.PutArticle(Doc("https://mirror.example/x", "M", "7 GW."),
                           {Gw(7, "OpenAI")});
  REQUIRE(copy.ok());
  CHECK(copy->outcome == PutOutcome::kDuplicate);

  auto articles = s.ListArticles();
  REQUIRE(articles.ok());
  REQUIRE(articles->size() == 1);
  CHECK((*articles)[0].claims == 1);
  auto claims = s.FindClaims({});
  REQUIRE(claims.ok());
  REQUIRE(claims->size() == 1);
  CHECK(*(*claims)[0].claim.value == 7e9);
  CHECK((*claims)[0].claim.subject == "OpenAI");
  CHECK((*claims)[0].source == "A");
}

TEST_CASE("ClaimStore leaves nothing behind when an article fails half-way",
          "[store]") {
  TempDb db;
  {
    auto store = ClaimStore::Open(db.path);
    REQUIRE(store.ok());
  }
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.path.c_str(), &raw) == SQLITE_OK);
  REQUIRE(sqlite3_exec(
              raw,
              "CREATE TRIGGER boom BEFORE INSERT ON claims WHEN "
              "NEW.surface = '9 GW' BEGIN SELECT RAISE(ABORT, 'boom'); END",
              nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);
  auto store = ClaimStore::Open(db.path);
  REQUIRE(store.ok());
  auto put =
      (*store)->PutArticle(Doc("https://a.example/2", "A", "6 and 9 GW."),
                           {Gw(6, "OpenAI"), Gw(9, "OpenAI")});
  REQUIRE_FALSE(put.ok());
  CHECK(put.status().message().find("boom") != std::string::npos);
  CHECK((*store)->ListArticles()->empty());
  CHECK((*store)->FindClaims({})->empty());
}

TEST_CASE("ClaimStore judges facts and keeps their ids across rebuilds",
          "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  REQUIRE(s.PutArticle(Doc("https://a.example/1", "A", "a"), {Gw(6, "OpenAI")})
              .ok());
  REQUIRE(s.PutArticle(Doc("https://b.example/1", "B", "b"), {Gw(6, "OpenAI")})
              .ok());
  REQUIRE(s.PutArticle(Doc("https://c.example/1", "C", "c"), {Gw(8, "OpenAI")})
              .ok());
  REQUIRE(s.RebuildFacts().ok());
  auto facts = s.FindFacts({});
  REQUIRE(facts.ok());
  REQUIRE(facts->size() == 1);
  const auto& f = (*facts)[0];
  CHECK(f.status == "conflict");
  CHECK(f.sources == 3);
  CHECK(f.subject == "OpenAI");
  CHECK(f.object == "AMD");
  REQUIRE(f.claims.size() == 3);
  for (const auto& c : f.claims) CHECK(c.outlier == (c.source == "C"));

  REQUIRE(s.RebuildFacts().ok());
  auto again = s.FindFact(f.id);
  REQUIRE(again.ok());
  REQUIRE(again->has_value());
  CHECK((*again)->status == "conflict");
  ct::store::FactFilter only;
  only.status = "agree";
  CHECK(s.FindFacts(only)->empty());
}

TEST_CASE("ClaimStore searches article text with FTS5, quoting what users type",
          "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  REQUIRE(
      s.PutArticle(Doc("https://a.example/1", "A", "Nuclear-powered campus"),
                   {Gw(6, "X")})
          .ok());
  REQUIRE(s.PutArticle(Doc("https://b.example/1", "B", "Gas turbines"),
                       {Gw(2, "Y")})
              .ok());
  ct::store::ClaimFilter f;
  f.search = "nuclear-powered";
  auto hits = s.FindClaims(f);
  REQUIRE(hits.ok());
  REQUIRE(hits->size() == 1);
  CHECK((*hits)[0].claim.subject == "X");
  f.search = "\"unbalanced AND (";
  CHECK(s.FindClaims(f).ok());
}

TEST_CASE("ClaimStore migrates once and refuses foreign files", "[store]") {
  TempDb db;
  {
    auto store = ClaimStore::Open(db.path);
    REQUIRE(store.ok());
    REQUIRE(
        (*store)
            ->PutArticle(Doc("https://a.example/1", "A", "6 GW"), {Gw(6, "X")})
            .ok());
  }
  auto reopened = ClaimStore::Open(db.path);
  REQUIRE(reopened.ok());
  CHECK((*reopened)->ListArticles()->size() == 1);

  std::string junk = db.dir + "/junk.db";
  std::ofstream(junk)
      << "this is not a database, just some text that is long enough";
  auto bad = ClaimStore::Open(junk);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find(junk) != std::string::npos);

  std::string other = db.dir + "/other.db";
  sqlite3* raw = nullptr;
  sqlite3_open(other.c_str(), &raw);
  sqlite3_exec(raw, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
  sqlite3_close(raw);
  auto foreign = ClaimStore::Open(other);
  REQUIRE_FALSE(foreign.ok());
  CHECK(foreign.status().message() ==
        "database " + other + " is not a claimtrack database");

  auto nowhere = ClaimStore::Open(db.dir + "/missing/dir/x.db");
  REQUIRE_FALSE(nowhere.ok());
}

TEST_CASE("ClaimStore keeps sources to poll", "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  auto id = s.AddSource("https://feeds.example/rss", 1800);
  REQUIRE(id.ok());
  auto same = s.AddSource("https://feeds.example/rss", 600);
  REQUIRE(same.ok());
  CHECK(*same == *id);
  auto list = s.ListSources();
  REQUIRE(list->size() == 1);
  CHECK((*list)[0].every_seconds == 600);
  CHECK(s.RemoveSource(std::to_string(*id)).ok());
  CHECK(s.RemoveSource("https://feeds.example/rss").code() ==
        ct::Status::Code::kNotFound);
}
