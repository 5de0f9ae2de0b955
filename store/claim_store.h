// ClaimStore: the SQLite database of sources, articles, claims, entities and
// facts (schema in store/migrations.cc).
//
//   auto store = ClaimStore::Open("claimtrack.db");
//   auto put = (*store)->PutArticle(document, claims);
//   (*store)->RebuildFacts();
//
// Every write is one transaction: an article and its claims land together or
// not at all. Opening migrates the schema forward (PRAGMA user_version).
// The database runs in WAL mode, so readers (the web server) and one writer
// (an ingest run) work at once; a busy timeout waits out short locks.
//
// Thread-safety: a ClaimStore is a single connection and not thread-safe;
// open one per thread.

#ifndef CT_STORE_CLAIM_STORE_H_
#define CT_STORE_CLAIM_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "extract/claim.h"
#include "ingest/document.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ct::store {

class Stmt;

struct ArticleRow {
  int64_t id = 0;
  std::string url;
  std::string canonical_url;
  std::string title;
  std::string author;
  std::string published;   // RFC 3339 UTC, or empty.
  std::string first_seen;  // RFC 3339 UTC.
  std::string source;      // The outlet.
  int64_t claims = 0;
  int64_t revisions = 0;  // Earlier texts kept.
  std::string text;       // Filled by FindArticle only.
};

struct ClaimRow {
  int64_t id = 0;
  int64_t article_id = 0;
  std::string url;
  std::string source;     // The outlet.
  std::string published;  // The article's, or its first-seen time.
  std::string title;
  int64_t fact_id = 0;  // 0 when the claim belongs to no fact.
  bool outlier = false;
  extract::Claim claim;
};

struct FactRow {
  int64_t id = 0;
  std::string subject;
  std::string object;
  std::string metric;
  std::string unit;
  std::string noun;
  std::string time;
  std::string status;  // single, agree, compatible, conflict.
  int sources = 0;
  std::string first_reported;    // Earliest publication among its claims.
  std::vector<ClaimRow> claims;  // Ordered by publication: the timeline.
};

struct SourceRow {
  int64_t id = 0;
  std::string url;
  std::string title;
  int64_t every_seconds = 0;
  std::string added_at;
  std::string last_polled_at;
  std::string next_due_at;
  std::string etag;  // Validators for a conditional GET.
  std::string last_modified;
  std::string last_error;
  std::string last_error_at;
  int64_t failures = 0;  // In a row; 0 after a success.
};

// What one poll of a source came to.
struct PollRecord {
  bool ok = true;
  std::string error;  // When !ok.
  std::string title;  // The feed's title, if it has one.
  std::string etag;
  std::string last_modified;
  std::string next_due_at;  // RFC 3339 UTC.
};

struct ClaimFilter {
  std::string entity;  // Subject or object, canonical name.
  std::string metric;
  std::string source;  // Outlet.
  std::string since;   // RFC 3339 or a date: publication at or after.
  std::string search;  // FTS5 query over article title and text.
  int64_t article_id = 0;
  int64_t limit = 0;  // 0: no limit.
};

struct FactFilter {
  int64_t id = 0;  // 0: any.
  std::string status;
  std::string entity;
  std::string metric;
};

enum class PutOutcome { kNew, kUpdated, kUnchanged, kDuplicate };

struct PutResult {
  int64_t article_id = 0;
  PutOutcome outcome = PutOutcome::kNew;
};

class ClaimStore {
 public:
  // Opens or creates the database at `path` (":memory:" for a private one)
  // and migrates it. Fails with a message naming `path` when the file
  // cannot be opened or is not a claimtrack database.
  static Result<std::unique_ptr<ClaimStore>> Open(const std::string& path);

  ~ClaimStore();
  ClaimStore(const ClaimStore&) = delete;
  ClaimStore& operator=(const ClaimStore&) = delete;

  // Stores an article with its claims in one transaction. An article seen
  // before (same URL, else same canonical URL) is kUnchanged when its text
  // and metadata are the same and kUpdated, claims replaced, when not. The
  // same text under another URL is a kDuplicate and is not stored twice.
  // `source_id` links the article to the polled source it came from (0:
  // none). An article is the same as a stored one by feed guid first, then
  // URL, then canonical URL. A changed article keeps its old text as a
  // revision.
  Result<PutResult> PutArticle(const ingest::Document& doc,
                               const std::vector<extract::Claim>& claims,
                               int64_t source_id = 0);

  // Whether an article with this feed guid or URL is stored.
  Result<bool> HasArticle(const std::string& guid, const std::string& url);
  // Every stored guid, URL and canonical URL: what a run need not fetch.
  Result<std::set<std::string>> ArticleKeys();

  // Regroups every claim into facts and judges them, in one transaction.
  // Fact ids stay stable for facts that keep their key.
  Status RebuildFacts();

  Result<std::vector<ArticleRow>> ListArticles();
  Result<std::optional<ArticleRow>> FindArticle(int64_t id);
  Result<std::vector<ClaimRow>> FindClaims(const ClaimFilter& filter);
  // Facts with their claims; conflicts first, then by number of sources.
  Result<std::vector<FactRow>> FindFacts(const FactFilter& filter);
  Result<std::optional<FactRow>> FindFact(int64_t id);

  // Sources that scheduled runs poll.
  Result<int64_t> AddSource(const std::string& url, int64_t every_seconds);
  Result<std::vector<SourceRow>> ListSources();
  // Sources never polled or due at `now` (RFC 3339 UTC), in id order.
  Result<std::vector<SourceRow>> DueSources(const std::string& now);
  // Records a poll: validators and the next due time on success; the error,
  // its time and one more failure in a row on failure.
  Status RecordPoll(int64_t source_id, const PollRecord& poll);
  // NotFound when no source has this id or URL.
  Status RemoveSource(const std::string& id_or_url);

  // The schema version this build writes.
  static int SchemaVersion();

 private:
  explicit ClaimStore(sqlite3* db);

  Status Exec(const char* sql);
  // A cached prepared statement for `sql`.
  Result<std::unique_ptr<Stmt>> Prepare(const std::string& sql);
  Result<int64_t> EntityId(const std::string& name);
  Status InsertClaims(int64_t article_id,
                      const std::vector<extract::Claim>& claims);
  Result<std::vector<ClaimRow>> ClaimsOfFacts(const std::vector<int64_t>& ids);

  sqlite3* db_;  // Closed in the destructor after the statements.
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// The current time as RFC 3339 UTC, to the second.
std::string NowUtc();

}  // namespace ct::store

#endif  // CT_STORE_CLAIM_STORE_H_
