#include "ingest/html_page.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using ct::ingest::ParseHtmlPage;

namespace {
std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(CT_SOURCE_DIR) + "/tests/testdata/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
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
