#include "store/claim_store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "store/migrations.h"
#include "store/sqlite.h"

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
  // The same text at another URL of the same outlet is a duplicate.
  auto copy = s.PutArticle(Doc("https://a.example/amp/1", "A", "7 GW."),
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

TEST_CASE("ClaimStore names a slip of unit the outlier of the right figure",
          "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  Claim bytes = Gw(6, "OpenAI");
  bytes.surface = "6 GB";
  bytes.written_unit = "GB";
  bytes.unit = "B";
  REQUIRE(s.PutArticle(Doc("https://a.example/1", "A", "a"), {Gw(6, "OpenAI")})
              .ok());
  REQUIRE(s.PutArticle(Doc("https://b.example/1", "B", "b"), {Gw(6, "OpenAI")})
              .ok());
  REQUIRE(s.PutArticle(Doc("https://c.example/1", "C", "c"), {bytes}).ok());
  REQUIRE(s.RebuildFacts().ok());
  auto facts = s.FindFacts({});
  REQUIRE(facts.ok());
  REQUIRE(facts->size() == 1);
  const auto& f = (*facts)[0];
  CHECK(f.status == "conflict");
  CHECK(f.reason == "unit_confusion");
  CHECK(f.unit == "W");
  REQUIRE(f.consensus);
  CHECK(*f.consensus == 6e9);
  REQUIRE(f.claims.size() == 3);
  for (const auto& c : f.claims) CHECK(c.outlier == (c.source == "C"));
}

TEST_CASE("ClaimStore makes no fact of a slip of unit alone", "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  Claim bytes = Gw(6, "OpenAI");
  bytes.unit = std::string(1, 'B');
  REQUIRE(s.PutArticle(Doc("https://a.example/1", "A", "a"), {bytes}).ok());
  REQUIRE(s.PutArticle(Doc("https://b.example/1", "B", "b"), {bytes}).ok());
  REQUIRE(s.RebuildFacts().ok());
  CHECK(s.FindFacts({})->empty());
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

namespace {

std::string Bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// A SQLite file written by another program: plain sqlite3 calls, the
// default rollback journal, and whatever `sql` makes of it.
void MakeSqlite(const std::string& path, const std::string& sql) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  REQUIRE(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  sqlite3_close(raw);
}

}  // namespace

TEST_CASE(
    "ClaimStore refuses a database it cannot know and leaves it as it was",
    "[store]") {
  TempDb db;
  struct Case {
    const char* name;
    std::string sql;
    std::string message;  // After "database PATH" or "PATH".
  };
  const Case cases[] = {
      {"negative.db", "CREATE TABLE t(x); PRAGMA user_version = -7",
       " has schema version -7, which no claimtrack writes"},
      {"negative-empty.db", "PRAGMA user_version = -1; VACUUM",
       " has schema version -1, which no claimtrack writes"},
      {"future.db", "CREATE TABLE t(x); PRAGMA user_version = 999",
       " has schema version 999, newer than this claimtrack (" +
           std::to_string(ClaimStore::SchemaVersion()) + ")"},
      {"foreign.db",
       "CREATE TABLE notes(body TEXT); INSERT INTO notes "
       "VALUES ('keep me')",
       " is not a claimtrack database"},
      {"lookalike.db", "CREATE TABLE articles(x); PRAGMA user_version = 2",
       " is not a claimtrack database (no sources table)"},
      {"other-app.db", "CREATE TABLE t(x); PRAGMA application_id = 42",
       " is another program's SQLite database (application id 42), not a "
       "claimtrack database"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    std::string path = db.dir + "/" + c.name;
    MakeSqlite(path, c.sql);
    std::string before = Bytes(path);
    for (bool write : {false, true}) {
      ct::store::OpenOptions options;
      options.write = write;
      auto store = ClaimStore::Open(path, options);
      REQUIRE_FALSE(store.ok());
      CHECK(store.status().code() == ct::Status::Code::kInvalidArgument);
      std::string msg = store.status().message();
      CHECK((msg == "database " + path + c.message || msg == path + c.message));
      CHECK(msg.find("SELECT") == std::string::npos);
      CHECK(msg.find('\n') == std::string::npos);
    }
    CHECK(Bytes(path) == before);
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));
  }

  std::string text = db.dir + "/notes.txt";
  std::ofstream(text) << "Not a database at all, only words.\n";
  std::string before = Bytes(text);
  auto store = ClaimStore::Open(text);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().message() ==
        text + " is not a claimtrack database (not a SQLite file)");
  CHECK(Bytes(text) == before);

  auto folder = ClaimStore::Open(db.dir);
  REQUIRE_FALSE(folder.ok());
  CHECK(folder.status().message() == db.dir + " is a folder, not a database");
}

TEST_CASE("ClaimStore makes an empty file a database only when asked to create",
          "[store]") {
  TempDb db;
  std::ofstream(db.path).close();
  ct::store::OpenOptions read;
  read.create = false;
  read.write = false;
  auto refused = ClaimStore::Open(db.path, read);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().message() ==
        "database " + db.path + " is empty (run `claimtrack ingest` first)");
  CHECK(std::filesystem::file_size(db.path) == 0);

  auto missing = ClaimStore::Open(db.dir + "/typo.db", read);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == ct::Status::Code::kNotFound);
  CHECK(missing.status().message() == "no database at " + db.dir +
                                          "/typo.db (run `claimtrack ingest` "
                                          "first)");
  CHECK_FALSE(std::filesystem::exists(db.dir + "/typo.db"));

  auto created = ClaimStore::Open(db.path);
  REQUIRE(created.ok());
  CHECK((*created)->ListArticles()->empty());
}

TEST_CASE("ClaimStore opened to read writes nothing to a current database",
          "[store]") {
  TempDb db;
  {
    auto store = ClaimStore::Open(db.path);
    REQUIRE(store.ok());
    REQUIRE(
        (*store)
            ->PutArticle(Doc("https://a.example/1", "A", "6 GW"), {Gw(6, "X")})
            .ok());
    REQUIRE((*store)->RebuildFacts().ok());
  }
  std::string before = Bytes(db.path);
  ct::store::OpenOptions read;
  read.create = false;
  read.write = false;
  auto store = ClaimStore::Open(db.path, read);
  REQUIRE(store.ok());
  CHECK((*store)->FindFacts({})->size() == 1);
  auto put = (*store)->PutArticle(Doc("https://a.example/2", "A", "7 GW"),
                                  {Gw(7, "X")});
  REQUIRE_FALSE(put.ok());
  CHECK(put.status().message().find("read-only") != std::string::npos);
  store->reset();
  CHECK(Bytes(db.path) == before);
}

TEST_CASE("ClaimStore waits out a lock for its busy timeout, then says so",
          "[store]") {
  TempDb db;
  REQUIRE(ClaimStore::Open(db.path).ok());
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(db.path.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  ct::store::OpenOptions options;
  options.busy_timeout = std::chrono::milliseconds(50);
  auto store = ClaimStore::Open(db.path, options);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == ct::Status::Code::kUnavailable);
  CHECK(store.status().message() ==
        "database " + db.path + " is locked by another process");

  // Reads go on beside the writer.
  ct::store::OpenOptions read;
  read.write = false;
  read.busy_timeout = std::chrono::milliseconds(50);
  auto reader = ClaimStore::Open(db.path, read);
  REQUIRE(reader.ok());
  CHECK((*reader)->ListArticles().ok());
  auto put = (*reader)->PutArticle(Doc("https://a.example/1", "A", "6 GW"),
                                   {Gw(6, "X")});
  CHECK_FALSE(put.ok());
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
}

TEST_CASE("ClaimStore writes an article's claims in batches, atomically",
          "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  auto begun = s.BeginArticle(Doc("https://a.example/1", "A", "6 and 7 GW"));
  REQUIRE(begun.ok());
  CHECK(begun->outcome == PutOutcome::kNew);
  REQUIRE(s.AddClaims({Gw(6, "")}).ok());
  REQUIRE(s.AddClaims({Gw(7, "OpenAI")}).ok());
  ct::extract::PartyFix fix;
  fix.subject = "OpenAI";
  fix.parties = {"OpenAI"};
  fix.metric = "power_capacity";
  REQUIRE(s.ApplyFix(fix).ok());
  REQUIRE(s.CommitArticle().ok());
  auto claims = s.FindClaims({});
  REQUIRE(claims->size() == 2);
  CHECK((*claims)[0].claim.subject == "OpenAI");
  CHECK((*claims)[0].claim.object.empty());
  CHECK((*claims)[1].claim.object == "AMD");

  auto second = s.BeginArticle(Doc("https://a.example/2", "A", "8 GW"));
  REQUIRE(second.ok());
  REQUIRE(s.AddClaims({Gw(8, "OpenAI")}).ok());
  s.AbortArticle();
  CHECK(s.ListArticles()->size() == 1);
  CHECK(s.FindClaims({})->size() == 2);
  CHECK(s.AddClaims({Gw(8, "OpenAI")}).code() == ct::Status::Code::kInternal);
}

TEST_CASE("ClaimStore never takes an empty text for a copy of another",
          "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  auto a = s.PutArticle(Doc("https://a.example/1", "A", ""), {});
  auto b = s.PutArticle(Doc("https://b.example/1", "B", "\n"), {});
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->outcome == PutOutcome::kNew);
  CHECK(b->outcome == PutOutcome::kNew);
  CHECK(s.ListArticles()->size() == 2);
}

TEST_CASE("ClaimStore rebuilds only changed blocks, as a full rebuild would",
          "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  auto facts_of = [&] {
    std::vector<std::string> out;
    auto facts = s.FindFacts({});
    REQUIRE(facts.ok());
    for (const auto& f : *facts) {
      std::string line = std::to_string(f.id) + " " + f.subject + " " +
                         f.status + " " + std::to_string(f.sources);
      for (const auto& c : f.claims) {
        line += " " + c.claim.surface + (c.outlier ? "!" : "");
      }
      out.push_back(line);
    }
    return out;
  };
  REQUIRE(s.PutArticle(Doc("https://a.example/1", "A", "a"), {Gw(6, "OpenAI")})
              .ok());
  REQUIRE(s.PutArticle(Doc("https://b.example/1", "B", "b"),
                       {Gw(6, "OpenAI"), Gw(2, "Oracle")})
              .ok());
  REQUIRE(s.RebuildFacts().ok());
  REQUIRE(facts_of().size() == 2);
  // A third outlet disagrees on OpenAI, and the Oracle article changes.
  REQUIRE(s.PutArticle(Doc("https://c.example/1", "C", "c"), {Gw(8, "OpenAI")})
              .ok());
  REQUIRE(s.PutArticle(Doc("https://b.example/1", "B", "b2"),
                       {Gw(6, "OpenAI"), Gw(3, "Meta")})
              .ok());
  REQUIRE(s.RebuildFacts().ok());
  auto incremental = facts_of();
  REQUIRE(s.RebuildAllFacts().ok());
  CHECK(facts_of() == incremental);
  REQUIRE(incremental.size() == 2);
  CHECK(incremental[0].find("OpenAI conflict 3") != std::string::npos);
  CHECK(incremental[0].find("8 GW!") != std::string::npos);
  CHECK(incremental[1].find("Meta single 1") != std::string::npos);
}

TEST_CASE("Statements run per article, claim or fact use an index", "[store]") {
  TempDb db;
  REQUIRE(ClaimStore::Open(db.path).ok());
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.path.c_str(), &raw) == SQLITE_OK);
  // As the store runs them: foreign keys checked, which may search other
  // tables too.
  REQUIRE(sqlite3_exec(raw, "PRAGMA foreign_keys = ON", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
  for (const std::string& sql : ClaimStore::StatementsPerRow()) {
    INFO(sql);
    sqlite3_stmt* stmt = nullptr;
    std::string explain = "EXPLAIN QUERY PLAN " + sql;
    REQUIRE(sqlite3_prepare_v2(raw, explain.c_str(), -1, &stmt, nullptr) ==
            SQLITE_OK);
    std::string plan;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      plan += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3));
      plan += "\n";
    }
    sqlite3_finalize(stmt);
    INFO(plan);
    CHECK(plan.find("SCAN") == std::string::npos);
  }
  sqlite3_close(raw);
}

TEST_CASE("ClaimStore commits a batch of articles at once, each whole",
          "[store]") {
  TempDb db;
  auto store = ClaimStore::Open(db.path);
  REQUIRE(store.ok());
  auto& s = **store;
  REQUIRE(s.BeginBatch().ok());
  REQUIRE(s.PutArticle(Doc("https://a.example/1", "A", "a"), {Gw(6, "OpenAI")})
              .ok());
  // An article that fails half-way leaves nothing; the batch goes on.
  REQUIRE(s.BeginArticle(Doc("https://a.example/2", "A", "b")).ok());
  REQUIRE(s.AddClaims({Gw(7, "Newco")}).ok());
  s.AbortArticle();
  REQUIRE(s.PutArticle(Doc("https://a.example/3", "A", "c"), {Gw(8, "Newco")})
              .ok());
  // Another connection sees nothing until the batch ends.
  ct::store::OpenOptions read;
  read.write = false;
  auto reader = ClaimStore::Open(db.path, read);
  REQUIRE(reader.ok());
  CHECK((*reader)->ListArticles()->empty());
  REQUIRE(s.EndBatch().ok());
  auto articles = (*reader)->ListArticles();
  REQUIRE(articles->size() == 2);
  CHECK((*articles)[1].url == "https://a.example/3");
  auto claims = (*reader)->FindClaims({});
  REQUIRE(claims->size() == 2);
  CHECK((*claims)[1].claim.subject == "Newco");
  REQUIRE(s.RebuildFacts().ok());
  CHECK((*reader)->FindFacts({})->size() == 2);
}

TEST_CASE(
    "A syndicated copy is stored, linked to its original, and counts once",
    "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  const std::string story =
      "The two companies signed the agreement late on Sunday after months of "
      "talks about capacity, pricing and delivery dates for the first sites. "
      "Executives on both sides described the terms as the largest their "
      "firms had ever accepted, and analysts at several banks raised their "
      "forecasts within hours of the announcement reaching the wires. "
      "Construction crews are already clearing land beside a substation in "
      "the north of the state, where the first buildings should be finished "
      "before winter arrives and the cooling plant is connected. A second "
      "campus will follow once the utility approves a new transmission line, "
      "which local officials expect to happen early next year at the "
      "latest. Critics warned that the deal ties a young buyer to a single "
      "supplier for most of the decade, leaving little room to switch if "
      "prices fall. Shares of the supplier rose sharply in early trading, "
      "while the wider market barely moved on a quiet morning for news.";
  REQUIRE(s.PutArticle(Doc("https://agency.example/1", "Agency", story),
                       {Gw(6, "OpenAI")})
              .ok());
  // Word for word at another outlet, and again with a new first line and a
  // retouched ending.
  auto same = s.PutArticle(Doc("https://paper.example/a", "Paper", story),
                           {Gw(6, "OpenAI")});
  REQUIRE(same.ok());
  CHECK(same->outcome == PutOutcome::kNew);
  std::string retouched = "Reported by our desk. " +
                          story.substr(0, story.size() - 120) +
                          " More on this later today.";
  auto near = s.PutArticle(Doc("https://daily.example/b", "Daily", retouched),
                           {Gw(6, "OpenAI")});
  REQUIRE(near.ok());
  // A story of its own at a third outlet.
  REQUIRE(s.PutArticle(Doc("https://own.example/c", "Own", "6 GW, we hear."),
                       {Gw(6, "OpenAI")})
              .ok());
  REQUIRE(s.RebuildFacts().ok());

  auto articles = s.ListArticles();
  REQUIRE(articles.ok());
  REQUIRE(articles->size() == 4);
  int64_t agency = (*articles)[0].id;
  int copies = 0;
  for (const auto& a : *articles) {
    if (a.source == "Paper" || a.source == "Daily") {
      CHECK(a.original_id == agency);
      ++copies;
    } else {
      CHECK(a.original_id == 0);
    }
  }
  CHECK(copies == 2);
  auto facts = s.FindFacts({});
  REQUIRE(facts.ok());
  REQUIRE(facts->size() == 1);
  CHECK((*facts)[0].sources == 4);
  CHECK((*facts)[0].independent_sources == 2);
}

TEST_CASE(
    "ClaimStore keeps which figures stand in the headline, and migrates "
    "a database that had none",
    "[store]") {
  TempDb db;
  // A database at schema version 4, with one claim.
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.path.c_str(), &raw) == SQLITE_OK);
    const auto& migrations = ct::store::Migrations();
    REQUIRE(migrations.size() >= 5);
    for (int v = 0; v < 4; ++v) {
      REQUIRE(sqlite3_exec(raw, migrations[v], nullptr, nullptr, nullptr) ==
              SQLITE_OK);
    }
    REQUIRE(sqlite3_exec(raw, "PRAGMA user_version = 4", nullptr, nullptr,
                         nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw,
                         "INSERT INTO articles(url, first_seen, updated_at, "
                         "content_hash, text) VALUES ('https://a.example/1', "
                         "'2026-05-06T09:00:00Z', '2026-05-06T09:00:00Z', "
                         "'h', '6 GW');"
                         "INSERT INTO claims(article_id, ordinal, surface, "
                         "written_unit, noun, change, start_byte, end_byte, "
                         "low_inclusive, high_inclusive, unit, qualifier, "
                         "metric, time, sentence) VALUES (1, 0, '6 GW', 'GW', "
                         "'', '', 0, 4, 1, 1, 'W', 'exact', 'power_capacity', "
                         "'', '6 GW');",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  auto store = ClaimStore::Open(db.path);
  REQUIRE(store.ok());
  auto old = (*store)->FindClaims({});
  REQUIRE(old.ok());
  REQUIRE(old->size() == 1);
  CHECK_FALSE((*old)[0].claim.in_title);

  Claim headline = Gw(8, "OpenAI");
  headline.in_title = true;
  REQUIRE((*store)
              ->PutArticle(Doc("https://b.example/1", "B", "b"),
                           {headline, Gw(6, "OpenAI")})
              .ok());
  auto claims = (*store)->FindClaims({});
  REQUIRE(claims.ok());
  int titled = 0;
  for (const auto& r : *claims) titled += r.claim.in_title ? 1 : 0;
  CHECK(titled == 1);
}

namespace {

// One query's first column, as text, from a database the store closed.
std::string Query(const std::string& path, const std::string& sql) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, sql.c_str(), -1, &stmt, nullptr) ==
          SQLITE_OK);
  std::string out;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    if (!out.empty()) out += ";";
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    out += text ? reinterpret_cast<const char*>(text) : "NULL";
  }
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
  return out;
}

}  // namespace

TEST_CASE("ClaimStore weighs claims that state the same thing as one statement",
          "[store]") {
  TempDb db;
  {
    auto store = ClaimStore::Open(db.path);
    REQUIRE(store.ok());
    auto& s = **store;
    for (const char* outlet : {"A", "B", "C"}) {
      std::string url = std::string("https://") + outlet + ".example/1";
      REQUIRE(s.PutArticle(Doc(url, outlet, outlet), {Gw(6, "OpenAI")}).ok());
    }
    auto facts = s.FindFacts({});
    REQUIRE(facts.ok());
    REQUIRE(facts->size() == 1);
    CHECK((*facts)[0].status == "agree");
    CHECK((*facts)[0].sources == 3);
  }
  // One statement: three claims, three outlets.
  CHECK(Query(db.path,
              "SELECT claims || ' ' || (length(outlets) - "
              "length(replace(outlets, ' ', '')) + 1) "
              "FROM statements") == "3 3");
  {
    // B now says 8 GW: its claim leaves the statement of 6 GW.
    auto store = ClaimStore::Open(db.path);
    REQUIRE(store.ok());
    auto& s = **store;
    REQUIRE(
        s.PutArticle(Doc("https://B.example/1", "B", "B2"), {Gw(8, "OpenAI")})
            .ok());
    auto facts = s.FindFacts({});
    REQUIRE(facts.ok());
    REQUIRE(facts->size() == 1);
    const auto& f = (*facts)[0];
    CHECK(f.status == "conflict");
    CHECK(f.sources == 3);
    for (const auto& c : f.claims) CHECK(c.outlier == (c.source == "B"));
  }
  CHECK(Query(db.path, "SELECT claims FROM statements ORDER BY value") ==
        "2;1");
  CHECK(Query(db.path, "SELECT count(*) FROM claim_facts") == "3");
}

TEST_CASE("ClaimStore keeps apart two near figures of one article", "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  REQUIRE(s.PutArticle(Doc("https://a.example/1", "A", "a"), {Gw(6, "OpenAI")})
              .ok());
  // B states both 6 GW and 5 GW: two figures, so its 5 GW is no rival of
  // A's 6 GW, and C's 5 GW joins B's.
  REQUIRE(s.PutArticle(Doc("https://b.example/1", "B", "b"),
                       {Gw(6, "OpenAI"), Gw(5, "OpenAI")})
              .ok());
  REQUIRE(s.PutArticle(Doc("https://c.example/1", "C", "c"), {Gw(5, "OpenAI")})
              .ok());
  auto facts = s.FindFacts({});
  REQUIRE(facts.ok());
  REQUIRE(facts->size() == 2);
  for (const auto& f : *facts) {
    CHECK(f.status == "agree");
    CHECK(f.sources == 2);
  }
}

TEST_CASE("ClaimStore carries a schema 5 database's claims and facts over",
          "[store]") {
  TempDb db;
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.path.c_str(), &raw) == SQLITE_OK);
    const auto& migrations = ct::store::Migrations();
    for (int v = 0; v < 5; ++v) {
      REQUIRE(sqlite3_exec(raw, migrations[v], nullptr, nullptr, nullptr) ==
              SQLITE_OK);
    }
    const char* rows = R"sql(
PRAGMA user_version = 5;
INSERT INTO entities(id, name) VALUES (1, 'OpenAI');
INSERT INTO articles(id, url, outlet, published, first_seen, updated_at,
  content_hash, text)
VALUES (1, 'https://a.example/1', 'A', '2026-05-06', '2026-05-06',
  '2026-05-06', 'h1', 'a'),
  (2, 'https://b.example/1', 'B', '2026-05-07', '2026-05-07', '2026-05-07',
  'h2', 'b');
INSERT INTO claims(id, article_id, ordinal, surface, written_unit, noun,
  change, start_byte, end_byte, value, low, high, low_inclusive,
  high_inclusive, unit, qualifier, metric, subject_id, time, sentence,
  parties, family)
VALUES (1, 1, 0, '6 GW', 'GW', '', '', 0, 4, 6e9, 5.5e9, 6.5e9, 1, 1, 'W',
  'exact', 'power_capacity', 1, '', 's', 'OpenAI', 'power_capacity'),
  (2, 2, 0, '6 GW', 'GW', '', '', 0, 4, 6e9, 5.5e9, 6.5e9, 1, 1, 'W',
  'exact', 'power_capacity', 1, '', 's', 'OpenAI', 'power_capacity');
INSERT INTO facts(id, key, subject_id, metric, unit, status, sources,
  updated_at, family, parties)
VALUES (42, 'old key', 1, 'power_capacity', 'W', 'agree', 2, '2026-05-07',
  'power_capacity', 'OpenAI');
INSERT INTO claim_facts(claim_id, fact_id) VALUES (1, 42), (2, 42);
)sql";
    REQUIRE(sqlite3_exec(raw, rows, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  auto store = ClaimStore::Open(db.path);
  REQUIRE(store.ok());
  auto facts = (*store)->FindFacts({});
  REQUIRE(facts.ok());
  REQUIRE(facts->size() == 1);
  CHECK((*facts)[0].id == 42);
  CHECK((*facts)[0].status == "agree");
  CHECK((*facts)[0].sources == 2);
  CHECK((*facts)[0].claims.size() == 2);
  store->reset();
  CHECK(Query(db.path, "PRAGMA user_version") ==
        std::to_string(ClaimStore::SchemaVersion()));
  CHECK(Query(db.path, "SELECT claims FROM statements") == "2");
  CHECK(Query(db.path,
              "SELECT count(*) FROM sqlite_master WHERE name = "
              "'claim_facts_v5'") == "0");
  // Schema 10 counted its claims.
  CHECK(Query(db.path, "SELECT claims FROM facts") == "2");
  // Schema 9 gave the fact its outlets, as the judge now writes them.
  CHECK(Query(db.path,
              "SELECT count(*) FROM facts WHERE outlets = (SELECT "
              "own_outlets FROM statements WHERE fact_id = facts.id)") == "1");
}

TEST_CASE("ClaimStore migrates once when several processes open an old file",
          "[store]") {
  // Each opener inspects the file as old; the first to take the write lock
  // migrates it, and the others find it done: none fails, and none sets
  // the version back by running a step again.
  for (int round = 0; round < 20; ++round) {
    TempDb db;
    {
      sqlite3* raw = nullptr;
      REQUIRE(sqlite3_open(db.path.c_str(), &raw) == SQLITE_OK);
      const auto& migrations = ct::store::Migrations();
      for (int v = 0; v < 7; ++v) {
        REQUIRE(sqlite3_exec(raw, migrations[v], nullptr, nullptr, nullptr) ==
                SQLITE_OK);
      }
      REQUIRE(sqlite3_exec(raw,
                           "PRAGMA user_version = 7; PRAGMA journal_mode = WAL",
                           nullptr, nullptr, nullptr) == SQLITE_OK);
      sqlite3_close(raw);
    }
    std::vector<std::thread> openers;
    std::vector<std::string> errors(4);
    for (int i = 0; i < 4; ++i) {
      openers.emplace_back([&, i] {
        auto store = ClaimStore::Open(db.path);
        if (!store.ok()) errors[i] = store.status().message();
      });
    }
    for (auto& t : openers) t.join();
    for (const std::string& e : errors) CHECK(e.empty());
    CHECK(Query(db.path, "PRAGMA user_version") ==
          std::to_string(ClaimStore::SchemaVersion()));
  }
}

TEST_CASE("ClaimStore pages through every listing by key, each row once",
          "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  const char* subjects[] = {"OpenAI", "Oracle", "Meta", "xAI", "Nebius"};
  for (int i = 0; i < 10; ++i) {
    std::string outlet(1, static_cast<char>('A' + i));
    Document d = Doc("https://" + outlet + ".example/" + std::to_string(i),
                     outlet, outlet + std::to_string(i));
    d.published = "2026-05-" + std::string(i < 9 ? "0" : "") +
                  std::to_string(i + 1) + "T09:00:00Z";
    REQUIRE(s.PutArticle(d, {Gw(6 + i % 2, subjects[i % 5]),
                             Gw(2, subjects[(i + 1) % 5])})
                .ok());
  }
  for (const char* sort : {"", "status", "sources", "reported", "fact"}) {
    INFO(sort);
    ct::store::FactFilter all;
    all.sort = sort;
    auto whole = s.FindFacts(all);
    REQUIRE(whole.ok());
    REQUIRE(whole->size() > 3);
    std::vector<int64_t> want, got;
    for (const auto& f : *whole) want.push_back(f.id);
    ct::store::FactFilter page = all;
    page.limit = 2;
    for (int pages = 0; pages < 100; ++pages) {
      std::string next;
      auto rows = s.FindFacts(page, &next);
      REQUIRE(rows.ok());
      for (const auto& f : *rows) got.push_back(f.id);
      if (next.empty()) break;
      page.after = next;
    }
    CHECK(got == want);
  }
  // Claims, with one added between two pages: it comes last (the newest),
  // and nothing repeats.
  ct::store::ClaimFilter claims;
  claims.limit = 3;
  std::string next;
  auto first = s.FindClaims(claims, &next);
  REQUIRE(first.ok());
  REQUIRE(first->size() == 3);
  REQUIRE(!next.empty());
  Document late = Doc("https://late.example/1", "Late", "late");
  late.published = "2026-06-01T09:00:00Z";
  REQUIRE(s.PutArticle(late, {Gw(9, "OpenAI")}).ok());
  std::vector<int64_t> ids;
  for (const auto& c : *first) ids.push_back(c.id);
  claims.after = next;
  while (!claims.after.empty()) {
    auto rows = s.FindClaims(claims, &next);
    REQUIRE(rows.ok());
    for (const auto& c : *rows) ids.push_back(c.id);
    claims.after = next;
  }
  CHECK(ids.size() == 21);
  CHECK(std::set<int64_t>(ids.begin(), ids.end()).size() == 21);
  // Newest first, a page at a time: the same claims the other way round.
  ct::store::ClaimFilter latest;
  latest.newest_first = true;
  latest.limit = 4;
  std::vector<int64_t> back;
  do {
    auto rows = s.FindClaims(latest, &next);
    REQUIRE(rows.ok());
    for (const auto& c : *rows) back.push_back(c.id);
    latest.after = next;
  } while (!next.empty());
  auto all = s.FindClaims({});
  REQUIRE(all.ok());
  std::vector<int64_t> forward;
  for (const auto& c : *all) forward.push_back(c.id);
  CHECK(std::vector<int64_t>(back.rbegin(), back.rend()) == forward);
  // Articles, latest first.
  ct::store::ArticleFilter articles;
  articles.newest_first = true;
  articles.limit = 4;
  auto newest = s.ListArticles(articles, &next);
  REQUIRE(newest.ok());
  CHECK(newest->front().url == "https://late.example/1");
  CHECK(!next.empty());
  // A token from elsewhere is refused, not read.
  ct::store::FactFilter bad;
  bad.limit = 2;
  bad.after = "zz";
  CHECK(s.FindFacts(bad).status().code() == ct::Status::Code::kInvalidArgument);
  bad.after.clear();
  bad.sort = "nonsense";
  CHECK(s.FindFacts(bad).status().code() == ct::Status::Code::kInvalidArgument);
}

TEST_CASE("ClaimStore counts facts by a column, leaving out its own filter",
          "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  REQUIRE(s.PutArticle(Doc("https://a.example/1", "A", "a"), {Gw(6, "OpenAI")})
              .ok());
  REQUIRE(s.PutArticle(Doc("https://b.example/1", "B", "b"),
                       {Gw(8, "OpenAI"), Gw(2, "Oracle")})
              .ok());
  ct::store::FactFilter conflicts;
  conflicts.status = "conflict";
  auto by_status = s.FactFacet(conflicts, "status");
  REQUIRE(by_status.ok());
  // Both statuses show, though the filter asks for conflicts.
  REQUIRE(by_status->size() == 2);
  CHECK((*by_status)[0].count == 1);
  auto by_entity = s.FactFacet(conflicts, "entity");
  REQUIRE(by_entity.ok());
  REQUIRE(by_entity->size() == 1);
  CHECK((*by_entity)[0].value == "OpenAI");
  CHECK_FALSE(s.FactFacet(conflicts, "sentence").ok());
}

TEST_CASE("ClaimStore counts and filters by outlet: facts, claims, articles",
          "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  REQUIRE(s.PutArticle(Doc("https://a.example/1", "A", "a"), {Gw(6, "OpenAI")})
              .ok());
  REQUIRE(s.PutArticle(Doc("https://a.example/2", "A", "a2"), {Gw(2, "Oracle")})
              .ok());
  REQUIRE(s.PutArticle(Doc("https://b.example/1", "B", "b"),
                       {Gw(8, "OpenAI"), Gw(2, "Oracle")})
              .ok());
  // Facts: OpenAI's (A, B) and Oracle's (A, B); a conflict is OpenAI's.
  ct::store::FactFilter all;
  auto outlets = s.FactFacet(all, "outlet");
  REQUIRE(outlets.ok());
  REQUIRE(outlets->size() == 2);
  CHECK((*outlets)[0].count == 2);
  CHECK((*outlets)[1].count == 2);
  ct::store::FactFilter conflicts;
  conflicts.status = "conflict";
  outlets = s.FactFacet(conflicts, "outlet");
  REQUIRE(outlets.ok());
  CHECK((*outlets)[0].count == 1);
  // The outlet filter, in any case; the facet leaves its own filter out.
  ct::store::FactFilter of_b;
  of_b.outlet = "b";
  auto facts = s.FindFacts(of_b);
  REQUIRE(facts.ok());
  CHECK(facts->size() == 2);
  of_b.outlet = "C";
  CHECK(s.FindFacts(of_b)->empty());
  CHECK(s.FactFacet(of_b, "outlet")->size() == 2);

  // A fact read with fewer claims than it has still says how many.
  auto some = s.FindFact(facts->front().id, 1);
  REQUIRE(some.ok());
  REQUIRE(some->has_value());
  CHECK((*some)->claims.size() == 1);
  CHECK((*some)->claim_count == 2);
  // Claims: counted by outlet, metric and their fact's status.
  ct::store::ClaimFilter claims;
  auto by_outlet = s.ClaimFacet(claims, "outlet");
  REQUIRE(by_outlet.ok());
  REQUIRE(by_outlet->size() == 2);
  CHECK((*by_outlet)[0].value == "A");  // Ties in order of the value.
  CHECK((*by_outlet)[0].count == 2);
  claims.status = "conflict";
  CHECK(s.ClaimFacet(claims, "outlet")->size() == 2);
  auto by_status = s.ClaimFacet(claims, "status");
  REQUIRE(by_status.ok());
  CHECK(by_status->size() == 2);  // Its own filter left out.
  claims.source = "A";
  auto a_conflicts = s.FindClaims(claims);
  REQUIRE(a_conflicts.ok());
  REQUIRE(a_conflicts->size() == 1);
  CHECK(a_conflicts->front().fact_status == "conflict");
  CHECK_FALSE(s.ClaimFacet(claims, "sentence").ok());

  // Articles: by outlet.
  ct::store::ArticleFilter articles;
  articles.outlet = "a";
  CHECK(s.ListArticles(articles, nullptr)->size() == 2);
  auto article_outlets = s.ArticleFacet(articles, "outlet");
  REQUIRE(article_outlets.ok());
  CHECK(article_outlets->size() == 2);
}

TEST_CASE("A query past its time limit stops with Timeout", "[store]") {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(":memory:", &raw) == SQLITE_OK);
  ct::store::SqliteDb db(raw);
  sqlite3_stmt* raw_stmt = nullptr;
  // Counts without end: only the deadline stops it.
  REQUIRE(sqlite3_prepare_v2(raw,
                             "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL "
                             "SELECT x + 1 FROM n) SELECT count(*) FROM n",
                             -1, &raw_stmt, nullptr) == SQLITE_OK);
  ct::store::StmtPtr owned(raw_stmt);
  std::string path = "test.db";
  ct::store::Stmt st(raw, raw_stmt, &path);
  ct::Status s;
  {
    ct::store::QueryDeadline deadline(raw, std::chrono::milliseconds(20));
    CHECK_FALSE(st.Step(&s));
  }
  CHECK(s.code() == ct::Status::Code::kTimeout);
  CHECK(s.message().find("ran out of time") != std::string::npos);
}

TEST_CASE("ClaimStore lists sources a page at a time, by status", "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  for (const char* url : {"https://a.example/feed", "https://b.example/feed",
                          "https://c.example/feed"}) {
    REQUIRE(s.AddSource(url, 3600).ok());
  }
  REQUIRE(s.PauseSource("https://b.example/feed", true).ok());
  ct::store::SourceFilter page;
  page.limit = 2;
  std::string next;
  auto first = s.ListSources(page, &next);
  REQUIRE(first.ok());
  REQUIRE(first->size() == 2);
  REQUIRE(!next.empty());
  page.after = next;
  auto second = s.ListSources(page, &next);
  REQUIRE(second.ok());
  REQUIRE(second->size() == 1);
  CHECK(second->front().url == "https://c.example/feed");
  CHECK(next.empty());
  ct::store::SourceFilter paused;
  paused.status = "paused";
  auto only = s.ListSources(paused, nullptr);
  REQUIRE(only.ok());
  REQUIRE(only->size() == 1);
  CHECK(only->front().url == "https://b.example/feed");
  auto counts = s.SourceFacet();
  REQUIRE(counts.ok());
  REQUIRE(counts->size() == 2);
  CHECK((*counts)[0].value == "new");
  CHECK((*counts)[0].count == 2);
  page.after = "x1";
  CHECK(s.ListSources(page, nullptr).status().code() ==
        ct::Status::Code::kInvalidArgument);
  // By URL, a page at a time.
  REQUIRE(s.AddSource("https://0.example/feed", 3600).ok());
  ct::store::SourceFilter by_url;
  by_url.sort = "url";
  by_url.limit = 3;
  auto urls = s.ListSources(by_url, &next);
  REQUIRE(urls.ok());
  REQUIRE(urls->size() == 3);
  CHECK(urls->front().url == "https://0.example/feed");
  by_url.after = next;
  auto rest = s.ListSources(by_url, &next);
  REQUIRE(rest.ok());
  REQUIRE(rest->size() == 1);
  CHECK(rest->front().url == "https://c.example/feed");
  CHECK(next.empty());
  by_url.after = "zz";
  CHECK_FALSE(s.ListSources(by_url, nullptr).ok());
  by_url.sort = "name";
  by_url.after.clear();
  CHECK_FALSE(s.ListSources(by_url, nullptr).ok());
}

TEST_CASE("ClaimStore pauses, resumes and refreshes sources", "[store]") {
  auto store = ClaimStore::Open(":memory:");
  REQUIRE(store.ok());
  auto& s = **store;
  auto a = s.AddSource("https://a.example/feed", 1800, "", "30m");
  auto b = s.AddSource("https://b.example/feed", 3600);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  const std::string now = "2026-05-06T09:00:00Z";
  ct::store::PollRecord later;
  later.next_due_at = "2026-05-06T10:00:00Z";
  REQUIRE(s.RecordPoll(*a, later).ok());
  REQUIRE(s.RecordPoll(*b, later).ok());
  CHECK(s.DueSources(now)->empty());
  // Refreshed: due now, one or all.
  REQUIRE(s.RefreshSources("https://a.example/feed").ok());
  CHECK(s.DueSources(now)->size() == 1);
  REQUIRE(s.RefreshSources("").ok());
  CHECK(s.DueSources(now)->size() == 2);
  // Paused: never due, until resumed.
  REQUIRE(s.PauseSource(std::to_string(*a), true).ok());
  auto due = s.DueSources(now);
  REQUIRE(due->size() == 1);
  CHECK(due->front().id == *b);
  REQUIRE(s.PauseSource("https://a.example/feed", false).ok());
  CHECK(s.DueSources(now)->size() == 2);
  CHECK(s.PauseSource("https://nowhere.example/", true).code() ==
        ct::Status::Code::kNotFound);
  CHECK(s.RefreshSources("42").code() == ct::Status::Code::kNotFound);
  // The interval as the user wrote it.
  auto listed = s.ListSources();
  REQUIRE(listed.ok());
  CHECK(listed->front().every_text == "30m");
  CHECK_FALSE(listed->front().paused);
}
