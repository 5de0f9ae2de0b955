#include "ingest/feed_parser.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using ct::ingest::FeedInput;
using ct::ingest::LooksLikeFeed;
using ct::ingest::ParseFeed;

namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(CT_SOURCE_DIR) + "/tests/testdata/feeds/" + name,
                   std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

FeedInput Input(std::string_view bytes, std::string url = "") {
  FeedInput input;
  input.bytes = bytes;
  input.url = std::move(url);
  return input;
}

}  // namespace

TEST_CASE("ParseFeed reads an RSS 2.0 channel and its items", "[ingest]") {
  const std::string bytes = Fixture("rss2.xml");
  auto feed = ParseFeed(Input(bytes, "https://ledger.example/feed.xml"));
  REQUIRE(feed.ok());
  CHECK_FALSE(feed->bozo);
  CHECK(feed->encoding == "utf-8");
  // The <image> inside the channel has a title and link of its own.
  CHECK(feed->title == "Grid Ledger");
  CHECK(feed->link == "https://ledger.example/");
  CHECK(feed->author == "Mira Okafor");
  CHECK(feed->published == "2026-03-02T07:00:00Z");
  CHECK(feed->updated == "2026-03-02T08:30:00Z");
  REQUIRE(feed->entries.size() == 2);

  const auto& first = feed->entries[0];
  CHECK(first.title == "Campus wins a 2 GW grid connection");
  CHECK(first.link == "https://ledger.example/2026/03/campus-2gw");
  CHECK(first.id == "ledger-4711");
  CHECK(first.published == "2026-03-02T11:45:00Z");
  CHECK(first.author == "Jon Ibarra");
  CHECK(first.summary == "<p>The operator approved <b>2 GW</b>.</p>");
  CHECK(
      first.content ==
      "<p>The regional operator approved a <b>2 GW</b> connection.</p>\n"
      "<p>The first phase draws 400 MW.</p>\n"
      "<p><a href=\"https://ledger.example/2026/02/earlier\">Earlier</a></p>");
  CHECK(first.text ==
        "The regional operator approved a 2 GW connection.\n\n"
        "The first phase draws 400 MW.\n\nEarlier");

  const auto& second = feed->entries[1];
  // A permalink guid stands in for a missing <link>.
  CHECK(second.link == "https://ledger.example/2026/03/second");
  CHECK(second.id == "https://ledger.example/2026/03/second");
  CHECK(second.title == "Second item & a doubly escaped title");
  CHECK(second.author == "Ana Lindqvist");
  CHECK(second.updated == "2026-03-01T16:00:00Z");
  CHECK(second.published.empty());
  CHECK(second.summary == "Plain words, 1 &lt; 2.");
  CHECK(second.text == "Plain words, 1 < 2.");
}

TEST_CASE("ParseFeed reads RSS 1.0 items that sit beside the channel",
          "[ingest]") {
  const std::string bytes = Fixture("rss1.rdf");
  auto feed = ParseFeed(Input(bytes));
  REQUIRE(feed.ok());
  CHECK(feed->title == "Watt Weekly");
  CHECK(feed->author == "Watt desk");
  REQUIRE(feed->entries.size() == 1);
  const auto& e = feed->entries[0];
  CHECK(e.title == "Storage reaches 1.2 GWh");
  CHECK(e.id == "https://watt.example/items/1");  // rdf:about
  CHECK(e.published == "2026-02-27T00:00:00Z");
  CHECK(e.updated == "2026-02-28T10:00:00Z");
  CHECK(e.summary == "Batteries now hold 1.2 GWh.");
}

TEST_CASE("ParseFeed reads Atom 1.0 text, html and xhtml constructs",
          "[ingest]") {
  const std::string bytes = Fixture("atom10.xml");
  auto feed = ParseFeed(Input(bytes));
  REQUIRE(feed.ok());
  CHECK_FALSE(feed->bozo);
  CHECK(feed->title == "Compute Notes");  // type="html", as plain text.
  CHECK(feed->link == "https://compute.example/news/");
  CHECK(feed->author == "Compute desk");
  CHECK(feed->updated == "2026-03-03T12:00:00Z");
  REQUIRE(feed->entries.size() == 2);

  const auto& e = feed->entries[0];
  CHECK(e.title == "Cluster <A> passes 100,000 GPUs");  // type="text"
  CHECK(e.id == "tag:compute.example,2026:cluster-a");
  CHECK(e.link == "https://compute.example/news/2026/cluster-a");
  CHECK(e.published == "2026-03-03T07:00:00Z");
  CHECK(e.updated == "2026-03-03T11:00:00Z");
  CHECK(e.author == "Lea Brandt");
  CHECK(e.summary == "Cluster A now runs 100,000 GPUs & more.");
  // The wrapping <div> goes; nested xml:base applies to each link.
  CHECK(e.content ==
        "<p>The cluster runs <b>100,000</b> GPUs.</p>\n        <p><img "
        "alt=\"Hall A\" src=\"https://compute.example/photos/a.jpg\" /> See "
        "<a href=\"https://compute.example/specs\">the specs</a>.</p>");
  CHECK(e.text == "The cluster runs 100,000 GPUs.\n\nSee the specs.");

  const auto& second = feed->entries[1];
  CHECK(second.id == "https://compute.example/ids/2");
  CHECK(second.author == "Compute desk");  // Inherited from the feed.
  CHECK(second.content == "<p>Escaped <i>HTML</i></p>fallback text");
}

TEST_CASE("ParseFeed keeps Atom ids as written unless they are relative",
          "[ingest]") {
  const std::string bytes =
      "<feed xmlns='http://www.w3.org/2005/Atom' xml:base='http://a.example/'>"
      "<entry><id>HTTP://www.EXAMPLE.org/%7ebob</id></entry></feed>";
  auto feed = ParseFeed(Input(bytes));
  REQUIRE(feed.ok());
  REQUIRE(feed->entries.size() == 1);
  CHECK(feed->entries[0].id == "HTTP://www.EXAMPLE.org/%7ebob");

  // Relative ids follow an http base, but not the place a file sits.
  const std::string relative =
      "<feed xmlns='http://www.w3.org/2005/Atom'><entry><id>right</id>"
      "</entry></feed>";
  auto fetched = ParseFeed(Input(relative, "https://a.example/feeds/x.xml"));
  REQUIRE(fetched.ok());
  CHECK(fetched->entries[0].id == "https://a.example/feeds/right");
  auto local = ParseFeed(Input(relative, "file:///home/me/x.xml"));
  REQUIRE(local.ok());
  CHECK(local->entries[0].id == "right");
}

TEST_CASE("ParseFeed reads Atom 0.3 escaped, inline and base64 content",
          "[ingest]") {
  const std::string bytes =
      "<feed version='0.3' xmlns='http://purl.org/atom/ns#'>"
      "<entry><title mode='escaped' type='text/html'>A &amp;lt;b&amp;gt; "
      "tag</title>"
      "<summary type='application/xhtml+xml' mode='xml'><div "
      "xmlns='http://www.w3.org/1999/xhtml'><b>Bold</b></div></summary>"
      "<content type='text/html' mode='base64'>"
      "PHA+RGVjb2RlZCAmYW1wOyBjbGVhbjxzY3JpcHQ+eCgpPC9zY3JpcHQ+PC9wPg=="
      "</content><issued>2026-01-02T03:04:05Z</issued>"
      "<modified>2026-01-03T03:04:05Z</modified></entry></feed>";
  auto feed = ParseFeed(Input(bytes));
  REQUIRE(feed.ok());
  REQUIRE(feed->entries.size() == 1);
  const auto& e = feed->entries[0];
  CHECK(e.title == "A <b> tag");
  CHECK(e.summary == "<div><b>Bold</b></div>");  // 0.3 keeps the div.
  CHECK(e.content == "<p>Decoded &amp; clean</p>");
  CHECK(e.published == "2026-01-02T03:04:05Z");
  CHECK(e.updated == "2026-01-03T03:04:05Z");
}

TEST_CASE("ParseFeed resolves links against xml:base and Content-Location",
          "[ingest]") {
  const std::string bytes =
      "<rss version='2.0' xml:base='/blog/'><channel>"
      "<link>./</link>"
      "<item xml:base='2026/'><link>post?id=1&amp;x=2</link>"
      "<description>&lt;a href=\" ../about \"&gt;us&lt;/a&gt;"
      "&lt;img src=\"//cdn.example/i.png\"&gt;</description></item>"
      "<item><link>javascript:alert(1)</link></item>"
      "</channel></rss>";
  FeedInput input = Input(bytes, "https://site.example/feeds/main.xml");
  input.content_location = "/mirror/feed.xml";
  auto feed = ParseFeed(input);
  REQUIRE(feed.ok());
  CHECK(feed->link == "https://site.example/blog/");
  REQUIRE(feed->entries.size() == 2);
  CHECK(feed->entries[0].link ==
        "https://site.example/blog/2026/post?id=1&x=2");
  CHECK(feed->entries[0].summary ==
        "<a href=\"https://site.example/blog/about\">us</a>"
        "<img src=\"https://cdn.example/i.png\" />");
  CHECK(feed->entries[1].link.empty());  // Unsafe: dropped, not resolved.

  // An unsafe Content-Location is ignored in favour of the document URL.
  input.content_location = "javascript:alert(1)";
  auto fallback = ParseFeed(input);
  REQUIRE(fallback.ok());
  CHECK(fallback->link == "https://site.example/blog/");
}

TEST_CASE("ParseFeed drops scripts, handlers and dangerous URLs from HTML",
          "[ingest]") {
  const std::string bytes =
      "<rss version='2.0'><channel><item><description><![CDATA["
      "safe<script>alert('x')</script> <b onclick='x()'>text</b>"
      "<a href='java\tscript:x()'>a</a><a href='vbscript:x'>b</a>"
      "<img src='data:image/png;base64,AAAA'>"
      "<style>p{}</style><object data='x.swf'>fallback</object>"
      "<iframe src='https://ads.example/'>frame text</iframe>"
      "<form action='/post'><input name='q'></form>"
      "<p style='color: red; position: absolute; background: "
      "url(http://t.example/)'>styled</p>"
      "<svg><circle r='5' onload='x()'/><script>x()</script></svg>"
      "sa<!-- -- nonwhitespace >fe"
      "]]></description></item></channel></rss>";
  auto feed = ParseFeed(Input(bytes));
  REQUIRE(feed.ok());
  REQUIRE(feed->entries.size() == 1);
  CHECK(feed->entries[0].summary ==
        "safe <b>text</b><a>a</a><a>b</a><img />fallbackframe text"
        "<p style=\"color: red;\">styled</p>"
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"5\"></circle>"
        "</svg>safe");
}

TEST_CASE("ParseFeed turns undeclared HTML entities into characters",
          "[ingest]") {
  const std::string bytes =
      "<rss version='2.0'><channel><title>Caf&eacute; &hellip; "
      "&nosuch; AT&T</title><link>http://x.example/?a=1&b=2</link>"
      "</channel></rss>";
  auto feed = ParseFeed(Input(bytes));
  REQUIRE(feed.ok());
  CHECK(feed->title == "Café … &nosuch; AT&T");
  CHECK(feed->link == "http://x.example/?a=1&b=2");
  CHECK(feed->bozo);
  CHECK(feed->bozo_message ==
        "not well-formed XML: undeclared entity &eacute;");
}

TEST_CASE("ParseFeed expands internal entities and never loads external ones",
          "[ingest]") {
  const std::string bytes =
      "<!DOCTYPE rss [<!ENTITY org 'Grid &amp; Co'>"
      "<!ENTITY two '&org;, &org;'>"
      "<!ENTITY secret SYSTEM 'file:///etc/passwd'>]>"
      "<rss version='2.0'><channel><title>&two; [&secret;]</title>"
      "</channel></rss>";
  auto feed = ParseFeed(Input(bytes));
  REQUIRE(feed.ok());
  CHECK(feed->title == "Grid & Co, Grid & Co []");
  CHECK_FALSE(feed->bozo);
}

TEST_CASE("ParseFeed recovers what it can from broken XML and says so",
          "[ingest]") {
  const std::string bytes =
      "<rss version='2.0'><channel><title>Kept</title>"
      "<item><title>One</title></item><item><title>Two</title></item>"
      "</channel></rss";
  auto feed = ParseFeed(Input(bytes));
  REQUIRE(feed.ok());
  CHECK(feed->bozo);
  CHECK(feed->bozo_message.rfind("not well-formed XML: line 1: ", 0) == 0);
  CHECK(feed->title == "Kept");
  REQUIRE(feed->entries.size() == 2);
  CHECK(feed->entries[1].title == "Two");
}

TEST_CASE("ParseFeed decodes with the declared charset and reports it",
          "[ingest]") {
  const std::string bytes = Fixture("latin1.xml");
  auto feed = ParseFeed(Input(bytes));
  REQUIRE(feed.ok());
  CHECK_FALSE(feed->bozo);
  CHECK(feed->encoding == "iso-8859-1");
  // Bytes 0x93 and 0x94 are windows-1252 quotes, as browsers read them.
  CHECK(feed->title == "Café “Strom”");
  REQUIRE(feed->entries.size() == 1);
  CHECK(feed->entries[0].title == "Naïve estimate");
}

TEST_CASE("ParseFeed lets an HTTP charset override the XML declaration",
          "[ingest]") {
  const std::string bytes =
      "<?xml version='1.0' encoding='utf-8'?><rss><channel><title>Caf\xe9"
      "</title></channel></rss>";
  FeedInput input = Input(bytes);
  input.content_type = "application/rss+xml; charset=\"windows-1252\"";
  auto feed = ParseFeed(input);
  REQUIRE(feed.ok());
  CHECK_FALSE(feed->bozo);
  CHECK(feed->encoding == "windows-1252");
  CHECK(feed->title == "Café");

  // Without the header the declaration is wrong: decoded anyway, flagged.
  auto wrong = ParseFeed(Input(bytes));
  REQUIRE(wrong.ok());
  CHECK(wrong->bozo);
  CHECK(wrong->title == "Café");
  CHECK(wrong->encoding == "windows-1252");
}

TEST_CASE("ParseFeed reads UTF-16 with or without a byte-order mark",
          "[ingest]") {
  const std::string text =
      "<?xml version='1.0' encoding='utf-16'?><rss><channel><title>GW"
      "</title></channel></rss>";
  std::string le = "\xFF\xFE";
  std::string be;
  for (char c : text) {
    le += c;
    le += '\0';
    be += '\0';
    be += c;
  }
  auto with_bom = ParseFeed(Input(le));
  REQUIRE(with_bom.ok());
  CHECK(with_bom->encoding == "utf-16le");
  CHECK(with_bom->title == "GW");
  auto without = ParseFeed(Input(be));
  REQUIRE(without.ok());
  CHECK(without->encoding == "utf-16be");
  CHECK(without->title == "GW");
}

TEST_CASE("ParseFeed repairs windows-1252 punctuation and double-encoded UTF-8",
          "[ingest]") {
  const std::string bytes =
      "<rss><channel><item><title>don&#146;t</title>"
      "<description>&#226;&#128;&#166;</description></item></channel></rss>";
  auto feed = ParseFeed(Input(bytes));
  REQUIRE(feed.ok());
  REQUIRE(feed->entries.size() == 1);
  CHECK(feed->entries[0].title == "don’t");
  CHECK(feed->entries[0].summary == "…");
}

TEST_CASE("ParseFeed reads JSON Feed 1.1", "[ingest]") {
  const std::string bytes = Fixture("feed.json");
  FeedInput input = Input(bytes, "https://racks.example/feed.json");
  input.content_type = "application/feed+json";
  auto feed = ParseFeed(input);
  REQUIRE(feed.ok());
  CHECK_FALSE(feed->bozo);
  CHECK(feed->title == "Rack Report");
  CHECK(feed->link == "https://racks.example/");
  CHECK(feed->author == "Rack desk");
  REQUIRE(feed->entries.size() == 2);
  const auto& first = feed->entries[0];
  CHECK(first.id == "r-1");
  CHECK(first.link == "https://racks.example/posts/r-1");
  CHECK(first.author == "Sam Reyes");
  CHECK(first.published == "2026-03-04T15:00:00Z");
  CHECK(first.summary == "Denser racks.");
  CHECK(first.content ==
        "<p>Racks now draw <b>120 kW</b>.</p>"
        "<img src=\"https://racks.example/x.png\" />");
  const auto& second = feed->entries[1];
  CHECK(second.id == "2");
  CHECK(second.author == "Rack desk");
  CHECK(second.updated == "2026-03-05T00:00:00Z");
  CHECK(second.text == "First paragraph.\n\nSecond paragraph.");
}

TEST_CASE("ParseFeed refuses input that holds no feed", "[ingest]") {
  auto empty = ParseFeed(Input(" \n"));
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().code() == ct::Status::Code::kInvalidArgument);
  CHECK(empty.status().message() == "not a feed: empty document");

  auto html = ParseFeed(Input("<html><body><p>Hello</p></body></html>"));
  REQUIRE_FALSE(html.ok());
  CHECK(html.status().message() == "not a feed: root element <html>");

  auto noise = ParseFeed(Input("\x01\x02 plain words, no markup"));
  REQUIRE_FALSE(noise.ok());
  CHECK(noise.status().code() == ct::Status::Code::kInvalidArgument);
  CHECK(noise.status().message().rfind("not a feed: no XML root element", 0) ==
        0);

  auto json = ParseFeed(Input("{\"version\": \"1\", \"items\": []}"));
  REQUIRE_FALSE(json.ok());
  CHECK(json.status().message() == "not a JSON Feed: no jsonfeed version");
}

TEST_CASE("LooksLikeFeed recognises RSS, RDF, Atom and JSON Feed only",
          "[ingest]") {
  CHECK(LooksLikeFeed(Fixture("rss2.xml")));
  CHECK(LooksLikeFeed(Fixture("rss1.rdf")));
  CHECK(LooksLikeFeed(Fixture("atom10.xml")));
  CHECK(LooksLikeFeed(Fixture("feed.json")));
  CHECK(
      LooksLikeFeed("<!-- a comment --><!DOCTYPE rss [<!ENTITY a 'b'>]>"
                    "\n<rss version='2.0'>"));
  CHECK(LooksLikeFeed(std::string("\xFF\xFE<\0f\0e\0e\0d\0>\0", 14)));
  CHECK_FALSE(
      LooksLikeFeed("<!DOCTYPE html><html><head><link "
                    "type='application/rss+xml'></head></html>"));
  CHECK_FALSE(LooksLikeFeed("<feedback>no</feedback>"));
  CHECK_FALSE(LooksLikeFeed("{\"version\": 2}"));
  CHECK_FALSE(LooksLikeFeed(""));
}

TEST_CASE("ParseFeed runs on many threads at once", "[ingest]") {
  // libxml2 errors go to a per-parse handler; a global one would mix the
  // bozo messages of concurrent parses up.
  const std::string good = Fixture("atom10.xml");
  const std::string broken = "<rss><channel><title>Cut</title></channel";
  std::vector<int> failures(8, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        const bool odd = (t + i) % 2 == 1;
        auto feed = ParseFeed(Input(odd ? broken : good));
        if (!feed.ok() || feed->bozo != odd ||
            feed->title != (odd ? "Cut" : "Compute Notes")) {
          ++failures[t];
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int f : failures) CHECK(f == 0);
}
