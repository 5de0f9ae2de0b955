#include "facts/grouping.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ct::facts {

namespace {

// Claims with one full key.
struct Group {
  const GroupInput* fields = nullptr;  // Of its first claim.
  std::string key;
  std::vector<size_t> members;  // Indexes into the input.
  size_t target = 0;            // The group it joined; itself if none.
};

int Specificity(const GroupInput& c) {
  return (c.object.empty() ? 0 : 1) + (c.time.empty() ? 0 : 1);
}

// Whether `wide` names a fact that `open` may mean: the same subject,
// metric, unit and noun, every field `open` states stated alike, and more
// fields stated.
bool Fills(const GroupInput& open, const GroupInput& wide) {
  if (open.subject != wide.subject || open.metric != wide.metric ||
      open.unit != wide.unit ||
      (open.unit == "count" && open.noun != wide.noun)) {
    return false;
  }
  if (!open.object.empty() && open.object != wide.object) return false;
  if (!open.time.empty() && open.time != wide.time) return false;
  return Specificity(wide) > Specificity(open);
}

}  // namespace

std::vector<std::string> AssignFactKeys(const std::vector<GroupInput>& claims) {
  std::vector<Group> groups;
  std::map<std::string, size_t> by_key;
  std::vector<size_t> group_of(claims.size(), SIZE_MAX);
  for (size_t i = 0; i < claims.size(); ++i) {
    const GroupInput& c = claims[i];
    if (!Groupable(c.subject, c.metric)) continue;
    std::string key =
        FactKey(c.subject, c.metric, c.object, c.time, c.unit, c.noun);
    auto [it, added] = by_key.emplace(key, groups.size());
    if (added) {
      Group g;
      g.fields = &c;
      g.key = std::move(key);
      g.target = groups.size();
      groups.push_back(std::move(g));
    }
    groups[it->second].members.push_back(i);
    group_of[i] = it->second;
  }
  auto final_target = [&](size_t g) {
    while (groups[g].target != g) g = groups[g].target;
    return g;
  };
  // The most specific open groups first, so that a claim with neither
  // object nor time follows one with an object into the fact with both.
  std::vector<size_t> order;
  for (size_t g = 0; g < groups.size(); ++g) {
    if (Specificity(*groups[g].fields) < 2) order.push_back(g);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return Specificity(*groups[a].fields) > Specificity(*groups[b].fields);
  });
  // Candidates are few per subject; a scan per open group stays linear in
  // practice because subjects and metrics split the groups finely.
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> by_base;
  for (size_t g = 0; g < groups.size(); ++g) {
    by_base[{groups[g].fields->subject, groups[g].fields->metric}].push_back(g);
  }
  for (size_t g : order) {
    const GroupInput& open = *groups[g].fields;
    size_t best = SIZE_MAX;
    int best_specificity = -1;
    bool tie = false;
    for (size_t h : by_base[{open.subject, open.metric}]) {
      if (h == g || !Fills(open, *groups[h].fields)) continue;
      int sp = Specificity(*groups[h].fields);
      if (sp > best_specificity) {
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
    // outlet's "6 GW" and "1 GW in 2026-H2" are two facts too.
    std::vector<ClaimInterval> together;
    for (const auto* members : {&groups[into].members, &groups[g].members}) {
      for (size_t m : *members) {
        together.push_back(claims[m].interval);
        together.back().outlet = std::to_string(m);
      }
    }
    if (Judge(together).status == Status::kConflict) continue;
    groups[into].members.insert(groups[into].members.end(),
                                groups[g].members.begin(),
                                groups[g].members.end());
    groups[g].members.clear();
    groups[g].target = into;
  }
  std::vector<std::string> keys(claims.size());
  for (size_t i = 0; i < claims.size(); ++i) {
    if (group_of[i] != SIZE_MAX)
      keys[i] = groups[final_target(group_of[i])].key;
  }
  return keys;
}

}  // namespace ct::facts
