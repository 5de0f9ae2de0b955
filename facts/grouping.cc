#include "facts/grouping.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
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

// What a count counts, for grouping: the head word of the noun, with the
// words outlets use for one thing made one ("4 million homes", "four
// million households"; "50,000 AI chips", "50,000 chips").
std::string_view CountedThing(std::string_view noun) {
  size_t cut = noun.find_last_of(" -");
  std::string_view head =
      cut == std::string_view::npos ? noun : noun.substr(cut + 1);
  if (head == "household" || head == "house" || head == "residence") {
    return "home";
  }
  if (head == "worker" || head == "employee") return "employee";
  return head.empty() ? noun : head;
}

std::string FrameKey(const GroupInput& c) {
  std::string key;
  for (const std::string& p : c.parties) {
    key += p;
    key.push_back('\x1e');
  }
  for (std::string_view part :
       {std::string_view(c.family), std::string_view(c.facet),
        FactUnit(c.family, c.unit)}) {
    key.push_back('\x1f');
    key.append(part);
  }
  key.push_back('\x1f');
  if (c.unit == "count") key.append(CountedThing(c.noun));
  return key;
}

size_t Specificity(const GroupInput& c) { return c.parties.size(); }

// Whether `wide` names a frame that `open` may mean: the same family,
// facet, unit and noun, every party of `open` and more.
bool Fills(const GroupInput& open, const GroupInput& wide) {
  if (open.family != wide.family || open.facet != wide.facet ||
      FactUnit(open.family, open.unit) != FactUnit(wide.family, wide.unit) ||
      (open.unit == "count" &&
       CountedThing(open.noun) != CountedThing(wide.noun))) {
    return false;
  }
  if (!std::includes(wide.parties.begin(), wide.parties.end(),
                     open.parties.begin(), open.parties.end())) {
    return false;
  }
  return Specificity(wide) > Specificity(open);
}

bool Covers(const ClaimInterval& c, double x) {
  return x >= c.low.value_or(-kInf) && x <= c.high.value_or(kInf);
}

// Whether two claims of one article state the same figure: the same value,
// the same range, or one value rounded from the other ("4%" and "3.97%"),
// but never a ceiling or a floor beside a value ("$17.4 billion, up to
// $19.4 billion").
bool SameFigure(const ClaimInterval& a, const ClaimInterval& b) {
  auto plain = [](const ClaimInterval& c) {
    return c.qualifier == "exact" || c.qualifier == "approx";
  };
  // A range and a plain value inside it: "4.5-5 GW", then "about 5 GW".
  if (a.value.has_value() != b.value.has_value()) {
    const ClaimInterval& range = a.value ? b : a;
    const ClaimInterval& value = a.value ? a : b;
    return range.qualifier == "range" && plain(value) && range.low &&
           range.high && *value.value >= *range.low &&
           *value.value <= *range.high;
  }
  if (a.value || b.value) {
    if (SameValue(*a.value, *b.value)) return true;
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
  int64_t claims = 0;           // The claims they stand for.
  double hull_low = kInf;       // The span of its members' intervals.
  double hull_high = -kInf;
  double min_point = kInf;
  double max_point = -kInf;
  std::set<std::string> times;  // The periods its members state.
  double seed = 0;              // The value it started from.
  // Its members by article: two figures of one article never join.
  std::unordered_map<int64_t, std::vector<size_t>> by_article;
  bool merged = false;  // Folded into another cluster.
};

// Whether two clusters may be one figure misreported: a figure for one
// period is not the figure for another ("485 TWh in 2025", "450 TWh in
// 2024"), and a figure that states no period may be any one of them only
// when the frame names no more than one.
bool SamePeriod(const Cluster& a, const Cluster& b, size_t frame_periods) {
  if (a.times == b.times) return true;
  // One value stated alike is one figure, whatever period a sentence put
  // beside it ("6 GW, with deliveries from late 2026").
  if (a.min_point == a.max_point && b.min_point == b.max_point &&
      a.min_point == b.min_point) {
    return true;
  }
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
    if (claims_[i].article == 0) return false;
    auto it = c.by_article.find(claims_[i].article);
    if (it == c.by_article.end()) return false;
    for (size_t m : it->second) {
      if (!SameFigure(At(m), At(i))) return true;
    }
    return false;
  }

  bool ShareArticle(const Cluster& a, const Cluster& b) const {
    const Cluster& small = a.by_article.size() < b.by_article.size() ? a : b;
    const Cluster& large = &small == &a ? b : a;
    for (const auto& [article, members] : small.by_article) {
      if (large.by_article.count(article) > 0) return true;
    }
    return false;
  }

  void Add(Cluster* c, size_t i) {
    const ClaimInterval& in = At(i);
    c->members.push_back(i);
    c->claims += in.claims;
    if (claims_[i].article != 0) {
      c->by_article[claims_[i].article].push_back(i);
    }
    c->hull_low = std::min(c->hull_low, in.low.value_or(-kInf));
    c->hull_high = std::max(c->hull_high, in.high.value_or(kInf));
    if (!claims_[i].time.empty()) {
      c->times.insert(claims_[i].time);
      periods_.insert(claims_[i].time);
    }
    double p = PointOf(in).value_or(0);
    c->min_point = std::min(c->min_point, p);
    c->max_point = std::max(c->max_point, p);
  }

  // 1. Claims that state one value form a class; classes join in order of
  // support, the value most outlets state first, each into the cluster of
  // the nearest value it can be true with. Clusters are then put in value
  // order for step 2.
  void Runs() {
    std::map<double, std::vector<size_t>> by_point;
    for (size_t i : members_) by_point[PointOf(At(i)).value_or(0)].push_back(i);
    struct Class {
      double point;
      size_t outlets;
      int64_t claims;
      const std::vector<size_t>* members;
    };
    std::vector<Class> classes;
    for (const auto& [point, members] : by_point) {
      OutletCount outlets;
      int64_t claims = 0;
      for (size_t i : members) {
        outlets.Add(At(i));
        claims += At(i).claims;
      }
      classes.push_back({point, outlets.count(), claims, &members});
    }
    std::stable_sort(classes.begin(), classes.end(),
                     [](const Class& a, const Class& b) {
                       if (a.outlets != b.outlets) return a.outlets > b.outlets;
                       return a.claims > b.claims;
                     });
    // Clusters by the value they started from: only those near a class's
    // value are looked at.
    std::multimap<double, size_t> by_seed;
    for (const Class& k : classes) {
      double lo = k.point, hi = k.point;
      for (size_t i : *k.members) {
        lo = std::min(lo, At(i).low.value_or(-kInf));
        hi = std::max(hi, At(i).high.value_or(kInf));
      }
      auto first = k.point > 0 ? by_seed.lower_bound(k.point / kConflictRatio)
                               : by_seed.lower_bound(k.point);
      auto last = k.point > 0 ? by_seed.upper_bound(k.point * kConflictRatio)
                              : by_seed.upper_bound(k.point);
      // Members whose article has another figure in the nearest cluster
      // try the next one, and start their own when none takes them: "about
      // 5 GW" joins the 4.5 GW that another outlet states, while an outlet's
      // "over 5 GW" beside its own 4.5 GW stays apart.
      std::vector<size_t> pending = *k.members;
      std::set<size_t> tried;
      while (!pending.empty()) {
        size_t best = SIZE_MAX;
        double best_gap = kInf;
        for (auto it = first; it != last; ++it) {
          if (tried.count(it->second) > 0) continue;
          const Cluster& c = clusters_[it->second];
          if (!Near(std::min(c.min_point, k.point),
                    std::max(c.max_point, k.point))) {
            continue;
          }
          // Can be true together: the value inside the cluster's
          // intervals, or the cluster's values inside the class's.
          bool compatible = (k.point >= c.hull_low && k.point <= c.hull_high) ||
                            (c.max_point >= lo && c.min_point <= hi);
          if (!compatible) continue;
          bool some = false;
          for (size_t i : pending) some = some || !OtherFigureOfArticle(c, i);
          if (!some) continue;
          double gap = std::fabs(k.point - c.seed);
          if (gap < best_gap) {
            best = it->second;
            best_gap = gap;
          }
        }
        if (best == SIZE_MAX) {
          best = clusters_.size();
          clusters_.emplace_back();
          clusters_.back().seed = k.point;
          by_seed.emplace(k.point, best);
          for (size_t i : pending) Add(&clusters_[best], i);
          break;
        }
        tried.insert(best);
        std::vector<size_t> blocked;
        for (size_t i : pending) {
          if (OtherFigureOfArticle(clusters_[best], i)) {
            blocked.push_back(i);
          } else {
            Add(&clusters_[best], i);
          }
        }
        pending = std::move(blocked);
      }
    }
    std::sort(clusters_.begin(), clusters_.end(),
              [](const Cluster& a, const Cluster& b) {
                if (a.min_point != b.min_point) {
                  return a.min_point < b.min_point;
                }
                return a.seed < b.seed;
              });
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
    from->claims = 0;
    from->by_article.clear();
    from->merged = true;
  }

  struct Support {
    size_t outlets = 0;
    int64_t claims = 0;
    std::string first;  // Smallest order key: the last tie-break.
    double consensus = 0;
  };

  Support SupportOf(const Cluster& c) const {
    Support s;
    OutletCount outlets;
    std::vector<ClaimInterval> in;
    for (size_t m : c.members) {
      outlets.Add(At(m));
      in.push_back(At(m));
      if (s.first.empty() || claims_[m].order < s.first) {
        s.first = claims_[m].order;
      }
    }
    s.outlets = outlets.count();
    s.claims = c.claims;
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
    // By their first three significant digits, which slips keep.
    std::map<std::string, std::vector<size_t>> by_digits;
    for (size_t k : live) {
      support[k] = SupportOf(clusters_[k]);
      by_digits[SignificantDigits(support[k].consensus, 3)].push_back(k);
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
      for (size_t h : by_digits[SignificantDigits(v, 3)]) {
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

  const std::vector<GroupInput>& claims_;
  std::vector<size_t> members_;
  std::vector<Cluster> clusters_;
  std::set<std::string> periods_;  // Every period the frame states.
};

bool IsSession(std::string_view facet) {
  return facet == "premarket" || facet == "intraday" || facet == "close" ||
         facet == "after_hours";
}

// A figure stated without its facet ("1 GW of AMD hardware") that more
// outlets state as a facet of the same deal ("the first 1 GW") is that
// facet's figure: its claims move to the faceted frame. `sorted` holds the
// frames in key order.
void MoveToFacets(const std::vector<GroupInput>& claims,
                  const std::vector<size_t>& sorted,
                  std::vector<Frame>* frames) {
  // Frames by everything but the facet.
  std::map<std::string, std::vector<size_t>> by_rest;
  for (size_t f : sorted) {
    const GroupInput& c = *(*frames)[f].fields;
    if ((*frames)[f].members.empty()) continue;
    GroupInput rest = c;
    rest.facet.clear();
    by_rest[FrameKey(rest)].push_back(f);
  }
  // The outlets that state each point in a frame: looked up, not scanned,
  // so a frame of many claims costs n log n.
  using Outlets = std::map<double, std::vector<const ClaimInterval*>>;
  auto outlets_by_point = [&](const Frame& frame) {
    Outlets out;
    for (size_t m : frame.members) {
      std::optional<double> p = PointOf(claims[m].interval);
      if (p) out[*p].push_back(&claims[m].interval);
    }
    return out;
  };
  auto count_at = [](const Outlets& by_point, double point) {
    double slack = 1e-9 * std::max(std::fabs(point), 1.0);
    OutletCount outlets;
    for (auto it = by_point.lower_bound(point - slack);
         it != by_point.end() && it->first <= point + slack; ++it) {
      if (SameValue(it->first, point)) {
        for (const ClaimInterval* c : it->second) outlets.Add(*c);
      }
    }
    return outlets.count();
  };
  for (const auto& [rest, group] : by_rest) {
    size_t plain = SIZE_MAX;
    for (size_t f : group) {
      if ((*frames)[f].fields->facet.empty()) plain = f;
    }
    if (plain == SIZE_MAX || group.size() < 2) continue;
    std::map<size_t, Outlets> points;
    for (size_t f : group) points[f] = outlets_by_point((*frames)[f]);
    Frame& open = (*frames)[plain];
    std::vector<size_t> stay;
    std::map<size_t, std::vector<size_t>> moved;
    for (size_t m : open.members) {
      std::optional<double> p = PointOf(claims[m].interval);
      size_t here = p ? count_at(points[plain], *p) : SIZE_MAX;
      size_t best = SIZE_MAX, best_outlets = 0;
      bool tie = false;
      for (size_t f : group) {
        if (f == plain || !p) continue;
        size_t n = count_at(points[f], *p);
        if (n > best_outlets) {
          best = f;
          best_outlets = n;
          tie = false;
        } else if (n == best_outlets && n > 0) {
          tie = true;
        }
      }
      // A moment of a trading day is what a bare move means when any
      // outlet names it ("rose 40%", "rose 40% after hours"); a deal's
      // facet needs more outlets than the bare figure has.
      bool session =
          best != SIZE_MAX && IsSession((*frames)[best].fields->facet);
      if (best != SIZE_MAX && !tie &&
          (best_outlets > here || (session && best_outlets > 0))) {
        moved[best].push_back(m);
      } else {
        stay.push_back(m);
      }
    }
    for (auto& [f, members] : moved) {
      auto& into = (*frames)[f].members;
      into.insert(into.end(), members.begin(), members.end());
    }
    open.members = std::move(stay);
  }
}

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
    // The values sort themselves out in the clusters of the frame: a figure
    // of another size stays a fact of its own there.
    frames[into].members.insert(frames[into].members.end(),
                                frames[f].members.begin(),
                                frames[f].members.end());
    frames[f].members.clear();
    frames[f].target = into;
  }

  MoveToFacets(claims, sorted, &frames);

  std::vector<FactGroup> out;
  for (size_t f : sorted) {
    if (frames[f].members.empty()) continue;
    FrameClusterer clusterer(claims, frames[f].members);
    for (std::vector<size_t>& members : clusterer.Run()) {
      // Slips of unit alone make no fact.
      if (std::all_of(members.begin(), members.end(),
                      [&](size_t m) { return claims[m].interval.unit_slip; })) {
        continue;
      }
      std::sort(members.begin(), members.end(), [&](size_t a, size_t b) {
        return claims[a].order < claims[b].order;
      });
      FactGroup g;
      g.key = frames[f].key + '\x1d' + claims[members.front()].order;
      // The period most of its claims state.
      std::map<std::string, int64_t> times;
      for (size_t m : members) {
        if (!claims[m].time.empty()) {
          times[claims[m].time] += claims[m].interval.claims;
        }
      }
      int64_t most = 0;
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

bool MayBeTakenForOne(const ClaimInterval& a, const ClaimInterval& b) {
  std::optional<double> p = PointOf(a), q = PointOf(b);
  if (!p || !q) return true;
  return Near(std::min(*p, *q), std::max(*p, *q)) || IsScaleSlip(*p, *q) ||
         IsGarbled(*p, *q);
}

bool UnitSlip(std::string_view family, std::string_view unit) {
  return family == "power_capacity" && unit == "B";
}

std::string_view FactUnit(std::string_view family, std::string_view unit) {
  return UnitSlip(family, unit) ? std::string_view("W") : unit;
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
    if (unit == "count") return !noun.empty() && value >= kManyThings;
    // The term of a deal between two parties: "a seven-year contract".
    return (unit == "year" || unit == "month") && parties.size() >= 2;
  }
  return true;
}

}  // namespace ct::facts
