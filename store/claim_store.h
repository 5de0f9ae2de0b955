// ClaimStore: the SQLite database of sources, articles, claims, entities and
// facts (schema in store/migrations.cc).
//
//   auto store = ClaimStore::Open("claimtrack.db");
//   auto put = (*store)->PutArticle(document, claims);
//   (*store)->RebuildFacts();
//
// An article and its claims land together or not at all (a transaction, or
// a savepoint inside a batch of articles; see BeginBatch). An article with
// many claims can be written a batch of claims at a time (BeginArticle,
// AddClaims, CommitArticle) so that no caller holds them all.
// Opening checks the file before anything writes to it, then migrates the
// schema forward (PRAGMA user_version). The database runs in WAL mode, so
// readers (the web server) and one writer (an ingest run) work at once; a
// write waits out another process's lock for a bounded time, then fails
// with Unavailable.
//
// Statements that run once per article or per claim use an index, so the
// cost of a write does not grow with the database. Facts are regrouped only
// for the blocks whose claims changed, in the transaction that changed them
// (see BeginBatch).
// Listings stream their rows (ForEachClaim, ForEachFact, ForEachArticle).
//
// Error messages name the database and never hold SQL.
//
// Thread-safety: a ClaimStore is a single connection and not thread-safe;
// open one per thread.

#ifndef CT_STORE_CLAIM_STORE_H_
#define CT_STORE_CLAIM_STORE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "extract/claim.h"
#include "ingest/document.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ct::store {

class Stmt;
class Transaction;
struct StatementShare;
struct ArticleClaim;

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
  // For a syndicated copy, the article it copies; else 0.
  int64_t original_id = 0;
  std::string text;  // Filled by FindArticle only.
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
  int64_t ordinal = 0;  // Its place in its article.
  // The article its article copies (a syndicated story), or 0.
  int64_t original_id = 0;
  std::string fact_status;  // Its fact's status, or empty.
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
  std::vector<std::string> parties;  // Identities, unordered: sorted.
  std::string facet;                 // "", "first", "additional".
  std::string status;                // single, agree, compatible, conflict.
  std::string reason;  // Why the values differ (facts/judge.h); or empty.
  std::optional<double> consensus;  // The value the sources hold to.
  int sources = 0;
  int independent_sources = 0;
  std::string first_reported;    // Earliest publication among its claims.
  std::vector<ClaimRow> claims;  // Ordered by publication: the timeline.
  // How many claims it has: more than `claims` holds when the listing
  // asked for fewer (FactFilter::claims_per_fact).
  int64_t claim_count = 0;
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
  int64_t failures = 0;    // In a row; 0 after a success.
  bool paused = false;     // Not polled until resumed.
  std::string every_text;  // The interval as the user wrote it ("30m").
};

struct SourceFilter {
  // "new" (never polled), "ok", "failing" (its last poll failed) or
  // "paused"; empty: any.
  std::string status;
  std::string sort;   // "added" (the default) or "url".
  int64_t limit = 0;  // 0: no limit.
  std::string after;  // A page's `next` token: the rows after it.
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

// Listings come a page at a time when a limit is set. The page after is
// asked for with the token the last one gave (`next`): it names where the
// last row stood in the listing's order, so no page is found by counting
// rows (OFFSET), and rows added meanwhile neither repeat nor vanish.
// A token that cannot be read is an InvalidArgument error.
struct ClaimFilter {
  std::string entity;  // Subject or object, canonical name.
  std::string metric;
  std::string source;  // Outlet.
  std::string since;   // RFC 3339 or a date: publication at or after.
  std::string search;  // FTS5 query over article title and text.
  int64_t article_id = 0;
  int64_t fact_id = 0;  // 0: any.
  std::string status;   // Its fact's status ("conflict", ...); empty: any.
  int64_t limit = 0;    // 0: no limit.
  std::string after;    // A page's `next` token: the rows after it.
  bool newest_first = false;  // Else in the order of the timeline.
};

struct FactFilter {
  int64_t id = 0;  // 0: any.
  std::string status;
  std::string entity;
  std::string metric;
  // Exactly these parties (identities, sorted): the facts of one deal.
  std::vector<std::string> parties;
  std::string reason;
  std::string outlet;  // Facts one of whose claims it reported.
  // "status" (conflicts first, then by sources; the default), "sources"
  // (most first), "reported" (newest first) or "fact" (by subject).
  std::string sort;
  int64_t limit = 0;  // 0: no limit.
  std::string after;  // A page's `next` token: the rows after it.
  // At most this many claims of each fact, its outliers among them (0:
  // all; -1: none, only claim_count): a listing shows who disagrees
  // without reading every claim.
  int64_t claims_per_fact = 0;
};

struct ArticleFilter {
  std::string outlet;  // Any case; empty: any.
  bool newest_first = false;
  int64_t limit = 0;  // 0: no limit.
  std::string after;  // A page's `next` token: the rows after it.
};

// How many rows (facts, claims, articles) have one value of a column.
struct FacetCount {
  std::string value;
  int64_t count = 0;
};

enum class PutOutcome { kNew, kUpdated, kUnchanged, kDuplicate };

struct PutResult {
  int64_t article_id = 0;
  PutOutcome outcome = PutOutcome::kNew;
};

struct OpenOptions {
  // Whether a missing or empty file becomes a new database. Commands that
  // only read leave it off: a typo in a path is then an error, not a new
  // empty database.
  bool create = true;
  // Whether writes follow. A database that cannot be written (a read-only
  // file or folder) then fails at Open, before any work is done. Without
  // it the database is opened read-only, unless its schema must migrate.
  bool write = true;
  // How long a write waits for another connection's lock before it fails.
  std::chrono::milliseconds busy_timeout{30000};
  // The store is used by one thread at a time (a pool that lends it out):
  // SQLite then takes no lock of its own on every call.
  bool one_thread_at_a_time = false;
  // Pages are read through a memory map of up to this many bytes of the
  // file (0: with a system call each, into the connection's own cache).
  // Many readers of one large file then share the system's page cache
  // rather than each copying the pages it reads.
  int64_t map_bytes = 0;
};

class ClaimStore {
 public:
  // Opens or creates the database at `path` (":memory:" for a private one)
  // and migrates it. Before anything writes to the file it checks that the
  // file is a SQLite database with claimtrack's schema at a version this
  // build knows; a foreign or broken file is left byte for byte as it was.
  // Errors name `path`: NotFound (missing, without options.create),
  // InvalidArgument (empty without options.create, not SQLite, another
  // program's database, an unknown schema version), IoError (cannot be
  // opened or written), Unavailable (locked by another process).
  static Result<std::unique_ptr<ClaimStore>> Open(
      const std::string& path, const OpenOptions& options = {});

  ~ClaimStore();
  ClaimStore(const ClaimStore&) = delete;
  ClaimStore& operator=(const ClaimStore&) = delete;

  const std::string& path() const { return path_; }

  // Stores an article with its claims in one transaction. An article seen
  // before (same URL, else same canonical URL) is kUnchanged when its text
  // and metadata are the same and kUpdated, claims replaced, when not. The
  // same non-empty text under another URL is a kDuplicate and is not stored
  // twice. `source_id` links the article to the polled source it came from
  // (0: none). An article is the same as a stored one by feed guid first,
  // then URL, then canonical URL. A changed article keeps its old text as a
  // revision.
  Result<PutResult> PutArticle(const ingest::Document& doc,
                               const std::vector<extract::Claim>& claims,
                               int64_t source_id = 0);

  // PutArticle in steps, for an article whose claims come in batches.
  // BeginArticle decides the outcome as PutArticle does; for kNew and
  // kUpdated it opens the transaction and writes the article, and the
  // claims follow through AddClaims (ordinals go on from batch to batch)
  // and ApplyFix, until CommitArticle. Nothing is kept unless
  // CommitArticle succeeds; AbortArticle, an error or the store's end roll
  // the article back. kUnchanged and kDuplicate open nothing.
  Result<PutResult> BeginArticle(const ingest::Document& doc,
                                 int64_t source_id = 0);
  Status AddClaims(const std::vector<extract::Claim>& claims);
  // Applies what the whole document tells of the claim at `fix.ordinal` of
  // the article being written: its subject, object, parties and metric.
  Status ApplyFix(const extract::PartyFix& fix);
  Status CommitArticle();
  void AbortArticle();

  // Groups the articles written until EndBatch in one transaction, each
  // still all or nothing on its own (a savepoint). A bulk ingest commits
  // once per batch rather than once per article, which writes each shared
  // index page once per batch. The facts the batch's claims touch are
  // judged again in the same transaction, when it ends. Readers see a
  // batch when it ends. Ending the store without EndBatch rolls the batch
  // back.
  Status BeginBatch();
  Status EndBatch();

  // Whether an article with this feed guid or URL is stored.
  Result<bool> HasArticle(const std::string& guid, const std::string& url);

  // Ends a batch, then regroups the claims of every block (party set and
  // metric family) whose claims changed and were not judged yet, as after
  // a migration. Writes judge their own blocks as they commit, so this is
  // seldom needed. Fact ids stay stable for facts that keep their key.
  // Grouping never joins claims of different blocks, so the result is the
  // same as regrouping everything.
  Status RebuildFacts();
  // Regroups and judges every claim, as after a change of the rules.
  Status RebuildAllFacts();

  // Listings that stream: `fn` sees each row in the listing's order, and a
  // non-OK status from it stops the listing and comes back. Rows are read
  // in one snapshot of the database. `fn` must not use this store; it may
  // keep the row it is given (move from it).
  using ClaimFn = std::function<Status(ClaimRow&)>;
  using FactFn = std::function<Status(FactRow&)>;
  using ArticleFn = std::function<Status(const ArticleRow&)>;
  // With a limit, `next` (when given) is set to the token of the page
  // after, or emptied when this page is the last.
  Status ForEachClaim(const ClaimFilter& filter, const ClaimFn& fn,
                      std::string* next = nullptr);
  // Facts with their claims; conflicts first, then by number of sources.
  Status ForEachFact(const FactFilter& filter, const FactFn& fn,
                     std::string* next = nullptr);
  Status ForEachArticle(const ArticleFn& fn);
  Status ForEachArticle(const ArticleFilter& filter, const ArticleFn& fn,
                        std::string* next = nullptr);

  // The same listings gathered into memory, for small results.
  Result<std::vector<ArticleRow>> ListArticles();
  Result<std::vector<ArticleRow>> ListArticles(const ArticleFilter& filter,
                                               std::string* next);
  Result<std::optional<ArticleRow>> FindArticle(int64_t id);
  Result<std::vector<ClaimRow>> FindClaims(const ClaimFilter& filter,
                                           std::string* next = nullptr);
  Result<std::vector<FactRow>> FindFacts(const FactFilter& filter,
                                         std::string* next = nullptr);
  // The values of `column` ("status", "metric", "reason", "entity" (the
  // subject) or "outlet") among the facts `filter` finds, with how many
  // have each, most first, at most `most`. The filter's own condition on
  // that column is left out, so that the other values show with their
  // counts. Counting that takes longer than `time_limit` (0: any time)
  // stops with Timeout: a listing shows the counts it can give quickly.
  Result<std::vector<FacetCount>> FactFacet(
      const FactFilter& filter, std::string_view column, int most = 20,
      std::chrono::milliseconds time_limit = {});
  // The same for claims: "status" (of their facts), "metric", "entity"
  // (the subject) or "outlet".
  Result<std::vector<FacetCount>> ClaimFacet(
      const ClaimFilter& filter, std::string_view column, int most = 20,
      std::chrono::milliseconds time_limit = {});
  // The same for articles: "outlet".
  Result<std::vector<FacetCount>> ArticleFacet(
      const ArticleFilter& filter, std::string_view column, int most = 20,
      std::chrono::milliseconds time_limit = {});
  // With `claims`, at most that many of its claims, its outliers among
  // them (FactFilter::claims_per_fact).
  Result<std::optional<FactRow>> FindFact(int64_t id, int64_t claims = 0);
  // The entities `name` may mean: itself in any case; else those whose
  // names start with it ("Colossus" for "Colossus 1"), at most `most`.
  Result<std::vector<std::string>> MatchEntities(const std::string& name,
                                                 int most = 10);

  // Sources that scheduled runs poll.
  // Adds a source, or sets the interval (and the title, when one is
  // given) of the one with this URL.
  Result<int64_t> AddSource(const std::string& url, int64_t every_seconds,
                            const std::string& title = "",
                            const std::string& every_text = "");
  // Pauses or resumes the source with this id or URL: a paused source is
  // never due. NotFound when there is none.
  Status PauseSource(const std::string& id_or_url, bool paused);
  // Makes the source with this id or URL due now, or every source when it
  // is empty. NotFound when there is none.
  Status RefreshSources(const std::string& id_or_url);
  Result<std::vector<SourceRow>> ListSources();
  // A page of them, in the order added or of their URLs; `next` as for
  // the other listings.
  Result<std::vector<SourceRow>> ListSources(const SourceFilter& filter,
                                             std::string* next);
  // How many sources have each status ("new", "ok", "failing", "paused").
  Result<std::vector<FacetCount>> SourceFacet();
  // Sources never polled or due at `now` (RFC 3339 UTC), in id order.
  Result<std::vector<SourceRow>> DueSources(const std::string& now);
  // Records a poll: validators and the next due time on success; the error,
  // its time and one more failure in a row on failure.
  Status RecordPoll(int64_t source_id, const PollRecord& poll);
  // NotFound when no source has this id or URL.
  Status RemoveSource(const std::string& id_or_url);

  // The schema version this build writes.
  static int SchemaVersion();
  // The SQL of the statements that run once per article, per claim or per
  // fact, for a test that checks each uses an index.
  static std::vector<std::string> StatementsPerRow();

 private:
  ClaimStore(sqlite3* db, std::string path);

  Status Exec(const char* sql, const char* what);
  // A cached prepared statement for `sql`.
  Result<std::unique_ptr<Stmt>> Prepare(const std::string& sql);
  // Runs `sql` (a value and its count, then the conditions `bind` binds)
  // grouped by value, most first, at most `most`, within `time_limit`.
  Result<std::vector<FacetCount>> CountFacet(
      const std::string& sql, const std::function<void(Stmt*)>& bind, int most,
      std::chrono::milliseconds time_limit);
  // An error of the last call, naming the database and what was done.
  Status Error(std::string_view what) const;
  // The id of `name` in the entities or the outlets table, added if new.
  enum class NameTable { kEntities, kOutlets };
  Result<int64_t> NameId(NameTable table, const std::string& name);
  Result<int64_t> EntityId(const std::string& name);
  // Clears the cached ids of NameId, which a rollback may have taken.
  void ForgetIds();
  // The original of a story whose text has `prints` (TextPrints), from
  // another outlet than `outlet`; 0 when it is no copy.
  Result<int64_t> FindOriginal(const std::vector<int64_t>& prints,
                               const std::string& outlet);
  // Parties as the database holds them: one per line.
  static std::string JoinParties(const std::vector<std::string>& parties);
  // Roles as the database holds them: "investor=Nvidia", one per line.
  static std::string JoinRoles(
      const std::vector<std::pair<std::string, std::string>>& roles);
  Status MarkBlocksDirty(int64_t article_id);
  // Runs `sql` (?1 an id, ?2 a URL, ?3 `value`) on the source with this id
  // or URL; NotFound when it touched none.
  Status ChangeSource(const char* sql, const std::string& id_or_url,
                      std::optional<int64_t> value);
  // Statements (statement_rows.cc): joins the claims of articles to the
  // statements of what they state; counts the `ids` again from the claims
  // they have left, dropping those with none; lists the statements that
  // `sql` finds for `id`.
  Status AssignStatements(const std::vector<int64_t>& article_ids);
  // Appends the claims of an article that have no statement yet, with
  // what its article adds to their statements.
  Status ReadArticleClaims(int64_t article_id, std::vector<ArticleClaim>* out);
  // Adds claims [begin, end) to their statements, each found and written
  // once.
  Status JoinStatements(const std::vector<ArticleClaim>& claims, size_t begin,
                        size_t end);
  // Sets the outlet ids of `share` from its names.
  Status ResolveOutlets(StatementShare* share);
  Status RecountStatements(const std::vector<int64_t>& ids);
  Result<std::vector<int64_t>> StatementsOf(const char* sql, int64_t id);
  // Migration 6: statements for every claim, with the facts their claims
  // had.
  Status AssignAllStatements();
  // After a rollback: drops what may no longer be true (cached entity ids,
  // a batch that the error ended).
  void Forget();
  void CheckBatch();
  // Judges every block in dirty_blocks, inside the open transaction if
  // there is one.
  Status JudgeDirtyBlocks();
  Status RebuildBlock(const std::string& parties, const std::string& family);
  Status ReadClaims(const std::string& sql,
                    const std::function<void(Stmt&)>& bind, const ClaimFn& fn);

  sqlite3* db_;  // Closed in the destructor after the statements.
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
  // The article that BeginArticle opened, until it commits or aborts, and
  // its transaction: a savepoint inside the batch, if one is open.
  int64_t writing_ = 0;
  size_t next_ordinal_ = 0;
  std::unique_ptr<Transaction> article_tx_;
  bool batch_ = false;
  // The articles the open batch committed, whose claims join their
  // statements when it ends.
  std::vector<int64_t> unassigned_;
  // Entity and outlet ids by name. Cleared whenever a write is rolled
  // back, which may take new ones with it.
  std::unordered_map<std::string, int64_t> entity_ids_, outlet_ids_;
};

// The current time as RFC 3339 UTC, to the second.
std::string NowUtc();

}  // namespace ct::store

#endif  // CT_STORE_CLAIM_STORE_H_
