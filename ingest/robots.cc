#include "ingest/robots.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"

namespace ct::ingest {
namespace {

using text::Lower;
using text::Trim;

// Whether `path` matches a robots pattern: '*' for any run, '$' at the end
// to anchor. Linear enough for patterns of a few dozen characters.
bool Matches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Greedy matching of the pieces between stars.
  size_t pos = 0;
  size_t start = 0;
  bool first = true;
  while (true) {
    size_t star = pattern.find('*', start);
    std::string_view piece = pattern.substr(
        start,
        star == std::string_view::npos ? std::string_view::npos : star - start);
    if (first) {
      if (path.substr(0, piece.size()) != piece) return false;
      pos = piece.size();
      first = false;
    } else {
      size_t found = path.find(piece, pos);
      if (found == std::string_view::npos) return false;
      pos = found + piece.size();
    }
    if (star == std::string_view::npos) break;
    start = star + 1;
  }
  if (anchored) {
    // The last piece must end the path.
    size_t last_star = pattern.rfind('*');
    std::string_view tail = last_star == std::string_view::npos
                                ? pattern
                                : pattern.substr(last_star + 1);
    return path.size() >= tail.size() &&
           path.substr(path.size() - tail.size()) == tail &&
           (last_star != std::string_view::npos || path.size() == tail.size());
  }
  return true;
}

}  // namespace

RobotsRules RobotsRules::Parse(std::string_view body, std::string_view agent) {
  std::string me = Lower(agent);
  // Groups: a run of user-agent lines, then rules.
  std::vector<Rule> mine, star;
  bool in_mine = false, in_star = false, reading_agents = false;
  bool found_mine = false;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    start = end + 1;
    size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      if (end == body.size()) break;
      continue;
    }
    std::string key = Lower(Trim(line.substr(0, colon)));
    std::string_view value = Trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!reading_agents) {
        in_mine = in_star = false;
        reading_agents = true;
      }
      std::string ua = Lower(value);
      if (ua == "*") in_star = true;
      if (!me.empty() && ua.find(me) != std::string::npos) {
        in_mine = true;
        found_mine = true;
      }
    } else if (key == "allow" || key == "disallow") {
      reading_agents = false;
      if (value.empty()) continue;  // "Disallow:" allows everything.
      Rule rule{std::string(value), key == "allow"};
      if (in_mine) mine.push_back(rule);
      if (in_star) star.push_back(rule);
    } else {
      reading_agents = false;
    }
    if (end == body.size()) break;
  }
  RobotsRules r;
  r.rules_ = found_mine ? std::move(mine) : std::move(star);
  return r;
}

bool RobotsRules::Allowed(std::string_view path) const {
  if (path.empty()) path = "/";
  size_t best = 0;
  bool allowed = true;
  bool any = false;
  for (const Rule& rule : rules_) {
    if (!Matches(rule.pattern, path)) continue;
    size_t len = rule.pattern.size();
    if (!any || len > best || (len == best && rule.allow)) {
      best = len;
      allowed = rule.allow;
      any = true;
    }
  }
  return allowed;
}

}  // namespace ct::ingest
