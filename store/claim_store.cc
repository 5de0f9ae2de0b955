#include "store/claim_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <unordered_map>

#include "facts/grouping.h"
#include "store/database_file.h"
#include "store/migrations.h"
#include "store/sqlite.h"
#include "store/statements.h"

namespace ct::store {
namespace {

// FNV-1a, 64 bits: enough to tell whether an article's text changed and
// to find the same text under another URL. Not a defence against anyone.
std::string ContentHash(const ingest::Document& doc) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : doc.text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// A sketch of a text: the smallest hashes of its five-word shingles, words
// folded to lower case (a bottom-k MinHash sketch). Two texts whose sketches
// share most hashes share most shingles: one story, whatever was added, cut
// or retouched around it. Short texts have none: a few shared phrases would
// make false copies.
std::vector<int64_t> TextPrints(std::string_view text) {
  constexpr size_t kMinText = 600;
  constexpr size_t kShingle = 5;
  constexpr size_t kSketch = 16;
  std::vector<int64_t> hashes;
  if (text.size() < kMinText) return hashes;
  uint64_t words[kShingle] = {};
  size_t seen = 0;
  uint64_t word = 1469598103934665603ull;
  bool in_word = false;
  auto end_word = [&]() {
    if (!in_word) return;
    in_word = false;
    words[seen++ % kShingle] = word;
    word = 1469598103934665603ull;
    if (seen < kShingle) return;
    uint64_t h = 1469598103934665603ull;
    for (size_t k = seen - kShingle; k < seen; ++k) {
      h ^= words[k % kShingle];
      h *= 1099511628211ull;
    }
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    hashes.push_back(static_cast<int64_t>(h >> 1));
  };
  for (unsigned char c : text) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                 (c >= 'A' && c <= 'Z') || c >= 0x80;
    if (!alnum) {
      end_word();
      continue;
    }
    in_word = true;
    word ^= static_cast<unsigned char>(std::tolower(c));
    word *= 1099511628211ull;
  }
  end_word();
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  if (hashes.size() > kSketch) hashes.resize(kSketch);
  return hashes;
}

bool IsBlank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

std::string NowUtc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int ClaimStore::SchemaVersion() {
  return static_cast<int>(Migrations().size());
}

ClaimStore::ClaimStore(sqlite3* db, std::string path)
    : db_(db), path_(std::move(path)) {}

ClaimStore::~ClaimStore() {
  if (writing_ != 0) AbortArticle();
  if (batch_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Result<std::unique_ptr<ClaimStore>> ClaimStore::Open(
    const std::string& path, const OpenOptions& options) {
  const int latest = SchemaVersion();
  bool memory = path == ":memory:";
  DatabaseFile file;
  file.fresh = true;
  if (!memory) {
    auto inspected = InspectDatabaseFile(path, latest);
    if (!inspected.ok()) {
      if (inspected.status().code() != Status::Code::kNotFound ||
          !options.create) {
        if (inspected.status().code() == Status::Code::kNotFound) {
          return Status::NotFound("no database at " + path +
                                  " (run `claimtrack ingest` first)");
        }
        return inspected.status();
      }
    } else {
      file = *inspected;
    }
    if (file.fresh && options.create) {
      std::error_code ec;
      std::filesystem::path parent = std::filesystem::path(path).parent_path();
      if (!parent.empty() && !std::filesystem::is_directory(parent, ec)) {
        return Status::InvalidArgument("cannot create database " + path +
                                       ": no folder " + parent.string());
      }
    }
    if (file.fresh && !options.create) {
      return Status::InvalidArgument("database " + path +
                                     " is empty (run `claimtrack ingest` "
                                     "first)");
    }
  }
  // Writes follow when asked for, and when the schema must be created or
  // migrated; otherwise the database is only read.
  bool write = options.write || file.fresh || file.version < latest;
  int flags = write ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
  if (options.one_thread_at_a_time) flags |= SQLITE_OPEN_NOMUTEX;
  if (write && options.create) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  // Own the handle at once: sqlite3_open_v2 allocates it even on failure.
  std::unique_ptr<ClaimStore> store(new ClaimStore(raw, path));
  if (rc != SQLITE_OK) return SqliteError(raw, path, "opening");
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, static_cast<int>(options.busy_timeout.count()));
  if (write && sqlite3_db_readonly(raw, "main") == 1) {
    return Status::IoError("database " + path + " is read-only");
  }
  CT_RETURN_IF_ERROR(store->Exec("PRAGMA foreign_keys = ON", "opening"));
  if (options.map_bytes > 0) {
    std::string pragma =
        "PRAGMA mmap_size = " + std::to_string(options.map_bytes);
    CT_RETURN_IF_ERROR(store->Exec(pragma.c_str(), "opening"));
  }
  if (write) {
    CT_RETURN_IF_ERROR(store->Exec("PRAGMA journal_mode = WAL", "opening"));
    CT_RETURN_IF_ERROR(store->Exec("PRAGMA synchronous = NORMAL", "opening"));
    // A writer touches index pages all over a large database (URLs, hashes,
    // entities) and reads again the blocks of facts each batch touches;
    // 128 MiB of cache keeps them in memory instead of reading them again
    // through the file system.
    CT_RETURN_IF_ERROR(store->Exec("PRAGMA cache_size = -131072", "opening"));
  }
  const auto& migrations = Migrations();
  for (int v = file.version; v < latest; ++v) {
    Transaction tx(raw, &store->path_);
    CT_RETURN_IF_ERROR(tx.Begin().WithContext("migrating"));
    // Another process that opened the file as old may have migrated it
    // since it was inspected: the version is read again under the write
    // lock, and a step already taken is not taken twice (a second run of
    // one that can run again would set the version back).
    auto done = store->Prepare("PRAGMA user_version");
    if (!done.ok()) return done.status();
    Status read;
    if (!(*done)->Step(&read)) {
      return read.ok() ? Status::Internal("no user_version") : read;
    }
    if ((*done)->Int(0) > v) continue;
    done->reset();
    if (sqlite3_exec(raw, migrations[v], nullptr, nullptr, nullptr) !=
        SQLITE_OK) {
      return SqliteError(
          raw, path, "migrating to schema version " + std::to_string(v + 1));
    }
    // Schema 6 fills its statements from the claims.
    constexpr int kStatements = 6;
    if (v + 1 == kStatements) {
      CT_RETURN_IF_ERROR(store->AssignAllStatements().WithContext(
          "migrating to schema version 6"));
    }
    std::string pragma = "PRAGMA user_version = " + std::to_string(v + 1);
    CT_RETURN_IF_ERROR(store->Exec(pragma.c_str(), "migrating"));
    CT_RETURN_IF_ERROR(tx.Commit().WithContext("migrating"));
  }
  // Blocks a migration marked, or a judge that was killed left, are
  // judged now: a write never starts on stale facts.
  if (write) {
    CT_RETURN_IF_ERROR(store->RebuildFacts().WithContext("judging facts"));
  }
  if (options.write && !memory) {
    // Take the write lock once and give it back: a folder where the
    // write-ahead log cannot be made, or another writer that holds the
    // lock past the busy timeout, fails now rather than after the work.
    Transaction probe(raw, &store->path_);
    CT_RETURN_IF_ERROR(probe.Begin());
    probe.Rollback();
  }
  return store;
}

Status ClaimStore::Error(std::string_view what) const {
  return SqliteError(db_, path_, what);
}

Status ClaimStore::Exec(const char* sql, const char* what) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return Error(what);
  }
  return Status::Ok();
}

Result<std::unique_ptr<Stmt>> ClaimStore::Prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &stmt,
                           nullptr) != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return Error("preparing a query");
    }
    it = statements_.emplace(sql, stmt).first;
  }
  return std::make_unique<Stmt>(db_, it->second, &path_);
}

Result<int64_t> ClaimStore::NameId(NameTable table, const std::string& name) {
  bool entity = table == NameTable::kEntities;
  auto& cache = entity ? entity_ids_ : outlet_ids_;
  if (auto it = cache.find(name); it != cache.end()) return it->second;
  auto sel = Prepare(entity ? kSelectEntity : kSelectOutlet);
  if (!sel.ok()) return sel.status();
  Status s;
  int64_t id = 0;
  if ((*sel)->Bind(1, name).Step(&s)) {
    id = (*sel)->Int(0);
  } else {
    CT_RETURN_IF_ERROR(s);
    auto ins = Prepare(entity ? kInsertEntity : kInsertOutlet);
    if (!ins.ok()) return ins.status();
    CT_RETURN_IF_ERROR((*ins)->Bind(1, name).Run());
    id = sqlite3_last_insert_rowid(db_);
  }
  cache.emplace(name, id);
  return id;
}

Result<int64_t> ClaimStore::EntityId(const std::string& name) {
  return NameId(NameTable::kEntities, name);
}

void ClaimStore::ForgetIds() {
  entity_ids_.clear();
  outlet_ids_.clear();
}

Result<bool> ClaimStore::HasArticle(const std::string& guid,
                                    const std::string& url) {
  Status s;
  if (!guid.empty()) {
    auto st = Prepare(kFindArticleByGuid);
    if (!st.ok()) return st.status();
    if ((*st)->Bind(1, guid).Step(&s)) return true;
    CT_RETURN_IF_ERROR(s);
  }
  for (const char* sql : {kFindArticleByUrl, kFindArticleByCanonical}) {
    auto st = Prepare(sql);
    if (!st.ok()) return st.status();
    if ((*st)->Bind(1, url).Step(&s)) return true;
    CT_RETURN_IF_ERROR(s);
  }
  return false;
}

Result<PutResult> ClaimStore::PutArticle(
    const ingest::Document& doc, const std::vector<extract::Claim>& claims,
    int64_t source_id) {
  auto begun = BeginArticle(doc, source_id);
  if (!begun.ok()) return begun.status();
  if (begun->outcome == PutOutcome::kUnchanged ||
      begun->outcome == PutOutcome::kDuplicate) {
    return begun;
  }
  Status s = AddClaims(claims);
  if (s.ok()) s = CommitArticle();
  if (!s.ok()) {
    AbortArticle();
    return s;
  }
  return begun;
}

Result<PutResult> ClaimStore::BeginArticle(const ingest::Document& doc,
                                           int64_t source_id) {
  if (writing_ != 0) {
    return Status::Internal("an article is already being written");
  }
  if (doc.url.empty()) {
    return Status::InvalidArgument("article without a URL");
  }
  std::string hash = ContentHash(doc);
  std::string now = NowUtc();
  auto tx = std::make_unique<Transaction>(db_, &path_);
  Status begun = batch_ ? tx->BeginNested() : tx->Begin();
  if (!begun.ok()) {
    CheckBatch();
    return begun;
  }
  // Any early return below rolls the article back. Nothing here adds an
  // entity, so the cache stays; but an error may have ended the batch.
  struct Undo {
    ClaimStore* store;
    std::unique_ptr<Transaction>* tx;
    ~Undo() {
      if (*tx && (*tx)->open()) {
        (*tx)->Rollback();
        store->CheckBatch();
      }
    }
  } undo{this, &tx};

  struct Existing {
    int64_t id = 0;
    std::string hash, title, author, outlet, published, canonical;
  };
  std::optional<Existing> existing;
  auto find = [&](const char* sql, const std::string& key) -> Status {
    if (existing || key.empty()) return Status::Ok();
    auto st = Prepare(sql);
    if (!st.ok()) return st.status();
    Status s;
    if ((*st)->Bind(1, key).Step(&s)) {
      Stmt& r = **st;
      existing = Existing{r.Int(0),  r.Text(1), r.Text(2), r.Text(3),
                          r.Text(4), r.Text(5), r.Text(6)};
    }
    return s;
  };
  CT_RETURN_IF_ERROR(find(kFindArticleByGuid, doc.guid));
  CT_RETURN_IF_ERROR(find(kFindArticleByUrl, doc.url));
  CT_RETURN_IF_ERROR(find(kFindArticleByUrl, doc.canonical_url));
  CT_RETURN_IF_ERROR(find(kFindArticleByCanonical, doc.canonical_url));
  PutResult result;
  // The same text under another URL of the same outlet is a duplicate,
  // unless there is no text to compare: two pages that both lost their text
  // are not the same article. From another outlet it is a syndicated copy:
  // stored, and linked to its original.
  int64_t original = 0;
  if (!existing && !IsBlank(doc.text)) {
    auto st = Prepare(kFindArticleByHash);
    if (!st.ok()) return st.status();
    Status s;
    if ((*st)->Bind(1, hash).Step(&s)) {
      Stmt& r = **st;
      if (r.Text(1) == doc.outlet || r.Text(1).empty() || doc.outlet.empty()) {
        result.article_id = r.Int(0);
        result.outcome = PutOutcome::kDuplicate;
        return result;  // The transaction rolls back: nothing was written.
      }
      original = r.Int(2);
    }
    CT_RETURN_IF_ERROR(s);
  }
  std::vector<int64_t> prints;
  if (original == 0) {
    prints = TextPrints(doc.text);
    if (!existing) {
      auto found = FindOriginal(prints, doc.outlet);
      if (!found.ok()) return found.status();
      original = *found;
    }
  }

  if (existing) {
    result.article_id = existing->id;
    if (existing->hash == hash && existing->title == doc.title &&
        existing->author == doc.author && existing->outlet == doc.outlet &&
        existing->published == doc.published &&
        existing->canonical == doc.canonical_url) {
      result.outcome = PutOutcome::kUnchanged;
      return result;
    }
    if (existing->hash != hash) {
      // The text changed: keep what it said before.
      auto rev = Prepare(kKeepRevision);
      if (!rev.ok()) return rev.status();
      CT_RETURN_IF_ERROR((*rev)->Bind(1, existing->id).Bind(2, now).Run());
    }
    auto st = Prepare(kUpdateArticle);
    if (!st.ok()) return st.status();
    CT_RETURN_IF_ERROR((*st)
                           ->Bind(1, existing->id)
                           .Bind(2, doc.canonical_url)
                           .Bind(3, doc.guid)
                           .Bind(4, doc.title)
                           .Bind(5, doc.author)
                           .Bind(6, doc.outlet)
                           .BindOrNull(7, doc.published)
                           .Bind(8, now)
                           .Bind(9, hash)
                           .Bind(10, doc.text)
                           .Run());
    // The facts of the claims it had must be judged again without them,
    // and their statements counted again. A new outlet is its copies' too.
    CT_RETURN_IF_ERROR(MarkBlocksDirty(existing->id));
    auto stated = StatementsOf(kStatementsOfArticle, existing->id);
    if (!stated.ok()) return stated.status();
    if (existing->outlet != doc.outlet) {
      auto copies = StatementsOf(kStatementsOfCopies, existing->id);
      if (!copies.ok()) return copies.status();
      stated->insert(stated->end(), copies->begin(), copies->end());
    }
    auto del = Prepare(kDeleteClaimsOfArticle);
    if (!del.ok()) return del.status();
    CT_RETURN_IF_ERROR((*del)->Bind(1, existing->id).Run());
    CT_RETURN_IF_ERROR(RecountStatements(*stated));
    auto unprint = Prepare(kDeletePrints);
    if (!unprint.ok()) return unprint.status();
    CT_RETURN_IF_ERROR((*unprint)->Bind(1, existing->id).Run());
    result.outcome = PutOutcome::kUpdated;
  } else {
    auto st = Prepare(kInsertArticle);
    if (!st.ok()) return st.status();
    CT_RETURN_IF_ERROR((*st)
                           ->Bind(1, doc.url)
                           .Bind(2, doc.canonical_url)
                           .Bind(3, doc.guid)
                           .Bind(4, doc.title)
                           .Bind(5, doc.author)
                           .Bind(6, doc.outlet)
                           .BindOrNull(7, doc.published)
                           .Bind(8, now)
                           .Bind(9, hash)
                           .Bind(10, doc.text)
                           .BindOrNull(11, source_id)
                           .Run());
    result.article_id = sqlite3_last_insert_rowid(db_);
    result.outcome = PutOutcome::kNew;
  }
  if (original != 0) {
    auto link = Prepare(kSetOriginal);
    if (!link.ok()) return link.status();
    CT_RETURN_IF_ERROR(
        (*link)->Bind(1, result.article_id).Bind(2, original).Run());
  } else {
    // Originals keep their prints, for the copies to come.
    auto add = Prepare(kInsertPrint);
    if (!add.ok()) return add.status();
    for (int64_t p : prints) {
      (*add)->Reset();
      CT_RETURN_IF_ERROR((*add)->Bind(1, p).Bind(2, result.article_id).Run());
    }
  }
  // The transaction stays open for the claims; CommitArticle ends it.
  writing_ = result.article_id;
  next_ordinal_ = 0;
  article_tx_ = std::move(tx);
  return result;
}

Result<int64_t> ClaimStore::FindOriginal(const std::vector<int64_t>& prints,
                                         const std::string& outlet) {
  // Most of the sketch of one stored story makes a copy of it.
  constexpr size_t kMinPrints = 8;
  constexpr double kShared = 0.6;
  constexpr int kMaxPerPrint = 8;  // Boilerplate shared by many stories.
  if (prints.size() < kMinPrints || outlet.empty()) return int64_t{0};
  auto st = Prepare(kFindPrint);
  if (!st.ok()) return st.status();
  std::unordered_map<int64_t, size_t> shared;
  for (int64_t p : prints) {
    Stmt& q = **st;
    q.Reset();
    q.Bind(1, p);
    Status s;
    for (int n = 0; n < kMaxPerPrint && q.Step(&s); ++n) ++shared[q.Int(0)];
    CT_RETURN_IF_ERROR(s);
  }
  int64_t best = 0;
  size_t most = 0;
  for (const auto& [article, n] : shared) {
    if (n > most || (n == most && article < best)) {
      best = article;
      most = n;
    }
  }
  if (most < kMinPrints ||
      most < kShared * static_cast<double>(prints.size())) {
    return int64_t{0};
  }
  auto of = Prepare(kArticleOutlet);
  if (!of.ok()) return of.status();
  Status s;
  if (!(*of)->Bind(1, best).Step(&s)) {
    if (!s.ok()) return s;
    return int64_t{0};
  }
  // The same outlet again is its own story, not a copy.
  if ((*of)->Text(0) == outlet || (*of)->Text(0).empty()) return int64_t{0};
  return (*of)->Int(1);
}

Status ClaimStore::AddClaims(const std::vector<extract::Claim>& claims) {
  if (writing_ == 0) return Status::Internal("no article is being written");
  auto st = Prepare(kInsertClaim);
  if (!st.ok()) return st.status();
  for (const extract::Claim& c : claims) {
    int64_t subject = 0;
    int64_t object = 0;
    if (!c.subject.empty()) {
      auto id = EntityId(c.subject);
      if (!id.ok()) return id.status();
      subject = *id;
    }
    if (!c.object.empty()) {
      auto id = EntityId(c.object);
      if (!id.ok()) return id.status();
      object = *id;
    }
    std::vector<std::string> parties = c.parties;
    if (parties.empty() && !c.subject.empty()) {
      parties.push_back(c.subject);
      if (!c.object.empty() && c.object != c.subject) {
        parties.push_back(c.object);
      }
      std::sort(parties.begin(), parties.end());
    }
    Stmt& q = **st;
    q.Reset();
    q.Bind(1, writing_)
        .Bind(2, static_cast<int64_t>(next_ordinal_++))
        .Bind(3, c.surface)
        .Bind(4, c.number)
        .Bind(5, c.number_low)
        .Bind(6, c.number_high)
        .Bind(7, c.written_unit)
        .Bind(8, c.noun)
        .Bind(9, c.change)
        .Bind(10, static_cast<int64_t>(c.start))
        .Bind(11, static_cast<int64_t>(c.end))
        .Bind(12, c.value)
        .Bind(13, c.low)
        .Bind(14, c.high)
        .Bind(15, c.low_inclusive)
        .Bind(16, c.high_inclusive)
        .Bind(17, c.unit)
        .Bind(18, extract::QualifierName(c.qualifier))
        .Bind(19, c.metric)
        .BindOrNull(20, subject)
        .BindOrNull(21, object)
        .Bind(22, c.time)
        .Bind(23, c.sentence)
        .Bind(24, JoinParties(parties))
        .Bind(25, c.facet)
        .Bind(26, facts::MetricFamily(c.metric))
        .Bind(27, JoinRoles(c.roles))
        .Bind(28, c.in_title);
    CT_RETURN_IF_ERROR(
        q.Run().WithContext("storing claim \"" + c.surface + "\""));
  }
  return Status::Ok();
}

std::string ClaimStore::JoinRoles(
    const std::vector<std::pair<std::string, std::string>>& roles) {
  std::string out;
  for (const auto& [role, name] : roles) {
    if (!out.empty()) out.push_back('\n');
    out += role + "=" + name;
  }
  return out;
}

std::string ClaimStore::JoinParties(const std::vector<std::string>& parties) {
  std::string out;
  for (const std::string& p : parties) {
    if (!out.empty()) out.push_back('\n');
    out += p;
  }
  return out;
}

Status ClaimStore::ApplyFix(const extract::PartyFix& fix) {
  if (writing_ == 0) return Status::Internal("no article is being written");
  int64_t subject_id = 0;
  int64_t object_id = 0;
  if (!fix.subject.empty()) {
    auto id = EntityId(fix.subject);
    if (!id.ok()) return id.status();
    subject_id = *id;
  }
  if (!fix.object.empty()) {
    auto id = EntityId(fix.object);
    if (!id.ok()) return id.status();
    object_id = *id;
  }
  auto st = Prepare(kApplyFix);
  if (!st.ok()) return st.status();
  return (*st)
      ->Bind(1, writing_)
      .Bind(2, static_cast<int64_t>(fix.ordinal))
      .BindOrNull(3, subject_id)
      .BindOrNull(4, object_id)
      .Bind(5, JoinParties(fix.parties))
      .Bind(6, fix.metric)
      .Bind(7, facts::MetricFamily(fix.metric))
      .Run();
}

Status ClaimStore::CommitArticle() {
  if (writing_ == 0) return Status::Internal("no article is being written");
  // Alone, an article's claims join their statements and its facts are
  // judged in its own transaction; in a batch, both wait for the batch's
  // end, outside the article's savepoint, so that a statement many
  // articles share is written once.
  Status s = MarkBlocksDirty(writing_);
  if (s.ok() && !batch_) s = AssignStatements({writing_});
  if (s.ok() && !batch_) s = JudgeDirtyBlocks();
  if (s.ok()) s = article_tx_->Commit();
  if (!s.ok()) {
    AbortArticle();
    return s;
  }
  if (batch_) unassigned_.push_back(writing_);
  article_tx_.reset();
  writing_ = 0;
  return Status::Ok();
}

void ClaimStore::AbortArticle() {
  if (writing_ == 0) return;
  article_tx_->Rollback();
  article_tx_.reset();
  writing_ = 0;
  Forget();
}

void ClaimStore::Forget() {
  ForgetIds();
  CheckBatch();
}

void ClaimStore::CheckBatch() {
  // Some errors (a full disk, I/O) end the whole transaction: the batch is
  // gone with it, and so is every entity it added.
  if (batch_ && sqlite3_get_autocommit(db_) != 0) {
    batch_ = false;
    unassigned_.clear();
    ForgetIds();
  }
}

Status ClaimStore::BeginBatch() {
  if (batch_ || writing_ != 0) {
    return Status::Internal("a batch or an article is open already");
  }
  Status s = Exec("BEGIN IMMEDIATE", "");
  if (s.ok()) batch_ = true;
  return s;
}

Status ClaimStore::EndBatch() {
  if (writing_ != 0) AbortArticle();
  if (!batch_) return Status::Ok();
  batch_ = false;
  // The facts the batch's claims touch are judged before it commits: a
  // reader, or a process killed at any point, never sees claims without
  // their facts.
  std::vector<int64_t> articles = std::move(unassigned_);
  unassigned_.clear();
  std::sort(articles.begin(), articles.end());
  articles.erase(std::unique(articles.begin(), articles.end()), articles.end());
  Status judged = AssignStatements(articles);
  if (judged.ok()) judged = JudgeDirtyBlocks();
  if (!judged.ok()) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    ForgetIds();
    return judged;
  }
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status s = Error("");
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    ForgetIds();
    return s;
  }
  // A batch writes many pages: copy them into the database now, so that
  // the write-ahead log, and every read that searches it, stays small.
  // Passive: readers are never waited for.
  sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                            nullptr);
  return Status::Ok();
}

Status ClaimStore::MarkBlocksDirty(int64_t article_id) {
  auto st = Prepare(kMarkBlocksDirty);
  if (!st.ok()) return st.status();
  return (*st)->Bind(1, article_id).Run();
}

std::vector<std::string> ClaimStore::StatementsPerRow() {
  return {kSelectEntity,
          kInsertEntity,
          kSelectOutlet,
          kInsertOutlet,
          kFindArticleByGuid,
          kFindArticleByUrl,
          kFindArticleByCanonical,
          kFindArticleByHash,
          kFindPrint,
          kInsertPrint,
          kDeletePrints,
          kArticleOutlet,
          kSetOriginal,
          kKeepRevision,
          kUpdateArticle,
          kDeleteClaimsOfArticle,
          kInsertArticle,
          kInsertClaim,
          kApplyFix,
          kMarkBlocksDirty,
          kArticleShare,
          kStatementShares,
          kArticleClaims,
          kFindStatement,
          kInsertStatement,
          kUpdateStatement,
          kSetClaimStatement,
          kDeleteStatement,
          kMarkStatementBlockDirty,
          kStatementsOfArticle,
          kStatementsOfCopies,
          kBlockStatements,
          kBlockFacts,
          kUpsertFact,
          kMarkStatement,
          kUnmarkStatement,
          kDeleteFact,
          kClaimsOfFact,
          kSomeClaimsOfFact,
          kArticleClaimCount,
          kArticleRevisionCount};
}

Result<int64_t> ClaimStore::AddSource(const std::string& url,
                                      int64_t every_seconds,
                                      const std::string& title,
                                      const std::string& every_text) {
  auto st = Prepare(R"sql(
INSERT INTO sources(url, every_seconds, added_at, title, every_text)
VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT(url) DO UPDATE SET every_seconds = excluded.every_seconds,
  every_text = excluded.every_text,
  title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE title END
RETURNING id)sql");
  if (!st.ok()) return st.status();
  Stmt& r = **st;
  Status s;
  if (!r.Bind(1, url)
           .Bind(2, every_seconds)
           .Bind(3, NowUtc())
           .Bind(4, title)
           .Bind(5, every_text)
           .Step(&s)) {
    return s.ok() ? Status::Internal("source insert returned no id") : s;
  }
  int64_t id = r.Int(0);
  CT_RETURN_IF_ERROR(r.Run());
  return id;
}

namespace {

constexpr const char* kSourceColumns = R"sql(
SELECT id, url, title, every_seconds, added_at, COALESCE(last_polled_at, ''),
  COALESCE(next_due_at, ''), COALESCE(etag, ''), COALESCE(last_modified, ''),
  COALESCE(last_error, ''), COALESCE(last_error_at, ''), failures, paused,
  every_text
FROM sources )sql";

SourceRow ReadSource(const Stmt& r) {
  SourceRow row;
  row.id = r.Int(0);
  row.url = r.Text(1);
  row.title = r.Text(2);
  row.every_seconds = r.Int(3);
  row.added_at = r.Text(4);
  row.last_polled_at = r.Text(5);
  row.next_due_at = r.Text(6);
  row.etag = r.Text(7);
  row.last_modified = r.Text(8);
  row.last_error = r.Text(9);
  row.last_error_at = r.Text(10);
  row.failures = r.Int(11);
  row.paused = r.Int(12) != 0;
  row.every_text = r.Text(13);
  return row;
}

}  // namespace

Result<std::vector<SourceRow>> ClaimStore::ListSources() {
  return ListSources(SourceFilter(), nullptr);
}

namespace {

constexpr const char* kSourceStatus =
    "CASE WHEN paused THEN 'paused' WHEN failures > 0 THEN 'failing' "
    "WHEN last_polled_at IS NULL THEN 'new' ELSE 'ok' END";

}  // namespace

Result<std::vector<SourceRow>> ClaimStore::ListSources(const SourceFilter& f,
                                                       std::string* next) {
  if (!f.sort.empty() && f.sort != "added" && f.sort != "url") {
    return Status::InvalidArgument("unknown sort \"" + f.sort +
                                   "\" (added or url)");
  }
  const bool by_url = f.sort == "url";
  // A page's token is where its last row stood: its id in the order added,
  // its URL (in hex) in the order of URLs, which are unique.
  int64_t after_id = 0;
  std::string after_url;
  if (!f.after.empty()) {
    bool ok = true;
    if (by_url) {
      ok = f.after.size() % 2 == 0;
      for (size_t i = 0; ok && i < f.after.size(); i += 2) {
        unsigned byte = 0;
        auto [end, ec] = std::from_chars(f.after.data() + i,
                                         f.after.data() + i + 2, byte, 16);
        ok = ec == std::errc() && end == f.after.data() + i + 2;
        after_url += static_cast<char>(byte);
      }
    } else {
      auto [end, ec] = std::from_chars(
          f.after.data(), f.after.data() + f.after.size(), after_id);
      ok = ec == std::errc() && end == f.after.data() + f.after.size() &&
           after_id > 0;
    }
    if (!ok) return Status::InvalidArgument("not a next token: " + f.after);
  }
  std::string sql = std::string(kSourceColumns) +
                    (by_url ? "WHERE url > ?1" : "WHERE id > ?1");
  if (!f.status.empty()) sql += std::string(" AND ") + kSourceStatus + " = ?2";
  sql += by_url ? " ORDER BY url" : " ORDER BY id";
  if (f.limit > 0) sql += " LIMIT ?3";
  auto st = Prepare(sql);
  if (!st.ok()) return st.status();
  Stmt& r = **st;
  if (by_url) {
    r.Bind(1, after_url);
  } else {
    r.Bind(1, after_id);
  }
  if (!f.status.empty()) r.Bind(2, f.status);
  if (f.limit > 0)
    r.Bind(3, f.limit + 1);  // One more: whether there is a next.
  if (next != nullptr) next->clear();
  std::vector<SourceRow> rows;
  Status s;
  while (r.Step(&s)) {
    if (f.limit > 0 && static_cast<int64_t>(rows.size()) == f.limit) {
      if (next != nullptr && by_url) {
        static const char kHex[] = "0123456789abcdef";
        for (unsigned char c : rows.back().url) {
          *next += kHex[c >> 4];
          *next += kHex[c & 15];
        }
      } else if (next != nullptr) {
        *next = std::to_string(rows.back().id);
      }
      break;
    }
    rows.push_back(ReadSource(r));
  }
  CT_RETURN_IF_ERROR(s);
  return rows;
}

Result<std::vector<FacetCount>> ClaimStore::SourceFacet() {
  auto st = Prepare(std::string("SELECT ") + kSourceStatus +
                    ", count(*) FROM sources GROUP BY 1 ORDER BY 2 DESC, 1");
  if (!st.ok()) return st.status();
  std::vector<FacetCount> out;
  Status s;
  while ((*st)->Step(&s)) out.push_back({(*st)->Text(0), (*st)->Int(1)});
  CT_RETURN_IF_ERROR(s);
  return out;
}

Result<std::vector<SourceRow>> ClaimStore::DueSources(const std::string& now) {
  auto st = Prepare(std::string(kSourceColumns) +
                    "WHERE paused = 0 AND (next_due_at IS NULL OR "
                    "next_due_at <= ?1) ORDER BY id");
  if (!st.ok()) return st.status();
  std::vector<SourceRow> rows;
  Stmt& r = **st;
  r.Bind(1, now);
  Status s;
  while (r.Step(&s)) rows.push_back(ReadSource(r));
  CT_RETURN_IF_ERROR(s);
  return rows;
}

Status ClaimStore::RecordPoll(int64_t source_id, const PollRecord& poll) {
  std::string now = NowUtc();
  if (poll.ok) {
    auto st = Prepare(R"sql(
UPDATE sources SET last_polled_at = ?2, next_due_at = ?3,
  etag = COALESCE(NULLIF(?4, ''), etag),
  last_modified = COALESCE(NULLIF(?5, ''), last_modified),
  title = CASE WHEN ?6 <> '' THEN ?6 ELSE title END,
  failures = 0
WHERE id = ?1)sql");
    if (!st.ok()) return st.status();
    return (*st)
        ->Bind(1, source_id)
        .Bind(2, now)
        .Bind(3, poll.next_due_at)
        .Bind(4, poll.etag)
        .Bind(5, poll.last_modified)
        .Bind(6, poll.title)
        .Run();
  }
  auto st = Prepare(R"sql(
UPDATE sources SET last_polled_at = ?2, next_due_at = ?3, last_error = ?4,
  last_error_at = ?2, failures = failures + 1
WHERE id = ?1)sql");
  if (!st.ok()) return st.status();
  return (*st)
      ->Bind(1, source_id)
      .Bind(2, now)
      .Bind(3, poll.next_due_at)
      .Bind(4, poll.error)
      .Run();
}

Status ClaimStore::ChangeSource(const char* sql, const std::string& id_or_url,
                                std::optional<int64_t> value) {
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(id_or_url.data(),
                                   id_or_url.data() + id_or_url.size(), id);
  bool numeric =
      ec == std::errc() && ptr == id_or_url.data() + id_or_url.size();
  auto st = Prepare(sql);
  if (!st.ok()) return st.status();
  Stmt& r = **st;
  r.Bind(1, numeric ? id : int64_t{-1}).Bind(2, id_or_url);
  if (value) r.Bind(3, *value);
  CT_RETURN_IF_ERROR(r.Run());
  if (sqlite3_changes(db_) == 0) {
    return Status::NotFound("no source " + id_or_url);
  }
  return Status::Ok();
}

Status ClaimStore::RemoveSource(const std::string& id_or_url) {
  return ChangeSource("DELETE FROM sources WHERE id = ?1 OR url = ?2",
                      id_or_url, std::nullopt);
}

Status ClaimStore::PauseSource(const std::string& id_or_url, bool paused) {
  return ChangeSource(
      "UPDATE sources SET paused = ?3 WHERE id = ?1 OR url = ?2", id_or_url,
      int64_t{paused ? 1 : 0});
}

Status ClaimStore::RefreshSources(const std::string& id_or_url) {
  if (id_or_url.empty()) {
    return Exec("UPDATE sources SET next_due_at = NULL", "refreshing sources");
  }
  return ChangeSource(
      "UPDATE sources SET next_due_at = NULL WHERE id = ?1 OR url = ?2",
      id_or_url, std::nullopt);
}

}  // namespace ct::store
