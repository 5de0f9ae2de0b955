#include "facts/judge.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>

namespace ct::facts {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool Covers(const ClaimInterval& c, double x) {
  double lo = c.low.value_or(-kInf);
  double hi = c.high.value_or(kInf);
  if (x < lo || (x == lo && !c.low_inclusive && c.low)) return false;
  if (x > hi || (x == hi && !c.high_inclusive && c.high)) return false;
  return true;
}

bool SameValue(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({std::fabs(a), std::fabs(b), 1.0});
}

}  // namespace

std::string_view StatusName(Status s) {
  switch (s) {
    case Status::kSingle:
      return "single";
    case Status::kAgree:
      return "agree";
    case Status::kCompatible:
      return "compatible";
    case Status::kConflict:
      return "conflict";
  }
  return "single";
}

bool ParseStatus(std::string_view name, Status* s) {
  for (Status v : {Status::kSingle, Status::kAgree, Status::kCompatible,
                   Status::kConflict}) {
    if (StatusName(v) == name) {
      *s = v;
      return true;
    }
  }
  return false;
}

Judgement Judge(const std::vector<ClaimInterval>& claims) {
  Judgement j;
  std::set<std::string> outlets;
  for (const ClaimInterval& c : claims) outlets.insert(c.outlet);
  j.sources = static_cast<int>(outlets.size());
  if (j.sources <= 1) return j;

  bool same = true;
  for (const ClaimInterval& c : claims) {
    const ClaimInterval& first = claims.front();
    if (!c.value || !first.value || !SameValue(*c.value, *first.value) ||
        c.qualifier != first.qualifier) {
      same = false;
      break;
    }
  }
  if (same) {
    j.status = Status::kAgree;
    return j;
  }

  // Where intervals share a point, one of these candidates lies inside the
  // overlap: every end point, and the middle between neighbouring end
  // points for overlaps whose ends are open.
  std::vector<double> ends;
  for (const ClaimInterval& c : claims) {
    if (c.low) ends.push_back(*c.low);
    if (c.high) ends.push_back(*c.high);
  }
  std::sort(ends.begin(), ends.end());
  ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
  std::vector<double> candidates = ends;
  for (size_t i = 0; i + 1 < ends.size(); ++i) {
    candidates.push_back(ends[i] + (ends[i + 1] - ends[i]) / 2);
  }
  if (!ends.empty()) {
    candidates.push_back(ends.front() - 1 - std::fabs(ends.front()));
    candidates.push_back(ends.back() + 1 + std::fabs(ends.back()));
  } else {
    candidates.push_back(0);
  }
  std::sort(candidates.begin(), candidates.end());

  // The best point is covered by the most outlets, then the most claims.
  // The candidates are swept in order: a claim enters the covering set at
  // its low end and leaves past its high end, so the sweep costs
  // O(n log n), not a pass over every claim per candidate. Covering sets
  // are told apart by a hash of their members (each claim a random 64-bit
  // word, XORed in and out).
  size_t n = claims.size();
  std::vector<size_t> by_low(n), by_high(n);
  for (size_t i = 0; i < n; ++i) by_low[i] = by_high[i] = i;
  auto low_of = [&](size_t i) { return claims[i].low.value_or(-kInf); };
  auto high_of = [&](size_t i) { return claims[i].high.value_or(kInf); };
  // At equal ends a closed low end enters first, an open high end leaves
  // first: the order in which a rising x meets them.
  std::sort(by_low.begin(), by_low.end(), [&](size_t a, size_t b) {
    if (low_of(a) != low_of(b)) return low_of(a) < low_of(b);
    return claims[a].low_inclusive > claims[b].low_inclusive;
  });
  std::sort(by_high.begin(), by_high.end(), [&](size_t a, size_t b) {
    if (high_of(a) != high_of(b)) return high_of(a) < high_of(b);
    return claims[a].high_inclusive < claims[b].high_inclusive;
  });
  std::unordered_map<std::string_view, size_t> outlet_index;
  std::vector<size_t> outlet_of(n);
  for (size_t i = 0; i < n; ++i) {
    outlet_of[i] = outlet_index.emplace(claims[i].outlet, outlet_index.size())
                       .first->second;
  }
  std::vector<uint64_t> word(n);
  uint64_t state = 0x9E3779B97F4A7C15ull;
  for (uint64_t& w : word) {
    // splitmix64: fixed, so a judgement never depends on the run.
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    w = z ^ (z >> 31);
  }
  std::vector<int> per_outlet(outlet_index.size(), 0);
  // 0: not reached yet, 1: covering, 2: passed.
  std::vector<char> state_of(n, 0);
  size_t covered_outlets = 0;
  size_t covered = 0;
  uint64_t hash = 0;
  size_t next_low = 0;
  size_t next_high = 0;
  size_t best_outlets = 0;
  size_t best_claims = 0;
  std::vector<uint64_t> best_sets;  // Hashes of the best covering sets.
  double best_x = 0;
  for (double x : candidates) {
    while (next_low < n) {
      size_t i = by_low[next_low];
      double lo = low_of(i);
      bool enters =
          lo < x || (lo == x && (claims[i].low_inclusive || !claims[i].low));
      if (!enters) break;
      ++next_low;
      // An empty claim ((5, 5) open at both ends) may have passed already.
      if (state_of[i] != 0) continue;
      state_of[i] = 1;
      ++covered;
      hash ^= word[i];
      if (per_outlet[outlet_of[i]]++ == 0) ++covered_outlets;
    }
    while (next_high < n) {
      size_t i = by_high[next_high];
      double hi = high_of(i);
      bool leaves =
          hi < x || (hi == x && !claims[i].high_inclusive && claims[i].high);
      if (!leaves) break;
      ++next_high;
      bool was_in = state_of[i] == 1;
      state_of[i] = 2;
      if (!was_in) continue;
      --covered;
      hash ^= word[i];
      if (--per_outlet[outlet_of[i]] == 0) --covered_outlets;
    }
    if (covered_outlets > best_outlets ||
        (covered_outlets == best_outlets && covered > best_claims)) {
      best_outlets = covered_outlets;
      best_claims = covered;
      best_sets.assign(1, hash);
      best_x = x;
    } else if (covered_outlets == best_outlets && covered == best_claims &&
               std::find(best_sets.begin(), best_sets.end(), hash) ==
                   best_sets.end()) {
      best_sets.push_back(hash);
    }
  }
  if (best_claims == claims.size()) {
    j.status = Status::kCompatible;
    return j;
  }
  j.status = Status::kConflict;
  if (best_sets.size() == 1) {
    for (const ClaimInterval& c : claims) {
      if (!Covers(c, best_x)) j.outliers.push_back(c.claim_id);
    }
  }
  return j;
}

std::string FactKey(std::string_view subject, std::string_view metric,
                    std::string_view object, std::string_view time,
                    std::string_view unit, std::string_view noun) {
  std::string key;
  for (std::string_view part : {subject, metric, object, time, unit}) {
    key.append(part);
    key.push_back('\x1f');
  }
  if (unit == "count") key.append(noun);
  return key;
}

bool Groupable(std::string_view subject, std::string_view metric) {
  return !subject.empty() && !metric.empty() && metric != "other";
}

}  // namespace ct::facts
