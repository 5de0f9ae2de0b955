// Statements: the claims of one block that state the same thing, kept as
// one row with what grouping weighs of them (how many claims, which
// outlets, from which days). Facts are judged over statements, so judging a
// block costs its statements, not its claims (facts_rebuild.cc).
//
// A statement is found by its block and what tells it apart (the
// statements_key index): facet, period, unit, noun, interval, qualifier,
// metric, subject and object. A claim whose article states another figure
// that could be taken for it (facts::MayBeTakenForOne) is told apart by its
// article too, so that grouping can keep the two apart.
//
// Claims join their statements when their article commits, and leave them
// when their article's claims are replaced: a statement that lost claims is
// counted again from those it has left.

#include "store/statement_rows.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "common/days.h"
#include "facts/grouping.h"
#include "facts/judge.h"
#include "store/claim_store.h"
#include "store/sqlite.h"
#include "store/statements.h"

namespace ct::store {

// One claim's share in its statement: what its article adds.
struct StatementShare {
  std::string outlet;      // Its support: the original's, for a copy.
  std::string own_outlet;  // Its article's own.
  int64_t outlet_id = 0;   // Their ids in the outlets table.
  int64_t own_outlet_id = 0;
  std::optional<int64_t> day;
  std::string reported;  // Published, or else first seen.
  std::string url;       // Its article's.

  // The claim's order: its article's URL and its place there.
  std::string OrderOf(int64_t ordinal) const {
    char place[24];
    std::snprintf(place, sizeof place, "\x1f%08lld",
                  static_cast<long long>(ordinal));
    return url + place;
  }
};
// One claim of an article, as kArticleClaims reads it.
struct ArticleClaim {
  int64_t id = 0;
  int64_t ordinal = 0;
  std::string parties, family, facet, time, unit, noun, qualifier, metric;
  std::optional<double> value, low, high;
  bool low_inclusive = true, high_inclusive = true;
  int64_t subject_id = 0, object_id = 0;
  bool kept_apart = false;  // Told apart by its article.
  int64_t article_id = 0;
  // What its article adds to its statement, shared by its claims.
  std::shared_ptr<const StatementShare> share;

  facts::ClaimInterval Interval() const {
    facts::ClaimInterval c;
    c.value = value;
    c.qualifier = qualifier;
    c.low = low;
    c.high = high;
    return c;
  }
  bool SameFigure(const ArticleClaim& o) const {
    return value == o.value && low == o.low && high == o.high &&
           qualifier == o.qualifier;
  }
};

namespace {

// Reads a share from columns `col`.. of kArticleShare's shape.
StatementShare ReadShare(const Stmt& r, int col) {
  StatementShare s;
  s.url = r.Text(col + 2);
  std::string original_url = r.Text(col + 3);
  s.outlet = r.Text(col);
  if (s.outlet.empty()) s.outlet = original_url.empty() ? s.url : original_url;
  s.own_outlet = r.Text(col + 1);
  if (s.own_outlet.empty()) s.own_outlet = s.url;
  s.day = days::FromIso(r.Text(col + 4));
  s.reported = r.Text(col + 5);
  return s;
}

std::string JoinIds(const std::set<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out.push_back(' ');
    out += std::to_string(id);
  }
  return out;
}

void SplitIds(const std::string& joined, std::set<int64_t>* out) {
  std::vector<int32_t> ids = ParseOutletIds(joined);
  out->insert(ids.begin(), ids.end());
}

// What a statement holds of its claims.
struct Tally {
  int64_t claims = 0;
  std::set<int64_t> outlets, own_outlets;
  bool undated = false;  // Some article has no date.
  std::optional<int64_t> first_day, last_day;
  std::string first_reported, first_order;

  void Add(const StatementShare& s, int64_t ordinal) {
    ++claims;
    outlets.insert(s.outlet_id);
    own_outlets.insert(s.own_outlet_id);
    if (!s.day) undated = true;
    if (s.day && (!first_day || *s.day < *first_day)) first_day = s.day;
    if (s.day && (!last_day || *s.day > *last_day)) last_day = s.day;
    if (first_reported.empty() || s.reported < first_reported) {
      first_reported = s.reported;
    }
    std::string order = s.OrderOf(ordinal);
    if (first_order.empty() || order < first_order) {
      first_order = std::move(order);
    }
  }

  // Columns `col`.. as kFindStatement reads them.
  void Read(const Stmt& r, int col) {
    claims = r.Int(col);
    SplitIds(r.Text(col + 1), &outlets);
    SplitIds(r.Text(col + 2), &own_outlets);
    undated = r.IsNull(col + 3);
    if (!undated) {
      first_day = r.Int(col + 3);
      last_day = r.Int(col + 4);
    }
    first_reported = r.Text(col + 5);
    first_order = r.Text(col + 6);
  }

  // Parameters `at`.. as kInsertStatement and kUpdateStatement bind them.
  void Bind(Stmt* st, int at) const {
    st->Bind(at, claims)
        .Bind(at + 1, JoinIds(outlets))
        .Bind(at + 2, JoinIds(own_outlets));
    if (undated || !first_day) {
      st->BindNull(at + 3).BindNull(at + 4);
    } else {
      st->Bind(at + 3, *first_day).Bind(at + 4, *last_day);
    }
    st->Bind(at + 5, first_reported).Bind(at + 6, first_order);
  }
};

std::string Number(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", *v);
  return buf;
}

std::string KeyOf(const ArticleClaim& c) {
  std::string key;
  for (const std::string& part :
       {c.facet, c.time, c.unit, c.noun, Number(c.value), c.qualifier,
        Number(c.low), Number(c.high), std::to_string(c.low_inclusive),
        std::to_string(c.high_inclusive), c.metric,
        std::to_string(c.subject_id), std::to_string(c.object_id),
        std::to_string(c.kept_apart ? c.article_id : 0)}) {
    key += part;
    key.push_back('\x1f');
  }
  return key;
}

// Binds what tells the statement of `c` apart, as kFindStatement and
// kInsertStatement take it: the bounds as numbers or NULL.
void BindStatement(const ArticleClaim& c, int64_t apart, Stmt* st) {
  st->Bind(1, c.parties)
      .Bind(2, c.family)
      .Bind(3, c.facet)
      .Bind(4, c.time)
      .Bind(5, c.unit)
      .Bind(6, c.noun)
      .Bind(7, c.value)
      .Bind(8, c.qualifier)
      .Bind(9, c.low)
      .Bind(10, c.high)
      .Bind(11, c.low_inclusive)
      .Bind(12, c.high_inclusive)
      .Bind(13, c.metric)
      .Bind(14, c.subject_id)
      .Bind(15, c.object_id)
      .Bind(16, apart);
}

// Marks the claims of one block of an article that another figure of the
// article could be taken for. Past this many claims in one block, an
// article keeps them all apart rather than compare every pair.
constexpr size_t kMostCompared = 200;

void MarkKeptApart(std::vector<ArticleClaim*>& block) {
  if (block.size() > kMostCompared) {
    for (ArticleClaim* c : block) c->kept_apart = true;
    return;
  }
  for (size_t i = 0; i < block.size(); ++i) {
    for (size_t j = i + 1; j < block.size(); ++j) {
      if (block[i]->SameFigure(*block[j])) continue;
      if (facts::MayBeTakenForOne(block[i]->Interval(), block[j]->Interval())) {
        block[i]->kept_apart = true;
        block[j]->kept_apart = true;
      }
    }
  }
}

}  // namespace

std::vector<int32_t> ParseOutletIds(std::string_view joined) {
  std::vector<int32_t> ids;
  int32_t id = 0;
  bool digits = false;
  for (char ch : joined) {
    if (ch >= '0' && ch <= '9') {
      id = id * 10 + (ch - '0');
      digits = true;
    } else if (digits) {
      ids.push_back(id);
      id = 0;
      digits = false;
    }
  }
  if (digits) ids.push_back(id);
  return ids;
}

Status ClaimStore::ResolveOutlets(StatementShare* share) {
  auto outlet = NameId(NameTable::kOutlets, share->outlet);
  if (!outlet.ok()) return outlet.status();
  auto own = NameId(NameTable::kOutlets, share->own_outlet);
  if (!own.ok()) return own.status();
  share->outlet_id = *outlet;
  share->own_outlet_id = *own;
  return Status::Ok();
}

Status ClaimStore::ReadArticleClaims(int64_t article_id,
                                     std::vector<ArticleClaim>* out) {
  StatementShare article;
  {
    auto st = Prepare(kArticleShare);
    if (!st.ok()) return st.status();
    Status s;
    if (!(*st)->Bind(1, article_id).Step(&s)) {
      return s.ok() ? Status::Internal("article vanished while writing") : s;
    }
    article = ReadShare(**st, 0);
  }
  CT_RETURN_IF_ERROR(ResolveOutlets(&article));
  auto shared = std::make_shared<const StatementShare>(std::move(article));
  std::vector<ArticleClaim>& claims = *out;
  size_t first = claims.size();
  {
    auto st = Prepare(kArticleClaims);
    if (!st.ok()) return st.status();
    Stmt& r = **st;
    r.Bind(1, article_id);
    Status s;
    while (r.Step(&s)) {
      ArticleClaim c;
      c.id = r.Int(0);
      c.ordinal = r.Int(1);
      c.parties = r.Text(2);
      c.family = r.Text(3);
      c.facet = r.Text(4);
      c.time = r.Text(5);
      c.unit = r.Text(6);
      c.noun = r.Text(7);
      c.value = r.OptDouble(8);
      c.qualifier = r.Text(9);
      c.low = r.OptDouble(10);
      c.high = r.OptDouble(11);
      c.low_inclusive = r.Int(12) != 0;
      c.high_inclusive = r.Int(13) != 0;
      c.metric = r.Text(14);
      c.subject_id = r.Int(15);
      c.object_id = r.Int(16);
      c.article_id = article_id;
      c.share = shared;
      claims.push_back(std::move(c));
    }
    CT_RETURN_IF_ERROR(s);
  }
  std::map<std::pair<std::string, std::string>, std::vector<ArticleClaim*>>
      blocks;
  for (size_t i = first; i < claims.size(); ++i) {
    blocks[{claims[i].parties, claims[i].family}].push_back(&claims[i]);
  }
  for (auto& [block, members] : blocks) MarkKeptApart(members);
  return Status::Ok();
}

Status ClaimStore::AssignStatements(const std::vector<int64_t>& article_ids) {
  // A thousand articles at a time: statements they share are written once,
  // and memory stays bounded however large the batch.
  constexpr size_t kArticlesAtOnce = 1000;
  for (size_t at = 0; at < article_ids.size(); at += kArticlesAtOnce) {
    size_t end = std::min(article_ids.size(), at + kArticlesAtOnce);
    std::vector<ArticleClaim> claims;
    for (size_t i = at; i < end; ++i) {
      CT_RETURN_IF_ERROR(ReadArticleClaims(article_ids[i], &claims));
    }
    // And at most so many claims, for an article of very many.
    constexpr size_t kClaimsAtOnce = 20000;
    for (size_t from = 0; from < claims.size(); from += kClaimsAtOnce) {
      CT_RETURN_IF_ERROR(JoinStatements(
          claims, from, std::min(claims.size(), from + kClaimsAtOnce)));
    }
  }
  return Status::Ok();
}

Status ClaimStore::JoinStatements(const std::vector<ArticleClaim>& claims,
                                  size_t begin, size_t end) {
  // The claims by statement, every article's together, so that each
  // statement is found and written once: one that an article states twice
  // counts twice.
  std::map<std::tuple<std::string, std::string, std::string>,
           std::vector<const ArticleClaim*>>
      by_statement;
  for (size_t i = begin; i < end; ++i) {
    const ArticleClaim& c = claims[i];
    by_statement[{c.parties, c.family, KeyOf(c)}].push_back(&c);
  }
  auto find = Prepare(kFindStatement);
  if (!find.ok()) return find.status();
  auto insert = Prepare(kInsertStatement);
  if (!insert.ok()) return insert.status();
  auto update = Prepare(kUpdateStatement);
  if (!update.ok()) return update.status();
  auto join = Prepare(kSetClaimStatement);
  if (!join.ok()) return join.status();
  for (const auto& [told_apart, members] : by_statement) {
    const ArticleClaim& c = *members.front();
    int64_t apart = c.kept_apart ? c.article_id : 0;
    Stmt& f = **find;
    f.Reset();
    BindStatement(c, apart, &f);
    auto bound = [&f](int at, const std::optional<double>& v) {
      if (v) {
        f.Bind(at, *v);
      } else {
        f.Bind(at, "none");
      }
    };
    bound(7, c.value);
    bound(9, c.low);
    bound(10, c.high);
    Status s;
    Tally tally;
    int64_t statement_id = 0;
    if (f.Step(&s)) {
      statement_id = f.Int(0);
      tally.Read(f, 1);
    }
    CT_RETURN_IF_ERROR(s);
    for (const ArticleClaim* m : members) tally.Add(*m->share, m->ordinal);
    if (statement_id != 0) {
      Stmt& u = **update;
      u.Reset();
      u.Bind(1, statement_id);
      tally.Bind(&u, 2);
      CT_RETURN_IF_ERROR(u.Run());
    } else {
      Stmt& i = **insert;
      i.Reset();
      BindStatement(c, apart, &i);
      tally.Bind(&i, 17);
      if (!i.Step(&s)) {
        return s.ok() ? Status::Internal("statement insert returned no id") : s;
      }
      statement_id = i.Int(0);
      CT_RETURN_IF_ERROR(i.Run());
    }
    for (const ArticleClaim* m : members) {
      Stmt& j = **join;
      j.Reset();
      CT_RETURN_IF_ERROR(j.Bind(1, m->id).Bind(2, statement_id).Run());
    }
  }
  return Status::Ok();
}

Result<std::vector<int64_t>> ClaimStore::StatementsOf(const char* sql,
                                                      int64_t id) {
  auto st = Prepare(sql);
  if (!st.ok()) return st.status();
  std::vector<int64_t> out;
  Status s;
  (*st)->Bind(1, id);
  while ((*st)->Step(&s)) out.push_back((*st)->Int(0));
  CT_RETURN_IF_ERROR(s);
  return out;
}

Status ClaimStore::RecountStatements(const std::vector<int64_t>& ids) {
  auto shares = Prepare(kStatementShares);
  if (!shares.ok()) return shares.status();
  auto update = Prepare(kUpdateStatement);
  if (!update.ok()) return update.status();
  auto drop = Prepare(kDeleteStatement);
  if (!drop.ok()) return drop.status();
  auto dirty = Prepare(kMarkStatementBlockDirty);
  if (!dirty.ok()) return dirty.status();
  for (int64_t id : ids) {
    // Its facts change with it, whether it keeps claims or not.
    (*dirty)->Reset();
    CT_RETURN_IF_ERROR((*dirty)->Bind(1, id).Run());
    Tally tally;
    Stmt& r = **shares;
    r.Reset();
    r.Bind(1, id);
    Status s;
    while (r.Step(&s)) {
      StatementShare share = ReadShare(r, 1);
      CT_RETURN_IF_ERROR(ResolveOutlets(&share));
      tally.Add(share, r.Int(0));
    }
    CT_RETURN_IF_ERROR(s);
    if (tally.claims == 0) {
      (*drop)->Reset();
      CT_RETURN_IF_ERROR((*drop)->Bind(1, id).Run());
      continue;
    }
    Stmt& u = **update;
    u.Reset();
    u.Bind(1, id);
    tally.Bind(&u, 2);
    CT_RETURN_IF_ERROR(u.Run());
  }
  return Status::Ok();
}

Status ClaimStore::AssignAllStatements() {
  std::vector<int64_t> articles;
  {
    auto st = Prepare(
        "SELECT DISTINCT article_id FROM claims WHERE parties <> '' "
        "AND statement_id IS NULL");
    if (!st.ok()) return st.status();
    Status s;
    while ((*st)->Step(&s)) articles.push_back((*st)->Int(0));
    CT_RETURN_IF_ERROR(s);
  }
  CT_RETURN_IF_ERROR(AssignStatements(articles));
  // A statement keeps the fact its claims had, so that facts keep their
  // ids; every block is judged again after.
  CT_RETURN_IF_ERROR(Exec(R"sql(
UPDATE statements SET fact_id = (
  SELECT cf.fact_id FROM claims c
  JOIN claim_facts_v5 cf ON cf.claim_id = c.id
  WHERE c.statement_id = statements.id LIMIT 1);
DROP TABLE claim_facts_v5;
INSERT OR IGNORE INTO dirty_blocks(parties, family)
  SELECT DISTINCT parties, family FROM statements;
)sql",
                          "migrating"));
  return Status::Ok();
}

}  // namespace ct::store
