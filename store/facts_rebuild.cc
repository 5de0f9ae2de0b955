// Facts from claims: the claims of each block (one set of parties, one
// metric family) are grouped and judged together. Grouping never joins claims
// of different blocks (facts/grouping.h), so a block is rebuilt alone, and only
// blocks whose claims changed are rebuilt (the dirty_blocks table), in the same
// transaction as those claims. A block is read as its statements (claims
// that state the same thing, weighed together; statement_rows.cc), so that
// judging it costs what it states, not how often it was stated.

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "facts/grouping.h"
#include "facts/judge.h"
#include "store/claim_store.h"
#include "store/sqlite.h"
#include "store/statement_rows.h"
#include "store/statements.h"

namespace ct::store {

namespace {

std::vector<std::string> SplitParties(const std::string& joined) {
  std::vector<std::string> out;
  size_t begin = 0;
  while (begin < joined.size()) {
    size_t end = joined.find('\n', begin);
    if (end == std::string::npos) end = joined.size();
    if (end > begin) out.push_back(joined.substr(begin, end - begin));
    begin = end + 1;
  }
  return out;
}

// What a fact shows of its claims: the subject and object most of them
// name, the metric most of them state. Each value comes with its claims.
template <typename T>
T MostCommon(const std::vector<std::pair<T, int64_t>>& values) {
  std::map<T, int64_t> counts;
  for (const auto& [v, claims] : values) counts[v] += claims;
  T best{};
  int64_t n = 0;
  for (const auto& [v, c] : counts) {
    if (c > n) {
      best = v;
      n = c;
    }
  }
  return best;
}

// A fact's row as the rebuild compares it.
struct StoredFact {
  int64_t id = 0;
  int64_t subject_id = 0;
  int64_t object_id = 0;
  // metric, unit, noun, time, status, first_reported, facet, reason.
  std::array<std::string, 8> text;
  int64_t sources = 0;
  std::optional<double> consensus;
  int64_t independent_sources = 0;
  std::string outlets;  // Its claims' own outlets: ids, sorted, spaced.
  int64_t claims = 0;

  bool Same(const StoredFact& o) const {
    return subject_id == o.subject_id && object_id == o.object_id &&
           text == o.text && sources == o.sources && consensus == o.consensus &&
           independent_sources == o.independent_sources &&
           outlets == o.outlets && claims == o.claims;
  }
};

}  // namespace

Status ClaimStore::RebuildFacts() {
  CT_RETURN_IF_ERROR(EndBatch());
  return JudgeDirtyBlocks();
}

Status ClaimStore::JudgeDirtyBlocks() {
  // The dirty blocks are few beside the claims: hold their names only. In
  // the order of their names, so that new facts are numbered the same
  // however the claims came in.
  std::vector<std::pair<std::string, std::string>> blocks;
  {
    auto st = Prepare("SELECT parties, family FROM dirty_blocks ORDER BY 1, 2");
    if (!st.ok()) return st.status();
    Status s;
    while ((*st)->Step(&s)) blocks.emplace_back((*st)->Text(0), (*st)->Text(1));
    CT_RETURN_IF_ERROR(s);
  }
  for (const auto& [parties, family] : blocks) {
    CT_RETURN_IF_ERROR(RebuildBlock(parties, family));
  }
  return Status::Ok();
}

Status ClaimStore::RebuildAllFacts() {
  CT_RETURN_IF_ERROR(EndBatch());
  {
    Transaction tx(db_, &path_);
    CT_RETURN_IF_ERROR(tx.Begin());
    CT_RETURN_IF_ERROR(
        Exec("INSERT OR IGNORE INTO dirty_blocks(parties, family) "
             "SELECT DISTINCT parties, family FROM statements",
             "judging facts"));
    // Facts whose claims are all gone belong to no block any more.
    CT_RETURN_IF_ERROR(
        Exec("DELETE FROM facts WHERE id NOT IN (SELECT fact_id FROM "
             "statements WHERE fact_id IS NOT NULL)",
             "judging facts"));
    CT_RETURN_IF_ERROR(tx.Commit());
  }
  return RebuildFacts();
}

Status ClaimStore::RebuildBlock(const std::string& parties,
                                const std::string& family) {
  // Inside the transaction of the claims when one is open, so that they
  // land with their facts; else in one of its own.
  Transaction tx(db_, &path_);
  bool nested = sqlite3_get_autocommit(db_) == 0;
  CT_RETURN_IF_ERROR(nested ? tx.BeginNested() : tx.Begin());

  // What a fact shows, per statement.
  struct Shown {
    int64_t subject_id = 0;
    int64_t object_id = 0;
    std::string metric;
    std::string reported;  // Publication, or first seen.
    // The articles' own outlets, even for a syndicated copy.
    std::vector<int32_t> own_outlets;
  };
  std::vector<facts::GroupInput> inputs;
  std::vector<Shown> shown;
  // Each statement's fact and outlier flag as they stand: only changes are
  // written back.
  std::unordered_map<int64_t, std::pair<int64_t, bool>> current;
  const std::vector<std::string> block_parties = SplitParties(parties);
  {
    auto st = Prepare(kBlockStatements);
    if (!st.ok()) return st.status();
    Stmt& r = **st;
    r.Bind(1, parties).Bind(2, family);
    Status s;
    while (r.Step(&s)) {
      facts::GroupInput in;
      in.parties = block_parties;
      in.family = family;
      in.facet = r.Text(1);
      in.time = r.Text(2);
      in.unit = r.Text(3);
      in.noun = r.Text(4);
      in.article = r.Int(14);
      in.order = r.Text(21);
      facts::ClaimInterval& c = in.interval;
      c.claim_id = r.Int(0);
      c.value = r.OptDouble(5);
      c.qualifier = r.Text(6);
      c.low = r.OptDouble(7);
      c.high = r.OptDouble(8);
      c.low_inclusive = r.Int(9) != 0;
      c.high_inclusive = r.Int(10) != 0;
      c.unit_slip = facts::UnitSlip(family, in.unit);
      c.claims = r.Int(15);
      if (!r.IsNull(18)) {
        c.first_day = r.Int(18);
        c.last_day = r.Int(19);
      }
      current.emplace(c.claim_id, std::make_pair(r.Int(22), r.Int(23) != 0));
      std::string metric = r.Text(11);
      if (!facts::Groupable(in.parties, metric, in.unit, in.noun,
                            c.value.value_or(c.low.value_or(0)))) {
        continue;
      }
      c.outlets = ParseOutletIds(r.View(16));
      shown.push_back({r.Int(12), r.Int(13), std::move(metric), r.Text(20),
                       ParseOutletIds(r.View(17))});
      inputs.push_back(std::move(in));
    }
    CT_RETURN_IF_ERROR(s);
  }
  std::vector<facts::FactGroup> groups = facts::GroupClaims(inputs);

  // The block's facts as they stand, to drop those no claim keeps.
  std::map<std::string, int64_t> stale;
  std::unordered_map<int64_t, std::string> key_of;
  // What each fact says now: a fact judged the same is not written again.
  std::unordered_map<std::string, StoredFact> stored;
  {
    auto st = Prepare(kBlockFacts);
    if (!st.ok()) return st.status();
    Status s;
    (*st)->Bind(1, parties).Bind(2, family);
    while ((*st)->Step(&s)) {
      Stmt& r = **st;
      stale.emplace(r.Text(1), r.Int(0));
      key_of.emplace(r.Int(0), r.Text(1));
      StoredFact f;
      f.id = r.Int(0);
      f.subject_id = r.Int(2);
      f.object_id = r.Int(3);
      f.text = {r.Text(4), r.Text(5),  r.Text(6),  r.Text(7),
                r.Text(8), r.Text(10), r.Text(11), r.Text(12)};
      f.sources = r.Int(9);
      f.consensus = r.OptDouble(13);
      f.independent_sources = r.Int(14);
      f.outlets = r.Text(15);
      f.claims = r.Int(16);
      stored.emplace(r.Text(1), std::move(f));
    }
    CT_RETURN_IF_ERROR(s);
  }
  // A group that holds most of an existing fact's claims is that fact
  // still: it keeps its key, and so its id, and its claims need no new
  // row. The largest groups choose first.
  {
    std::vector<size_t> by_size(groups.size());
    for (size_t k = 0; k < groups.size(); ++k) by_size[k] = k;
    std::vector<int64_t> size(groups.size(), 0);
    for (size_t k = 0; k < groups.size(); ++k) {
      for (size_t m : groups[k].members) size[k] += inputs[m].interval.claims;
    }
    std::stable_sort(by_size.begin(), by_size.end(),
                     [&](size_t a, size_t b) { return size[a] > size[b]; });
    std::set<int64_t> taken;
    for (size_t k : by_size) {
      std::map<int64_t, int64_t> held;
      for (size_t m : groups[k].members) {
        auto it = current.find(inputs[m].interval.claim_id);
        if (it != current.end() && it->second.first != 0) {
          held[it->second.first] += inputs[m].interval.claims;
        }
      }
      int64_t best = 0;
      int64_t most = 0;
      for (const auto& [fact, n] : held) {
        if (n > most && taken.count(fact) == 0 && key_of.count(fact) > 0) {
          best = fact;
          most = n;
        }
      }
      if (best == 0) continue;
      taken.insert(best);
      groups[k].key = key_of[best];
    }
    // A new group's key may be one an old fact kept for another group.
    std::set<std::string> used;
    for (const facts::FactGroup& g : groups) used.insert(g.key);
    if (used.size() < groups.size()) {
      used.clear();
      for (size_t k : by_size) {
        while (!used.insert(groups[k].key).second) groups[k].key += '+';
      }
    }
  }
  std::string now = NowUtc();
  auto upsert = Prepare(kUpsertFact);
  if (!upsert.ok()) return upsert.status();
  auto mark = Prepare(kMarkStatement);
  if (!mark.ok()) return mark.status();
  // New facts are numbered in key order.
  std::sort(groups.begin(), groups.end(),
            [](const facts::FactGroup& a, const facts::FactGroup& b) {
              return a.key < b.key;
            });
  for (const facts::FactGroup& g : groups) {
    stale.erase(g.key);
    std::vector<facts::ClaimInterval> claims;
    std::vector<std::pair<int64_t, int64_t>> subjects, objects;
    std::vector<std::pair<std::string, int64_t>> metrics;
    facts::OutletCount own_outlets;
    std::set<int32_t> outlet_ids;
    int64_t claim_total = 0;
    std::string first_reported;
    for (size_t m : g.members) {
      for (int32_t o : shown[m].own_outlets) {
        own_outlets.Add(o);
        outlet_ids.insert(o);
      }
      int64_t n = inputs[m].interval.claims;
      claim_total += n;
      claims.push_back(inputs[m].interval);
      subjects.emplace_back(shown[m].subject_id, n);
      objects.emplace_back(shown[m].object_id, n);
      metrics.emplace_back(shown[m].metric, n);
      if (first_reported.empty() || shown[m].reported < first_reported) {
        first_reported = shown[m].reported;
      }
    }
    const facts::GroupInput& first = inputs[g.members.front()];
    const std::string unit(facts::FactUnit(family, first.unit));
    facts::Judgement j =
        facts::Judge(claims, facts::TypicalMagnitude(family, unit));
    int64_t subject_id = MostCommon(subjects);
    if (subject_id == 0) {
      auto id = EntityId(g.parties.front());
      if (!id.ok()) return id.status();
      subject_id = *id;
    }
    StoredFact judged;
    judged.subject_id = subject_id;
    judged.object_id = MostCommon(objects);
    judged.text = {MostCommon(metrics),
                   unit,
                   first.noun,
                   g.time,
                   std::string(facts::StatusName(j.status)),
                   first_reported,
                   first.facet,
                   j.reason};
    judged.sources = static_cast<int64_t>(own_outlets.count());
    judged.consensus = j.consensus;
    judged.independent_sources = j.sources;
    judged.claims = claim_total;
    for (int32_t o : outlet_ids) {
      if (!judged.outlets.empty()) judged.outlets += ' ';
      judged.outlets += std::to_string(o);
    }
    int64_t fact_id = 0;
    auto was = stored.find(g.key);
    if (was != stored.end() && was->second.Same(judged)) {
      fact_id = was->second.id;
    } else {
      Stmt& u = **upsert;
      u.Reset();
      u.Bind(1, g.key)
          .Bind(2, judged.subject_id)
          .BindOrNull(3, judged.object_id)
          .Bind(4, judged.text[0])
          .Bind(5, unit)
          .Bind(6, first.noun)
          .Bind(7, g.time)
          .Bind(8, judged.text[4])
          .Bind(9, judged.sources)
          .BindOrNull(10, first_reported)
          .Bind(11, now)
          .Bind(12, family)
          .Bind(13, JoinParties(g.parties))
          .Bind(14, first.facet)
          .Bind(15, j.reason)
          .Bind(16, j.consensus)
          .Bind(17, j.sources)
          .Bind(18, judged.outlets)
          .Bind(19, claim_total);
      Status s;
      if (!u.Step(&s)) {
        return s.ok() ? Status::Internal("fact upsert returned no id") : s;
      }
      fact_id = u.Int(0);
      CT_RETURN_IF_ERROR(u.Run());
    }
    std::sort(j.outliers.begin(), j.outliers.end());
    for (const facts::ClaimInterval& c : claims) {
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
      CT_RETURN_IF_ERROR(m.Bind(1, fact_id)
                             .Bind(2, outlier)
                             .Bind(3, c.claim_id)
                             .Bind(4, parties)
                             .Bind(5, family)
                             .Run());
    }
  }
  // Statements that belonged to a fact and now belong to none.
  auto unmark = Prepare(kUnmarkStatement);
  if (!unmark.ok()) return unmark.status();
  for (const auto& [claim_id, was] : current) {
    if (was.first == 0) continue;
    (*unmark)->Reset();
    CT_RETURN_IF_ERROR(
        (*unmark)->Bind(1, claim_id).Bind(2, parties).Bind(3, family).Run());
  }
  auto drop = Prepare(kDeleteFact);
  if (!drop.ok()) return drop.status();
  for (const auto& [key, id] : stale) {
    (*drop)->Reset();
    CT_RETURN_IF_ERROR((*drop)->Bind(1, id).Run());
  }
  auto done =
      Prepare("DELETE FROM dirty_blocks WHERE parties = ?1 AND family = ?2");
  if (!done.ok()) return done.status();
  CT_RETURN_IF_ERROR((*done)->Bind(1, parties).Bind(2, family).Run());
  return tx.Commit().WithContext("judging facts");
}

}  // namespace ct::store
