// The listings: claims, facts and articles, streamed row by row in one
// read snapshot, and the gathered forms the web pages use.

#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <tuple>
#include <vector>

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

// One column of a listing's order. The last of a listing's keys is unique,
// so that the keys of a row say exactly where it stands.
struct SortKey {
  const char* expr;
  bool descending;
  bool text;
};

constexpr int kFirstAfterParam = 10;  // Keyset parameters: ?10, ?11, ...

std::string OrderBy(const std::vector<SortKey>& keys) {
  std::string out = " ORDER BY ";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += ", ";
    out += keys[i].expr;
    if (keys[i].descending) out += " DESC";
  }
  return out;
}

// The rows after the one whose keys are bound from ?10 on, in the order
// of `keys`: (k1 after v1) OR (k1 = v1 AND k2 after v2) OR ...
std::string AfterClause(const std::vector<SortKey>& keys) {
  std::string out = " AND (";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += " OR ";
    out += "(";
    for (size_t j = 0; j < i; ++j) {
      out += std::string(keys[j].expr) + " = ?" +
             std::to_string(kFirstAfterParam + static_cast<int>(j)) + " AND ";
    }
    out += std::string(keys[i].expr) + (keys[i].descending ? " < ?" : " > ?") +
           std::to_string(kFirstAfterParam + static_cast<int>(i)) + ")";
  }
  return out + ")";
}

// A page token: the last row's keys, hex-encoded so that it travels in a
// URL as it is.
std::string EncodeToken(const std::vector<std::string>& values) {
  static const char kHex[] = "0123456789abcdef";
  std::string raw;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) raw += '\x1f';
    raw += values[i];
  }
  std::string out;
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

Status DecodeToken(const std::string& token, const std::vector<SortKey>& keys,
                   std::vector<std::string>* values) {
  auto bad = [] {
    return Status::InvalidArgument(
        "the next token cannot be read (use the one the last page gave)");
  };
  auto nibble = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (token.size() % 2 != 0) return bad();
  std::string raw;
  for (size_t i = 0; i < token.size(); i += 2) {
    int hi = nibble(token[i]), lo = nibble(token[i + 1]);
    if (hi < 0 || lo < 0) return bad();
    raw += static_cast<char>(hi * 16 + lo);
  }
  values->clear();
  size_t begin = 0;
  for (;;) {
    size_t end = raw.find('\x1f', begin);
    values->push_back(raw.substr(begin, end - begin));
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  if (values->size() != keys.size()) return bad();
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].text) continue;
    const std::string& v = (*values)[i];
    char* stop = nullptr;
    std::strtoll(v.c_str(), &stop, 10);
    if (v.empty() || *stop != '\0') return bad();
  }
  return Status::Ok();
}

void BindAfter(Stmt* st, const std::vector<SortKey>& keys,
               const std::vector<std::string>& values) {
  for (size_t i = 0; i < keys.size(); ++i) {
    int at = kFirstAfterParam + static_cast<int>(i);
    if (keys[i].text) {
      st->Bind(at, values[i]);
    } else {
      st->Bind(at, static_cast<int64_t>(
                       std::strtoll(values[i].c_str(), nullptr, 10)));
    }
  }
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
  r.ordinal = st.Int(34);
  r.original_id = st.Int(35);
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
  return ForEachArticle(ArticleFilter(), fn);
}

Status ClaimStore::ForEachArticle(const ArticleFilter& f, const ArticleFn& fn,
                                  std::string* next) {
  bool desc = f.newest_first;
  const std::vector<SortKey> keys = {
      {"COALESCE(a.published, a.first_seen)", desc, true},
      {"a.id", desc, false}};
  std::vector<std::string> after;
  if (!f.after.empty()) CT_RETURN_IF_ERROR(DecodeToken(f.after, keys, &after));
  std::string sql =
      std::string(kArticleColumns) + " FROM articles a WHERE 1 = 1";
  if (!f.outlet.empty()) sql += " AND a.outlet = ?2 COLLATE NOCASE";
  if (!after.empty()) sql += AfterClause(keys);
  sql += OrderBy(keys);
  if (f.limit > 0) sql += " LIMIT ?1";
  Transaction tx(db_, &path_);
  CT_RETURN_IF_ERROR(tx.BeginRead());
  auto st = Prepare(sql);
  if (!st.ok()) return st.status();
  Stmt& r = **st;
  if (f.limit > 0) r.Bind(1, f.limit + 1);
  if (!f.outlet.empty()) r.Bind(2, f.outlet);
  if (!after.empty()) BindAfter(&r, keys, after);
  if (next != nullptr) next->clear();
  Status s;
  int64_t n = 0;
  ArticleRow last;
  while (r.Step(&s)) {
    if (f.limit > 0 && n == f.limit) {
      if (next != nullptr) {
        *next = EncodeToken(
            {last.published.empty() ? last.first_seen : last.published,
             std::to_string(last.id)});
      }
      break;
    }
    last = ReadArticle(r);
    ++n;
    Status out = fn(last);
    if (!out.ok()) return out;
  }
  return Finish(&tx, s);
}

Result<std::vector<ArticleRow>> ClaimStore::ListArticles() {
  return ListArticles(ArticleFilter(), nullptr);
}

Result<std::vector<ArticleRow>> ClaimStore::ListArticles(
    const ArticleFilter& filter, std::string* next) {
  std::vector<ArticleRow> rows;
  CT_RETURN_IF_ERROR(ForEachArticle(
      filter,
      [&](const ArticleRow& a) {
        rows.push_back(a);
        return Status::Ok();
      },
      next));
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

namespace {

// The conditions of a claim filter, after CT_CLAIM_SELECT, leaving out the
// one on the facet `skip` ("entity", "metric", "outlet", "status") so that
// a facet shows its other values too.
std::string ClaimWhere(const ClaimFilter& f, std::string_view skip = {}) {
  std::string sql = "WHERE 1 = 1";
  // Entities by their ids, so that the claims come through the indexes on
  // subject and object rather than a scan of every claim.
  if (!f.entity.empty() && skip != "entity") {
    sql +=
        " AND (c.subject_id IN (SELECT id FROM entities WHERE name = ?1 "
        "COLLATE NOCASE) OR c.object_id IN (SELECT id FROM entities WHERE "
        "name = ?1 COLLATE NOCASE))";
  }
  if (!f.metric.empty() && skip != "metric") sql += " AND c.metric = ?2";
  if (!f.source.empty() && skip != "outlet") {
    sql += " AND a.outlet = ?3 COLLATE NOCASE";
  }
  if (!f.since.empty()) sql += " AND COALESCE(a.published, a.first_seen) >= ?4";
  if (!f.search.empty()) {
    sql +=
        " AND a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts "
        "MATCH ?5)";
  }
  if (f.article_id != 0) sql += " AND c.article_id = ?6";
  if (f.fact_id != 0) {
    sql +=
        " AND c.statement_id IN (SELECT id FROM statements WHERE fact_id = "
        "?8)";
  }
  if (!f.status.empty() && skip != "status") sql += " AND fx.status = ?9";
  return sql;
}

void BindClaimWhere(Stmt* r, const ClaimFilter& f, std::string_view skip = {}) {
  if (!f.entity.empty() && skip != "entity") r->Bind(1, f.entity);
  if (!f.metric.empty() && skip != "metric") r->Bind(2, f.metric);
  if (!f.source.empty() && skip != "outlet") r->Bind(3, f.source);
  if (!f.since.empty()) r->Bind(4, f.since);
  if (!f.search.empty()) r->Bind(5, FtsQuery(f.search));
  if (f.article_id != 0) r->Bind(6, f.article_id);
  if (f.fact_id != 0) r->Bind(8, f.fact_id);
  if (!f.status.empty() && skip != "status") r->Bind(9, f.status);
}

}  // namespace

Status ClaimStore::ForEachClaim(const ClaimFilter& f, const ClaimFn& fn,
                                std::string* next) {
  // In the order of the timeline: the order of the articles_order and
  // claims_article indexes, so that a page reads no more rows than it
  // shows.
  const bool desc = f.newest_first;
  const std::vector<SortKey> kKeys = {
      {"COALESCE(a.published, a.first_seen)", desc, true},
      {"a.id", desc, false},
      {"c.ordinal", desc, false}};
  std::vector<std::string> after;
  if (!f.after.empty()) CT_RETURN_IF_ERROR(DecodeToken(f.after, kKeys, &after));
  // Words that many articles hold: read in order, and stop at the page's
  // end. Few: gather the matches, then sort them.
  bool in_order = false;
  if (!f.search.empty() && f.article_id == 0 && f.limit > 0) {
    constexpr int64_t kFewMatches = 500;
    auto st = Prepare(
        "SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE "
        "articles_fts MATCH ?1 LIMIT ?2)");
    if (!st.ok()) return st.status();
    Status s;
    if ((*st)->Bind(1, FtsQuery(f.search)).Bind(2, kFewMatches + 1).Step(&s)) {
      in_order = (*st)->Int(0) > kFewMatches;
    }
    CT_RETURN_IF_ERROR(s);
  }
  std::string sql = in_order ? CT_CLAIM_SELECT_IN_ORDER : CT_CLAIM_SELECT;
  sql += ClaimWhere(f);
  if (!after.empty()) sql += AfterClause(kKeys);
  sql += OrderBy(kKeys);
  if (f.limit > 0) sql += " LIMIT ?7";
  Transaction tx(db_, &path_);
  CT_RETURN_IF_ERROR(tx.BeginRead());
  auto st = Prepare(sql);
  if (!st.ok()) return st.status();
  Stmt& r = **st;
  BindClaimWhere(&r, f);
  // One row more than the page: whether there is a next.
  if (f.limit > 0) r.Bind(7, f.limit + 1);
  if (!after.empty()) BindAfter(&r, kKeys, after);
  if (next != nullptr) next->clear();
  Status s;
  int64_t n = 0;
  std::vector<std::string> last;  // The sort key of the last row given.
  while (r.Step(&s)) {
    if (f.limit > 0 && n == f.limit) {
      if (next != nullptr) *next = EncodeToken(last);
      break;
    }
    ClaimRow row = ReadClaim(r);
    if (next != nullptr && f.limit > 0) {
      last = {row.published, std::to_string(row.article_id),
              std::to_string(row.ordinal)};
    }
    ++n;
    Status out = fn(row);
    if (!out.ok()) return out;
  }
  return Finish(&tx, s);
}

Result<std::vector<FacetCount>> ClaimStore::CountFacet(
    const std::string& sql, const std::function<void(Stmt*)>& bind, int most,
    std::chrono::milliseconds time_limit) {
  auto st = Prepare(sql + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?20");
  if (!st.ok()) return st.status();
  Stmt& r = **st;
  bind(&r);
  r.Bind(20, static_cast<int64_t>(most));
  std::optional<QueryDeadline> deadline;
  if (time_limit.count() > 0) deadline.emplace(db_, time_limit);
  std::vector<FacetCount> out;
  Status s;
  while (r.Step(&s)) out.push_back({r.Text(0), r.Int(1)});
  CT_RETURN_IF_ERROR(s);
  return out;
}

Result<std::vector<FacetCount>> ClaimStore::ClaimFacet(
    const ClaimFilter& f, std::string_view column, int most,
    std::chrono::milliseconds time_limit) {
  const char* expr = column == "status"   ? "COALESCE(fx.status, '')"
                     : column == "metric" ? "c.metric"
                     : column == "entity" ? "COALESCE(s.name, '')"
                     : column == "outlet" ? "a.outlet"
                                          : nullptr;
  if (expr == nullptr) {
    return Status::InvalidArgument("no facet " + std::string(column));
  }
  std::string sql = std::string("SELECT ") + expr +
                    ", count(*) FROM claims c JOIN articles a ON a.id = "
                    "c.article_id " CT_CLAIM_JOINS +
                    ClaimWhere(f, column);
  return CountFacet(
      sql, [&](Stmt* r) { BindClaimWhere(r, f, column); }, most, time_limit);
}

Result<std::vector<ClaimRow>> ClaimStore::FindClaims(const ClaimFilter& f,
                                                     std::string* next) {
  std::vector<ClaimRow> rows;
  CT_RETURN_IF_ERROR(ForEachClaim(
      f,
      [&](ClaimRow& r) {
        rows.push_back(std::move(r));
        return Status::Ok();
      },
      next));
  return rows;
}

namespace {

constexpr const char* kStatusRank =
    "CASE f.status WHEN 'conflict' THEN 0 WHEN 'compatible' THEN 1 "
    "WHEN 'agree' THEN 2 ELSE 3 END";

int StatusRank(const std::string& status) {
  if (status == "conflict") return 0;
  if (status == "compatible") return 1;
  if (status == "agree") return 2;
  return 3;
}

// A facts listing's order, and the keys of one of its rows.
struct FactOrder {
  std::vector<SortKey> keys;
  std::vector<std::string> (*values)(const FactRow&);
};

Result<FactOrder> FactOrderOf(const std::string& sort) {
  if (sort.empty() || sort == "status") {
    return FactOrder{{{kStatusRank, false, false},
                      {"f.sources", true, false},
                      {"f.id", false, false}},
                     [](const FactRow& f) {
                       return std::vector<std::string>{
                           std::to_string(StatusRank(f.status)),
                           std::to_string(f.sources), std::to_string(f.id)};
                     }};
  }
  if (sort == "sources") {
    return FactOrder{{{"f.sources", true, false}, {"f.id", false, false}},
                     [](const FactRow& f) {
                       return std::vector<std::string>{
                           std::to_string(f.sources), std::to_string(f.id)};
                     }};
  }
  if (sort == "reported") {
    return FactOrder{
        {{"COALESCE(f.first_reported, '')", true, true}, {"f.id", true, false}},
        [](const FactRow& f) {
          return std::vector<std::string>{f.first_reported,
                                          std::to_string(f.id)};
        }};
  }
  if (sort == "fact") {
    return FactOrder{{{"s.name", false, true},
                      {"f.metric", false, true},
                      {"f.id", false, false}},
                     [](const FactRow& f) {
                       return std::vector<std::string>{f.subject, f.metric,
                                                       std::to_string(f.id)};
                     }};
  }
  return Status::InvalidArgument("unknown sort \"" + sort +
                                 "\" (status, sources, reported or fact)");
}

// The conditions of a facts filter, but the one on `skip` (a facet's own
// column): parameters ?1 to ?6.
std::string FactWhere(const FactFilter& f, std::string_view skip = {}) {
  std::string sql = " WHERE 1 = 1";
  if (f.id != 0) sql += " AND f.id = ?4";
  if (!f.status.empty() && skip != "status") sql += " AND f.status = ?1";
  if (!f.entity.empty() && skip != "entity") {
    sql +=
        " AND (f.subject_id IN (SELECT id FROM entities WHERE name = ?2 "
        "COLLATE NOCASE) OR f.object_id IN (SELECT id FROM entities WHERE "
        "name = ?2 COLLATE NOCASE) OR instr(char(10) || lower(f.parties) || "
        "char(10), char(10) || lower(?2) || char(10)) > 0)";
  }
  if (!f.metric.empty() && skip != "metric") sql += " AND f.metric = ?3";
  if (!f.parties.empty()) sql += " AND f.parties = ?5";
  if (!f.reason.empty() && skip != "reason") sql += " AND f.reason = ?6";
  if (!f.outlet.empty() && skip != "outlet") {
    sql +=
        " AND instr(' ' || f.outlets || ' ', ' ' || (SELECT id FROM outlets "
        "WHERE name = ?9 COLLATE NOCASE) || ' ') > 0";
  }
  return sql;
}

void BindFactWhere(Stmt* r, const FactFilter& f, const std::string& parties,
                   std::string_view skip) {
  if (!f.status.empty() && skip != "status") r->Bind(1, f.status);
  if (!f.entity.empty() && skip != "entity") r->Bind(2, f.entity);
  if (!f.metric.empty() && skip != "metric") r->Bind(3, f.metric);
  if (f.id != 0) r->Bind(4, f.id);
  if (!f.parties.empty()) r->Bind(5, parties);
  if (!f.reason.empty() && skip != "reason") r->Bind(6, f.reason);
  if (!f.outlet.empty() && skip != "outlet") r->Bind(9, f.outlet);
}

}  // namespace

Status ClaimStore::ForEachFact(const FactFilter& f, const FactFn& fn,
                               std::string* next) {
  auto order = FactOrderOf(f.sort);
  if (!order.ok()) return order.status();
  std::vector<std::string> after;
  if (!f.after.empty()) {
    CT_RETURN_IF_ERROR(DecodeToken(f.after, order->keys, &after));
  }
  std::string sql = R"sql(
SELECT f.id, s.name, COALESCE(o.name, ''), f.metric, f.unit, f.noun, f.time,
  f.status, f.sources, COALESCE(f.first_reported, ''), f.parties, f.facet,
  f.reason, f.consensus, f.independent_sources, f.claims
FROM facts f
JOIN entities s ON s.id = f.subject_id
LEFT JOIN entities o ON o.id = f.object_id)sql";
  sql += FactWhere(f);
  if (!after.empty()) sql += AfterClause(order->keys);
  sql += OrderBy(order->keys);
  if (f.limit > 0) sql += " LIMIT ?7";
  Transaction tx(db_, &path_);
  CT_RETURN_IF_ERROR(tx.BeginRead());
  auto st = Prepare(sql);
  if (!st.ok()) return st.status();
  bool some = f.claims_per_fact != 0;
  auto claims = Prepare(some ? kSomeClaimsOfFact : kClaimsOfFact);
  if (!claims.ok()) return claims.status();
  Stmt& r = **st;
  BindFactWhere(&r, f, JoinParties(f.parties), {});
  if (f.limit > 0) r.Bind(7, f.limit + 1);
  if (!after.empty()) BindAfter(&r, order->keys, after);
  if (next != nullptr) next->clear();
  Status s;
  int64_t n = 0;
  std::vector<std::string> last;  // The sort key of the last row given.
  while (r.Step(&s)) {
    if (f.limit > 0 && n == f.limit) {
      if (next != nullptr) *next = EncodeToken(last);
      break;
    }
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
    if (some) c.Bind(2, f.claims_per_fact);
    while (f.claims_per_fact >= 0 && c.Step(&s)) {
      fact.claims.push_back(ReadClaim(c));
      fact.claims.back().fact_status = fact.status;
    }
    if (!s.ok()) return s;
    fact.claim_count = r.Int(15);
    if (some) {
      // Back in the order of the timeline.
      std::sort(fact.claims.begin(), fact.claims.end(),
                [](const ClaimRow& x, const ClaimRow& y) {
                  return std::tie(x.published, x.article_id, x.ordinal) <
                         std::tie(y.published, y.article_id, y.ordinal);
                });
    }
    ++n;
    if (next != nullptr && f.limit > 0) last = order->values(fact);
    Status out = fn(fact);
    if (!out.ok()) return out;
  }
  return Finish(&tx, s);
}

Result<std::vector<FactRow>> ClaimStore::FindFacts(const FactFilter& f,
                                                   std::string* next) {
  std::vector<FactRow> facts;
  CT_RETURN_IF_ERROR(ForEachFact(
      f,
      [&](FactRow& fact) {
        facts.push_back(std::move(fact));
        return Status::Ok();
      },
      next));
  return facts;
}

Result<std::vector<FacetCount>> ClaimStore::FactFacet(
    const FactFilter& f, std::string_view column, int most,
    std::chrono::milliseconds time_limit) {
  std::string sql;
  if (column == "outlet") {
    // A fact counts once for each outlet among its claims.
    // CROSS JOIN keeps this order: the facts first, then their outlets.
    sql =
        "SELECT o.name, count(*) FROM facts f CROSS JOIN "
        "json_each('[' || replace(f.outlets, ' ', ',') || ']') j "
        "CROSS JOIN outlets o ON o.id = j.value" +
        FactWhere(f, column);
  } else {
    const char* expr = column == "status"   ? "f.status"
                       : column == "metric" ? "f.metric"
                       : column == "reason" ? "f.reason"
                       : column == "entity" ? "s.name"
                                            : nullptr;
    if (expr == nullptr) {
      return Status::InvalidArgument("no facet " + std::string(column));
    }
    sql = std::string("SELECT ") + expr +
          ", count(*) FROM facts f JOIN entities s ON s.id = f.subject_id" +
          FactWhere(f, column);
  }
  std::string parties = JoinParties(f.parties);
  return CountFacet(
      sql, [&](Stmt* r) { BindFactWhere(r, f, parties, column); }, most,
      time_limit);
}

Result<std::vector<FacetCount>> ClaimStore::ArticleFacet(
    const ArticleFilter& f, std::string_view column, int most,
    std::chrono::milliseconds time_limit) {
  if (column != "outlet") {
    return Status::InvalidArgument("no facet " + std::string(column));
  }
  // The outlet is the only condition on articles, and a facet leaves its
  // own out.
  (void)f;
  return CountFacet(
      "SELECT a.outlet, count(*) FROM articles a", [](Stmt*) {}, most,
      time_limit);
}

Result<std::vector<std::string>> ClaimStore::MatchEntities(
    const std::string& name, int most) {
  std::vector<std::string> out;
  auto exact = Prepare(
      "SELECT name FROM entities WHERE name = ?1 COLLATE NOCASE LIMIT 1");
  if (!exact.ok()) return exact.status();
  Status s;
  if ((*exact)->Bind(1, name).Step(&s)) {
    out.push_back((*exact)->Text(0));
    return out;
  }
  CT_RETURN_IF_ERROR(s);
  // A prefix, through the case-blind index of names: a range, not a scan.
  auto prefix = Prepare(
      "SELECT name FROM entities WHERE name >= ?1 COLLATE NOCASE "
      "AND name < ?2 COLLATE NOCASE ORDER BY name COLLATE NOCASE LIMIT ?3");
  if (!prefix.ok()) return prefix.status();
  std::string upper = name + "\xf4\x8f\xbf\xbf";  // Past any next letter.
  Stmt& r = **prefix;
  r.Bind(1, name).Bind(2, upper).Bind(3, static_cast<int64_t>(most));
  while (r.Step(&s)) out.push_back(r.Text(0));
  CT_RETURN_IF_ERROR(s);
  return out;
}

Result<std::optional<FactRow>> ClaimStore::FindFact(int64_t id,
                                                    int64_t claims) {
  FactFilter filter;
  filter.id = id;
  filter.claims_per_fact = claims;
  auto found = FindFacts(filter);
  if (!found.ok()) return found.status();
  if (found->empty()) return std::optional<FactRow>();
  return std::optional<FactRow>(std::move(found->front()));
}

}  // namespace ct::store
