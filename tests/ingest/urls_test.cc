#include "ingest/urls.h"

#include <catch2/catch.hpp>

#include "ingest/opml.h"
#include "ingest/robots.h"

using namespace ct::ingest;

TEST_CASE("CanonicalUrl drops tracking parameters and fragments", "[ingest]") {
  CHECK(
      CanonicalUrl("https://News.Example/a?utm_source=x&id=7&fbclid=abc#top") ==
      "https://news.example/a?id=7");
  CHECK(CanonicalUrl("https://news.example/a?utm_medium=rss") ==
        "https://news.example/a");
  CHECK(CanonicalUrl("not a url") == "not a url");
  CHECK(HostOf("https://news.example:8443/a") == "news.example");
  CHECK(ResolveUrl("https://news.example/a/b", "../c") ==
        "https://news.example/c");
}

TEST_CASE("RobotsRules lets the longest rule of our group decide", "[ingest]") {
  auto rules = RobotsRules::Parse(
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: claimtrack\nDisallow: /private/\nAllow: /private/open\n"
      "Disallow: /*.pdf$\n",
      "claimtrack");
  CHECK(rules.Allowed("/news/story"));
  CHECK_FALSE(rules.Allowed("/private/x"));
  CHECK(rules.Allowed("/private/open/x"));
  CHECK_FALSE(rules.Allowed("/files/a.pdf"));
  CHECK(rules.Allowed("/files/a.pdf?x=1"));
  auto star =
      RobotsRules::Parse("User-agent: *\nDisallow: /search\n", "claimtrack");
  CHECK_FALSE(star.Allowed("/search?q=1"));
  CHECK(star.Allowed("/"));
  CHECK(RobotsRules::Parse("User-agent: *\nDisallow:\n", "claimtrack")
            .Allowed("/a"));
}

TEST_CASE("OPML lists nested feeds and round-trips", "[ingest]") {
  auto feeds = ParseOpml(
      "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>"
      "<outline text=\"AI\"><outline text=\"Wire &amp; Co\" type=\"rss\" "
      "xmlUrl=\"https://wire.example/feed\"/></outline>"
      "<outline title=\"Daily\" "
      "xmlUrl=\"https://daily.example/rss\"/></body></opml>");
  REQUIRE(feeds.ok());
  REQUIRE(feeds->size() == 2);
  CHECK((*feeds)[0].title == "Wire & Co");
  CHECK((*feeds)[1].url == "https://daily.example/rss");
  auto again = ParseOpml(WriteOpml(*feeds, "mine"));
  REQUIRE(again.ok());
  CHECK(again->size() == 2);
  CHECK((*again)[0].title == "Wire & Co");
  CHECK_FALSE(ParseOpml("<html><body>no</body></html>").ok());
}
