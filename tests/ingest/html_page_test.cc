#include "ingest/html_page.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>

using ct::ingest::ParseHtmlPage;

namespace {
std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(CT_SOURCE_DIR) + "/tests/testdata/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A story of three paragraphs, then `levels` nested <div>s with a
// paragraph at a few depths (10, 300, 1,000, halfway and at the bottom),
// then three more paragraphs.
std::string DeepPage(int levels) {
  auto paragraph = [](const std::string& where) {
    return "<p>" + where +
           ", the operator said, the campus draws 2 GW from the grid, "
           "enough for a small city, and more next year.</p>";
  };
  std::string html =
      "<html><head><title>Deep page</title></head><body><div id=\"story\">";
  for (int i = 1; i <= 3; ++i) {
    html += paragraph("Before the nesting " + std::to_string(i));
  }
  for (int i = 1; i <= levels; ++i) {
    html += "<div>";
    if (i == 10 || i == 300 || i == 1000 || i == levels / 2 || i == levels) {
      html += paragraph("At level " + std::to_string(i));
    }
  }
  for (int i = 0; i < levels; ++i) html += "</div>";
  for (int i = 1; i <= 3; ++i) {
    html += paragraph("After the nesting " + std::to_string(i));
  }
  return html + "</div></body></html>";
}

// Whether `text` holds every one of `parts`, in this order.
bool HoldsInOrder(const std::string& text,
                  std::initializer_list<std::string> parts) {
  size_t at = 0;
  for (const std::string& part : parts) {
    at = text.find(part, at);
    if (at == std::string::npos) return false;
    at += part.size();
  }
  return true;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}
}  // namespace

TEST_CASE("ParseHtmlPage reads metadata from meta tags and the canonical link",
          "[ingest]") {
  auto d =
      ParseHtmlPage(Fixture("page.html"), "https://gazette.example/a?id=1");
  REQUIRE(d.ok());
  CHECK(d->title == "Grid operator approves 2 GW campus");
  CHECK(d->outlet == "Test Gazette");
  CHECK(d->author == "Ada Example");
  CHECK(d->published == "2026-03-02T07:15:00Z");
  CHECK(d->canonical_url ==
        "https://gazette.example/energy/2026/grid-campus?utm_source=x");
}

TEST_CASE("ParseHtmlPage keeps the article body and drops the furniture",
          "[ingest]") {
  auto d = ParseHtmlPage(Fixture("page.html"), "https://gazette.example/a");
  REQUIRE(d.ok());
  CHECK(d->text ==
        "The regional grid operator approved a 2 GW connection for the "
        "campus.\n\n"
        "The builder said the first phase draws 400 MW & costs about $3 "
        "billion.\n"
        "More follows.");
}

TEST_CASE("ParseHtmlPage recovers text from broken markup", "[ingest]") {
  auto d =
      ParseHtmlPage("<html><body><p>Open <b>6 GW<p>and more</div></i>", "x");
  REQUIRE(d.ok());
  CHECK(d->text == "Open 6 GW\n\nand more");
  CHECK(d->outlet.empty());
}

TEST_CASE(
    "ParseHtmlPage drops cookie banners, bylines, share bars, sign-up boxes, "
    "comments and hidden text",
    "[ingest]") {
  auto d = ParseHtmlPage(Fixture("pages/boilerplate.html"),
                         "https://herald.example/tidal");
  REQUIRE(d.ok());
  CHECK(d->title == "Harbour town opens tidal power station");
  CHECK(d->outlet == "Coastal Herald");
  CHECK(d->text ==
        "The harbour town of Wexmoor switched on its first tidal power "
        "station on Tuesday, a plant that the council says will cover about "
        "a third of local demand.\n\n"
        "Six turbines sit on the sea floor beyond the breakwater, where the "
        "tide runs fastest, and the cable comes ashore beside the old "
        "lifeboat house.\n\n"
        "Engineers spent two winters testing the blades, which turn slowly "
        "enough, they say, for seals to swim past without harm.");
}

TEST_CASE(
    "ParseHtmlPage drops link lists and read-more lines but keeps the "
    "story's own list",
    "[ingest]") {
  auto d = ParseHtmlPage(Fixture("pages/related.html"),
                         "https://valley.example/apples");
  REQUIRE(d.ok());
  CHECK(d->text ==
        "Growers in the Ashford valley say a cold spring has pushed the "
        "apple harvest back by nearly three weeks, and some fear the first "
        "frosts will arrive before the last trees are picked.\n\n"
        "The growers listed three things they need this autumn:\n\n"
        "more pickers for the late weeks of October, when students have "
        "gone back to college;\n\n"
        "cold-store space, which the co-operative rents from a dairy further "
        "down the valley;\n\n"
        "a dry week in the middle of the month, which nobody can promise "
        "them.\n\n"
        "The co-operative's chair, Idris Vale, said that a late harvest is "
        "not a poor one, and that the fruit on the trees looks as good as it "
        "has in years.");
}

TEST_CASE(
    "ParseHtmlPage adds a paragraph that sits next to the article's "
    "container",
    "[ingest]") {
  auto d = ParseHtmlPage(Fixture("pages/siblings.html"),
                         "https://post.example/library");
  REQUIRE(d.ok());
  CHECK(d->text ==
        "Northgate's central library reopened on Monday, eleven months after "
        "the river burst its banks and filled the ground floor with a metre "
        "of water.\n\n"
        "Volunteers dried, sorted and catalogued some forty thousand books "
        "over the winter, working in a church hall lent by the parish.\n\n"
        "About one book in six could not be saved, the head librarian said, "
        "most of them from the children's section, which was nearest the "
        "door.\n\n"
        "The council has raised the electrics and moved the children's books "
        "upstairs, and a new flood gate will be fitted at the river entrance "
        "next year.\n\n"
        "Readers queued from eight in the morning, and the first book "
        "borrowed, the staff said, was a guide to growing vegetables.");
}

TEST_CASE("ParseHtmlPage joins a story cut into blocks of the same class",
          "[ingest]") {
  auto d = ParseHtmlPage(Fixture("pages/split_story.html"),
                         "https://castle.example/bees");
  REQUIRE(d.ok());
  CHECK(d->text ==
        "Bees have returned to the castle gardens for the first time in a "
        "decade, after the gardeners stopped spraying the rose beds and sowed "
        "wild flowers along the moat.\n\n"
        "The head gardener counted eleven kinds of bee in a single afternoon "
        "last week, among them a mining bee that had not been seen in the "
        "county since the nineties.\n\n"
        "Visitors are asked to keep to the paths between the flower beds, "
        "where the bees nest in the bare soil, and to leave their dogs at the "
        "gate.\n\n"
        "The gardeners plan to add two hives to the orchard next spring, and "
        "the castle caf\xC3\xA9 will sell the honey from the following "
        "summer.");
}

TEST_CASE(
    "ParseHtmlPage reads a table layout without <article>, a double <br> "
    "ending a paragraph",
    "[ingest]") {
  auto d = ParseHtmlPage(Fixture("pages/table_layout.html"),
                         "https://club.example/notes");
  REQUIRE(d.ok());
  CHECK(d->text ==
        "The chess club met on Thursday evening in the back room of the Red "
        "Lion, with fourteen members and two visitors from the county "
        "team.\n\n"
        "The lightning tournament was won by Agnes Hollow, who lost only one "
        "game all night, and that to her own grandson.\n\n"
        "Next month the club plays its annual match against the railway "
        "workers' club, and members are asked to bring their own boards and "
        "clocks.");
}

TEST_CASE(
    "ParseHtmlPage takes a JSON-LD articleBody and metadata when the page "
    "shows only a teaser",
    "[ingest]") {
  auto d = ParseHtmlPage(Fixture("pages/linked_data.html"),
                         "https://ledger.example/stiles");
  REQUIRE(d.ok());
  CHECK(d->title == "Hill farmers & walkers agree on new stiles");
  CHECK(d->author == "Rhiannon Teale");
  CHECK(d->published == "2025-04-03T08:30:00Z");
  CHECK(d->outlet == "The Upland Ledger");
  CHECK(d->text ==
        "Hill farmers and walking groups have agreed to replace forty broken "
        "stiles on the upland paths before the lambing season ends.\n\n"
        "The farmers will supply the timber and the walkers the labour, and "
        "the national park will pay for the ironwork, according to the "
        "agreement signed on Wednesday.\n\n"
        "For years the two sides argued over gates left open and dogs off "
        "the lead, and the broken stiles had become a symbol of that "
        "quarrel.\n\n"
        "The first stiles will go in on the ridge path above the reservoir, "
        "which is the most walked route in the park, and the work should be "
        "finished by midsummer.");
}

TEST_CASE("ParseHtmlPage prefers meta tags to JSON-LD for metadata",
          "[ingest]") {
  auto d = ParseHtmlPage(
      "<html><head><meta property=\"og:title\" content=\"From meta\">"
      "<meta name=\"author\" content=\"Meta Author\">"
      "<script type=\"application/ld+json\">[{\"@type\": \"Article\", "
      "\"headline\": \"From JSON-LD\", \"author\": \"Ld Author\", "
      "\"articleBody\": \"Too short to count.\"}]</script></head>"
      "<body><p>A body paragraph long enough to be scored as text.</p>"
      "</body></html>",
      "https://x.example/a");
  REQUIRE(d.ok());
  CHECK(d->title == "From meta");
  CHECK(d->author == "Meta Author");
  CHECK(d->text == "A body paragraph long enough to be scored as text.");
}

TEST_CASE(
    "ParseHtmlPage keeps quoted posts and inline dates but drops the "
    "headline, captions and datelines",
    "[ingest]") {
  auto d =
      ParseHtmlPage(Fixture("pages/embeds.html"), "https://town.example/clock");
  REQUIRE(d.ok());
  CHECK(d->published == "2025-06-01T12:00:00Z");
  CHECK(d->text ==
        "The town hall clock stopped at exactly noon on Sunday, and "
        "residents who set their watches by it were late for lunch all over "
        "town.\n\n"
        "A spokesman said the clock was last serviced in March last year and "
        "that a repairer would climb the tower this week.\n\n"
        "Residents were quick to share their own theories about what went "
        "wrong:\n\n"
        "Twelve o'clock for ever. Somebody tell the mayor that lunch never "
        "ends. pic.example/abc\n\n"
        "\xE2\x80\x94 A Neighbour (@neighbour) June 1, 2025\n\n"
        "The council has promised that the bells, which also stopped, will "
        "ring again by the end of the month.");
}

TEST_CASE("ParseHtmlPage writes no-break spaces as spaces", "[ingest]") {
  auto d = ParseHtmlPage(
      "<html><body><p>First\xC2\xA0paragraph of the page, long enough to "
      "score.</p><p>\xC2\xA0</p><p>Second paragraph, also long enough to "
      "score.</p></body></html>",
      "x");
  REQUIRE(d.ok());
  CHECK(d->text ==
        "First paragraph of the page, long enough to score.\n\n"
        "Second paragraph, also long enough to score.");
}

TEST_CASE("ParseHtmlPage keeps the text around 5000 nested elements",
          "[ingest]") {
  // libxml2 stops at 256 levels by default, and the page lost everything
  // after its 256th.
  auto d = ParseHtmlPage(DeepPage(5000), "https://deep.example/a");
  REQUIRE(d.ok());
  CHECK(
      HoldsInOrder(d->text, {"Before the nesting 1,", "Before the nesting 3,",
                             "At level 10,", "At level 300,", "At level 2500,",
                             "At level 5000,", "After the nesting 1,",
                             "After the nesting 3, "
                             "the operator said, the campus draws 2 GW from "
                             "the grid, enough for a small city, and more "
                             "next year."}));
}

TEST_CASE("ParseHtmlPage keeps the text around 100000 nested elements",
          "[ingest]") {
  auto d = ParseHtmlPage(DeepPage(100000), "https://deep.example/a");
  REQUIRE(d.ok());
  CHECK(
      HoldsInOrder(d->text, {"Before the nesting 1,", "Before the nesting 3,",
                             "At level 10,", "At level 300,", "At level 50000,",
                             "At level 100000,", "After the nesting 1,",
                             "After the nesting 3, "
                             "the operator said, the campus draws 2 GW from "
                             "the grid, enough for a small city, and more "
                             "next year."}));
}

TEST_CASE(
    "ParseHtmlPage stops reading a page built to make the parser search its "
    "stack, keeping what it read",
    "[ingest]") {
  // Each stray end tag makes libxml2 search the 20,000 open elements:
  // 4 * 10^10 steps if the parser read to the end.
  std::string html =
      "<html><body><p>Before the nesting, the operator said the campus "
      "draws 2 GW, enough for a small city.</p>";
  for (int i = 0; i < 20000; ++i) html += "<div>";
  for (int i = 0; i < 2000000; ++i) html += "</b>";
  html += "<p>After.</p></body></html>";
  auto start = std::chrono::steady_clock::now();
  auto d = ParseHtmlPage(html, "https://deep.example/a");
  CHECK(SecondsSince(start) < 10);
  REQUIRE(d.ok());
  CHECK(d->text.find("Before the nesting") != std::string::npos);
}

TEST_CASE(
    "ParseHtmlPage is quick on blocks nested in blocks of the title's "
    "length",
    "[ingest]") {
  // Found by reading the code: each block of about the title's length
  // compared its text with the title, and that comparison tested each
  // block inside it the same way, so 30 nested <div>s took 2^30 walks.
  std::string html =
      "<html><head><title>Harbour town opens tidal plant</title></head>"
      "<body><div id=\"story\">";
  for (int i = 0; i < 3; ++i) {
    html +=
        "<p>The council said the plant, which cost a great deal, would open "
        "in spring, and that it would power many homes.</p>";
  }
  for (int i = 0; i < 30; ++i) html += "<div>";
  html += "Harbour town opens tidal plans";
  for (int i = 0; i < 30; ++i) html += "</div>";
  html += "</div></body></html>";
  auto start = std::chrono::steady_clock::now();
  auto d = ParseHtmlPage(html, "https://harbour.example/a");
  CHECK(SecondsSince(start) < 5);
  REQUIRE(d.ok());
  CHECK(d->text.find("Harbour town opens tidal plans") != std::string::npos);
}
