#include "web/pages.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "web/format.h"

namespace ct::web {
namespace {

constexpr const char* kStyle = R"css(
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#fafafa}
header{background:#1d2330;color:#fff;padding:.6em 1.2em}
header a{color:#fff;margin-right:1.2em;text-decoration:none}
header a.brand{font-weight:700}
main{max-width:72em;margin:0 auto;padding:1em 1.2em}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.35em .6em;border-bottom:1px solid #e3e5ea;vertical-align:top}
th{font-size:.85em;color:#5a6172}
.status{font-weight:600;padding:.05em .5em;border-radius:.8em;font-size:.85em}
.conflict{background:#fde2e1;color:#a1150f}
.compatible{background:#fff2cc;color:#7a5800}
.agree{background:#dff3e3;color:#1c6b32}
.single{background:#eceef2;color:#4b5263}
.outlier td{background:#fff5f5}
mark{background:#fff2a8;padding:0 .1em}
mark.conflict{background:#fbc9c6}
mark.compatible{background:#ffe8a3}
mark.agree{background:#c8ecd1}
mark.single{background:#e4e6eb}
.legend span{margin-right:1em}
.first{font-size:.8em;font-weight:600;color:#1c6b32}
.muted{color:#6b7280;font-size:.9em}
blockquote{margin:.2em 0;color:#394150}
form.search input{font-size:1em;padding:.3em;width:20em}
form.filters{margin:.5em 0}
form.filters select,form.filters input{font-size:.95em;margin-right:.6em}
.facets{display:flex;flex-wrap:wrap;gap:1.5em;font-size:.9em;margin:.5em 0}
.facets ul{list-style:none;margin:0;padding:0}
nav.pages{margin:1em 0}
.article p{max-width:46em}
)css";

std::string Layout(std::string_view title, const std::string& body) {
  std::string out;
  out += "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">";
  out +=
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">";
  out += "<title>" + EscapeHtml(title) + " · claimtrack</title>";
  out += "<style>";
  out += kStyle;
  out +=
      "</style></head><body><header><a class=\"brand\" "
      "href=\"/\">claimtrack</a>";
  out += "<a href=\"/\">Facts</a><a href=\"/articles\">Articles</a>";
  out += "<a href=\"/search\">Search</a><a href=\"/sources\">Sources</a>";
  out += "<a href=\"/facts.csv\">CSV</a></header><main>";
  out += body;
  out += "</main></body></html>";
  return out;
}

std::string StatusBadge(std::string_view status) {
  std::string s = EscapeHtml(status);
  return "<span class=\"status " + s + "\">" + s + "</span>";
}

std::string FactTitle(const store::FactRow& f) {
  std::string t = f.subject + ": " + ReadableMetric(f.metric);
  if (!f.noun.empty()) t += " (" + f.noun + ")";
  if (!f.object.empty()) t += " · with " + f.object;
  if (!f.time.empty()) t += " · " + f.time;
  return t;
}

// The values a fact's claims state, by number, each once, with its
// qualifier: "about 6 GW · 6 GW · 8 GW".
std::string ValueSpread(const store::FactRow& f) {
  std::string out;
  for (const std::string& text : ValuesByNumber(f)) {
    if (!out.empty()) out += " · ";
    out += text;
  }
  return out;
}

// Who disagrees, for the overview: the outlier outlets with their values
// ("C Times: 8 GW"), or what the difference is when none stands out.
std::string WhoDisagrees(const store::FactRow& f) {
  std::vector<std::string> named;
  for (const store::ClaimRow& r : f.claims) {
    if (!r.outlier) continue;
    std::string one = r.source + ": " + QualifiedValue(r.claim);
    if (std::find(named.begin(), named.end(), one) == named.end()) {
      named.push_back(one);
    }
  }
  std::string out;
  for (const std::string& n : named) {
    if (!out.empty()) out += "; ";
    out += n;
  }
  if (out.empty() && f.status == "conflict") out = "no outlier: outlets tie";
  return out;
}

std::string Link(std::string_view href, std::string_view text) {
  return "<a href=\"" + EscapeHtml(href) + "\">" + EscapeHtml(text) + "</a>";
}

// "JSON · CSV" for a listing, and its next page.
std::string LinksLine(const ListingLinks& links) {
  std::string out;
  if (!links.json.empty() || !links.csv.empty()) {
    out += "<p class=\"muted\">This list as ";
    if (!links.json.empty()) out += Link(links.json, "JSON");
    if (!links.json.empty() && !links.csv.empty()) out += " · ";
    if (!links.csv.empty()) out += Link(links.csv, "CSV");
    out += "</p>";
  }
  return out;
}

std::string NextLink(const ListingLinks& links) {
  if (links.next.empty()) return "";
  return "<nav class=\"pages\"><a rel=\"next\" href=\"" +
         EscapeHtml(links.next) + "\">Next page →</a></nav>";
}

std::string Option(std::string_view value, std::string_view label,
                   std::string_view chosen) {
  return "<option value=\"" + EscapeHtml(value) + "\"" +
         (value == chosen ? " selected" : "") + ">" + EscapeHtml(label) +
         "</option>";
}

// Only web links are made clickable; a file: URL is shown as text.
std::string ExternalLink(std::string_view url) {
  if (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) {
    return "<a rel=\"noopener noreferrer\" href=\"" + EscapeHtml(url) + "\">" +
           EscapeHtml(url) + "</a>";
  }
  return "<span class=\"muted\">" + EscapeHtml(url) + "</span>";
}

// `timeline`: the claims are a fact's in the order reported; the first is
// marked as its first report, and syndicated copies are folded under the
// claim of their original.
std::string ClaimTableRows(const std::vector<store::ClaimRow>& claims,
                           bool show_fact, bool timeline = false) {
  // Copies by the original article they copy, when that one is listed.
  std::map<int64_t, std::vector<const store::ClaimRow*>> copies;
  std::set<int64_t> listed;
  for (const store::ClaimRow& r : claims) listed.insert(r.article_id);
  auto folded = [&](const store::ClaimRow& r) {
    return timeline && r.original_id != 0 && listed.count(r.original_id) > 0;
  };
  for (const store::ClaimRow& r : claims) {
    if (folded(r)) copies[r.original_id].push_back(&r);
  }
  std::set<int64_t> shown;  // Originals whose copies are listed already.
  std::string out;
  // Appended a piece at a time: a fact's page holds hundreds of these rows.
  auto text = [&out](std::string_view s) { AppendEscaped(&out, s); };
  for (const store::ClaimRow& r : claims) {
    if (folded(r)) continue;  // Under its original.
    const extract::Claim& c = r.claim;
    out += r.outlier ? "<tr class=\"outlier\"><td>" : "<tr><td>";
    text(r.source);
    if (timeline && &r == &claims.front()) {
      out += " <span class=\"first\">first reported</span>";
    }
    auto copied = copies.find(r.article_id);
    if (copied != copies.end() && shown.insert(r.article_id).second) {
      // Copies count once, with their original: listed, not counted.
      size_t n = copied->second.size();
      out += "<details><summary class=\"muted\">" + std::to_string(n) +
             (n == 1 ? " copy" : " copies") + "</summary>";
      for (const store::ClaimRow* copy : copied->second) {
        out += "<div class=\"muted\">";
        text(copy->source);
        out += ", ";
        text(ReadableDate(copy->published));
        out += ": ";
        text(copy->claim.surface);
        out += "</div>";
      }
      out += "</details>";
    }
    out += "<div class=\"muted\">";
    text(ReadableDate(r.published));
    out += "</div></td><td><strong>";
    text(c.surface);
    out += "</strong><div class=\"muted\">";
    text(FormatClaimValue(c));
    out += " · ";
    text(extract::QualifierName(c.qualifier));
    out += " · ";
    text(FormatInterval(c));
    out += "</div>";
    if (r.outlier) out += "<div><strong>outlier</strong></div>";
    out += "</td><td><blockquote>";
    text(c.sentence);
    out += "</blockquote><div class=\"muted\"><a href=\"/articles/" +
           std::to_string(r.article_id) + "#claim-" + std::to_string(r.id) +
           "\">";
    text(r.title.empty() ? "article" : r.title);
    out += "</a> · " + ExternalLink(r.url) + "</div></td>";
    if (show_fact) {
      out += "<td>";
      if (r.fact_id) {
        out += "<a href=\"/facts/" + std::to_string(r.fact_id) + "\">fact</a>";
      }
      out += "<div class=\"muted\">";
      text(c.metric);
      out += "<br>";
      text(c.subject);
      out += "</div></td>";
    }
    out += "</tr>";
  }
  return out;
}

}  // namespace

namespace {

// Ticks at 1, 2 or 5 times a power of ten, about five across [lo, hi].
std::vector<double> NiceTicks(double lo, double hi) {
  double raw = (hi - lo) / 5;
  if (!(raw > 0)) return {lo};
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * magnitude;
  for (double m : {1.0, 2.0, 5.0}) {
    if (raw <= m * magnitude) {
      step = m * magnitude;
      break;
    }
  }
  std::vector<double> ticks;
  for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9;
       v += step) {
    ticks.push_back(std::fabs(v) < step * 1e-9 ? 0 : v);
  }
  return ticks;
}

// `v` with one decimal, as the charts write their coordinates: without
// printf's formatting of floating point, which was a tenth of a page's
// cost.
std::string D1(double v) {
  char buf[400];  // Room for any double in fixed notation.
  auto [end, ec] =
      std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
  return std::string(buf, ec == std::errc() ? end : buf);
}

// `s` in at most `most` characters, cut at a character's start and marked
// with an ellipsis.
std::string ShortLabel(const std::string& s, size_t most) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (++chars == most) {
      // Room for the ellipsis only when more follows.
      size_t rest = i;
      while (++rest < s.size() &&
             (static_cast<unsigned char>(s[rest]) & 0xC0) == 0x80) {
      }
      return rest >= s.size() ? s : s.substr(0, i) + "…";
    }
  }
  return s;
}

// Days since 1970-01-01 of an ISO date ("2025-10-06..."), or nullopt.
std::optional<int64_t> DayOf(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const size_t at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (size_t i = at[k]; i < at[k] + len[k]; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
      v[k] = v[k] * 10 + (iso[i] - '0');
    }
  }
  int64_t y = v[0], m = v[1], d = v[2];
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  // Counted from March, so that the leap day ends a year.
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t year_of_era = y - era * 400;
  int64_t day_of_year = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

}  // namespace

std::string TimelineSvg(const store::FactRow& fact) {
  // One mark for each outlet's first report of each value, in the order
  // reported.
  struct Mark {
    int64_t day;
    std::string label;
    bool outlier;
    bool first;
  };
  std::vector<Mark> marks;
  std::set<std::pair<std::string, std::string>> seen;
  for (const store::ClaimRow& r : fact.claims) {
    auto day = DayOf(r.published);
    if (!day) continue;
    std::string value = QualifiedValue(r.claim);
    if (!seen.insert({r.source, value}).second) continue;
    marks.push_back({*day, ShortLabel(r.source, 20) + ": " + value, r.outlier,
                     marks.empty()});
  }
  if (marks.empty()) return "";
  int64_t first = marks.front().day, last = first;
  for (const Mark& m : marks) {
    first = std::min(first, m.day);
    last = std::max(last, m.day);
  }
  constexpr int kLeft = 20, kWidth = 680, kLane = 16, kMaxLanes = 8;
  const double span = static_cast<double>(std::max<int64_t>(last - first, 1));
  auto x = [&](int64_t day) {
    return last == first ? kLeft + kWidth / 2.0
                         : kLeft + (day - first) / span * kWidth;
  };
  // Labels stack in lanes, each below the last one that would overlap it;
  // past the last lane a mark keeps its dot and loses its label.
  // A label runs right of its mark, or left of it near the strip's end.
  std::vector<double> lane_end(kMaxLanes, -1e9);
  std::vector<int> lane_of(marks.size(), -1);
  std::vector<bool> leftward(marks.size(), false);
  for (size_t i = 0; i < marks.size(); ++i) {
    double at = x(marks[i].day);
    std::string text = (marks[i].first ? "first: " : "") + marks[i].label;
    double width = 6.0 * static_cast<double>(text.size()) + 8;
    leftward[i] = at + width > kLeft * 2 + kWidth;
    double start = leftward[i] ? at - width : at;
    for (int l = 0; l < kMaxLanes; ++l) {
      if (lane_end[l] < start) {
        lane_of[i] = l;
        lane_end[l] = start + width;
        break;
      }
    }
  }
  int lanes = 1;
  for (int l : lane_of) lanes = std::max(lanes, l + 1);
  const int axis = 14;
  const int height = axis + 10 + lanes * kLane + 8;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "<svg class=\"timeline\" viewBox=\"0 0 %d %d\" width=\"100%%\" "
                "role=\"img\" aria-label=\"who reported what, and when\">",
                kLeft * 2 + kWidth, height);
  std::string out = buf;
  std::snprintf(
      buf, sizeof buf,
      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", kLeft,
      axis, kLeft + kWidth, axis);
  out += buf;
  for (size_t i = 0; i < marks.size(); ++i) {
    const Mark& m = marks[i];
    const char* colour = m.outlier ? "#c0392b" : "#2563eb";
    double at = x(m.day);
    std::snprintf(buf, sizeof buf,
                  "<circle cx=\"%s\" cy=\"%d\" r=\"%d\" fill=\"%s\"%s/>",
                  D1(at).c_str(), axis, m.first ? 7 : 4, colour,
                  m.first ? " class=\"first\" stroke=\"#111\"" : "");
    out += buf;
    if (lane_of[i] < 0) continue;
    int y = axis + 10 + lane_of[i] * kLane + 10;
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" "
                  "stroke=\"%s\" opacity=\"0.4\"/><text x=\"%s\" y=\"%d\" "
                  "font-size=\"11\" fill=\"%s\" text-anchor=\"%s\">",
                  D1(at).c_str(), axis, D1(at).c_str(), y - 4, colour,
                  D1(leftward[i] ? at - 3 : at + 3).c_str(), y, colour,
                  leftward[i] ? "end" : "start");
    out += buf;
    out += EscapeHtml((m.first ? "first: " : "") + m.label) + "</text>";
  }
  out += "</svg>";
  // The span in words: the strip has no room for dates on its axis.
  std::string from = ReadableDate(fact.claims.front().published);
  for (const store::ClaimRow& r : fact.claims) {
    if (DayOf(r.published) == first) {
      from = ReadableDate(r.published);
      break;
    }
  }
  std::string to = from;
  for (const store::ClaimRow& r : fact.claims) {
    if (DayOf(r.published) == last) to = ReadableDate(r.published);
  }
  out += "<p class=\"legend muted\"><span>" + EscapeHtml(from) +
         (last == first ? "" : " to " + EscapeHtml(to)) +
         "</span><span>◉ the first report</span>"
         "<span style=\"color:#c0392b\">● an outlier</span></p>";
  return out;
}

std::string NumberLineSvg(const store::FactRow& fact) {
  const double kInf = std::numeric_limits<double>::infinity();
  double lo = kInf, hi = -kInf;
  for (const store::ClaimRow& r : fact.claims) {
    for (const auto& v : {r.claim.low, r.claim.high, r.claim.value}) {
      if (v) {
        lo = std::min(lo, *v);
        hi = std::max(hi, *v);
      }
    }
  }
  if (!std::isfinite(lo)) return "";
  bool negative = lo < 0;
  if (hi <= lo) {
    double pad = std::max(std::fabs(lo) * 0.1, 1.0);
    lo -= pad;
    hi += pad;
  }
  double pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  // The axis goes below zero only when a value does.
  if (!negative) lo = std::max(lo, 0.0);

  // One label per outlet: its rows together, in the order outlets first
  // reported, each outlet's by value. An outlet that states the same
  // figure again, in another article or sentence, has one row for it.
  std::vector<const store::ClaimRow*> rows;
  std::vector<std::string> outlets;
  std::set<std::tuple<std::string_view, std::optional<double>,
                      std::optional<double>, std::optional<double>, bool>>
      drawn;
  for (const store::ClaimRow& r : fact.claims) {
    if (std::find(outlets.begin(), outlets.end(), r.source) == outlets.end()) {
      outlets.push_back(r.source);
    }
    if (drawn
            .insert(
                {r.source, r.claim.low, r.claim.high, r.claim.value, r.outlier})
            .second) {
      rows.push_back(&r);
    }
  }
  auto rank = [&](const std::string& source) {
    return std::find(outlets.begin(), outlets.end(), source) - outlets.begin();
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const auto* a, const auto* b) {
    if (a->source != b->source) return rank(a->source) < rank(b->source);
    return SortValue(a->claim) < SortValue(b->claim);
  });

  const int kLeft = 170, kWidth = 520, kRow = 26, kTop = 10;
  int height = kTop + kRow * static_cast<int>(rows.size()) + 30;
  auto x = [&](double v) {
    return kLeft + (std::clamp(v, lo, hi) - lo) / (hi - lo) * kWidth;
  };
  char buf[512];
  std::string out;
  std::snprintf(
      buf, sizeof buf,
      "<svg role=\"img\" aria-label=\"values by source\" "
      "viewBox=\"0 0 %d %d\" width=\"100%%\" style=\"max-width:%dpx\" "
      "xmlns=\"http://www.w3.org/2000/svg\">",
      kLeft + kWidth + 60, height, kLeft + kWidth + 60);
  out += buf;
  int y = kTop;
  const std::string* labelled = nullptr;
  for (const store::ClaimRow* row : rows) {
    const store::ClaimRow& r = *row;
    const extract::Claim& c = r.claim;
    const char* colour = r.outlier ? "#c0392b" : "#2563eb";
    if (labelled == nullptr || *labelled != r.source) {
      std::snprintf(
          buf, sizeof buf,
          "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">",
          kLeft - 8, y + 14);
      out += buf;
      out += EscapeHtml(ShortLabel(r.source, 24)) + "</text>";
      labelled = &r.source;
    }
    double a = c.low ? x(*c.low) : kLeft;
    double b = c.high ? x(*c.high) : kLeft + kWidth;
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" "
                  "stroke=\"%s\" stroke-width=\"6\" stroke-linecap=\"round\" "
                  "opacity=\"0.35\"/>",
                  D1(a).c_str(), y + 10, D1(std::max(b, a + 1)).c_str(), y + 10,
                  colour);
    out += buf;
    // An open bound runs off the axis: an arrow at that end.
    if (!c.low) {
      std::snprintf(buf, sizeof buf,
                    "<polygon class=\"open\" points=\"%s,%d %s,%d "
                    "%s,%d\" fill=\"%s\"/>",
                    D1(a - 4).c_str(), y + 10, D1(a + 6).c_str(), y + 4,
                    D1(a + 6).c_str(), y + 16, colour);
      out += buf;
    }
    if (!c.high) {
      std::snprintf(buf, sizeof buf,
                    "<polygon class=\"open\" points=\"%s,%d %s,%d "
                    "%s,%d\" fill=\"%s\"/>",
                    D1(b + 4).c_str(), y + 10, D1(b - 6).c_str(), y + 4,
                    D1(b - 6).c_str(), y + 16, colour);
      out += buf;
    }
    if (c.value) {
      std::snprintf(buf, sizeof buf,
                    "<circle cx=\"%s\" cy=\"%d\" r=\"5\" fill=\"%s\"/>",
                    D1(x(*c.value)).c_str(), y + 10, colour);
      out += buf;
    }
    y += kRow;
  }
  std::snprintf(
      buf, sizeof buf,
      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", kLeft,
      y + 2, kLeft + kWidth, y + 2);
  out += buf;
  for (double v : NiceTicks(lo, hi)) {
    std::snprintf(buf, sizeof buf,
                  "<text class=\"tick\" x=\"%s\" y=\"%d\" font-size=\"11\" "
                  "fill=\"#555\" text-anchor=\"middle\">",
                  D1(x(v)).c_str(), y + 18);
    out += buf;
    out += EscapeHtml(FormatValue(v, fact.unit, fact.noun)) + "</text>";
  }
  out += "</svg>";
  out +=
      "<p class=\"legend muted\"><span>● the value stated</span>"
      "<span>▬ the interval it allows</span>"
      "<span style=\"color:#c0392b\">● an outlier</span>"
      "<span>◀ ▶ no bound on that side</span></p>";
  return out;
}

// Facets: each value with its count, a link that filters on it; a facet
// that could not be counted in time says so.
std::string FacetsBlock(const std::vector<Facet>& facets) {
  std::string out = "<div class=\"facets\">";
  for (const Facet& facet : facets) {
    if (facet.timed_out) {
      out += "<div><strong>" + EscapeHtml(facet.name) +
             "</strong><p class=\"muted\">too many rows to count quickly; "
             "narrow the list</p></div>";
      continue;
    }
    if (facet.values.empty()) continue;
    out += "<div><strong>" + EscapeHtml(facet.name) + "</strong><ul>";
    for (const Facet::Value& v : facet.values) {
      std::string label = v.value.empty() ? "(none)" : v.value;
      if (facet.name == "metric") label = ReadableMetric(v.value);
      if (facet.name == "reason" && !v.value.empty()) {
        label = ReadableReason(v.value);
      }
      out += "<li>" + Link(v.url, label) + " <span class=\"muted\">" +
             std::to_string(v.count) + "</span></li>";
    }
    out += "</ul></div>";
  }
  return out + "</div>";
}

std::string OverviewPage(const std::vector<store::FactRow>& facts,
                         const store::FactFilter& filter,
                         const std::vector<Facet>& facets,
                         const ListingLinks& links) {
  std::string body =
      "<h1>Facts</h1><p class=\"muted\">Each fact is one figure in the "
      "world, as the outlets state it.</p>";
  // The controls: a plain form, so that they work without scripts.
  body += "<form class=\"filters\" method=\"get\" action=\"/\">";
  body += "<label>Status <select name=\"status\">" +
          Option("", "any", filter.status);
  for (std::string_view st : {"conflict", "compatible", "agree", "single"}) {
    body += Option(st, st, filter.status);
  }
  body += "</select></label>";
  for (const Facet& facet : facets) {
    if (facet.name != "metric" && facet.name != "reason") continue;
    const std::string& chosen =
        facet.name == "metric" ? filter.metric : filter.reason;
    body += "<label>" +
            EscapeHtml(facet.name == "metric" ? "Metric" : "Reason") +
            " <select name=\"" + facet.name + "\">" + Option("", "any", chosen);
    for (const Facet::Value& v : facet.values) {
      if (v.value.empty()) continue;
      body += Option(v.value,
                     facet.name == "metric" ? ReadableMetric(v.value)
                                            : ReadableReason(v.value),
                     chosen);
    }
    body += "</select></label>";
  }
  body += "<label>Entity <input name=\"entity\" value=\"" +
          EscapeHtml(filter.entity) + "\" size=\"14\"></label>";
  body += "<label>Outlet <input name=\"outlet\" value=\"" +
          EscapeHtml(filter.outlet) + "\" size=\"14\"></label>";
  body += "<label>Sort <select name=\"sort\">";
  body += Option("status", "conflicts first", filter.sort);
  body += Option("sources", "most sources", filter.sort);
  body += Option("reported", "newest", filter.sort);
  body += Option("fact", "by subject", filter.sort);
  body += "</select></label><button>Show</button> " + Link("/", "clear") +
          "</form>";
  body += FacetsBlock(facets);
  body += LinksLine(links);
  if (facts.empty()) {
    body +=
        "<p>No facts here. Ingest some articles (<code>claimtrack ingest "
        "FOLDER</code>) or loosen the filter.</p>";
    return Layout("Facts", body);
  }
  body +=
      "<table><tr><th>Status</th><th>Fact</th><th>Consensus</th>"
      "<th>Who disagrees, and why</th><th>Values</th><th>Sources</th>"
      "<th>First reported</th></tr>";
  for (const store::FactRow& f : facts) {
    std::string consensus =
        f.consensus ? FormatValue(*f.consensus, f.unit, f.noun) : "";
    std::string who = WhoDisagrees(f);
    std::string why = ReadableReason(f.reason);
    body += "<tr><td>" + StatusBadge(f.status) + "</td><td>" +
            Link("/facts/" + std::to_string(f.id), FactTitle(f)) + "</td><td>" +
            EscapeHtml(consensus) + "</td><td>" + EscapeHtml(who) +
            (who.empty() || why.empty() ? "" : "<br>") +
            "<span class=\"muted\">" + EscapeHtml(why) + "</span></td><td>" +
            EscapeHtml(ValueSpread(f)) + "</td><td>" +
            std::to_string(f.sources) + "</td><td class=\"muted\">" +
            EscapeHtml(ReadableDate(f.first_reported)) + "</td></tr>";
  }
  body += "</table>";
  body += NextLink(links);
  return Layout("Facts", body);
}

std::string FactPage(const store::FactRow& f,
                     const std::vector<store::FactRow>& related) {
  std::string body = "<h1>" + EscapeHtml(FactTitle(f)) + "</h1>";
  // First what the sources say and why they differ.
  body += "<p class=\"summary\">" + EscapeHtml(FactSummary(f));
  if (!f.reason.empty()) {
    body += " <span class=\"muted\">(" + EscapeHtml(ReadableReason(f.reason)) +
            ")</span>";
  }
  body += "</p>";
  body += "<p>" + StatusBadge(f.status) + " · " + std::to_string(f.sources) +
          " source" + (f.sources == 1 ? "" : "s") + " · " +
          std::to_string(f.claim_count) + " claim" +
          (f.claim_count == 1 ? "" : "s");
  if (f.claim_count > static_cast<int64_t>(f.claims.size())) {
    body += " (the first " + std::to_string(f.claims.size()) +
            " here, outliers among them; all in " +
            Link("/facts/" + std::to_string(f.id) + ".csv", "CSV") + ")";
  }
  if (!f.claims.empty()) {
    body += " · first reported by " + EscapeHtml(f.claims.front().source) +
            " (" + EscapeHtml(ReadableDate(f.first_reported)) + ")";
  }
  std::string self = "/facts/" + std::to_string(f.id);
  body += " · " + Link(self + ".json", "JSON") + " · " +
          Link(self + ".csv", "CSV") + "</p>";
  body += NumberLineSvg(f);
  body += "<h2>Timeline</h2>" + TimelineSvg(f);
  body +=
      "<table><tr><th>Source</th><th>Claim</th>"
      "<th>Sentence</th></tr>";
  body += ClaimTableRows(f.claims, false, true);
  body += "</table>";
  if (!related.empty()) {
    body += "<h2>The same deal's other figures</h2><ul>";
    for (const store::FactRow& r : related) {
      std::string value =
          r.consensus ? FormatValue(*r.consensus, r.unit, r.noun) : "";
      body += "<li>" + StatusBadge(r.status) + " " +
              Link("/facts/" + std::to_string(r.id), FactTitle(r)) +
              (r.facet.empty() ? "" : " · " + EscapeHtml(r.facet)) + " · " +
              EscapeHtml(value) + " <span class=\"muted\">(" +
              std::to_string(r.claim_count) + " claims)</span></li>";
    }
    body += "</ul>";
  }
  return Layout(FactTitle(f), body);
}

namespace {

// `text` with each of `claims` marked, linked to its fact. Offsets are
// bytes of `text`; claims outside it or overlapping an earlier one are not
// marked.
std::string MarkClaims(std::string_view text,
                       std::vector<const store::ClaimRow*> claims) {
  std::sort(claims.begin(), claims.end(), [](const auto* x, const auto* y) {
    return x->claim.start < y->claim.start;
  });
  std::string marked;
  size_t pos = 0;
  for (const store::ClaimRow* r : claims) {
    size_t s = r->claim.start, e = r->claim.end;
    if (s < pos || e > text.size() || s >= e) continue;
    marked += EscapeHtml(text.substr(pos, s - pos));
    std::string title = FormatClaimValue(r->claim) + " · " + r->claim.metric;
    if (!r->claim.subject.empty()) title += " · " + r->claim.subject;
    if (!r->fact_status.empty()) title += " · fact: " + r->fact_status;
    // Coloured by the status of its fact.
    marked += "<mark id=\"claim-" + std::to_string(r->id) + "\"";
    if (!r->fact_status.empty()) {
      marked += " class=\"" + EscapeHtml(r->fact_status) + "\"";
    }
    marked += " title=\"" + EscapeHtml(title) + "\">";
    if (r->fact_id)
      marked += "<a href=\"/facts/" + std::to_string(r->fact_id) + "\">";
    marked += EscapeHtml(text.substr(s, e - s));
    if (r->fact_id) marked += "</a>";
    marked += "</mark>";
    pos = e;
  }
  marked += EscapeHtml(text.substr(std::min(pos, text.size())));
  return marked;
}

}  // namespace

std::string ArticlePage(const store::ArticleRow& a,
                        const std::vector<store::ClaimRow>& claims) {
  // The headline's figures are marked in it, the body's in the text.
  std::vector<const store::ClaimRow*> in_title, in_text;
  for (const store::ClaimRow& r : claims) {
    (r.claim.in_title ? in_title : in_text).push_back(&r);
  }
  std::string body =
      "<h1>" +
      (a.title.empty() ? EscapeHtml(a.url) : MarkClaims(a.title, in_title)) +
      "</h1><p class=\"muted\">" + EscapeHtml(a.source);
  if (!a.author.empty()) body += " · " + EscapeHtml(a.author);
  body += " · " + EscapeHtml(a.published.empty() ? a.first_seen : a.published);
  body +=
      " · " + ExternalLink(a.canonical_url.empty() ? a.url : a.canonical_url);
  std::string self = "/articles/" + std::to_string(a.id);
  body += " · " + std::to_string(claims.size()) + " claims · " +
          Link(self + ".json", "JSON") + " · " + Link(self + ".csv", "CSV") +
          "</p>";
  body +=
      "<p class=\"legend muted\">Figures are coloured by their fact: "
      "<mark class=\"conflict\">conflict</mark> "
      "<mark class=\"compatible\">compatible</mark> "
      "<mark class=\"agree\">agree</mark> "
      "<mark class=\"single\">single</mark> "
      "<mark>no fact</mark></p>";
  // The text with each claim marked; offsets are bytes of the stored text.
  std::string marked = MarkClaims(a.text, in_text);
  // Paragraphs: blank lines in the stored text.
  std::string html = "<div class=\"article\"><p>";
  for (size_t i = 0; i < marked.size(); ++i) {
    if (marked[i] == '\n' && i + 1 < marked.size() && marked[i + 1] == '\n') {
      html += "</p><p>";
      while (i + 1 < marked.size() && marked[i + 1] == '\n') ++i;
    } else if (marked[i] == '\n') {
      html += "<br>";
    } else {
      html += marked[i];
    }
  }
  html += "</p></div>";
  body += html;
  body +=
      "<h2>Claims</h2><table><tr><th>Source</th><th>Claim</th>"
      "<th>Sentence</th><th>Fact</th></tr>";
  body += ClaimTableRows(claims, true);
  body += "</table>";
  return Layout(a.title.empty() ? "Article" : a.title, body);
}

std::string ArticlesPage(const std::vector<store::ArticleRow>& articles,
                         const store::ArticleFilter& filter,
                         const std::vector<Facet>& facets,
                         const ListingLinks& links) {
  std::string sort = filter.newest_first ? "newest" : "oldest";
  std::string body =
      "<h1>Articles</h1><form class=\"filters\" method=\"get\" "
      "action=\"/articles\"><label>Outlet <input name=\"outlet\" value=\"" +
      EscapeHtml(filter.outlet) +
      "\" size=\"14\"></label><label>Sort <select name=\"sort\">" +
      Option("newest", "newest first", sort) +
      Option("oldest", "oldest first", sort) +
      "</select></label><button>Show</button> " + Link("/articles", "clear") +
      "</form>" + FacetsBlock(facets) + LinksLine(links);
  if (articles.empty()) {
    body += "<p>No articles here.</p>";
    return Layout("Articles", body);
  }
  body +=
      "<table><tr><th>Published</th><th>Title</th><th>Source</th>"
      "<th>Claims</th></tr>";
  for (const store::ArticleRow& a : articles) {
    body += "<tr><td class=\"muted\">" +
            EscapeHtml(a.published.empty() ? a.first_seen : a.published) +
            "</td><td>" +
            Link("/articles/" + std::to_string(a.id),
                 a.title.empty() ? a.url : a.title) +
            "</td><td>" + EscapeHtml(a.source) + "</td><td>" +
            std::to_string(a.claims) + "</td></tr>";
  }
  body += "</table>";
  body += NextLink(links);
  return Layout("Articles", body);
}

std::string SearchPage(const store::ClaimFilter& filter,
                       const std::vector<store::ClaimRow>& claims,
                       const std::vector<Facet>& facets,
                       const ListingLinks& links) {
  const std::string& query = filter.search;
  auto input = [](std::string_view name, std::string_view label,
                  const std::string& value, std::string_view hint) {
    return "<label>" + EscapeHtml(label) + " <input name=\"" +
           EscapeHtml(name) + "\" value=\"" + EscapeHtml(value) +
           "\" placeholder=\"" + EscapeHtml(hint) + "\" size=\"12\"></label>";
  };
  // Without words it lists claims; the form asks the same list for more.
  const bool listing = !query.empty() || !claims.empty();
  const std::string title = query.empty() && listing ? "Claims" : "Search";
  std::string body = "<h1>" + title +
                     "</h1><form class=\"search filters\" method=\"get\" "
                     "action=\"/claims\"><input name=\"q\" value=\"" +
                     EscapeHtml(query) +
                     "\" placeholder=\"words in the articles\"> ";
  body += "<label>Metric <select name=\"metric\">" +
          Option("", "any", filter.metric);
  for (std::string_view m :
       {"gpu_count", "power_capacity", "energy", "investment", "commitment",
        "valuation", "revenue", "backlog", "share", "growth", "price",
        "headcount", "other"}) {
    body += Option(m, ReadableMetric(m), filter.metric);
  }
  body += "</select></label>";
  body += input("entity", "Entity", filter.entity, "a company");
  body += input("outlet", "Outlet", filter.source, "an outlet");
  body += "<label>Fact status <select name=\"status\">" +
          Option("", "any", filter.status);
  for (std::string_view st : {"conflict", "compatible", "agree", "single"}) {
    body += Option(st, st, filter.status);
  }
  body += "</select></label>";
  body += input("since", "Since", filter.since, "2025-10-01");
  body += "<label>Sort <select name=\"sort\">" +
          Option("oldest", "oldest first",
                 filter.newest_first ? "newest" : "oldest") +
          Option("newest", "newest first",
                 filter.newest_first ? "newest" : "oldest") +
          "</select></label>";
  body += "<button>Show</button></form>";
  if (listing) {
    body += FacetsBlock(facets);
    body +=
        "<p>" + std::to_string(claims.size()) +
        (links.next.empty() ? "" : " (this page)") + " claims" +
        (query.empty() ? ""
                       : " in articles matching “" + EscapeHtml(query) + "”") +
        ".</p>";
    body += LinksLine(links);
    body +=
        "<table><tr><th>Source</th><th>Claim</th><th>Sentence</th>"
        "<th>Fact</th></tr>";
    body += ClaimTableRows(claims, true);
    body += "</table>";
    body += NextLink(links);
  }
  return Layout(title, body);
}

std::string SourcesPage(const std::vector<store::SourceRow>& sources,
                        const store::SourceFilter& filter,
                        const std::vector<Facet>& facets,
                        const ListingLinks& links) {
  std::string body =
      "<h1>Sources</h1><form class=\"filters\" method=\"get\" "
      "action=\"/sources\"><label>Status <select name=\"status\">" +
      Option("", "any", filter.status);
  for (std::string_view st : {"ok", "failing", "new", "paused"}) {
    body += Option(st, st, filter.status);
  }
  body += "</select></label><label>Sort <select name=\"sort\">" +
          Option("added", "in the order added", filter.sort) +
          Option("url", "by URL", filter.sort) +
          "</select></label><button>Show</button> " +
          Link("/sources", "clear") + "</form>" + FacetsBlock(facets) +
          LinksLine(links);
  if (sources.empty()) {
    body +=
        "<p>No sources here. Add one with <code>claimtrack sources "
        "add URL</code>.</p>";
    return Layout("Sources", body);
  }
  body +=
      "<table><tr><th>URL</th><th>Every</th><th>Status</th>"
      "<th>Last polled</th><th>Next due</th><th>Last error</th></tr>";
  for (const store::SourceRow& s : sources) {
    std::string status = s.paused                   ? "paused"
                         : s.failures > 0           ? "failing"
                         : s.last_polled_at.empty() ? "new"
                                                    : "ok";
    std::string every = s.every_text.empty()
                            ? std::to_string(s.every_seconds / 60) + "m"
                            : s.every_text;
    body += "<tr><td>" + ExternalLink(s.url) +
            (s.title.empty()
                 ? ""
                 : "<div class=\"muted\">" + EscapeHtml(s.title) + "</div>") +
            "</td><td>" + EscapeHtml(every) + "</td><td>" + EscapeHtml(status) +
            (s.failures > 0 ? " (" + std::to_string(s.failures) + ")" : "") +
            "</td><td class=\"muted\">" + EscapeHtml(s.last_polled_at) +
            "</td><td class=\"muted\">" +
            EscapeHtml(s.paused                ? "-"
                       : s.next_due_at.empty() ? "now"
                                               : s.next_due_at) +
            "</td><td>" + EscapeHtml(s.last_error) + "<div class=\"muted\">" +
            EscapeHtml(s.last_error_at) + "</div></td></tr>";
  }
  body += "</table>";
  body += NextLink(links);
  return Layout("Sources", body);
}

std::string NotFoundPage(std::string_view what) {
  return Layout("Not found", "<h1>Not found</h1><p>" + EscapeHtml(what) +
                                 "</p><p>" + Link("/", "Back to the facts") +
                                 "</p>");
}

}  // namespace ct::web
