#include "web/pages.h"

#include <catch2/catch.hpp>
#include <string>

TEST_CASE("ArticlePage marks a headline's figure in the headline", "[web]") {
  ct::store::ArticleRow a;
  a.url = "https://a.example/1";
  a.title = "Lab buys 6 GW";
  a.text = "The lab will buy 6 GW.";
  ct::store::ClaimRow headline;
  headline.id = 1;
  headline.claim.surface = "6 GW";
  headline.claim.start = 9;
  headline.claim.end = 13;
  headline.claim.in_title = true;
  ct::store::ClaimRow body = headline;
  body.id = 2;
  body.claim.start = 17;
  body.claim.end = 21;
  body.claim.in_title = false;
  std::string page = ct::web::ArticlePage(a, {headline, body});
  CHECK(page.find("<h1>Lab buys <mark id=\"claim-1\"") != std::string::npos);
  CHECK(page.find("will buy <mark id=\"claim-2\"") != std::string::npos);
}

namespace {

// A claim of `gw` gigawatts by `source`, stated to the nearest gigawatt.
ct::store::ClaimRow Gw(
    int64_t id, const std::string& source, double gw,
    ct::extract::Qualifier q = ct::extract::Qualifier::kExact) {
  ct::store::ClaimRow r;
  r.id = id;
  r.source = source;
  r.published = "2026-05-0" + std::to_string(id) + "T09:00:00Z";
  r.claim.surface = std::to_string(static_cast<int>(gw)) + " GW";
  r.claim.value = gw * 1e9;
  r.claim.low = (gw - 0.5) * 1e9;
  r.claim.high = (gw + 0.5) * 1e9;
  r.claim.unit = "W";
  r.claim.qualifier = q;
  r.claim.metric = "power_capacity";
  return r;
}

// A conflict: two outlets say 6 GW, Ferrous Wire 8 GW.
ct::store::FactRow Conflict() {
  ct::store::FactRow f;
  f.id = 3;
  f.subject = "Lab";
  f.metric = "power_capacity";
  f.unit = "W";
  f.status = "conflict";
  f.reason = "conflict";
  f.consensus = 6e9;
  f.sources = 3;
  f.parties = {"Chipmaker", "Lab"};
  f.first_reported = "2026-05-01T09:00:00Z";
  f.claims = {Gw(1, "Daily Ledger", 6), Gw(2, "Ferrous Wire", 8),
              Gw(3, "Evening Post", 6, ct::extract::Qualifier::kApprox)};
  f.claims[1].outlier = true;
  return f;
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("OverviewPage says who disagrees, with readable names and values",
          "[web]") {
  ct::web::Facet metric;
  metric.name = "metric";
  metric.values.push_back({"power_capacity", 1, "/?metric=power_capacity"});
  ct::web::ListingLinks links;
  links.next = "/?next=abc";
  links.json = "/facts.json";
  links.csv = "/facts.csv";
  std::string page = ct::web::OverviewPage({Conflict()}, {}, {metric}, links);
  // Controls, facets with counts, the twins and the next page.
  CHECK(page.find("<form class=\"filters\" method=\"get\"") !=
        std::string::npos);
  CHECK(page.find("<option value=\"power_capacity\">power capacity</option>") !=
        std::string::npos);
  CHECK(page.find("href=\"/?metric=power_capacity\">power capacity</a> "
                  "<span class=\"muted\">1</span>") != std::string::npos);
  CHECK(page.find("href=\"/facts.json\">JSON</a>") != std::string::npos);
  CHECK(page.find("rel=\"next\" href=\"/?next=abc\"") != std::string::npos);
  CHECK(page.find("Ferrous Wire: 8 GW") != std::string::npos);
  CHECK(page.find("true conflict") != std::string::npos);
  CHECK(page.find("Lab: power capacity") != std::string::npos);
  // Raw ids only in URLs and form values, never as text people read.
  CHECK(page.find(">power_capacity") == std::string::npos);
  CHECK(page.find("power_capacity<") == std::string::npos);
  CHECK(page.find("1 May 2026") != std::string::npos);
  // The consensus, then the values by number, each with its qualifier.
  CHECK(page.find("<td>6 GW</td>") != std::string::npos);
  CHECK(page.find("6 GW · about 6 GW · 8 GW") != std::string::npos);
}

TEST_CASE(
    "NumberLineSvg rounds its ticks, names outlets once, marks open "
    "bounds",
    "[web]") {
  ct::store::FactRow f = Conflict();
  // The Daily Ledger states a second figure, with no upper bound.
  ct::store::ClaimRow more =
      Gw(4, "Daily Ledger", 7, ct::extract::Qualifier::kMoreThan);
  more.claim.high.reset();
  f.claims.push_back(more);
  // And repeats its first in another article: no row of its own.
  f.claims.push_back(Gw(5, "Daily Ledger", 6));
  std::string svg = ct::web::NumberLineSvg(f);
  // Three outlets, three labels, though four rows.
  CHECK(Count(svg, "text-anchor=\"end\"") == 3);
  CHECK(Count(svg, "<circle") == 4);
  // One open bound, one arrow.
  CHECK(Count(svg, "class=\"open\"") == 1);
  // Ticks at round values, none below zero.
  CHECK(svg.find(">6 GW</text>") != std::string::npos);
  CHECK(svg.find(">-") == std::string::npos);
  CHECK(svg.find("the value stated") != std::string::npos);
  CHECK(Count(svg, "class=\"tick\"") >= 3);
  for (size_t at = svg.find("class=\"tick\""); at != std::string::npos;
       at = svg.find("class=\"tick\"", at + 1)) {
    size_t open = svg.find('>', at) + 1;
    std::string label = svg.substr(open, svg.find('<', open) - open);
    INFO(label);
    // "5 GW", "5.5 GW": at most one decimal.
    size_t dot = label.find('.');
    CHECK((dot == std::string::npos || label[dot + 2] == ' '));
  }
}

TEST_CASE("FactPage leads with its sentence and lists the deal's other facts",
          "[web]") {
  ct::store::FactRow first = Conflict();
  first.id = 4;
  first.facet = "first";
  first.status = "single";
  std::string page = ct::web::FactPage(Conflict(), {first});
  size_t summary = page.find("class=\"summary\"");
  size_t line = page.find("<svg");
  REQUIRE(summary != std::string::npos);
  CHECK(summary < line);
  CHECK(page.find("first reported</span>") != std::string::npos);
  CHECK(page.find("href=\"/facts/4\"") != std::string::npos);
}

TEST_CASE("ArticlePage colours each figure by the status of its fact",
          "[web]") {
  ct::store::ArticleRow a;
  a.url = "https://a.example/1";
  a.text = "The lab will buy 6 GW, then 2 GW.";
  ct::store::ClaimRow six = Gw(1, "Daily Ledger", 6);
  six.claim.start = 17;
  six.claim.end = 21;
  six.fact_id = 3;
  six.fact_status = "conflict";
  ct::store::ClaimRow two = Gw(2, "Daily Ledger", 2);
  two.claim.start = 28;
  two.claim.end = 32;
  std::string page = ct::web::ArticlePage(a, {six, two});
  CHECK(page.find("<mark id=\"claim-1\" class=\"conflict\"") !=
        std::string::npos);
  CHECK(page.find("<mark id=\"claim-2\" title=") != std::string::npos);
}

TEST_CASE("FactPage folds syndicated copies under their original", "[web]") {
  ct::store::FactRow f = Conflict();
  f.claims[0].article_id = 10;
  f.claims[1].article_id = 11;
  f.claims[2].article_id = 12;
  // The Evening Post ran the Daily Ledger's story.
  f.claims[2].original_id = 10;
  std::string page = ct::web::FactPage(f);
  CHECK(page.find("<details><summary class=\"muted\">1 copy</summary>") !=
        std::string::npos);
  // Listed once, inside the fold, not as a row of its own.
  // The number line, the timeline and the fold.
  CHECK(Count(page, "Evening Post") == 3);
  CHECK(page.find("<td>Evening Post") == std::string::npos);
}

TEST_CASE("TimelineSvg marks who reported what and when, the first ringed",
          "[web]") {
  ct::store::FactRow f = Conflict();
  // The Daily Ledger repeats its figure: one mark for it, not two.
  f.claims.push_back(Gw(4, "Daily Ledger", 6));
  std::string svg = ct::web::TimelineSvg(f);
  INFO(svg);
  REQUIRE(svg.rfind("<svg class=\"timeline\"", 0) == 0);
  CHECK(Count(svg, "<circle") == 3);
  CHECK(Count(svg, "class=\"first\"") == 1);
  CHECK(svg.find(">first: Daily Ledger: 6 GW</text>") != std::string::npos);
  // The outlier in its own colour, its label too.
  CHECK(svg.find("fill=\"#c0392b\" text-anchor=\"start\">Ferrous Wire: 8 "
                 "GW</text>") != std::string::npos);
  // Days 1 to 3 of May span the strip: the first at its left end, the
  // last at its right, its label running left so as to stay inside.
  CHECK(svg.find("<circle cx=\"20.0\"") != std::string::npos);
  CHECK(svg.find("<circle cx=\"700.0\"") != std::string::npos);
  CHECK(svg.find("text-anchor=\"end\">Evening Post: about 6 GW</text>") !=
        std::string::npos);
  CHECK(svg.find("1 May 2026 to 3 May 2026") != std::string::npos);

  // All on one day, in the middle; a long name cut at a character.
  ct::store::FactRow one = Conflict();
  one.claims.resize(1);
  one.claims[0].source = std::string(30, 'e') + "é";
  std::string single = ct::web::TimelineSvg(one);
  CHECK(single.find("<circle cx=\"360.0\"") != std::string::npos);
  CHECK(single.find(std::string(19, 'e') + "…: 6 GW") != std::string::npos);
  CHECK(single.find(" to ") == std::string::npos);
  // Undated claims have no place on it.
  one.claims[0].published.clear();
  CHECK(ct::web::TimelineSvg(one).empty());
}

TEST_CASE("FactPage shows its timeline strip", "[web]") {
  std::string page = ct::web::FactPage(Conflict());
  CHECK(page.find("<h2>Timeline</h2><svg class=\"timeline\"") !=
        std::string::npos);
}
