#include "facts/judge.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <unordered_map>

namespace ct::facts {
namespace {

// The judgement of figures all stated in a unit the fact can have.
Judgement JudgeStated(const std::vector<ClaimInterval>& claims,
                      std::optional<double> typical);

constexpr double kInf = std::numeric_limits<double>::infinity();

size_t CountOutlets(const std::vector<ClaimInterval>& claims) {
  OutletCount n;
  for (const ClaimInterval& c : claims) n.Add(c);
  return n.count();
}

bool Covers(const ClaimInterval& c, double x) {
  double lo = c.low.value_or(-kInf);
  double hi = c.high.value_or(kInf);
  if (x < lo || (x == lo && !c.low_inclusive && c.low)) return false;
  if (x > hi || (x == hi && !c.high_inclusive && c.high)) return false;
  return true;
}

// The value most outlets state among `members`, then most claims, then the
// smallest: what the sources hold to.
std::optional<double> MostStated(const std::vector<ClaimInterval>& claims,
                                 const std::vector<size_t>& members) {
  struct Support {
    OutletCount outlets;
    int64_t claims = 0;
  };
  std::vector<std::pair<double, Support>> values;
  for (size_t i : members) {
    std::optional<double> v = PointOf(claims[i]);
    if (!v) continue;
    auto it = std::find_if(values.begin(), values.end(), [&](const auto& e) {
      return SameValue(e.first, *v);
    });
    if (it == values.end()) {
      values.emplace_back(*v, Support{});
      it = values.end() - 1;
    }
    it->second.outlets.Add(claims[i]);
    it->second.claims += claims[i].claims;
  }
  std::optional<double> best;
  size_t best_outlets = 0;
  int64_t best_claims = 0;
  for (const auto& [v, sup] : values) {
    size_t outlets = sup.outlets.count();
    if (outlets > best_outlets ||
        (outlets == best_outlets && sup.claims > best_claims) ||
        (outlets == best_outlets && sup.claims == best_claims && best &&
         v < *best)) {
      best = v;
      best_outlets = outlets;
      best_claims = sup.claims;
    }
  }
  return best;
}

// Reports this many days apart or more can tell of a figure that changed;
// closer, they are one news cycle that got it wrong.
constexpr int64_t kTimelineGapDays = 30;

// Whether the `outliers` and the rest were reported a month or more apart,
// every outlier before every other claim or every outlier after: the
// figure changed, it was not misreported. Articles without a date tell
// nothing.
// Sets `latest_is_outlier` to which side is the newer.
bool DatedApart(const std::vector<ClaimInterval>& claims,
                const std::vector<bool>& is_outlier, bool* latest_is_outlier) {
  std::optional<int64_t> out_min, out_max, in_min, in_max;
  for (size_t i = 0; i < claims.size(); ++i) {
    const ClaimInterval& c = claims[i];
    if (!c.first_day || !c.last_day) return false;
    std::optional<int64_t>& lo = is_outlier[i] ? out_min : in_min;
    std::optional<int64_t>& hi = is_outlier[i] ? out_max : in_max;
    if (!lo || *c.first_day < *lo) lo = c.first_day;
    if (!hi || *c.last_day > *hi) hi = c.last_day;
  }
  if (!out_min || !in_min) return false;
  if (*in_min - *out_max >= kTimelineGapDays) {
    *latest_is_outlier = false;
    return true;
  }
  if (*out_min - *in_max >= kTimelineGapDays) {
    *latest_is_outlier = true;
    return true;
  }
  return false;
}

// Why `outliers` stand apart from `consensus`: a slip, garbled digits, or
// a conflict.
std::string ReasonForOutliers(const std::vector<ClaimInterval>& claims,
                              const std::vector<bool>& is_outlier,
                              double consensus) {
  bool slip = true, garbled = true, any = false;
  for (size_t i = 0; i < claims.size(); ++i) {
    if (!is_outlier[i]) continue;
    std::optional<double> v = PointOf(claims[i]);
    if (!v) return "conflict";
    any = true;
    slip = slip && IsScaleSlip(*v, consensus);
    garbled = garbled && IsGarbled(*v, consensus);
  }
  if (!any) return "conflict";
  if (slip) return "scale_slip";
  if (garbled) return "garbled";
  return "conflict";
}

}  // namespace

void OutletCount::Add(const ClaimInterval& c) {
  for (int32_t o : c.outlets) Add(o);
}

void OutletCount::Add(int32_t outlet) {
  size_t at = static_cast<size_t>(outlet);
  if (at >= seen_.size()) seen_.resize(at + 1, false);
  if (!seen_[at]) {
    seen_[at] = true;
    ++count_;
  }
}

bool SameValue(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({std::fabs(a), std::fabs(b), 1.0});
}

std::optional<double> PointOf(const ClaimInterval& c) {
  if (c.value) return c.value;
  if (c.low && c.high) return (*c.low + *c.high) / 2;
  if (c.low) return c.low;
  return c.high;
}

std::string SignificantDigits(double v, int count) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*e", count - 1, std::fabs(v));
  std::string d;
  for (const char* p = buf; *p != '\0' && *p != 'e'; ++p) {
    if (*p >= '0' && *p <= '9') d.push_back(*p);
  }
  while (d.size() > 1 && d.back() == '0') d.pop_back();
  return d;
}

bool IsScaleSlip(double a, double b) {
  if (a <= 0 || b <= 0) return false;
  double r = std::max(a, b) / std::min(a, b);
  for (double k : {1e3, 1e6}) {
    if (std::fabs(r / k - 1) <= 0.01) return true;
  }
  return false;
}

bool IsGarbled(double a, double b) {
  if (a <= 0 || b <= 0 || SameValue(a, b) || IsScaleSlip(a, b)) return false;
  if (SignificantDigits(a, 7) != SignificantDigits(b, 7)) return false;
  double r = std::log10(std::max(a, b) / std::min(a, b));
  return std::fabs(r - std::round(r)) < 1e-6;
}

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

Judgement Judge(const std::vector<ClaimInterval>& claims,
                std::optional<double> typical) {
  // Figures in a unit the fact cannot have are judged apart: the others
  // decide, and the slips are their outliers.
  if (std::none_of(claims.begin(), claims.end(),
                   [](const ClaimInterval& c) { return c.unit_slip; })) {
    return JudgeStated(claims, typical);
  }
  std::vector<ClaimInterval> kept;
  std::vector<int64_t> slips;
  for (const ClaimInterval& c : claims) {
    if (c.unit_slip) {
      slips.push_back(c.claim_id);
    } else {
      kept.push_back(c);
    }
  }
  if (kept.empty()) return JudgeStated(claims, typical);
  Judgement j = JudgeStated(kept, typical);
  j.sources = static_cast<int>(CountOutlets(claims));
  if (j.status != Status::kConflict) j.reason = "unit_confusion";
  j.status = Status::kConflict;
  j.outliers.insert(j.outliers.end(), slips.begin(), slips.end());
  return j;
}

namespace {

Judgement JudgeStated(const std::vector<ClaimInterval>& claims,
                      std::optional<double> typical) {
  Judgement j;
  j.sources = static_cast<int>(CountOutlets(claims));
  std::vector<size_t> all(claims.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  if (j.sources <= 1) {
    j.consensus = MostStated(claims, all);
    return j;
  }

  // The same statement: one value, or one range ("4 to 5 million" and
  // "four to five million"), with one qualifier.
  auto same_end = [](const std::optional<double>& a,
                     const std::optional<double>& b) {
    return a.has_value() == b.has_value() && (!a || SameValue(*a, *b));
  };
  const ClaimInterval& first = claims.front();
  bool same = true;
  for (const ClaimInterval& c : claims) {
    bool values = c.value ? first.value && SameValue(*c.value, *first.value)
                          : !first.value && same_end(c.low, first.low) &&
                                same_end(c.high, first.high);
    if (!values || c.qualifier != first.qualifier) {
      same = false;
      break;
    }
  }
  if (same) {
    j.status = Status::kAgree;
    j.consensus = PointOf(first);
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
  int32_t outlet_ids = 0;
  for (const ClaimInterval& c : claims) {
    for (int32_t o : c.outlets) outlet_ids = std::max(outlet_ids, o + 1);
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
  std::vector<int> per_outlet(static_cast<size_t>(outlet_ids), 0);
  // 0: not reached yet, 1: covering, 2: passed.
  std::vector<char> state_of(n, 0);
  size_t covered_outlets = 0;
  int64_t covered = 0;
  uint64_t hash = 0;
  size_t next_low = 0;
  size_t next_high = 0;
  size_t best_outlets = 0;
  int64_t best_claims = 0;
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
      covered += claims[i].claims;
      hash ^= word[i];
      for (int32_t o : claims[i].outlets) {
        if (per_outlet[static_cast<size_t>(o)]++ == 0) ++covered_outlets;
      }
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
      covered -= claims[i].claims;
      hash ^= word[i];
      for (int32_t o : claims[i].outlets) {
        if (--per_outlet[static_cast<size_t>(o)] == 0) --covered_outlets;
      }
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
  std::vector<size_t> covering;
  std::vector<bool> is_outlier(n, false);
  for (size_t i = 0; i < n; ++i) {
    if (Covers(claims[i], best_x)) {
      covering.push_back(i);
    } else {
      is_outlier[i] = true;
    }
  }
  j.consensus = MostStated(claims, covering);
  if (!j.consensus) j.consensus = best_x;
  int64_t all_claims = 0;
  for (const ClaimInterval& c : claims) all_claims += c.claims;
  if (best_claims == all_claims) {
    j.status = Status::kCompatible;
    // A ceiling: an "up to" above what the others hold to.
    j.reason = "rounding";
    for (const ClaimInterval& c : claims) {
      bool ceiling = c.qualifier == "up_to" || c.qualifier == "at_most";
      if (ceiling && c.value && !SameValue(*c.value, *j.consensus)) {
        j.reason = "ceiling";
      }
    }
    return j;
  }
  j.status = Status::kConflict;
  std::vector<size_t> others;
  for (size_t i = 0; i < n; ++i) {
    if (is_outlier[i]) others.push_back(i);
  }
  std::optional<double> other_value = MostStated(claims, others);
  bool latest_is_outlier = false;
  if (DatedApart(claims, is_outlier, &latest_is_outlier)) {
    // A timeline: the figure changed between reports.
    j.status = Status::kCompatible;
    j.reason = "time";
    if (latest_is_outlier && other_value) j.consensus = other_value;
    return j;
  }
  j.reason = ReasonForOutliers(claims, is_outlier, *j.consensus);
  if (best_sets.size() == 1) {
    for (size_t i : others) j.outliers.push_back(claims[i].claim_id);
    return j;
  }
  // Outlets tie. A slip still has a wrong side: the magnitude less usual
  // for the figure.
  if (j.reason == "conflict" || !typical || !other_value) return j;
  double mine = std::fabs(std::log10(*j.consensus / *typical));
  double theirs = std::fabs(std::log10(*other_value / *typical));
  if (mine <= theirs) {
    for (size_t i : others) j.outliers.push_back(claims[i].claim_id);
  } else {
    for (size_t i : covering) j.outliers.push_back(claims[i].claim_id);
    j.consensus = other_value;
  }
  return j;
}

}  // namespace

}  // namespace ct::facts
