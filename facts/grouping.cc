#include "facts/grouping.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ct::facts {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Claims with one frame: the same parties, family, facet, unit and noun.
struct Frame {
  const GroupInput* fields = nullptr;  // Of its first claim.
  std::string key;
  std::vector<size_t> members;  // Indexes into the input.
  size_t target = 0;            // The frame it joined; itself if none.
};

std::string FrameKey(const GroupInput& c) {
  std::string key;
  for (const std::string& p : c.parties) {
    key += p;
    key.push_back('\x1e');
  }
  for (std::string_view part :
       {std::string_view(c.family), std::string_view(c.facet),
        std::string_view(c.unit)}) {
    key.push_back('\x1f');
    key.append(part);
  }
  key.push_back('\x1f');
  if (c.unit == "count") key.append(c.noun);
  return key;
}

size_t Specificity(const GroupInput& c) { return c.parties.size(); }

// Whether `wide` names a frame that `open` may mean: the same family,
// facet, unit and noun, every party of `open` and more.
bool Fills(const GroupInput& open, const GroupInput& wide) {
  if (open.family != wide.family || open.facet != wide.facet ||
      open.unit != wide.unit ||
      (open.unit == "count" && open.noun != wide.noun)) {
    return false;
  }
  if (!std::includes(wide.parties.begin(), wide.parties.end(),
                     open.parties.begin(), open.parties.end())) {
    return false;
  }
  return Specificity(wide) > Specificity(open);
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

bool Covers(const ClaimInterval& c, double x) {
  return x >= c.low.value_or(-kInf) && x <= c.high.value_or(kInf);
}

// Whether two claims of one article state the same figure: the same value,
// the same range, or one value rounded from the other ("4%" and "3.97%"),
// but never a ceiling or a floor beside a value ("$17.4 billion, up to
// $19.4 billion").
bool SameFigure(const ClaimInterval& a, const ClaimInterval& b) {
  if (a.value || b.value) {
    if (!a.value || !b.value) return false;
    if (SameValue(*a.value, *b.value)) return true;
    auto plain = [](const ClaimInterval& c) {
      return c.qualifier == "exact" || c.qualifier == "approx";
    };
    return plain(a) && plain(b) && (Covers(a, *b.value) || Covers(b, *a.value));
  }
  auto same = [](const std::optional<double>& x,
                 const std::optional<double>& y) {
    return x.has_value() == y.has_value() && (!x || SameValue(*x, *y));
  };
  return same(a.low, b.low) && same(a.high, b.high);
}

// Claims of one frame with nearby values.
struct Cluster {
  std::vector<size_t> members;  // Indexes into the input.
  double low = -kInf;           // The point all members share, if any.
  double high = kInf;
  double min_point = kInf;
  double max_point = -kInf;
  std::set<std::string> times;  // The periods its members state.
  bool merged = false;          // Folded into another cluster.
};

// Whether two clusters may be one figure misreported: a figure for one
// period is not the figure for another ("485 TWh in 2025", "450 TWh in
// 2024"), and a figure that states no period may be any one of them only
// when the frame names no more than one.
bool SamePeriod(const Cluster& a, const Cluster& b, size_t frame_periods) {
  if (a.times == b.times) return true;
  return frame_periods <= 1 && (a.times.empty() || b.times.empty());
}

// Whether stated values `low` and `high` are near enough to be one figure.
bool Near(double low, double high) {
  if (low == high) return true;
  return low > 0 && high <= kConflictRatio * low;
}

class FrameClusterer {
 public:
  FrameClusterer(const std::vector<GroupInput>& claims,
                 std::vector<size_t> members)
      : claims_(claims), members_(std::move(members)) {}

  std::vector<std::vector<size_t>> Run() {
    Runs();
    MergeNeighbours();
    MergeSlips();
    std::vector<std::vector<size_t>> out;
    for (Cluster& c : clusters_) {
      if (!c.merged) out.push_back(std::move(c.members));
    }
    return out;
  }

 private:
  const ClaimInterval& At(size_t i) const { return claims_[i].interval; }

  // Whether `c` holds another figure of the article of claim `i`.
  bool OtherFigureOfArticle(const Cluster& c, size_t i) const {
    for (size_t m : c.members) {
      if (claims_[m].article == claims_[i].article &&
          !SameFigure(At(m), At(i))) {
        return true;
      }
    }
    return false;
  }

  bool ShareArticle(const Cluster& a, const Cluster& b) const {
    std::set<int64_t> seen;
    for (size_t m : a.members) seen.insert(claims_[m].article);
    for (size_t m : b.members) {
      if (seen.count(claims_[m].article) > 0) return true;
    }
    return false;
  }

  void Add(Cluster* c, size_t i) {
    const ClaimInterval& in = At(i);
    c->members.push_back(i);
    c->low = std::max(c->low, in.low.value_or(-kInf));
    c->high = std::min(c->high, in.high.value_or(kInf));
    if (!claims_[i].time.empty()) {
      c->times.insert(claims_[i].time);
      periods_.insert(claims_[i].time);
    }
    double p = PointOf(in).value_or(0);
    c->min_point = std::min(c->min_point, p);
    c->max_point = std::max(c->max_point, p);
  }

  // 1. Claims in value order join while they share a point.
  void Runs() {
    std::vector<std::pair<double, size_t>> order;
    for (size_t i : members_) {
      order.emplace_back(PointOf(At(i)).value_or(0), i);
    }
    std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first < b.first;
      return claims_[a.second].order < claims_[b.second].order;
    });
    for (const auto& [point, i] : order) {
      const ClaimInterval& in = At(i);
      if (!clusters_.empty()) {
        Cluster& last = clusters_.back();
        // An open end ("more than 2 GW") reaches any larger figure: the
        // stated values must be near too.
        bool shares = in.low.value_or(-kInf) <= last.high &&
                      in.high.value_or(kInf) >= last.low &&
                      Near(std::min(last.min_point, point),
                           std::max(last.max_point, point));
        if (shares && !OtherFigureOfArticle(last, i)) {
          Add(&last, i);
          continue;
        }
      }
      clusters_.emplace_back();
      Add(&clusters_.back(), i);
    }
  }

  // 2. Neighbours close in value are one figure misreported.
  void MergeNeighbours() {
    Cluster* open = nullptr;
    for (Cluster& c : clusters_) {
      if (open != nullptr &&
          Near(std::min(open->min_point, c.min_point),
               std::max(open->max_point, c.max_point)) &&
          SamePeriod(*open, c, periods_.size()) && !ShareArticle(*open, c)) {
        Fold(&c, open);
        continue;
      }
      open = &c;
    }
  }

  void Fold(Cluster* from, Cluster* into) {
    for (size_t m : from->members) Add(into, m);
    from->members.clear();
    from->merged = true;
  }

  struct Support {
    size_t outlets = 0;
    size_t claims = 0;
    std::string first;  // Smallest order key: the last tie-break.
    double consensus = 0;
  };

  Support SupportOf(const Cluster& c) const {
    Support s;
    std::set<std::string_view> outlets;
    std::vector<ClaimInterval> in;
    for (size_t m : c.members) {
      outlets.insert(At(m).outlet);
      in.push_back(At(m));
      if (s.first.empty() || claims_[m].order < s.first) {
        s.first = claims_[m].order;
      }
    }
    s.outlets = outlets.size();
    s.claims = c.members.size();
    s.consensus = Judge(in).consensus.value_or(0);
    return s;
  }

  // 3. A cluster one slip away from a better supported one joins it.
  void MergeSlips() {
    std::vector<size_t> live;
    for (size_t k = 0; k < clusters_.size(); ++k) {
      if (!clusters_[k].merged) live.push_back(k);
    }
    if (live.size() < 2) return;
    std::vector<Support> support(clusters_.size());
    std::map<std::string, std::vector<size_t>> by_digits;
    for (size_t k : live) {
      support[k] = SupportOf(clusters_[k]);
      by_digits[Digits3(support[k].consensus)].push_back(k);
    }
    // Weakest first, so that a slip follows the figure most sources hold.
    std::sort(live.begin(), live.end(), [&](size_t a, size_t b) {
      const Support& x = support[a];
      const Support& y = support[b];
      if (x.outlets != y.outlets) return x.outlets < y.outlets;
      if (x.claims != y.claims) return x.claims < y.claims;
      return x.first > y.first;
    });
    for (size_t k : live) {
      double v = support[k].consensus;
      size_t best = SIZE_MAX;
      for (size_t h : by_digits[Digits3(v)]) {
        if (h == k || clusters_[h].merged) continue;
        if (support[h].outlets <= support[k].outlets) continue;
        double w = support[h].consensus;
        if (!IsScaleSlip(v, w) && !IsGarbled(v, w)) continue;
        if (ShareArticle(clusters_[k], clusters_[h]) ||
            !SamePeriod(clusters_[k], clusters_[h], periods_.size())) {
          continue;
        }
        if (best == SIZE_MAX || support[h].outlets > support[best].outlets) {
          best = h;
        }
      }
      if (best != SIZE_MAX) Fold(&clusters_[k], &clusters_[best]);
    }
  }

  // The first three significant digits: slips keep them.
  static std::string Digits3(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2e", std::fabs(v));
    std::string d;
    for (const char* p = buf; *p != '\0' && *p != 'e'; ++p) {
      if (*p >= '0' && *p <= '9') d.push_back(*p);
    }
    while (d.size() > 1 && d.back() == '0') d.pop_back();
    return d;
  }

  const std::vector<GroupInput>& claims_;
  std::vector<size_t> members_;
  std::vector<Cluster> clusters_;
  std::set<std::string> periods_;  // Every period the frame states.
};

}  // namespace

std::vector<FactGroup> GroupClaims(const std::vector<GroupInput>& claims) {
  std::vector<Frame> frames;
  std::map<std::string, size_t> by_key;
  for (size_t i = 0; i < claims.size(); ++i) {
    const GroupInput& c = claims[i];
    if (c.parties.empty()) continue;
    std::string key = FrameKey(c);
    auto [it, added] = by_key.emplace(key, frames.size());
    if (added) {
      Frame f;
      f.fields = &c;
      f.key = std::move(key);
      f.target = frames.size();
      frames.push_back(std::move(f));
    }
    frames[it->second].members.push_back(i);
  }
  // Frames in key order, so that joins do not depend on the input's order.
  std::vector<size_t> sorted;
  for (const auto& [key, f] : by_key) sorted.push_back(f);
  auto final_target = [&](size_t f) {
    while (frames[f].target != f) f = frames[f].target;
    return f;
  };
  // The most specific open frames first, so that a claim with one party
  // and no time follows one with two parties into the frame with a time.
  std::vector<size_t> order = sorted;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return Specificity(*frames[a].fields) > Specificity(*frames[b].fields);
  });
  for (size_t f : order) {
    const GroupInput& open = *frames[f].fields;
    size_t best = SIZE_MAX;
    size_t best_specificity = 0;
    bool tie = false;
    for (size_t h : sorted) {
      if (h == f || !Fills(open, *frames[h].fields)) continue;
      size_t sp = Specificity(*frames[h].fields);
      if (best == SIZE_MAX || sp > best_specificity) {
        best = h;
        best_specificity = sp;
        tie = false;
      } else if (sp == best_specificity &&
                 final_target(h) != final_target(best)) {
        tie = true;
      }
    }
    if (best == SIZE_MAX || tie) continue;
    size_t into = final_target(best);
    // Every value must fit with every other, whoever states it: one
    // outlet's "6 GW" and "1 GW in 2026-H2" are two frames.
    std::vector<ClaimInterval> together;
    for (const auto* members : {&frames[into].members, &frames[f].members}) {
      for (size_t m : *members) {
        together.push_back(claims[m].interval);
        together.back().outlet = std::to_string(m);
        together.back().published.clear();
      }
    }
    if (Judge(together).status == Status::kConflict) continue;
    frames[into].members.insert(frames[into].members.end(),
                                frames[f].members.begin(),
                                frames[f].members.end());
    frames[f].members.clear();
    frames[f].target = into;
  }

  std::vector<FactGroup> out;
  for (size_t f : sorted) {
    if (frames[f].members.empty()) continue;
    FrameClusterer clusterer(claims, frames[f].members);
    for (std::vector<size_t>& members : clusterer.Run()) {
      std::sort(members.begin(), members.end(), [&](size_t a, size_t b) {
        return claims[a].order < claims[b].order;
      });
      FactGroup g;
      g.key = frames[f].key + '\x1d' + claims[members.front()].order;
      // The period most of its claims state.
      std::map<std::string, size_t> times;
      for (size_t m : members) {
        if (!claims[m].time.empty()) ++times[claims[m].time];
      }
      size_t most = 0;
      for (const auto& [time, n] : times) {
        if (n > most) {
          g.time = time;
          most = n;
        }
      }
      g.parties = frames[f].fields->parties;
      g.members = std::move(members);
      out.push_back(std::move(g));
    }
  }
  return out;
}

std::string_view MetricFamily(std::string_view metric) {
  if (metric == "commitment" || metric == "investment") return "deal_value";
  return metric;
}

std::optional<double> TypicalMagnitude(std::string_view family,
                                       std::string_view unit) {
  if (family == "power_capacity" && unit == "W") return 1e9;
  if ((family == "deal_value" || family == "valuation") && unit == "USD") {
    return 1e10;
  }
  if (family == "gpu_count" && unit == "gpu") return 1e5;
  return std::nullopt;
}

bool Groupable(const std::vector<std::string>& parties, std::string_view metric,
               std::string_view unit, std::string_view noun, double value) {
  if (parties.empty() || metric.empty()) return false;
  // A figure of no known metric still has a fact when it counts many of a
  // named thing: the noun keeps unrelated counts apart.
  constexpr double kManyThings = 1000;
  if (metric == "other") {
    return unit == "count" && !noun.empty() && value >= kManyThings;
  }
  return true;
}

}  // namespace ct::facts
