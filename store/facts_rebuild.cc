// Facts from claims: the claims of each block (one subject, one metric) are
// grouped and judged together. Grouping never joins claims of different
// blocks (facts/grouping.h), so a block is rebuilt alone, and only blocks
// whose claims changed are rebuilt (the dirty_blocks table, filled in the
// same transaction as the claims).

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

#include "facts/grouping.h"
#include "facts/judge.h"
#include "store/claim_store.h"
#include "store/sqlite.h"
#include "store/statements.h"

namespace ct::store {

Status ClaimStore::RebuildFacts() {
  CT_RETURN_IF_ERROR(EndBatch());
  // The dirty blocks are few beside the claims: hold their names only. In
  // the order of their fact keys, so that new facts are numbered the same
  // however the claims came in.
  std::vector<std::pair<int64_t, std::string>> blocks;
  {
    auto st = Prepare(
        "SELECT d.subject_id, d.metric FROM dirty_blocks d "
        "JOIN entities e ON e.id = d.subject_id ORDER BY e.name, d.metric");
    if (!st.ok()) return st.status();
    Status s;
    while ((*st)->Step(&s)) blocks.emplace_back((*st)->Int(0), (*st)->Text(1));
    CT_RETURN_IF_ERROR(s);
  }
  for (const auto& [subject_id, metric] : blocks) {
    CT_RETURN_IF_ERROR(RebuildBlock(subject_id, metric));
  }
  return Status::Ok();
}

Status ClaimStore::RebuildAllFacts() {
  {
    Transaction tx(db_, &path_);
    CT_RETURN_IF_ERROR(tx.Begin());
    CT_RETURN_IF_ERROR(
        Exec("INSERT OR IGNORE INTO dirty_blocks(subject_id, metric) "
             "SELECT DISTINCT subject_id, metric FROM claims "
             "WHERE subject_id IS NOT NULL",
             "judging facts"));
    // Facts whose claims are all gone belong to no block any more.
    CT_RETURN_IF_ERROR(
        Exec("DELETE FROM facts WHERE id NOT IN "
             "(SELECT fact_id FROM claim_facts)",
             "judging facts"));
    CT_RETURN_IF_ERROR(tx.Commit());
  }
  return RebuildFacts();
}

Status ClaimStore::RebuildBlock(int64_t subject_id, const std::string& metric) {
  Transaction tx(db_, &path_);
  CT_RETURN_IF_ERROR(tx.Begin());
  std::string subject;
  {
    auto st = Prepare("SELECT name FROM entities WHERE id = ?1");
    if (!st.ok()) return st.status();
    Status s;
    if ((*st)->Bind(1, subject_id).Step(&s)) subject = (*st)->Text(0);
    CT_RETURN_IF_ERROR(s);
  }

  struct Group {
    bool named = false;
    int64_t object_id = 0;
    std::string unit, noun, time, first_reported;
    std::vector<facts::ClaimInterval> claims;
  };
  // Keys share the block's long prefix: hashed, not compared, per claim.
  std::unordered_map<std::string, Group> groups;
  // Each claim's fact and outlier flag as they stand: only changes are
  // written back.
  std::unordered_map<int64_t, std::pair<int64_t, bool>> current;
  if (facts::Groupable(subject, metric)) {
    auto st = Prepare(kBlockClaims);
    if (!st.ok()) return st.status();
    Stmt& r = **st;
    r.Bind(1, subject_id).Bind(2, metric);
    struct Row {
      int64_t object_id = 0;
      std::string reported;
    };
    std::vector<facts::GroupInput> inputs;
    std::vector<Row> rows;
    Status s;
    while (r.Step(&s)) {
      facts::GroupInput in;
      in.subject = subject;
      in.metric = metric;
      in.object = r.Text(9);
      in.time = r.Text(10);
      in.unit = r.Text(11);
      in.noun = r.Text(12);
      facts::ClaimInterval& c = in.interval;
      c.claim_id = r.Int(0);
      // An article without an outlet counts as its own source.
      c.outlet = r.Text(1).empty() ? r.Text(13) : r.Text(1);
      c.value = r.OptDouble(3);
      c.qualifier = r.Text(4);
      c.low = r.OptDouble(5);
      c.high = r.OptDouble(6);
      c.low_inclusive = r.Int(7) != 0;
      c.high_inclusive = r.Int(8) != 0;
      inputs.push_back(std::move(in));
      rows.push_back({r.Int(14), r.Text(2)});
      current.emplace(c.claim_id, std::make_pair(r.Int(15), r.Int(16) != 0));
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
        g.object_id = rows[i].object_id;
        g.time = in.time;
        g.unit = in.unit;
        g.noun = in.noun;
      }
      if (g.claims.empty()) g.first_reported = rows[i].reported;
      g.claims.push_back(std::move(inputs[i].interval));
    }
  }

  // The block's facts as they stand, to drop those no claim keeps.
  std::map<std::string, int64_t> stale;
  {
    auto st = Prepare(kBlockFacts);
    if (!st.ok()) return st.status();
    Status s;
    (*st)->Bind(1, subject_id).Bind(2, metric);
    while ((*st)->Step(&s)) stale.emplace((*st)->Text(1), (*st)->Int(0));
    CT_RETURN_IF_ERROR(s);
  }
  std::string now = NowUtc();
  auto upsert = Prepare(kUpsertFact);
  if (!upsert.ok()) return upsert.status();
  auto mark = Prepare(kMarkClaim);
  if (!mark.ok()) return mark.status();
  // New facts are numbered in key order.
  std::vector<const std::string*> order;
  order.reserve(groups.size());
  for (const auto& entry : groups) order.push_back(&entry.first);
  std::sort(order.begin(), order.end(),
            [](const std::string* a, const std::string* b) { return *a < *b; });
  for (const std::string* key_of : order) {
    const std::string& key = *key_of;
    const Group& g = groups.at(key);
    stale.erase(key);
    facts::Judgement j = facts::Judge(g.claims);
    Stmt& u = **upsert;
    u.Reset();
    u.Bind(1, key)
        .Bind(2, subject_id)
        .BindOrNull(3, g.object_id)
        .Bind(4, metric)
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
    std::sort(j.outliers.begin(), j.outliers.end());
    for (const facts::ClaimInterval& c : g.claims) {
      bool outlier =
          std::binary_search(j.outliers.begin(), j.outliers.end(), c.claim_id);
      auto now_at = current.find(c.claim_id);
      if (now_at != current.end()) {
        bool same = now_at->second == std::make_pair(fact_id, outlier);
        current.erase(now_at);
        if (same) continue;
      }
      Stmt& m = **mark;
      m.Reset();
      CT_RETURN_IF_ERROR(
          m.Bind(1, fact_id).Bind(2, outlier).Bind(3, c.claim_id).Run());
    }
  }
  // Claims that belonged to a fact and now belong to none.
  auto unmark = Prepare(kUnmarkClaim);
  if (!unmark.ok()) return unmark.status();
  for (const auto& [claim_id, was] : current) {
    if (was.first == 0) continue;
    (*unmark)->Reset();
    CT_RETURN_IF_ERROR((*unmark)->Bind(1, claim_id).Run());
  }
  auto drop = Prepare(kDeleteFact);
  if (!drop.ok()) return drop.status();
  for (const auto& [key, id] : stale) {
    (*drop)->Reset();
    CT_RETURN_IF_ERROR((*drop)->Bind(1, id).Run());
  }
  auto done =
      Prepare("DELETE FROM dirty_blocks WHERE subject_id = ?1 AND metric = ?2");
  if (!done.ok()) return done.status();
  CT_RETURN_IF_ERROR((*done)->Bind(1, subject_id).Bind(2, metric).Run());
  return tx.Commit().WithContext("judging facts");
}

}  // namespace ct::store
