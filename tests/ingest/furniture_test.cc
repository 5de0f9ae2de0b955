// Page furniture (ingest/furniture.cc and the class-name rules of
// ingest/readability.cc), seen through ParseHtmlPage: the text a page
// gives, and the claims found in it.

#include "ingest/furniture.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/claim_extractor.h"
#include "ingest/html_page.h"

using ct::extract::Claim;
using ct::extract::ClaimExtractor;
using ct::ingest::FindFurniture;
using ct::ingest::PageNode;
using ct::ingest::PageTree;
using ct::ingest::ParseHtmlPage;

namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(CT_SOURCE_DIR) + "/tests/testdata/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const ClaimExtractor& Extractor() {
  static const ClaimExtractor* extractor = [] {
    auto created = ClaimExtractor::Create({});
    REQUIRE(created.ok());
    return std::move(created).value().release();
  }();
  return *extractor;
}

bool Holds(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The story that the snippets are set into.
constexpr const char* kFirst =
    "Cedar Labs said on Monday that it will build a 2 GW campus beside the "
    "river at Harrow Flats, and that the first phase will cost $4 billion.";
constexpr const char* kSecond =
    "The lab expects to install 18,000 GPUs in the first two halls by next "
    "autumn, drawing 300 MW from a substation that the local utility is "
    "building for it.";
constexpr const char* kThird =
    "Planning officers are due to decide on the application in the spring, "
    "and the company said it had already bought the land from a farming "
    "family.";

enum class Where { kBeforeHeader, kUnderHeadline, kMidBody, kAfterBody };

// A page with the story in <main><article>, its paragraphs directly in the
// article (so that the article is the container the scorer picks), and
// `snippet` set in at `where`.
std::string StoryWith(Where where, const std::string& snippet) {
  auto at = [&](Where w) { return w == where ? snippet : std::string(); };
  return "<!doctype html><html><head><title>Cedar Labs plans a campus at "
         "Harrow Flats</title></head><body>" +
         at(Where::kBeforeHeader) +
         "<header><a href=\"/\">Compute Desk</a></header><main><article>"
         "<h1>Cedar Labs plans a campus at Harrow Flats</h1>" +
         at(Where::kUnderHeadline) + "<p>" + kFirst + "</p><p>" + kSecond +
         "</p>" + at(Where::kMidBody) + "<p>" + kThird + "</p>" +
         at(Where::kAfterBody) + "</article></main></body></html>";
}

struct FurnitureCase {
  const char* name;
  Where where;
  const char* snippet;
  const char* gone;  // Text of the furniture that must not be kept.
};

}  // namespace

TEST_CASE("FindFurniture names the rule that found each block", "[ingest]") {
  PageTree tree;
  auto element = [&](const char* tag, int parent) {
    PageNode n;
    n.tag = tag;
    return tree.Add(n, parent);
  };
  auto text = [&](const char* t, int parent) {
    PageNode n;
    n.text = t;
    tree.Add(n, parent);
  };
  int body = element("body", element("html", -1));
  int banner = element("div", body);
  int notice = element("p", banner);
  text("We use cookies to count 3 kinds of visits.", notice);
  text("OK", element("button", banner));
  int story = element("p", body);
  text(kFirst, story);
  int meta = element("div", body);
  int count = element("span", meta);
  text("12 comments", count);
  int heading = element("h2", body);
  text("Read next:", heading);
  int list = element("ul", body);
  text("Ferrous Wire wins 8 grid contracts", element("a", element("li", list)));
  text("Top 10 chip deals", element("a", element("li", list)));

  std::vector<std::string_view> rules = FindFurniture(tree);
  REQUIRE(rules.size() == tree.nodes().size());
  CHECK(rules[notice] == "consent");
  CHECK(rules[banner] == "wrapper");
  CHECK(rules[story].empty());
  CHECK(rules[count] == "reactions");
  CHECK(rules[meta] == "wrapper");
  CHECK(rules[heading] == "related-heading");
  CHECK(rules[list] == "related");
  CHECK(rules[body].empty());
}

TEST_CASE("ParseHtmlPage drops each kind of page furniture", "[ingest]") {
  const FurnitureCase cases[] = {
      {"a consent banner with buttons before the header", Where::kBeforeHeader,
       "<div class=\"x1\"><p>We and our 150 partners use cookies to measure 4 "
       "audiences and to show personalised ads.</p><button>Accept "
       "all</button><button>Manage preferences</button></div>",
       "150 partners"},
      {"a consent dialog", Where::kBeforeHeader,
       "<div role=\"dialog\" class=\"q\"><h2>Your choices</h2><p>Choose how 35 "
       "vendors may store and access data on your device.</p>"
       "<a href=\"/ok\">Continue</a></div>",
       "35 vendors"},
      {"a modal layer", Where::kAfterBody,
       "<div aria-modal=\"true\" class=\"z9\"><p>Before you go: 6 stories you "
       "missed this week.</p></div>",
       "6 stories"},
      {"a fixed layer", Where::kBeforeHeader,
       "<div style=\"position: fixed; bottom: 0\"><p>Our pages remember 3 "
       "settings for you.</p></div>",
       "3 settings"},
      {"a cookie notice in the story's column", Where::kMidBody,
       "<p>This website uses cookies to count 2 kinds of visits.</p>",
       "2 kinds"},
      {"a newsletter box with a form", Where::kMidBody,
       "<div class=\"b7\"><h3>The Compute Letter</h3><p>Join 40,000 readers "
       "and get our 5 best stories every Friday in your inbox.</p><form>"
       "<input type=\"email\"><button>Go</button></form></div>",
       "40,000 readers"},
      {"the heading of a newsletter box", Where::kMidBody,
       "<div class=\"b7\"><h3>The Compute Letter</h3><p>Join 40,000 readers "
       "and get our 5 best stories every Friday in your inbox.</p><form>"
       "<input type=\"email\"><button>Go</button></form></div>",
       "The Compute Letter"},
      {"a call to sign up without a form", Where::kMidBody,
       "<p><strong>Sign up</strong> for our daily newsletter, read by 12,000 "
       "engineers.</p>",
       "12,000 engineers"},
      {"a box named after the article and the newsletter", Where::kMidBody,
       "<div class=\"article-newsletter\"><p>The Friday letter: 5 stories, "
       "once a week, from 3 editors who know the grid.</p></div>",
       "3 editors"},
      {"a read-next list after the body", Where::kAfterBody,
       "<section class=\"s4\"><h2>Read next</h2><ul><li><a href=\"/a\">Ferrous "
       "Wire wins 8 grid contracts</a></li><li><a href=\"/b\">Top 10 chip "
       "deals of the year</a></li></ul></section>",
       "8 grid contracts"},
      {"more-stories cards with summaries", Where::kAfterBody,
       "<div class=\"g1\"><h3>More stories</h3><div><a href=\"/c\">Birchmoor "
       "opens 3 offices</a><p>The host adds 150 staff in the north and moves "
       "its network team to the coast, where it leased an old mill for ten "
       "years.</p></div><div><a href=\"/d\">Grid queue reaches 60 GW</a><p>"
       "Developers now wait 7 years on average for a connection to the grid, "
       "the regulator said in its annual report.</p></div></div>",
       "150 staff"},
      {"a related heading over a list", Where::kAfterBody,
       "<h3>Related</h3><ul><li><a href=\"/e\">Cedar Labs hires 40 chip "
       "designers</a></li><li><a href=\"/f\">Ferrous Wire lists 2 new "
       "sites</a></li></ul>",
       "40 chip designers"},
      {"a block named as recirculation", Where::kAfterBody,
       "<div class=\"story-recirc\"><p>Cedar Labs doubles its compute to 5 GW "
       "by 2030, a plan that analysts expect to need new gas plants across "
       "the region and a great deal of patience.</p></div>",
       "5 GW by 2030"},
      {"a footer inside the article", Where::kAfterBody,
       "<footer><p>Filed in 4 sections.</p></footer>", "4 sections"},
      {"a footer-like block with a copyright line", Where::kAfterBody,
       "<div class=\"b2\"><p>&copy; 2026 Compute Desk Ltd. All rights "
       "reserved.</p><p>Compute Desk has 14 reporters in 3 cities and takes "
       "no money from the companies it covers.</p></div>",
       "14 reporters"},
      {"a block named as the article's footer", Where::kAfterBody,
       "<div class=\"article-footer\"><p>Filed under power and chips, with 2 "
       "corrections this month.</p></div>",
       "2 corrections"},
      {"share counts under the headline", Where::kUnderHeadline,
       "<ul class=\"m2\"><li><a href=\"https://s.example/1\">Share 340</a></li>"
       "<li><a href=\"https://s.example/2\">1,200 shares</a></li>"
       "<li><a href=\"#c\">12 comments</a></li></ul>",
       "1,200 shares"},
      {"a reading time in the meta line", Where::kUnderHeadline,
       "<div class=\"m3\"><span>3 min read</span> <span>12 comments</span>"
       "</div>",
       "3 min read"},
      {"a comment count in the meta line", Where::kUnderHeadline,
       "<div class=\"m3\"><span>3 min read</span> <span>12 comments</span>"
       "</div>",
       "12 comments"},
      {"a comments heading after the story", Where::kAfterBody,
       "<h2>Comments</h2>", "Comments"},
  };
  for (const FurnitureCase& c : cases) {
    CAPTURE(c.name);
    auto d =
        ParseHtmlPage(StoryWith(c.where, c.snippet), "https://desk.example/a");
    REQUIRE(d.ok());
    CHECK(Holds(d->text, kFirst));
    CHECK(Holds(d->text, kSecond));
    CHECK(Holds(d->text, kThird));
    CHECK_FALSE(Holds(d->text, c.gone));
  }
}

TEST_CASE(
    "ParseHtmlPage keeps story text that speaks of cookies, newsletters, "
    "shares and comments",
    "[ingest]") {
  const char* paragraphs[] = {
      "<p>The regulator said the banner made it harder to refuse cookies than "
      "to accept all of them, and fined the site $2 million.</p>",
      "<p>Cedar Labs, whose newsletter reaches 9,000 investors, said it would "
      "sign up 3 more utilities this year.</p>",
      "<p>Shares of Ferrous Wire rose 4% and the results drew 2,000 comments "
      "on one trading forum.</p>",
      "<p>Subscribers to the lab's cloud rose to 1.2 million, it said, and "
      "each can now subscribe to 5 more models.</p>",
      "<p>Cedar Labs sued over the copyright in 300 news articles, saying "
      "that all rights reserved notices did not cover training.</p>",
      "<h2>More from the interview</h2><p>Asked about water, the chief "
      "executive said the campus would recycle 80% of what it draws.</p>",
  };
  for (const char* p : paragraphs) {
    CAPTURE(p);
    auto d =
        ParseHtmlPage(StoryWith(Where::kMidBody, p), "https://desk.example/a");
    REQUIRE(d.ok());
    auto page =
        ParseHtmlPage(std::string("<html><body>") + p + "</body></html>", "x");
    REQUIRE(page.ok());
    CHECK(Holds(d->text, page->text));
    CHECK(Holds(d->text, kThird));
  }
}

TEST_CASE("ParseHtmlPage keeps only the story of a page with named furniture",
          "[ingest]") {
  auto d = ParseHtmlPage(Fixture("pages/furniture_named.html"),
                         "https://ledger.example/steelworks");
  REQUIRE(d.ok());
  CHECK(d->text ==
        "Ferrous Wire, the cable maker turned data-centre developer, said on "
        "Tuesday that it will build a 2 GW campus on the site of the old "
        "steelworks at Marrow Point, putting about $4 billion into the first "
        "phase.\n\n"
        "The company expects to fit the first halls with 18,000 GPUs by the "
        "end of next year, and says the substation already on the site can "
        "carry 300 MW once its transformers are replaced.\n\n"
        "Local officials welcomed the plan, which they said would bring back "
        "some of the 3,000 jobs lost when the furnaces closed, though "
        "residents have asked how much water the cooling towers will "
        "need.\n\n"
        "Ferrous Wire said the campus would draw its cooling water from the "
        "estuary and return it within two degrees of the temperature it was "
        "taken at.");
}

TEST_CASE(
    "ParseHtmlPage keeps only the story of a page whose furniture has "
    "meaningless class names",
    "[ingest]") {
  auto d = ParseHtmlPage(Fixture("pages/furniture_unnamed.html"),
                         "https://desk.example/hydro");
  REQUIRE(d.ok());
  CHECK(d->text ==
        "Cedar Labs has agreed to buy 300 MW of hydro power from a utility in "
        "the northern valleys for fifteen years, enough, the lab says, to run "
        "all of its training clusters.\n\n"
        "The contract is worth about $4 billion over its life, according to "
        "two people who have seen it, and starts in the spring, when the "
        "first of the new lines is switched on.\n\n"
        "The lab, which runs 18,000 GPUs across three sites today, plans to "
        "double that by 2028 and wants every new site to run on power it can "
        "trace to a plant.\n\n"
        "The utility said it would build a second line along the river to "
        "carry the load, and that local customers would see no change in "
        "their bills.");
}

TEST_CASE(
    "ParseHtmlPage keeps furniture out of a story too short for the strict "
    "pass",
    "[ingest]") {
  // Under ~250 characters the scorer retries with looser rules, which let
  // furniture named only by its class back in.
  auto d = ParseHtmlPage(Fixture("pages/furniture_brief.html"),
                         "https://notes.example/yard");
  REQUIRE(d.ok());
  CHECK(d->text ==
        "Ferrous Wire chose a former rail yard for a 1 GW campus that will "
        "cost $900 million.");
}

TEST_CASE(
    "ParseHtmlPage keeps a story about a cookie banner and a newsletter "
    "whole",
    "[ingest]") {
  auto d = ParseHtmlPage(Fixture("pages/furniture_mentions.html"),
                         "https://desk.example/fine");
  REQUIRE(d.ok());
  CHECK(d->text ==
        "The privacy regulator fined Birchmoor Data $12 million on Thursday, "
        "saying the cloud host's cookie banner made it far harder to refuse "
        "consent than to accept it.\n\n"
        "Birchmoor, which runs a 500 MW fleet of data centres, said it would "
        "appeal, and that it had already changed the banner so that visitors "
        "can reject all cookies with one click.\n\n"
        "The company told the 90,000 subscribers of its customer newsletter "
        "about the fine in an email on Friday, and said in that email that "
        "the ruling would not affect its $2 billion expansion.\n\n"
        "Analysts said the fine was small next to the 1.5 GW of new capacity "
        "the company has promised its customers, and that shares rose 3% "
        "after the ruling, while the story drew 400 comments on a forum for "
        "engineers.");
}

TEST_CASE("No claim comes from a page's furniture", "[ingest]") {
  struct Page {
    const char* file;
    std::vector<std::string> kept;  // Claims of the story.
    std::vector<std::string> gone;  // Figures of the furniture.
  };
  const Page pages[] = {
      {"pages/furniture_named.html",
       {"2 GW", "$4 billion", "18,000 GPUs", "300 MW", "3,000 jobs"},
       {"842", "12 audiences", "3 min", "1,200", "12 comments", "40,000",
        "5 best", "7 days", "$300 million", "10 stories", "5 GW", "60 GW",
        "20 weeks", "7 years", "120 journalists", "9 cities"}},
      {"pages/furniture_unnamed.html",
       {"300 MW", "$4 billion", "18,000 GPUs"},
       {"120 vendors", "30 days", "25", "340", "56", "12 comments", "25,000",
        "2 times", "3 new offices", "150 staff", "8 grid contracts",
        "4 of the 6", "14 reporters", "3 cities", "1 country", "12345"}},
      {"pages/furniture_brief.html",
       {"1 GW", "$900 million"},
       {"65 partners", "4 kinds", "8,000", "6 staff"}},
  };
  for (const Page& p : pages) {
    CAPTURE(p.file);
    auto d = ParseHtmlPage(Fixture(p.file), "https://desk.example/a");
    REQUIRE(d.ok());
    std::vector<Claim> claims = Extractor().Extract(d->text, d->title);
    std::string surfaces;
    for (const Claim& c : claims) {
      if (!c.in_title) surfaces += c.surface + " | ";
    }
    CAPTURE(surfaces);
    for (const std::string& kept : p.kept) {
      CHECK(Holds(surfaces, kept));
    }
    for (const std::string& gone : p.gone) {
      CHECK_FALSE(Holds(surfaces, gone));
    }
  }
}
