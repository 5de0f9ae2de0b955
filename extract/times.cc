// Times: the periods a sentence names, and the one each figure is for
// (meaning.h).

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/days.h"
#include "extract/meaning.h"
#include "extract/vocabulary.h"

namespace ct::extract {
namespace {

// The label of a relative time against `today`, or empty.
std::string RelativeLabel(std::string_view phrase,
                          std::optional<int64_t> today) {
  if (!today) return {};
  std::string p(phrase);
  for (char& c : p) c = static_cast<char>(std::tolower(c));
  int64_t day = *today;
  int year = days::YearOf(day);
  auto has = [&](std::string_view w) { return p.find(w) != std::string::npos; };
  if (has("last year") || has("a year ago")) {
    return std::to_string(year - 1);
  }
  if (has("next year")) return std::to_string(year + 1);
  if (has("this year") || has("year-to-date")) {
    return std::to_string(year);
  }
  if (has("yesterday")) return days::ToIso(day - 1);
  if (has("today")) return days::ToIso(day);
  static const char* kWeekdays[] = {
      "thursday", "friday",  "saturday", "sunday",
      "monday",   "tuesday", "wednesday"};  // 1970-01-01 was a Thursday.
  for (int w = 0; w < 7; ++w) {
    if (!has(kWeekdays[w])) continue;
    int64_t today_w = ((day % 7) + 7) % 7;
    int64_t back = ((today_w - w) % 7 + 7) % 7;
    return days::ToIso(day - back);
  }
  return {};
}

// Whether `t` is the day a deal was told, not a period of its figures:
// "under terms the two companies released on October 6", "the companies
// said Monday". A day after a verb of telling.
bool DatesTheTelling(std::string_view text, const TimeMention& t) {
  bool day = t.label.size() == 10 && t.label[4] == '-' && t.label[7] == '-';
  if (!day) return false;
  static const WordSet* telling = &WordList("time.telling_verbs");
  // The word before the time, past "on".
  size_t end = t.begin;
  for (int words = 0; words < 2; ++words) {
    while (end > 0 && text[end - 1] == ' ') --end;
    size_t begin = end;
    while (begin > 0 && ((text[begin - 1] >= 'a' && text[begin - 1] <= 'z') ||
                         (text[begin - 1] >= 'A' && text[begin - 1] <= 'Z'))) {
      --begin;
    }
    std::string word(text.substr(begin, end - begin));
    for (char& c : word) c = static_cast<char>(c | 0x20);
    if (telling->count(word) > 0) return true;
    if (word != "on") return false;
    end = begin;
  }
  return false;
}

// The patterns of the times a sentence may name.
struct TimePatterns {
  const RE2 half{
      "(?i)\\b(first|second|1st|2nd)\\s+half\\s+(?:of\\s+)?((?:19|20)\\d\\d)"
      "\\b"};
  const RE2 half_short{
      "\\b(?:H([12])\\s*'?((?:19|20)\\d\\d)|([12])H\\s*'?(\\d\\d))\\b"};
  const RE2 quarter{
      "(?i)\\b(first|second|third|fourth|1st|2nd|3rd|4th)\\s+quarter\\s+"
      "(?:of\\s+)?((?:19|20)\\d\\d)\\b"};
  const RE2 quarter_short{"\\bQ([1-4])\\s*'?((?:19|20)\\d\\d)\\b"};
  const RE2 decade{"(?i)\\bnext\\s+decade\\b"};
  // Times relative to the article's own date; they give no scope but stop
  // a year from a neighbouring clause: "by 2030, up from 4% today".
  const RE2 relative{
      "(?i)\\b(?:today|yesterday|currently|at present|to date|so far this "
      "year|this year|last year|next year|a year ago|year-to-date)\\b"};
  // A weekday names a day of the article's week: "on Monday", "Tuesday's
  // session"; capitalised, as a name.
  const RE2 weekday{
      "\\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b"};
  const RE2 year{"(?:^|[^0-9,.$])((?:19|20|21)\\d\\d)(?:,[^0-9]|[^0-9,]|$)"};
};

const TimePatterns& Patterns() {
  static const TimePatterns* patterns = new TimePatterns();
  return *patterns;
}

// The number of an ordinal as written: "first" and "1st" 1, "fourth" 4.
int OrdinalOf(const std::string& w) {
  char c = w.empty() ? '1' : static_cast<char>(std::tolower(w[0]));
  if (c == 'f') return w.size() > 1 && std::tolower(w[1]) == 'o' ? 4 : 1;
  if (c == 's' || c == '2') return 2;
  if (c == 't' || c == '3') return 3;
  if (c == '4') return 4;
  return 1;
}

}  // namespace

std::vector<TimeMention> FindTimes(const SentenceTokens& s,
                                   std::optional<int64_t> today) {
  const TimePatterns& p = Patterns();
  std::vector<TimeMention> out;
  std::string_view text = s.text();
  auto add = [&](re2::StringPiece whole, std::string label) {
    size_t b = static_cast<size_t>(whole.data() - text.data());
    for (const TimeMention& t : out) {
      if (b < t.end && b + whole.size() > t.begin) return;  // Overlap.
    }
    out.push_back({b, b + whole.size(), std::move(label)});
  };
  re2::StringPiece input(text.data(), text.size());
  auto scan = [&](const RE2& re, auto&& make) {
    re2::StringPiece groups[5];
    int n = std::min(5, re.NumberOfCapturingGroups() + 1);
    size_t pos = 0;
    while (pos < input.size() &&
           re.Match(input, pos, input.size(), RE2::UNANCHORED, groups, n)) {
      make(groups);
      pos = static_cast<size_t>(groups[0].data() - input.data()) +
            std::max<size_t>(groups[0].size(), 1);
    }
  };
  scan(p.half, [&](re2::StringPiece* g) {
    add(g[0], std::string(g[2]) + "-H" +
                  std::to_string(OrdinalOf(std::string(g[1]))));
  });
  scan(p.half_short, [&](re2::StringPiece* g) {
    if (!g[1].empty()) {
      add(g[0], std::string(g[2]) + "-H" + std::string(g[1]));
    } else {
      add(g[0], "20" + std::string(g[4]) + "-H" + std::string(g[3]));
    }
  });
  scan(p.quarter, [&](re2::StringPiece* g) {
    add(g[0], std::string(g[2]) + "-Q" +
                  std::to_string(OrdinalOf(std::string(g[1]))));
  });
  scan(p.quarter_short, [&](re2::StringPiece* g) {
    add(g[0], std::string(g[2]) + "-Q" + std::string(g[1]));
  });
  scan(p.decade, [&](re2::StringPiece* g) { add(g[0], "next decade"); });
  scan(p.year, [&](re2::StringPiece* g) { add(g[1], std::string(g[1])); });
  scan(p.relative, [&](re2::StringPiece* g) {
    add(g[0], RelativeLabel(std::string_view(g[0].data(), g[0].size()), today));
  });
  if (today) {
    scan(p.weekday, [&](re2::StringPiece* g) {
      add(g[0],
          RelativeLabel(std::string_view(g[0].data(), g[0].size()), today));
    });
  }
  std::sort(out.begin(), out.end(),
            [](const TimeMention& x, const TimeMention& y) {
              return x.begin < y.begin;
            });
  return out;
}

std::string TimeOf(const SentenceTokens& s,
                   const std::vector<Quantity>& quantities, size_t index,
                   const std::vector<TimeMention>& times) {
  const Quantity& q = quantities[index];
  size_t qb = s.token(q.first).begin;
  size_t qe = s.token(q.last).end;
  // Byte limits set by the neighbouring figures.
  size_t lo = index > 0 ? s.token(quantities[index - 1].last).end : 0;
  size_t hi = index + 1 < quantities.size()
                  ? s.token(quantities[index + 1].first).begin
                  : s.text().size();
  const TimeMention* best = nullptr;
  size_t best_d = 0;
  for (const TimeMention& t : times) {
    if (t.begin < qe && t.end > qb) continue;  // Inside the figure itself.
    if (DatesTheTelling(s.text(), t)) continue;
    size_t d;
    if (t.begin >= qe) {
      if (t.end > hi) continue;
      d = t.begin - qe;
      if (d > 120) continue;
    } else {
      if (t.begin < lo) continue;
      d = qb - t.end + 1;  // A tie goes to the time after.
      if (d > 120) continue;
      // A time in the clause before counts less: "in fiscal 2026, up from
      // $21.2 billion in fiscal 2025".
      std::string_view between = s.text().substr(t.end, qb - t.end);
      if (between.find_first_of(",;") != std::string_view::npos) d += 40;
    }
    if (best == nullptr || d < best_d) {
      best = &t;
      best_d = d;
    }
  }
  return best ? best->label : std::string();
}

}  // namespace ct::extract
