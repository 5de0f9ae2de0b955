#include "ingest/urls.h"

#include <catch2/catch.hpp>

#include "ingest/charset.h"
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

TEST_CASE("ResolveUrlVerbatim keeps a fragment that holds a line break",
          "[ingest]") {
  CHECK(ResolveUrlVerbatim("https://news.example/a?id=7", "#part\n two") ==
        "https://news.example/a?id=7#part\n two");
  CHECK(ResolveUrlVerbatim("https://news.example/a/b", "c\nd?q=1") ==
        "https://news.example/a/c\nd?q=1");
  std::string once = ResolveUrlVerbatim("https://news.example/a", "#x\r\n y");
  CHECK(ResolveUrlVerbatim("https://news.example/a", once) == once);
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

TEST_CASE("OPML keeps tabs and line breaks in titles through a round trip",
          "[ingest]") {
  // Found by fuzzing: a reader turns a raw line break in an attribute into
  // a space, so an exported title came back changed.
  auto feeds = ParseOpml(
      "<opml><body><outline title=\"Caf\xC3\xA9 &#10; line\" "
      "xmlUrl=\"https://x.example/f\"><outline xmlUrl=\"https://y.example/g\" "
      "text=\"tab&#9;here&#13;\"/></outline></body></opml>");
  REQUIRE(feeds.ok());
  REQUIRE(feeds->size() == 2);
  CHECK((*feeds)[0].title == "Caf\xC3\xA9 \n line");
  CHECK((*feeds)[1].title == "tab\there\r");
  auto again = ParseOpml(WriteOpml(*feeds, "Export\n"));
  REQUIRE(again.ok());
  REQUIRE(again->size() == 2);
  CHECK((*again)[0].title == "Caf\xC3\xA9 \n line");
  CHECK((*again)[1].title == "tab\there\r");
  // Other control characters cannot be written in XML at all.
  auto control = ParseOpml(WriteOpml({{"bell\x07", "https://z.example/"}}, ""));
  REQUIRE(control.ok());
  REQUIRE(control->size() == 1);
  CHECK((*control)[0].title == "bell");
}

TEST_CASE("OPML in another charset gives UTF-8 titles and URLs", "[ingest]") {
  // Found by fuzzing: libxml2 let bytes that are not UTF-8 through into an
  // attribute, and the URL came back as broken text.
  auto broken = ParseOpml("<opml>\x9e<outline xmlUrl=\"\xF6\x9E\x92\x92");
  REQUIRE(broken.ok());
  REQUIRE(broken->size() == 1);
  CHECK(ct::ingest::IsValidUtf8((*broken)[0].url));
  auto again = ParseOpml(WriteOpml(*broken, ""));
  REQUIRE(again.ok());
  REQUIRE(again->size() == 1);
  CHECK((*again)[0].url == (*broken)[0].url);

  auto latin1 = ParseOpml(
      "<opml><body><outline title=\"Caf\xE9 \x93news\x94\" "
      "xmlUrl=\"https://x.example/f\"/></body></opml>");
  REQUIRE(latin1.ok());
  REQUIRE(latin1->size() == 1);
  CHECK((*latin1)[0].title == "Caf\xC3\xA9 \xE2\x80\x9Cnews\xE2\x80\x9D");

  // UTF-16 without a byte-order mark, which libxml2 detected by itself.
  std::string utf16;
  for (char c : std::string("<opml><body><outline title=\"Wide\" "
                            "xmlUrl=\"https://w.example/f\"/></body></opml>")) {
    utf16 += c;
    utf16 += '\0';
  }
  auto wide = ParseOpml(utf16);
  REQUIRE(wide.ok());
  REQUIRE(wide->size() == 1);
  CHECK((*wide)[0].url == "https://w.example/f");
}
