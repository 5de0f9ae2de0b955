#include "web/pages.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

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
.muted{color:#6b7280;font-size:.9em}
blockquote{margin:.2em 0;color:#394150}
form.search input{font-size:1em;padding:.3em;width:20em}
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
  std::string t = f.subject + ": " + f.metric;
  if (!f.noun.empty()) t += " (" + f.noun + ")";
  if (!f.object.empty()) t += " · with " + f.object;
  if (!f.time.empty()) t += " · " + f.time;
  return t;
}

std::string ValueSpread(const store::FactRow& f) {
  std::set<std::string> values;
  for (const store::ClaimRow& r : f.claims) {
    values.insert(FormatClaimValue(r.claim));
  }
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += " · ";
    out += v;
  }
  return out;
}

std::string Link(std::string_view href, std::string_view text) {
  return "<a href=\"" + EscapeHtml(href) + "\">" + EscapeHtml(text) + "</a>";
}

// Only web links are made clickable; a file: URL is shown as text.
std::string ExternalLink(std::string_view url) {
  if (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) {
    return "<a rel=\"noopener noreferrer\" href=\"" + EscapeHtml(url) + "\">" +
           EscapeHtml(url) + "</a>";
  }
  return "<span class=\"muted\">" + EscapeHtml(url) + "</span>";
}

std::string ClaimTableRows(const std::vector<store::ClaimRow>& claims,
                           bool show_fact) {
  std::string out;
  for (const store::ClaimRow& r : claims) {
    const extract::Claim& c = r.claim;
    out += r.outlier ? "<tr class=\"outlier\">" : "<tr>";
    out += "<td>" + EscapeHtml(r.source) + "<div class=\"muted\">" +
           EscapeHtml(r.published) + "</div></td>";
    out += "<td><strong>" + EscapeHtml(c.surface) +
           "</strong><div class=\"muted\">" + EscapeHtml(FormatClaimValue(c)) +
           " · " + EscapeHtml(extract::QualifierName(c.qualifier)) + " · " +
           EscapeHtml(FormatInterval(c)) + "</div>";
    if (r.outlier) out += "<div><strong>outlier</strong></div>";
    out += "</td><td><blockquote>" + EscapeHtml(c.sentence) +
           "</blockquote><div class=\"muted\">" +
           Link("/articles/" + std::to_string(r.article_id) + "#claim-" +
                    std::to_string(r.id),
                r.title.empty() ? "article" : r.title) +
           " · " + ExternalLink(r.url) + "</div></td>";
    if (show_fact) {
      out += "<td>";
      if (r.fact_id) {
        out += Link("/facts/" + std::to_string(r.fact_id), "fact");
      }
      out += "<div class=\"muted\">" + EscapeHtml(c.metric) + "<br>" +
             EscapeHtml(c.subject) + "</div></td>";
    }
    out += "</tr>";
  }
  return out;
}

}  // namespace

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
  if (hi <= lo) {
    double pad = std::max(std::fabs(lo) * 0.1, 1.0);
    lo -= pad;
    hi += pad;
  }
  double pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const int kLeft = 170, kWidth = 520, kRow = 26, kTop = 10;
  int height = kTop + kRow * static_cast<int>(fact.claims.size()) + 30;
  auto x = [&](double v) { return kLeft + (v - lo) / (hi - lo) * kWidth; };
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
  for (const store::ClaimRow& r : fact.claims) {
    const extract::Claim& c = r.claim;
    const char* colour = r.outlier ? "#c0392b" : "#2563eb";
    double a = c.low ? x(*c.low) : kLeft;
    double b = c.high ? x(*c.high) : kLeft + kWidth;
    std::snprintf(
        buf, sizeof buf,
        "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">",
        kLeft - 8, y + 14);
    out += buf;
    std::string label = r.source;
    if (label.size() > 24) label = label.substr(0, 23) + "…";
    out += EscapeHtml(label) + "</text>";
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                  "stroke=\"%s\" stroke-width=\"6\" stroke-linecap=\"round\" "
                  "opacity=\"0.35\"/>",
                  a, y + 10, std::max(b, a + 1), y + 10, colour);
    out += buf;
    if (c.value) {
      std::snprintf(buf, sizeof buf,
                    "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"%s\"/>",
                    x(*c.value), y + 10, colour);
      out += buf;
    }
    y += kRow;
  }
  std::snprintf(
      buf, sizeof buf,
      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", kLeft,
      y + 2, kLeft + kWidth, y + 2);
  out += buf;
  for (int i = 0; i <= 4; ++i) {
    double v = lo + (hi - lo) * i / 4;
    std::snprintf(buf, sizeof buf,
                  "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#555\" "
                  "text-anchor=\"middle\">",
                  x(v), y + 18);
    out += buf;
    out += EscapeHtml(FormatValue(v, fact.unit, fact.noun)) + "</text>";
  }
  out += "</svg>";
  return out;
}

std::string OverviewPage(const std::vector<store::FactRow>& facts,
                         std::string_view status_filter) {
  std::string body =
      "<h1>Facts</h1><p class=\"muted\">Each fact is one figure "
      "in the world; conflicts first. Filter: ";
  for (std::string_view s : {"conflict", "compatible", "agree", "single"}) {
    body += Link("/?status=" + std::string(s), s) + " ";
  }
  body += Link("/", "all") + "</p>";
  if (!status_filter.empty()) {
    body += "<p>Showing " + StatusBadge(status_filter) + " facts.</p>";
  }
  if (facts.empty()) {
    body +=
        "<p>No facts yet. Ingest some articles: <code>claimtrack ingest "
        "FOLDER</code>.</p>";
    return Layout("Facts", body);
  }
  body +=
      "<table><tr><th>Status</th><th>Reason</th><th>Fact</th><th>Values</th>"
      "<th>Sources</th><th>First reported</th></tr>";
  for (const store::FactRow& f : facts) {
    body += "<tr><td>" + StatusBadge(f.status) + "</td><td class=\"muted\">" +
            EscapeHtml(f.reason) + "</td><td>" +
            Link("/facts/" + std::to_string(f.id), FactTitle(f)) + "</td><td>" +
            EscapeHtml(ValueSpread(f)) + "</td><td>" +
            std::to_string(f.sources) + "</td><td class=\"muted\">" +
            EscapeHtml(f.first_reported) + "</td></tr>";
  }
  body += "</table>";
  return Layout("Facts", body);
}

std::string FactPage(const store::FactRow& f) {
  std::string body = "<h1>" + EscapeHtml(FactTitle(f)) + "</h1>";
  body += "<p>" + StatusBadge(f.status) + " · " + std::to_string(f.sources) +
          " source" + (f.sources == 1 ? "" : "s") + " · " +
          std::to_string(f.claims.size()) + " claim" +
          (f.claims.size() == 1 ? "" : "s");
  if (!f.claims.empty()) {
    body += " · first reported by " + EscapeHtml(f.claims.front().source) +
            " (" + EscapeHtml(f.first_reported) + ")";
  }
  body += " · " + Link("/api/facts/" + std::to_string(f.id), "JSON") + "</p>";
  body += "<p class=\"summary\">" + EscapeHtml(FactSummary(f));
  if (!f.reason.empty()) {
    body += " <span class=\"muted\">(" + EscapeHtml(f.reason) + ")</span>";
  }
  body += "</p>";
  body += NumberLineSvg(f);
  body +=
      "<h2>Timeline</h2><table><tr><th>Source</th><th>Claim</th>"
      "<th>Sentence</th></tr>";
  body += ClaimTableRows(f.claims, false);
  body += "</table>";
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
    marked += "<mark id=\"claim-" + std::to_string(r->id) + "\" title=\"" +
              EscapeHtml(title) + "\">";
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
  body += " · " + std::to_string(claims.size()) + " claims</p>";
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

std::string ArticlesPage(const std::vector<store::ArticleRow>& articles) {
  std::string body =
      "<h1>Articles</h1><table><tr><th>Published</th>"
      "<th>Title</th><th>Source</th><th>Claims</th></tr>";
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
  return Layout("Articles", body);
}

std::string SearchPage(std::string_view query,
                       const std::vector<store::ClaimRow>& claims) {
  std::string body =
      "<h1>Search</h1><form class=\"search\" method=\"get\" action=\"/search\">"
      "<input name=\"q\" value=\"" +
      EscapeHtml(query) +
      "\" placeholder=\"words in the articles\"> "
      "<button>Search</button></form>";
  if (!query.empty()) {
    body += "<p>" + std::to_string(claims.size()) +
            " claims in articles "
            "matching “" +
            EscapeHtml(query) + "”.</p>";
    body +=
        "<table><tr><th>Source</th><th>Claim</th><th>Sentence</th>"
        "<th>Fact</th></tr>";
    body += ClaimTableRows(claims, true);
    body += "</table>";
  }
  return Layout("Search", body);
}

std::string SourcesPage(const std::vector<store::SourceRow>& sources) {
  std::string body = "<h1>Sources</h1>";
  if (sources.empty()) {
    body +=
        "<p>No sources are polled. Add one with <code>claimtrack sources "
        "add URL</code>.</p>";
    return Layout("Sources", body);
  }
  body +=
      "<table><tr><th>URL</th><th>Every</th><th>Last polled</th>"
      "<th>Last error</th></tr>";
  for (const store::SourceRow& s : sources) {
    body += "<tr><td>" + ExternalLink(s.url) + "</td><td>" +
            std::to_string(s.every_seconds / 60) +
            " min</td><td class=\"muted\">" + EscapeHtml(s.last_polled_at) +
            "</td><td>" + EscapeHtml(s.last_error) + "<div class=\"muted\">" +
            EscapeHtml(s.last_error_at) + "</div></td></tr>";
  }
  body += "</table>";
  return Layout("Sources", body);
}

std::string NotFoundPage(std::string_view what) {
  return Layout("Not found", "<h1>Not found</h1><p>" + EscapeHtml(what) +
                                 "</p><p>" + Link("/", "Back to the facts") +
                                 "</p>");
}

}  // namespace ct::web
