// Grouping: which claims state the same fact.
//
// A claim's own key is (subject, metric, object, time, unit, and the
// counted noun). A claim that leaves the object or the time open joins the
// one fact that fills them in, when there is exactly one such fact and its
// claims and this one can all be true together:
//
//   "220,000 GPUs at Colossus 1"               (Colossus 1, gpu_count)
//   "220,000 GPUs at Colossus 1 from SpaceX"   (Colossus 1, gpu_count, SpaceX)
//
// are one fact. When two facts could be meant ("485 TWh in 2025", "950 TWh
// in 2030") or the values could not both hold ("6 GW" beside "1 GW in
// 2026-H2", a total and a first tranche), the open claim keeps a fact of its
// own: a join may never make a conflict.
//
// Thread-safe: pure functions.

#ifndef CT_FACTS_GROUPING_H_
#define CT_FACTS_GROUPING_H_

#include <string>
#include <vector>

#include "facts/judge.h"

namespace ct::facts {

// What grouping needs to know of one claim.
struct GroupInput {
  std::string subject, metric, object, time, unit, noun;
  ClaimInterval interval;
};

// The fact key of every claim, in input order; empty for claims that join
// no fact (see Groupable). Claims with equal keys form one fact.
std::vector<std::string> AssignFactKeys(const std::vector<GroupInput>& claims);

}  // namespace ct::facts

#endif  // CT_FACTS_GROUPING_H_
