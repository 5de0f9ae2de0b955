// End to end: the real binary on the example corpus, and its exit codes.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/cli/cli_run.h"

using ct::testing::Claimtrack;
using ct::testing::ReadAll;
using ct::testing::Run;
using ct::testing::TempDir;

namespace {

Poco::JSON::Object::Ptr FindFact(const Poco::JSON::Array::Ptr& facts,
                                 const std::string& subject,
                                 const std::string& metric,
                                 const std::string& object,
                                 const std::string& time) {
  for (size_t i = 0; i < facts->size(); ++i) {
    auto f = facts->getObject(static_cast<unsigned>(i));
    if (f->getValue<std::string>("subject") == subject &&
        f->getValue<std::string>("metric") == metric &&
        f->getValue<std::string>("object") == object &&
        f->getValue<std::string>("time") == time) {
      return f;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE(
    "The example corpus yields its conflict, outlier and compatible pairs",
    "[cli][e2e]") {
  TempDir dir;
  std::string db = dir.path + "/e2e.db";
  std::string corpus = std::string(CT_SOURCE_DIR) + "/examples/corpus";
  Run ingest = Claimtrack("--db " + db + " ingest " + corpus);
  REQUIRE(ingest.code == 0);
  Run facts = Claimtrack("--db " + db + " facts --json");
  REQUIRE(facts.code == 0);
  Poco::JSON::Parser parser;
  auto all = parser.parse(facts.out).extract<Poco::JSON::Array::Ptr>();

  // OpenAI-AMD: three outlets say 6 GW, Ferrous Wire says 8 GW.
  auto amd = FindFact(all, "OpenAI", "power_capacity", "AMD", "");
  REQUIRE(amd);
  CHECK(amd->getValue<std::string>("status") == "conflict");
  CHECK(amd->getValue<int>("sources") == 4);
  auto claims = amd->getArray("claims");
  int outliers = 0;
  for (size_t i = 0; i < claims->size(); ++i) {
    auto c = claims->getObject(static_cast<unsigned>(i));
    bool outlier = c->getValue<bool>("outlier");
    outliers += outlier;
    CHECK(outlier == (c->getValue<std::string>("source") == "Ferrous Wire"));
    CHECK(c->getValue<double>("value") == (outlier ? 8e9 : 6e9));
  }
  CHECK(outliers == 1);

  // The first gigawatt in the second half of 2026 is another fact.
  auto first_gw = FindFact(all, "OpenAI", "power_capacity", "AMD", "2026-H2");
  REQUIRE(first_gw);
  CHECK(first_gw->getValue<std::string>("status") == "agree");

  // Colossus 1: more than / approximately / exactly 220,000 GPUs.
  auto colossus = FindFact(all, "Colossus 1", "gpu_count", "", "");
  REQUIRE(colossus);
  CHECK(colossus->getValue<std::string>("status") == "compatible");
  CHECK(colossus->getValue<int>("sources") == 3);

  // Microsoft and Nebius: $17.4 billion and about $17 billion.
  auto nebius = FindFact(all, "Nebius", "commitment", "Microsoft", "");
  REQUIRE(nebius);
  CHECK(nebius->getValue<std::string>("status") == "compatible");

  // Oracle: $300 billion, said the same way by three outlets.
  auto oracle = FindFact(all, "OpenAI", "commitment", "Oracle", "");
  REQUIRE(oracle);
  CHECK(oracle->getValue<std::string>("status") == "agree");

  // Page furniture never becomes a claim.
  Run claims_csv = Claimtrack("--db " + db + " claims --csv");
  CHECK(claims_csv.out.find("Top 10") == std::string::npos);
  CHECK(claims_csv.out.find("12 partners") == std::string::npos);

  // Ingesting again changes nothing.
  TempDir errs;
  Run again =
      Claimtrack("--db " + db + " ingest " + corpus, errs.path + "/err");
  CHECK(again.code == 0);
  CHECK(ReadAll(errs.path + "/err").find("0 new, 0 updated, 12 unchanged") !=
        std::string::npos);
}

TEST_CASE("Usage and input errors exit 2 with one line naming the problem",
          "[cli]") {
  TempDir dir;
  std::string err = dir.path + "/err";
  std::string db = dir.path + "/x.db";
  CHECK(Claimtrack("frobnicate", err).code == 2);
  CHECK(ReadAll(err) ==
        "claimtrack: unknown command 'frobnicate' (see claimtrack --help)\n");
  CHECK(Claimtrack("factz", err).code == 2);
  CHECK(ReadAll(err) ==
        "claimtrack: unknown command 'factz' (did you mean "
        "'facts'? see claimtrack --help)\n");
  CHECK(Claimtrack("--db " + db + " facts --stauts conflict", err).code == 2);
  CHECK(ReadAll(err) ==
        "claimtrack: facts: unknown flag --stauts (did you mean --status?)\n");
  // A global flag after the command says where it goes.
  CHECK(Claimtrack("facts --db " + db, err).code == 2);
  CHECK(ReadAll(err).find("--db is a global flag: put it before the command") !=
        std::string::npos);
  CHECK(Claimtrack("--db " + db + " facts --bogus", err).code == 2);
  CHECK(ReadAll(err) == "claimtrack: facts: unknown flag --bogus\n");
  CHECK(Claimtrack("--db " + db + " ingest " + dir.path + "/missing.txt", err)
            .code == 2);
  CHECK(ReadAll(err) == "claimtrack: ingest: " + dir.path +
                            "/missing.txt: no such file or directory\n");
  CHECK(Claimtrack("--db /nonexistent/dir/x.db facts", err).code == 2);
  CHECK(ReadAll(err).find("/nonexistent/dir/x.db") != std::string::npos);
  CHECK(Claimtrack("--db " + db + " facts --status maybe", err).code == 2);
}

TEST_CASE("A file that is not text is skipped and the rest is stored",
          "[cli]") {
  TempDir dir;
  std::string in = dir.path + "/in";
  std::filesystem::create_directories(in);
  std::ofstream(in + "/good.txt")
      << "Deal\n\nOpenAI agreed to buy 6 GW from AMD.\n";
  std::ofstream(in + "/blob.bin", std::ios::binary)
      << std::string("\0\x01\x02\x03", 4);
  std::string err = dir.path + "/err";
  Run run = Claimtrack("--db " + dir.path + "/x.db ingest " + in, err);
  CHECK(run.code == 1);
  CHECK(ReadAll(err).find("blob.bin: not a text file") != std::string::npos);
  Run articles = Claimtrack("--db " + dir.path + "/x.db articles --csv");
  CHECK(articles.out.find("Deal") != std::string::npos);
}

TEST_CASE("extract --jsonl answers each line by its id", "[cli]") {
  TempDir dir;
  std::string input = dir.path + "/in.jsonl";
  std::ofstream(input)
      << "{\"id\": 7, \"text\": \"Anthropic gets up to 5 GW.\"}\n"
      << "not json\n"
      << "{\"id\": \"b\", \"text\": \"No numbers here.\"}\n";
  Run run = Claimtrack("extract --jsonl < " + input);
  CHECK(run.code == 1);
  Poco::JSON::Parser parser;
  size_t nl = run.out.find('\n');
  REQUIRE(nl != std::string::npos);
  auto first =
      parser.parse(run.out.substr(0, nl)).extract<Poco::JSON::Object::Ptr>();
  CHECK(first->getValue<int>("id") == 7);
  auto claims = first->getArray("claims");
  REQUIRE(claims->size() == 1);
  CHECK(claims->getObject(0)->getValue<std::string>("qualifier") == "up_to");
  CHECK(run.out.substr(nl + 1) == "{\"id\":\"b\",\"claims\":[]}\n");
}

namespace {

std::string Bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::string OneArticle(const std::string& dir) {
  std::string in = dir + "/in";
  std::filesystem::create_directories(in);
  std::ofstream(in + "/a.txt")
      << "Deal\n\nOpenAI agreed to buy 6 GW from AMD.\n";
  return in;
}

}  // namespace

TEST_CASE("Read commands refuse a missing or empty database and create none",
          "[cli]") {
  TempDir dir;
  std::string err = dir.path + "/err";
  std::string typo = dir.path + "/typo.db";
  for (const char* cmd : {"facts", "claims", "articles", "sources list"}) {
    INFO(cmd);
    CHECK(Claimtrack("--db " + typo + " " + cmd, err).code == 2);
    CHECK(ReadAll(err) == "claimtrack: no database at " + typo +
                              " (run `claimtrack ingest` first)\n");
    CHECK_FALSE(std::filesystem::exists(typo));
  }
  std::string empty = dir.path + "/empty.db";
  std::ofstream(empty).close();
  CHECK(Claimtrack("--db " + empty + " facts", err).code == 2);
  CHECK(ReadAll(err) == "claimtrack: database " + empty +
                            " is empty (run `claimtrack ingest` first)\n");
  CHECK(std::filesystem::file_size(empty) == 0);
  // ingest makes the empty file a database.
  CHECK(Claimtrack("--db " + empty + " ingest " + OneArticle(dir.path), err)
            .code == 0);
  CHECK(Claimtrack("--db " + empty + " facts", err).code == 0);
  CHECK(Claimtrack("--db " + dir.path + "/no/such/folder/x.db ingest " +
                       dir.path + "/in",
                   err)
            .code == 2);
  CHECK(ReadAll(err) == "claimtrack: cannot create database " + dir.path +
                            "/no/such/folder/x.db: no folder " + dir.path +
                            "/no/such/folder\n");
}

TEST_CASE("A database claimtrack cannot know exits 2 and keeps its bytes",
          "[cli]") {
  TempDir dir;
  std::string err = dir.path + "/err";
  std::string db = dir.path + "/x.db";
  std::string in = OneArticle(dir.path);
  REQUIRE(Claimtrack("--db " + db + " ingest " + in).code == 0);
  struct Case {
    const char* pragma;
    std::string message;
  };
  const Case cases[] = {
      {"PRAGMA user_version = -7",
       "database " + db + " has schema version -7, which no claimtrack writes"},
      {"PRAGMA user_version = 4000",
       "database " + db +
           " has schema version 4000, newer than this "
           "claimtrack"},
  };
  for (const Case& c : cases) {
    INFO(c.pragma);
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, c.pragma, nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
    std::string before = Bytes(db);
    for (const char* cmd : {"facts", "claims --json", "articles", "ingest"}) {
      INFO(cmd);
      std::string args = std::string(cmd) == "ingest" ? "ingest " + in : cmd;
      CHECK(Claimtrack("--db " + db + " " + args, err).code == 2);
      CHECK(ReadAll(err).rfind("claimtrack: " + c.message, 0) == 0);
      CHECK(Bytes(db) == before);
    }
  }

  // Another program's file, in the rollback journal mode it chose.
  std::string other = dir.path + "/other.db";
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(other.c_str(), &raw) == SQLITE_OK);
  REQUIRE(sqlite3_exec(raw,
                       "CREATE TABLE notes(body); INSERT INTO notes "
                       "VALUES ('mine')",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);
  std::string before = Bytes(other);
  CHECK(Claimtrack("--db " + other + " ingest " + in, err).code == 2);
  CHECK(ReadAll(err) ==
        "claimtrack: database " + other + " is not a claimtrack database\n");
  CHECK(Bytes(other) == before);
  CHECK_FALSE(std::filesystem::exists(other + "-wal"));
}

TEST_CASE("A locked database is waited for, then fails with exit 1", "[cli]") {
  TempDir dir;
  std::string err = dir.path + "/err";
  std::string db = dir.path + "/x.db";
  std::string in = OneArticle(dir.path);
  REQUIRE(Claimtrack("--db " + db + " ingest " + in).code == 0);
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  std::string env = "CLAIMTRACK_BUSY_TIMEOUT=0.2 ";
  CHECK(Claimtrack("--db " + db + " ingest " + in, err, env).code == 1);
  CHECK(ReadAll(err) ==
        "claimtrack: database " + db + " is locked by another process\n");
  // Reading goes on beside the writer.
  CHECK(Claimtrack("--db " + db + " facts", err, env).code == 0);
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  CHECK(Claimtrack("--db " + db + " ingest " + in, err).code == 0);
}

TEST_CASE("A write the file system refuses exits 1 and names the database",
          "[cli]") {
  TempDir dir;
  std::string err = dir.path + "/err";
  std::string db = dir.path + "/x.db";
  std::string in = dir.path + "/in";
  std::filesystem::create_directories(in);
  // Enough text to outgrow the file size limit set below.
  for (int i = 0; i < 40; ++i) {
    std::ofstream out(in + "/a" + std::to_string(i) + ".txt");
    out << "Deal " << i << "\n\n";
    for (int k = 0; k < 60; ++k) {
      out << "Outlet " << i << " says OpenAI agreed to buy " << (k % 9 + 1)
          << " GW from AMD for $" << (k + 10) << " billion in part " << k
          << ".\n";
    }
  }
  REQUIRE(Claimtrack("--db " + db + " ingest " + OneArticle(dir.path + "/seed"))
              .code == 0);
  // A file size limit stands in for a full disk: writes past it fail.
  std::string cmd = "sh -c \"trap '' XFSZ; ulimit -f 256; exec " +
                    std::string(CT_BINARY) + " --db " + db + " ingest " + in +
                    "\" 2>" + err;
  int status = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 1);
  std::string message = ReadAll(err);
  INFO(message);
  CHECK(message.find("database " + db) != std::string::npos);
  CHECK(message.find("INSERT") == std::string::npos);
  CHECK(message.find("SELECT") == std::string::npos);
  CHECK(std::count(message.begin(), message.end(), '\n') == 1);
}

TEST_CASE("A read-only database fails at once, before any input is read",
          "[cli]") {
  TempDir dir;
  std::string err = dir.path + "/err";
  std::string db = dir.path + "/x.db";
  std::string in = OneArticle(dir.path);
  REQUIRE(Claimtrack("--db " + db + " ingest " + in).code == 0);
  // The folder stays writable (SQLite keeps its lock files there); the
  // database file is not. Root writes any file, so the binary runs as an
  // unprivileged user when the test runs as root.
  std::filesystem::permissions(dir.path, std::filesystem::perms::all);
  std::filesystem::permissions(db, std::filesystem::perms::owner_read |
                                       std::filesystem::perms::group_read |
                                       std::filesystem::perms::others_read);
  std::string as_user;
  if (geteuid() == 0) {
    if (std::system("setpriv --help >/dev/null 2>&1") != 0) {
      WARN("skipped: running as root without setpriv to drop privileges");
      return;
    }
    as_user = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  std::string before = Bytes(db);
  Run run = Claimtrack("--db " + db + " ingest " + in, err, as_user);
  CHECK(run.code == 1);
  CHECK(ReadAll(err) == "claimtrack: database " + db + " is read-only\n");
  CHECK(Bytes(db) == before);
  // Reading it still works.
  CHECK(Claimtrack("--db " + db + " facts", err, as_user).code == 0);
}

TEST_CASE("Texts that once crashed extraction are ingested and stored",
          "[cli]") {
  TempDir dir;
  std::string in = dir.path + "/in";
  std::filesystem::create_directories(in);
  // Each stops where a rule looks past the figure.
  std::ofstream(in + "/a.txt") << "Deal news\n\nThey ordered 1,000 GPUs or";
  std::ofstream(in + "/b.txt") << "Deal news\n\nThey ordered 500 A.\n";
  std::ofstream(in + "/c.txt")
      << "Deal news\n\nOpenAI bought 5 GW of Microsoft";
  std::string err = dir.path + "/err";
  Run run = Claimtrack("--db " + dir.path + "/x.db ingest " + in, err);
  CHECK(run.code == 0);
  CHECK(ReadAll(err).find("3 new") != std::string::npos);
  Run claims = Claimtrack("--db " + dir.path + "/x.db claims --csv");
  CHECK(claims.out.find("1,000 GPUs") != std::string::npos);
  CHECK(claims.out.find("5 GW") != std::string::npos);
}

TEST_CASE("fact ID says why its sources differ, then lists them", "[cli]") {
  TempDir dir;
  std::string db = dir.path + "/fact.db";
  REQUIRE(
      Claimtrack("--db " + db + " ingest " + CT_SOURCE_DIR + "/examples/corpus")
          .code == 0);
  Run facts = Claimtrack("--db " + db + " facts --status conflict --json");
  Poco::JSON::Parser parser;
  auto all = parser.parse(facts.out).extract<Poco::JSON::Array::Ptr>();
  REQUIRE(all->size() >= 1);
  auto conflict = all->getObject(0);
  std::string id = std::to_string(conflict->getValue<int64_t>("id"));
  CHECK(conflict->getValue<std::string>("reason") == "conflict");
  CHECK(conflict->getArray("outliers")->size() == 1);

  Run text = Claimtrack("--db " + db + " fact " + id);
  CHECK(text.code == 0);
  CHECK(text.out.find("disagrees with the 6 GW that 3 outlets report") !=
        std::string::npos);
  // Each source's value with its qualifier.
  Run rounding = Claimtrack("--db " + db + " facts --json --entity Colossus");
  auto colossus = parser.parse(rounding.out)
                      .extract<Poco::JSON::Array::Ptr>()
                      ->getObject(0);
  Run qualified = Claimtrack("--db " + db + " fact " +
                             std::to_string(colossus->getValue<int64_t>("id")));
  CHECK(qualified.out.find("more than 220,000 GPUs") != std::string::npos);
  CHECK(qualified.out.find("about 220,000 GPUs") != std::string::npos);
  Run json = Claimtrack("--db " + db + " fact " + id + " --json");
  CHECK(json.code == 0);
  auto one = parser.parse(json.out).extract<Poco::JSON::Object::Ptr>();
  CHECK(one->getValue<int64_t>("id") == conflict->getValue<int64_t>("id"));
  CHECK(Claimtrack("--db " + db + " fact 999999").code == 2);
  CHECK(Claimtrack("--db " + db + " fact six").code == 2);

  // claims --fact: that fact's claims, every one of them; --status: the
  // claims of facts so judged.
  Run of_fact = Claimtrack("--db " + db + " claims --json --fact " + id);
  CHECK(of_fact.code == 0);
  auto claims = parser.parse(of_fact.out).extract<Poco::JSON::Array::Ptr>();
  CHECK(static_cast<int64_t>(claims->size()) ==
        conflict->getValue<int64_t>("claim_count"));
  for (size_t i = 0; i < claims->size(); ++i) {
    auto c = claims->getObject(static_cast<unsigned>(i));
    CHECK(std::to_string(c->getValue<int64_t>("fact_id")) == id);
    CHECK(c->getValue<std::string>("fact_status") == "conflict");
  }
  Run agreeing = Claimtrack("--db " + db + " claims --json --status agree");
  auto agree = parser.parse(agreeing.out).extract<Poco::JSON::Array::Ptr>();
  REQUIRE(agree->size() > 0);
  for (size_t i = 0; i < agree->size(); ++i) {
    CHECK(agree->getObject(static_cast<unsigned>(i))
              ->getValue<std::string>("fact_status") == "agree");
  }
  CHECK(Claimtrack("--db " + db + " claims --fact 0").code == 2);
  CHECK(Claimtrack("--db " + db + " claims --status agreed").code == 2);
}

TEST_CASE("extract --explain prints each number with its rules", "[cli]") {
  TempDir dir;
  std::string input = dir.path + "/in.txt";
  std::ofstream(input)
      << "Ferrous Wire will buy about 2 GW from Cedar Labs in 2027 [3].";
  Run run = Claimtrack("extract --explain < " + input);
  CHECK(run.code == 0);
  CHECK(run.out.find("claim    22-32    \"about 2 GW\"  rules: number unit "
                     "qualifier\n") != std::string::npos);
  CHECK(run.out.find("metric power_capacity; subject Ferrous Wire") !=
        std::string::npos);
  CHECK(run.out.find("dropped  52-56    \"2027\"  rule: year\n") !=
        std::string::npos);
  CHECK(run.out.find("\"3\"  rule: citation_marker\n") != std::string::npos);
  // The claim comes before the numbers after it.
  CHECK(run.out.find("claim") < run.out.find("dropped"));

  std::ofstream(dir.path + "/none.txt") << "No figures at all.";
  Run none = Claimtrack("extract --explain < " + dir.path + "/none.txt");
  CHECK(none.code == 0);
  CHECK(none.out == "no numbers\n");

  std::string err = dir.path + "/err.txt";
  Run both = Claimtrack("extract --explain --jsonl < " + input, err);
  CHECK(both.code == 2);
  CHECK(ReadAll(err).find("--explain") != std::string::npos);
}

TEST_CASE("Help like git: help COMMAND, and --help anywhere on the line",
          "[cli]") {
  Run help = Claimtrack("help facts");
  CHECK(help.code == 0);
  CHECK(help.out.rfind("usage: claimtrack facts [--json|--csv]", 0) == 0);
  Run anywhere = Claimtrack("facts --json --help");
  CHECK(anywhere.code == 0);
  CHECK(anywhere.out == help.out);
  Run general = Claimtrack("help");
  CHECK(general.code == 0);
  CHECK(general.out.find("commands:") != std::string::npos);
  CHECK(general.out.find("--db PATH") != std::string::npos);
  CHECK(Claimtrack("help fcts").code == 2);
  // Even where a global flag wants its value.
  Run after_flag = Claimtrack("--db --help");
  CHECK(after_flag.code == 0);
  CHECK(after_flag.out == general.out);
}

TEST_CASE("Every flag in a command's usage is explained, with its default",
          "[cli]") {
  const char* commands[] = {"ingest",  "run-due", "articles", "claims",
                            "facts",   "fact",    "extract",  "parse-feed",
                            "article", "sources", "serve"};
  for (const char* command : commands) {
    Run help = Claimtrack(std::string("help ") + command);
    INFO(command << "\n" << help.out);
    REQUIRE(help.code == 0);
    std::string usage = help.out.substr(0, help.out.find('\n'));
    size_t flags_at = help.out.find("\nflags:\n");
    REQUIRE(flags_at != std::string::npos);
    std::string flags = help.out.substr(flags_at);
    // Each flag the usage names has a line of its own that says what it
    // does.
    for (size_t at = usage.find("--"); at != std::string::npos;
         at = usage.find("--", at + 2)) {
      size_t end = usage.find_first_of(" ]|=", at);
      std::string flag = usage.substr(at, end - at);
      size_t line = flags.find("\n  " + flag);
      CHECK(line != std::string::npos);
      if (line == std::string::npos) continue;
      std::string text =
          flags.substr(line + 3, flags.find('\n', line + 1) - line - 3);
      CHECK(text.find("  ") != std::string::npos);  // A description.
    }
  }
  // A flag with a default says it.
  Run serve = Claimtrack("help serve");
  CHECK(serve.out.find("--port N") != std::string::npos);
  CHECK(serve.out.find("(default: 8080)") != std::string::npos);
  CHECK(Claimtrack("help sources").out.find("(default: 1h)") !=
        std::string::npos);
}

TEST_CASE("run-due says nothing when nothing was due", "[cli]") {
  TempDir dir;
  std::string err = dir.path + "/err";
  std::string db = dir.path + "/x.db";
  Run due = Claimtrack("--db " + db + " run-due", err);
  CHECK(due.code == 0);
  CHECK(due.out.empty());
  CHECK(ReadAll(err).empty());
  CHECK(Claimtrack("--db " + db + " run-due --quiet", err).code == 0);
  CHECK(ReadAll(err).empty());
}

TEST_CASE(
    "The entity filter takes aliases, any case and the start of a name, and "
    "says so",
    "[cli]") {
  TempDir dir;
  std::string err = dir.path + "/err";
  std::string db = dir.path + "/x.db";
  REQUIRE(Claimtrack("--db " + db + " ingest " + std::string(CT_SOURCE_DIR) +
                     "/examples/corpus")
              .code == 0);
  Run colossus = Claimtrack("--db " + db + " facts --entity colossus", err);
  CHECK(colossus.code == 0);
  CHECK(colossus.out.find("Colossus 1") != std::string::npos);
  CHECK(ReadAll(err) ==
        "claimtrack: facts: --entity colossus matched "
        "Colossus 1\n");
  // An alias of a known entity, in any case.
  Run msft = Claimtrack("--db " + db + " facts --entity msft --csv", err);
  CHECK(msft.code == 0);
  CHECK(msft.out.find("Microsoft") != std::string::npos);
  CHECK(ReadAll(err) == "claimtrack: facts: --entity msft is Microsoft\n");
  // More than one name starts so: the user says which.
  CHECK(Claimtrack("--db " + db + " claims --entity O", err).code == 2);
  CHECK(ReadAll(err).find("could be any of") != std::string::npos);
}

TEST_CASE("sources import and export an OPML list, and the round trip is exact",
          "[cli]") {
  TempDir dir;
  std::string err = dir.path + "/err";
  std::string opml = dir.path + "/subscriptions.opml";
  std::ofstream(opml)
      << "<?xml version=\"1.0\"?><opml version=\"1.0\"><head><title>Mine"
         "</title></head><body><outline text=\"Compute\">"
         "<outline type=\"rss\" text=\"Grid &amp; Chips\" title=\"Grid &amp; "
         "Chips\" xmlUrl=\"https://grid.example/feed\"/>"
         "<outline type=\"rss\" text=\"Wire\" xmlUrl=\"https://wire.example/"
         "rss?x=1&amp;y=2\"/></outline>"
         "<outline type=\"rss\" text=\"Local\" xmlUrl=\"file:///etc/passwd\"/>"
         "</body></opml>";
  std::string one = dir.path + "/one.db", two = dir.path + "/two.db";
  CHECK(
      Claimtrack("--db " + one + " sources import " + opml + " --every 2h", err)
          .code == 0);
  CHECK(ReadAll(err) == "imported 2 sources from " + opml +
                            " (1 skipped: not http or https)\n");
  Run first = Claimtrack("--db " + one + " sources export");
  CHECK(first.code == 0);
  CHECK(first.out.find("title=\"Grid &amp; Chips\"") != std::string::npos);
  CHECK(first.out.find("xmlUrl=\"https://wire.example/rss?x=1&amp;y=2\"") !=
        std::string::npos);
  std::string exported = dir.path + "/exported.opml";
  std::ofstream(exported) << first.out;
  CHECK(Claimtrack("--db " + two + " sources import " + exported).code == 0);
  CHECK(Claimtrack("--db " + two + " sources export").out == first.out);
  // Not OPML: an error naming the file.
  std::string text = dir.path + "/notes.txt";
  std::ofstream(text) << "just words";
  CHECK(Claimtrack("--db " + two + " sources import " + text, err).code == 2);
  CHECK(ReadAll(err).find(text) != std::string::npos);
}

TEST_CASE("sources pause, resume and refresh, and list says so", "[cli]") {
  TempDir dir;
  std::string err = dir.path + "/err";
  std::string db = dir.path + "/x.db";
  REQUIRE(Claimtrack("--db " + db +
                     " sources add https://a.example/f "
                     "--every 30m")
              .code == 0);
  REQUIRE(Claimtrack("--db " + db + " sources pause 1").code == 0);
  Run list = Claimtrack("--db " + db + " sources list");
  CHECK(list.out.find("30m    paused") != std::string::npos);
  REQUIRE(
      Claimtrack("--db " + db + " sources resume https://a.example/f").code ==
      0);
  REQUIRE(Claimtrack("--db " + db + " sources refresh --all").code == 0);
  list = Claimtrack("--db " + db + " sources list");
  CHECK(list.out.find("paused") == std::string::npos);
  CHECK(list.out.find("now") != std::string::npos);
  CHECK(Claimtrack("--db " + db + " sources pause 7", err).code == 2);
  CHECK(ReadAll(err) == "claimtrack: sources pause: no source 7\n");
  CHECK(Claimtrack("--db " + db + " sources refresh", err).code == 2);
}
