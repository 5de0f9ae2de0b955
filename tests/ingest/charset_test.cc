#include "ingest/charset.h"

#include <catch2/catch.hpp>

using ct::ingest::DecodeToUtf8;

TEST_CASE("DecodeToUtf8 keeps valid UTF-8 and drops its BOM", "[ingest]") {
  auto d = DecodeToUtf8(
      "\xEF\xBB\xBF"
      "caf\xC3\xA9");
  REQUIRE(d.ok());
  CHECK(d->utf8 == "caf\xC3\xA9");
  CHECK(d->charset == "UTF-8");
}

TEST_CASE("DecodeToUtf8 follows a declared charset", "[ingest]") {
  auto d = DecodeToUtf8(
      "<meta charset=\"iso-8859-1\"><p>caf\xE9 \x93quoted\x94</p>");
  REQUIRE(d.ok());
  CHECK(d->charset == "windows-1252");
  CHECK(d->utf8.find("caf\xC3\xA9") != std::string::npos);
  CHECK(d->utf8.find("\xE2\x80\x9Cquoted\xE2\x80\x9D") != std::string::npos);
}

TEST_CASE("DecodeToUtf8 ignores a false UTF-8 declaration", "[ingest]") {
  auto d = DecodeToUtf8("<meta charset=utf-8>caf\xE9", "utf-8");
  REQUIRE(d.ok());
  CHECK(d->utf8.find("caf\xC3\xA9") != std::string::npos);
}

TEST_CASE("DecodeToUtf8 reads UTF-16 with a byte-order mark", "[ingest]") {
  std::string in(
      "\xFF\xFE"
      "6\0 \0G\0W\0",
      10);
  auto d = DecodeToUtf8(in);
  REQUIRE(d.ok());
  CHECK(d->utf8 == "6 GW");
}
