#include "facts/judge.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

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

  // The best point is covered by the most outlets, then the most claims.
  size_t best_outlets = 0;
  size_t best_claims = 0;
  std::vector<std::vector<size_t>> best_sets;
  for (double x : candidates) {
    std::vector<size_t> covering;
    std::set<std::string> covering_outlets;
    for (size_t i = 0; i < claims.size(); ++i) {
      if (Covers(claims[i], x)) {
        covering.push_back(i);
        covering_outlets.insert(claims[i].outlet);
      }
    }
    size_t no = covering_outlets.size();
    size_t nc = covering.size();
    if (no > best_outlets || (no == best_outlets && nc > best_claims)) {
      best_outlets = no;
      best_claims = nc;
      best_sets.assign(1, covering);
    } else if (no == best_outlets && nc == best_claims &&
               std::find(best_sets.begin(), best_sets.end(), covering) ==
                   best_sets.end()) {
      best_sets.push_back(covering);
    }
  }
  if (best_claims == claims.size()) {
    j.status = Status::kCompatible;
    return j;
  }
  j.status = Status::kConflict;
  if (best_sets.size() == 1) {
    const std::vector<size_t>& keep = best_sets.front();
    for (size_t i = 0; i < claims.size(); ++i) {
      if (!std::binary_search(keep.begin(), keep.end(), i)) {
        j.outliers.push_back(claims[i].claim_id);
      }
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
