// The listings: claims, facts and articles, streamed row by row in one
// read snapshot, and the gathered forms the web pages use.

#include <sqlite3.h>

#include "store/claim_store.h"
#include "store/sqlite.h"
#include "store/statements.h"

namespace ct::store {
namespace {

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

// Reads the columns of CT_CLAIM_SELECT.
// Parties as the database holds them, one per line.
std::vector<std::string> SplitLines(const std::string& joined) {
  std::vector<std::string> out;
  for (size_t b = 0; b < joined.size();) {
    size_t e = std::min(joined.find('\n', b), joined.size());
    if (e > b) out.push_back(joined.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

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
  c.parties = SplitLines(st.Text(29));
  c.facet = st.Text(30);
  for (const std::string& line : SplitLines(st.Text(31))) {
    size_t eq = line.find('=');
    if (eq != std::string::npos) {
      c.roles.emplace_back(line.substr(0, eq), line.substr(eq + 1));
    }
  }
  c.in_title = st.Int(32) != 0;
  r.fact_status = st.Text(33);
  return r;
}

// The article columns both article queries read, in this order;
// FindArticle adds the text after them.
constexpr const char* kArticleColumns = R"sql(
SELECT a.id, a.url, a.canonical_url, a.title, a.author,
  COALESCE(a.published, ''), a.first_seen, a.outlet,
  (SELECT count(*) FROM claims c WHERE c.article_id = a.id),
  (SELECT count(*) FROM article_revisions r WHERE r.article_id = a.id),
  COALESCE(a.original_id, 0))sql";

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
  a.original_id = r.Int(10);
  return a;
}

// Ends a read transaction whatever the listing returned.
Status Finish(Transaction* tx, Status s) {
  if (!s.ok()) return s;
  return tx->Commit();
}

}  // namespace

Status ClaimStore::ForEachArticle(const ArticleFn& fn) {
  Transaction tx(db_, &path_);
  CT_RETURN_IF_ERROR(tx.BeginRead());
  auto st = Prepare(std::string(kArticleColumns) +
                    " FROM articles a ORDER BY COALESCE(a.published, "
                    "a.first_seen), a.id");
  if (!st.ok()) return st.status();
  Stmt& r = **st;
  Status s;
  while (r.Step(&s)) {
    Status out = fn(ReadArticle(r));
    if (!out.ok()) return out;
  }
  return Finish(&tx, s);
}

Result<std::vector<ArticleRow>> ClaimStore::ListArticles() {
  std::vector<ArticleRow> rows;
  CT_RETURN_IF_ERROR(ForEachArticle([&](const ArticleRow& a) {
    rows.push_back(a);
    return Status::Ok();
  }));
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
  a.text = r.Text(11);
  return std::optional<ArticleRow>(std::move(a));
}

Status ClaimStore::ForEachClaim(const ClaimFilter& f, const ClaimFn& fn) {
  std::string sql = CT_CLAIM_SELECT "WHERE 1 = 1";
  // Entities by their ids, so that the claims come through the indexes on
  // subject and object rather than a scan of every claim.
  if (!f.entity.empty()) {
    sql +=
        " AND (c.subject_id IN (SELECT id FROM entities WHERE name = ?1 "
        "COLLATE NOCASE) OR c.object_id IN (SELECT id FROM entities WHERE "
        "name = ?1 COLLATE NOCASE))";
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
  Transaction tx(db_, &path_);
  CT_RETURN_IF_ERROR(tx.BeginRead());
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
  Status s;
  while (r.Step(&s)) {
    Status out = fn(ReadClaim(r));
    if (!out.ok()) return out;
  }
  return Finish(&tx, s);
}

Result<std::vector<ClaimRow>> ClaimStore::FindClaims(const ClaimFilter& f) {
  std::vector<ClaimRow> rows;
  CT_RETURN_IF_ERROR(ForEachClaim(f, [&](const ClaimRow& r) {
    rows.push_back(r);
    return Status::Ok();
  }));
  return rows;
}

Status ClaimStore::ForEachFact(const FactFilter& f, const FactFn& fn) {
  std::string sql = R"sql(
SELECT f.id, s.name, COALESCE(o.name, ''), f.metric, f.unit, f.noun, f.time,
  f.status, f.sources, COALESCE(f.first_reported, ''), f.parties, f.facet,
  f.reason, f.consensus, f.independent_sources
FROM facts f
JOIN entities s ON s.id = f.subject_id
LEFT JOIN entities o ON o.id = f.object_id
WHERE 1 = 1)sql";
  if (f.id != 0) sql += " AND f.id = ?4";
  if (!f.status.empty()) sql += " AND f.status = ?1";
  if (!f.entity.empty()) {
    sql +=
        " AND (f.subject_id IN (SELECT id FROM entities WHERE name = ?2 "
        "COLLATE NOCASE) OR f.object_id IN (SELECT id FROM entities WHERE "
        "name = ?2 COLLATE NOCASE) OR instr(char(10) || lower(f.parties) || "
        "char(10), char(10) || lower(?2) || char(10)) > 0)";
  }
  if (!f.metric.empty()) sql += " AND f.metric = ?3";
  if (!f.parties.empty()) sql += " AND f.parties = ?5";
  sql += R"sql(
ORDER BY CASE f.status WHEN 'conflict' THEN 0 WHEN 'compatible' THEN 1
  WHEN 'agree' THEN 2 ELSE 3 END, f.sources DESC, f.id)sql";
  Transaction tx(db_, &path_);
  CT_RETURN_IF_ERROR(tx.BeginRead());
  auto st = Prepare(sql);
  if (!st.ok()) return st.status();
  auto claims = Prepare(kClaimsOfFact);
  if (!claims.ok()) return claims.status();
  Stmt& r = **st;
  if (!f.status.empty()) r.Bind(1, f.status);
  if (!f.entity.empty()) r.Bind(2, f.entity);
  if (!f.metric.empty()) r.Bind(3, f.metric);
  if (f.id != 0) r.Bind(4, f.id);
  if (!f.parties.empty()) r.Bind(5, JoinParties(f.parties));
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
    fact.parties = SplitLines(r.Text(10));
    fact.facet = r.Text(11);
    fact.reason = r.Text(12);
    fact.consensus = r.OptDouble(13);
    fact.independent_sources = static_cast<int>(r.Int(14));
    Stmt& c = **claims;
    c.Reset();
    c.Bind(1, fact.id);
    while (c.Step(&s)) fact.claims.push_back(ReadClaim(c));
    if (!s.ok()) return s;
    Status out = fn(fact);
    if (!out.ok()) return out;
  }
  return Finish(&tx, s);
}

Result<std::vector<FactRow>> ClaimStore::FindFacts(const FactFilter& f) {
  std::vector<FactRow> facts;
  CT_RETURN_IF_ERROR(ForEachFact(f, [&](const FactRow& fact) {
    facts.push_back(fact);
    return Status::Ok();
  }));
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

}  // namespace ct::store
