#include "store/claim_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <map>

#include "facts/grouping.h"
#include "facts/judge.h"
#include "store/migrations.h"
#include "store/sqlite.h"

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

// Rolls back unless committed, so every early return leaves nothing behind.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) {}
  ~Transaction() {
    if (open_ && !committed_) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status Begin() {
    if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) !=
        SQLITE_OK) {
      return SqliteError(db_, "starting a transaction");
    }
    open_ = true;
    return Status::Ok();
  }
  Status Commit() {
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return SqliteError(db_, "committing");
    }
    committed_ = true;
    return Status::Ok();
  }

 private:
  sqlite3* db_;
  bool open_ = false;
  bool committed_ = false;
};

// Every word of a user's search as a quoted FTS5 term, so that characters
// FTS5 gives meaning to ("-", ":", "*") search as text. Terms are ANDed.
std::string FtsQuery(const std::string& text) {
  std::string out;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : word) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
    word.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n') {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

std::string JsonIdArray(const std::vector<int64_t>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  out += ']';
  return out;
}

constexpr const char* kClaimColumns = R"sql(
  c.id, c.article_id, COALESCE(NULLIF(a.canonical_url, ''), a.url), a.outlet,
  COALESCE(a.published, a.first_seen),
  a.title, COALESCE(c.fact_id, 0), c.outlier, c.surface, c.number,
  c.number_low, c.number_high, c.written_unit, c.noun, c.change,
  c.start_byte, c.end_byte, c.value, c.low, c.high, c.low_inclusive,
  c.high_inclusive, c.unit, c.qualifier, c.metric, COALESCE(s.name, ''),
  COALESCE(o.name, ''), c.time, c.sentence
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN entities s ON s.id = c.subject_id
LEFT JOIN entities o ON o.id = c.object_id
)sql";

ClaimRow ReadClaim(const Stmt& st) {
  ClaimRow r;
  r.id = st.Int(0);
  r.article_id = st.Int(1);
  r.url = st.Text(2);
  r.source = st.Text(3);
  r.published = st.Text(4);
  r.title = st.Text(5);
  r.fact_id = st.Int(6);
  r.outlier = st.Int(7) != 0;
  extract::Claim& c = r.claim;
  c.surface = st.Text(8);
  c.number = st.OptDouble(9);
  c.number_low = st.OptDouble(10);
  c.number_high = st.OptDouble(11);
  c.written_unit = st.Text(12);
  c.noun = st.Text(13);
  c.change = st.Text(14);
  c.start = static_cast<size_t>(st.Int(15));
  c.end = static_cast<size_t>(st.Int(16));
  c.value = st.OptDouble(17);
  c.low = st.OptDouble(18);
  c.high = st.OptDouble(19);
  c.low_inclusive = st.Int(20) != 0;
  c.high_inclusive = st.Int(21) != 0;
  c.unit = st.Text(22);
  if (!extract::ParseQualifier(st.Text(23), &c.qualifier)) {
    c.qualifier = extract::Qualifier::kExact;
  }
  c.metric = st.Text(24);
  c.subject = st.Text(25);
  c.object = st.Text(26);
  c.time = st.Text(27);
  c.sentence = st.Text(28);
  return r;
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

ClaimStore::ClaimStore(sqlite3* db) : db_(db) {}

ClaimStore::~ClaimStore() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Result<std::unique_ptr<ClaimStore>> ClaimStore::Open(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  // Own the handle at once: sqlite3_open_v2 allocates it even on failure.
  std::unique_ptr<ClaimStore> store(new ClaimStore(raw));
  if (rc != SQLITE_OK) {
    return SqliteError(raw, "cannot open database " + path)
        .WithContext("opening");
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 10000);
  // The first read tells a non-database file.
  Status s = store->Exec("PRAGMA foreign_keys = ON");
  if (s.ok()) s = store->Exec("PRAGMA journal_mode = WAL");
  if (s.ok()) s = store->Exec("PRAGMA synchronous = NORMAL");
  int version = 0;
  if (s.ok()) {
    auto st = store->Prepare("PRAGMA user_version");
    if (!st.ok()) {
      s = st.status();
    } else if ((*st)->Step(&s)) {
      version = static_cast<int>((*st)->Int(0));
    }
  }
  if (!s.ok()) {
    return Status::InvalidArgument("database " + path + ": " + s.message());
  }
  const auto& migrations = Migrations();
  if (version > static_cast<int>(migrations.size())) {
    return Status::InvalidArgument("database " + path + " has schema version " +
                                   std::to_string(version) +
                                   ", newer than this claimtrack (" +
                                   std::to_string(migrations.size()) + ")");
  }
  if (version == 0) {
    int tables = 0;
    auto st = store->Prepare(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
    if (st.ok() && (*st)->Step(&s)) tables = static_cast<int>((*st)->Int(0));
    if (tables > 0) {
      return Status::InvalidArgument("database " + path +
                                     " is not a claimtrack database");
    }
  }
  for (int v = version; v < static_cast<int>(migrations.size()); ++v) {
    Transaction tx(raw);
    CT_RETURN_IF_ERROR(tx.Begin().WithContext("migrating " + path));
    if (sqlite3_exec(raw, migrations[v], nullptr, nullptr, nullptr) !=
        SQLITE_OK) {
      return SqliteError(
          raw, "migrating " + path + " to version " + std::to_string(v + 1));
    }
    std::string pragma = "PRAGMA user_version = " + std::to_string(v + 1);
    CT_RETURN_IF_ERROR(store->Exec(pragma.c_str()));
    CT_RETURN_IF_ERROR(tx.Commit().WithContext("migrating " + path));
  }
  return store;
}

Status ClaimStore::Exec(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return SqliteError(db_, sql);
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
      return SqliteError(db_, "preparing \"" + sql + "\"");
    }
    it = statements_.emplace(sql, stmt).first;
  }
  return std::make_unique<Stmt>(db_, it->second);
}

Result<int64_t> ClaimStore::EntityId(const std::string& name) {
  auto ins = Prepare(
      "INSERT INTO entities(name) VALUES (?1) ON CONFLICT(name) DO NOTHING");
  if (!ins.ok()) return ins.status();
  CT_RETURN_IF_ERROR((*ins)->Bind(1, name).Run());
  auto sel = Prepare("SELECT id FROM entities WHERE name = ?1");
  if (!sel.ok()) return sel.status();
  Status s;
  if ((*sel)->Bind(1, name).Step(&s)) return (*sel)->Int(0);
  if (!s.ok()) return s;
  return Status::Internal("entity " + name + " vanished");
}

Status ClaimStore::InsertClaims(int64_t article_id,
                                const std::vector<extract::Claim>& claims) {
  auto st = Prepare(R"sql(
INSERT INTO claims(article_id, ordinal, surface, number, number_low,
  number_high, written_unit, noun, change, start_byte, end_byte, value, low,
  high, low_inclusive, high_inclusive, unit, qualifier, metric, subject_id,
  object_id, time, sentence)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
  ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23))sql");
  if (!st.ok()) return st.status();
  for (size_t i = 0; i < claims.size(); ++i) {
    const extract::Claim& c = claims[i];
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
    Stmt& q = **st;
    q.Reset();
    q.Bind(1, article_id)
        .Bind(2, static_cast<int64_t>(i))
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
        .Bind(23, c.sentence);
    CT_RETURN_IF_ERROR(
        q.Run().WithContext("storing claim \"" + c.surface + "\""));
  }
  return Status::Ok();
}

Result<bool> ClaimStore::HasArticle(const std::string& guid,
                                    const std::string& url) {
  auto st = Prepare(
      "SELECT 1 FROM articles WHERE (guid = ?1 AND ?1 <> '') OR url = ?2 OR "
      "canonical_url = ?2 LIMIT 1");
  if (!st.ok()) return st.status();
  Status s;
  bool found = (*st)->Bind(1, guid).Bind(2, url).Step(&s);
  CT_RETURN_IF_ERROR(s);
  return found;
}

Result<std::set<std::string>> ClaimStore::ArticleKeys() {
  auto st = Prepare("SELECT guid, url, canonical_url FROM articles");
  if (!st.ok()) return st.status();
  std::set<std::string> keys;
  Stmt& r = **st;
  Status s;
  while (r.Step(&s)) {
    for (int c = 0; c < 3; ++c) {
      std::string k = r.Text(c);
      if (!k.empty()) keys.insert(std::move(k));
    }
  }
  CT_RETURN_IF_ERROR(s);
  return keys;
}

Result<PutResult> ClaimStore::PutArticle(
    const ingest::Document& doc, const std::vector<extract::Claim>& claims,
    int64_t source_id) {
  if (doc.url.empty()) {
    return Status::InvalidArgument("article without a URL");
  }
  std::string hash = ContentHash(doc);
  std::string now = NowUtc();
  Transaction tx(db_);
  CT_RETURN_IF_ERROR(tx.Begin());

  struct Existing {
    int64_t id = 0;
    std::string hash, title, author, outlet, published, canonical, text;
  };
  std::optional<Existing> existing;
  auto find = [&](const char* sql, const std::string& key) -> Status {
    auto st = Prepare(sql);
    if (!st.ok()) return st.status();
    Status s;
    if ((*st)->Bind(1, key).Step(&s)) {
      Stmt& r = **st;
      existing = Existing{r.Int(0),  r.Text(1), r.Text(2), r.Text(3),
                          r.Text(4), r.Text(5), r.Text(6), r.Text(7)};
    }
    return s;
  };
  constexpr const char* kSelect =
      "SELECT id, content_hash, title, author, outlet, "
      "COALESCE(published, ''), canonical_url, text FROM articles ";
  if (!doc.guid.empty()) {
    CT_RETURN_IF_ERROR(find(
        (std::string(kSelect) + "WHERE guid = ?1 LIMIT 1").c_str(), doc.guid));
  }
  if (!existing) {
    CT_RETURN_IF_ERROR(
        find((std::string(kSelect) + "WHERE url = ?1").c_str(), doc.url));
  }
  if (!existing && !doc.canonical_url.empty()) {
    CT_RETURN_IF_ERROR(find(
        (std::string(kSelect) + "WHERE canonical_url = ?1 OR url = ?1 LIMIT 1")
            .c_str(),
        doc.canonical_url));
  }
  PutResult result;
  if (!existing) {
    auto st =
        Prepare("SELECT id FROM articles WHERE content_hash = ?1 LIMIT 1");
    if (!st.ok()) return st.status();
    Status s;
    if ((*st)->Bind(1, hash).Step(&s)) {
      result.article_id = (*st)->Int(0);
      result.outcome = PutOutcome::kDuplicate;
      return result;  // The transaction rolls back: nothing was written.
    }
    CT_RETURN_IF_ERROR(s);
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
    auto st = Prepare(R"sql(
UPDATE articles SET canonical_url = ?2, guid = ?3, title = ?4, author = ?5,
  outlet = ?6, published = ?7, updated_at = ?8, content_hash = ?9, text = ?10
WHERE id = ?1)sql");
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
    if (existing->hash != hash) {
      // The text changed: keep what it said before.
      auto rev = Prepare(
          "INSERT INTO article_revisions(article_id, title, text, "
          "content_hash, replaced_at) VALUES (?1, ?2, ?3, ?4, ?5)");
      if (!rev.ok()) return rev.status();
      CT_RETURN_IF_ERROR((*rev)
                             ->Bind(1, existing->id)
                             .Bind(2, existing->title)
                             .Bind(3, existing->text)
                             .Bind(4, existing->hash)
                             .Bind(5, now)
                             .Run());
    }
    auto del = Prepare("DELETE FROM claims WHERE article_id = ?1");
    if (!del.ok()) return del.status();
    CT_RETURN_IF_ERROR((*del)->Bind(1, existing->id).Run());
    result.outcome = PutOutcome::kUpdated;
  } else {
    auto st = Prepare(R"sql(
INSERT INTO articles(url, canonical_url, guid, title, author, outlet,
  published, first_seen, updated_at, content_hash, text, source_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11))sql");
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
  CT_RETURN_IF_ERROR(InsertClaims(result.article_id, claims));
  CT_RETURN_IF_ERROR(tx.Commit());
  return result;
}

Status ClaimStore::RebuildFacts() {
  Transaction tx(db_);
  CT_RETURN_IF_ERROR(tx.Begin());
  struct Group {
    bool named = false;
    int64_t subject_id = 0;
    int64_t object_id = 0;
    std::string metric, unit, noun, time, first_reported;
    std::vector<facts::ClaimInterval> claims;
  };
  std::map<std::string, Group> groups;
  {
    auto st = Prepare(R"sql(
SELECT c.id, a.outlet, COALESCE(a.published, a.first_seen), c.value,
  c.qualifier, c.low, c.high, c.low_inclusive, c.high_inclusive,
  COALESCE(c.subject_id, 0), COALESCE(s.name, ''), COALESCE(c.object_id, 0),
  COALESCE(o.name, ''), c.metric, c.time, c.unit, c.noun, a.url
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN entities s ON s.id = c.subject_id
LEFT JOIN entities o ON o.id = c.object_id
ORDER BY COALESCE(a.published, a.first_seen), c.id)sql");
    if (!st.ok()) return st.status();
    Stmt& r = **st;
    struct Row {
      int64_t subject_id = 0, object_id = 0;
      std::string reported;
    };
    std::vector<facts::GroupInput> inputs;
    std::vector<Row> rows;
    Status s;
    while (r.Step(&s)) {
      facts::GroupInput in;
      in.subject = r.Text(10);
      in.object = r.Text(12);
      in.metric = r.Text(13);
      in.time = r.Text(14);
      in.unit = r.Text(15);
      in.noun = r.Text(16);
      facts::ClaimInterval& c = in.interval;
      c.claim_id = r.Int(0);
      // An article without an outlet counts as its own source.
      c.outlet = r.Text(1).empty() ? r.Text(17) : r.Text(1);
      c.value = r.OptDouble(3);
      c.qualifier = r.Text(4);
      c.low = r.OptDouble(5);
      c.high = r.OptDouble(6);
      c.low_inclusive = r.Int(7) != 0;
      c.high_inclusive = r.Int(8) != 0;
      inputs.push_back(std::move(in));
      rows.push_back({r.Int(9), r.Int(11), r.Text(2)});
    }
    CT_RETURN_IF_ERROR(s);
    std::vector<std::string> keys = facts::AssignFactKeys(inputs);
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (keys[i].empty()) continue;
      const facts::GroupInput& in = inputs[i];
      Group& g = groups[keys[i]];
      // The fact reads its fields from a claim that states them all; claims
      // that left the object or time open may come first.
      bool own = facts::FactKey(in.subject, in.metric, in.object, in.time,
                                in.unit, in.noun) == keys[i];
      if (own && !g.named) {
        g.named = true;
        g.subject_id = rows[i].subject_id;
        g.object_id = rows[i].object_id;
        g.metric = in.metric;
        g.time = in.time;
        g.unit = in.unit;
        g.noun = in.noun;
      }
      if (g.claims.empty()) g.first_reported = rows[i].reported;
      g.claims.push_back(in.interval);
    }
  }
  CT_RETURN_IF_ERROR(Exec("UPDATE claims SET fact_id = NULL, outlier = 0"));
  std::string now = NowUtc();
  auto upsert = Prepare(R"sql(
INSERT INTO facts(key, subject_id, object_id, metric, unit, noun, time,
  status, sources, first_reported, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
ON CONFLICT(key) DO UPDATE SET subject_id = excluded.subject_id,
  object_id = excluded.object_id, status = excluded.status,
  sources = excluded.sources, first_reported = excluded.first_reported,
  updated_at = excluded.updated_at
RETURNING id)sql");
  if (!upsert.ok()) return upsert.status();
  auto mark =
      Prepare("UPDATE claims SET fact_id = ?1, outlier = ?2 WHERE id = ?3");
  if (!mark.ok()) return mark.status();
  for (const auto& [key, g] : groups) {
    facts::Judgement j = facts::Judge(g.claims);
    Stmt& u = **upsert;
    u.Reset();
    u.Bind(1, key)
        .Bind(2, g.subject_id)
        .BindOrNull(3, g.object_id)
        .Bind(4, g.metric)
        .Bind(5, g.unit)
        .Bind(6, g.noun)
        .Bind(7, g.time)
        .Bind(8, facts::StatusName(j.status))
        .Bind(9, j.sources)
        .BindOrNull(10, g.first_reported)
        .Bind(11, now);
    Status s;
    if (!u.Step(&s)) {
      return s.ok() ? Status::Internal("fact upsert returned no id") : s;
    }
    int64_t fact_id = u.Int(0);
    CT_RETURN_IF_ERROR(u.Run());
    for (const facts::ClaimInterval& c : g.claims) {
      bool outlier = std::find(j.outliers.begin(), j.outliers.end(),
                               c.claim_id) != j.outliers.end();
      Stmt& m = **mark;
      m.Reset();
      CT_RETURN_IF_ERROR(
          m.Bind(1, fact_id).Bind(2, outlier).Bind(3, c.claim_id).Run());
    }
  }
  CT_RETURN_IF_ERROR(
      Exec("DELETE FROM facts WHERE id NOT IN "
           "(SELECT fact_id FROM claims WHERE fact_id IS NOT NULL)"));
  return tx.Commit();
}

namespace {

// The article columns both queries below read, in this order; FindArticle
// adds the text after them.
constexpr const char* kArticleColumns = R"sql(
SELECT a.id, a.url, a.canonical_url, a.title, a.author,
  COALESCE(a.published, ''), a.first_seen, a.outlet,
  (SELECT count(*) FROM claims c WHERE c.article_id = a.id),
  (SELECT count(*) FROM article_revisions r WHERE r.article_id = a.id))sql";

ArticleRow ReadArticle(const Stmt& r) {
  ArticleRow a;
  a.id = r.Int(0);
  a.url = r.Text(1);
  a.canonical_url = r.Text(2);
  a.title = r.Text(3);
  a.author = r.Text(4);
  a.published = r.Text(5);
  a.first_seen = r.Text(6);
  a.source = r.Text(7);
  a.claims = r.Int(8);
  a.revisions = r.Int(9);
  return a;
}

}  // namespace

Result<std::vector<ArticleRow>> ClaimStore::ListArticles() {
  auto st = Prepare(std::string(kArticleColumns) +
                    " FROM articles a ORDER BY COALESCE(a.published, "
                    "a.first_seen), a.id");
  if (!st.ok()) return st.status();
  std::vector<ArticleRow> rows;
  Stmt& r = **st;
  Status s;
  while (r.Step(&s)) rows.push_back(ReadArticle(r));
  CT_RETURN_IF_ERROR(s);
  return rows;
}

Result<std::optional<ArticleRow>> ClaimStore::FindArticle(int64_t id) {
  auto st = Prepare(std::string(kArticleColumns) +
                    ", a.text FROM articles a WHERE a.id = ?1");
  if (!st.ok()) return st.status();
  Stmt& r = **st;
  Status s;
  if (!r.Bind(1, id).Step(&s)) {
    if (!s.ok()) return s;
    return std::optional<ArticleRow>();
  }
  ArticleRow a = ReadArticle(r);
  a.text = r.Text(10);
  return std::optional<ArticleRow>(std::move(a));
}

Result<std::vector<ClaimRow>> ClaimStore::FindClaims(const ClaimFilter& f) {
  std::string sql = std::string("SELECT ") + kClaimColumns + "WHERE 1 = 1";
  if (!f.entity.empty()) {
    sql += " AND (s.name = ?1 COLLATE NOCASE OR o.name = ?1 COLLATE NOCASE)";
  }
  if (!f.metric.empty()) sql += " AND c.metric = ?2";
  if (!f.source.empty()) sql += " AND a.outlet = ?3 COLLATE NOCASE";
  if (!f.since.empty()) sql += " AND COALESCE(a.published, a.first_seen) >= ?4";
  if (!f.search.empty()) {
    sql +=
        " AND a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts "
        "MATCH ?5)";
  }
  if (f.article_id != 0) sql += " AND c.article_id = ?6";
  sql += " ORDER BY COALESCE(a.published, a.first_seen), a.id, c.ordinal";
  if (f.limit > 0) sql += " LIMIT ?7";
  auto st = Prepare(sql);
  if (!st.ok()) return st.status();
  Stmt& r = **st;
  if (!f.entity.empty()) r.Bind(1, f.entity);
  if (!f.metric.empty()) r.Bind(2, f.metric);
  if (!f.source.empty()) r.Bind(3, f.source);
  if (!f.since.empty()) r.Bind(4, f.since);
  if (!f.search.empty()) r.Bind(5, FtsQuery(f.search));
  if (f.article_id != 0) r.Bind(6, f.article_id);
  if (f.limit > 0) r.Bind(7, f.limit);
  std::vector<ClaimRow> rows;
  Status s;
  while (r.Step(&s)) rows.push_back(ReadClaim(r));
  CT_RETURN_IF_ERROR(s);
  return rows;
}

Result<std::vector<ClaimRow>> ClaimStore::ClaimsOfFacts(
    const std::vector<int64_t>& ids) {
  std::string sql = std::string("SELECT ") + kClaimColumns +
                    "WHERE c.fact_id IN (SELECT value FROM json_each(?1)) "
                    "ORDER BY COALESCE(a.published, a.first_seen), a.id, "
                    "c.ordinal";
  auto st = Prepare(sql);
  if (!st.ok()) return st.status();
  Stmt& r = **st;
  r.Bind(1, JsonIdArray(ids));
  std::vector<ClaimRow> rows;
  Status s;
  while (r.Step(&s)) rows.push_back(ReadClaim(r));
  CT_RETURN_IF_ERROR(s);
  return rows;
}

Result<std::vector<FactRow>> ClaimStore::FindFacts(const FactFilter& f) {
  std::string sql = R"sql(
SELECT f.id, s.name, COALESCE(o.name, ''), f.metric, f.unit, f.noun, f.time,
  f.status, f.sources, COALESCE(f.first_reported, '')
FROM facts f
JOIN entities s ON s.id = f.subject_id
LEFT JOIN entities o ON o.id = f.object_id
WHERE 1 = 1)sql";
  if (f.id != 0) sql += " AND f.id = ?4";
  if (!f.status.empty()) sql += " AND f.status = ?1";
  if (!f.entity.empty()) {
    sql += " AND (s.name = ?2 COLLATE NOCASE OR o.name = ?2 COLLATE NOCASE)";
  }
  if (!f.metric.empty()) sql += " AND f.metric = ?3";
  sql += R"sql(
ORDER BY CASE f.status WHEN 'conflict' THEN 0 WHEN 'compatible' THEN 1
  WHEN 'agree' THEN 2 ELSE 3 END, f.sources DESC, f.id)sql";
  auto st = Prepare(sql);
  if (!st.ok()) return st.status();
  Stmt& r = **st;
  if (!f.status.empty()) r.Bind(1, f.status);
  if (!f.entity.empty()) r.Bind(2, f.entity);
  if (!f.metric.empty()) r.Bind(3, f.metric);
  if (f.id != 0) r.Bind(4, f.id);
  std::vector<FactRow> facts;
  std::map<int64_t, size_t> index;
  Status s;
  while (r.Step(&s)) {
    FactRow fact;
    fact.id = r.Int(0);
    fact.subject = r.Text(1);
    fact.object = r.Text(2);
    fact.metric = r.Text(3);
    fact.unit = r.Text(4);
    fact.noun = r.Text(5);
    fact.time = r.Text(6);
    fact.status = r.Text(7);
    fact.sources = static_cast<int>(r.Int(8));
    fact.first_reported = r.Text(9);
    index[fact.id] = facts.size();
    facts.push_back(std::move(fact));
  }
  CT_RETURN_IF_ERROR(s);
  if (facts.empty()) return facts;
  std::vector<int64_t> ids;
  for (const FactRow& fact : facts) ids.push_back(fact.id);
  auto claims = ClaimsOfFacts(ids);
  if (!claims.ok()) return claims.status();
  for (ClaimRow& c : *claims) {
    auto it = index.find(c.fact_id);
    if (it != index.end()) facts[it->second].claims.push_back(std::move(c));
  }
  return facts;
}

Result<std::optional<FactRow>> ClaimStore::FindFact(int64_t id) {
  FactFilter filter;
  filter.id = id;
  auto found = FindFacts(filter);
  if (!found.ok()) return found.status();
  if (found->empty()) return std::optional<FactRow>();
  return std::optional<FactRow>(std::move(found->front()));
}

Result<int64_t> ClaimStore::AddSource(const std::string& url,
                                      int64_t every_seconds) {
  auto st = Prepare(R"sql(
INSERT INTO sources(url, every_seconds, added_at) VALUES (?1, ?2, ?3)
ON CONFLICT(url) DO UPDATE SET every_seconds = excluded.every_seconds
RETURNING id)sql");
  if (!st.ok()) return st.status();
  Stmt& r = **st;
  Status s;
  if (!r.Bind(1, url).Bind(2, every_seconds).Bind(3, NowUtc()).Step(&s)) {
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
  COALESCE(last_error, ''), COALESCE(last_error_at, ''), failures
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
  return row;
}

}  // namespace

Result<std::vector<SourceRow>> ClaimStore::ListSources() {
  auto st = Prepare(std::string(kSourceColumns) + "ORDER BY id");
  if (!st.ok()) return st.status();
  std::vector<SourceRow> rows;
  Stmt& r = **st;
  Status s;
  while (r.Step(&s)) rows.push_back(ReadSource(r));
  CT_RETURN_IF_ERROR(s);
  return rows;
}

Result<std::vector<SourceRow>> ClaimStore::DueSources(const std::string& now) {
  auto st =
      Prepare(std::string(kSourceColumns) +
              "WHERE next_due_at IS NULL OR next_due_at <= ?1 ORDER BY id");
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

Status ClaimStore::RemoveSource(const std::string& id_or_url) {
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(id_or_url.data(),
                                   id_or_url.data() + id_or_url.size(), id);
  bool numeric =
      ec == std::errc() && ptr == id_or_url.data() + id_or_url.size();
  auto st = Prepare("DELETE FROM sources WHERE id = ?1 OR url = ?2");
  if (!st.ok()) return st.status();
  CT_RETURN_IF_ERROR(
      (*st)->Bind(1, numeric ? id : int64_t{-1}).Bind(2, id_or_url).Run());
  if (sqlite3_changes(db_) == 0) {
    return Status::NotFound("no source " + id_or_url);
  }
  return Status::Ok();
}

}  // namespace ct::store
