#include "ingest/local_files.h"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tests/ingest/gzip.h"

namespace fs = std::filesystem;
using namespace ct::ingest;

using ct::testing::Gzip;

namespace {

struct TempDir {
  TempDir() {
    char tmpl[] = "/tmp/ct_local_XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::string p = path + "/" + name;
    fs::create_directories(fs::path(p).parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  std::string path;
};

}  // namespace

TEST_CASE("ParsePlainText takes the title line and the header block",
          "[ingest]") {
  std::ifstream in(std::string(CT_SOURCE_DIR) + "/tests/testdata/article.txt");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  Document d = ParsePlainText(text, "file:///x.txt");
  CHECK(d.title == "Utility signs for 1.5 GW of nuclear power");
  CHECK(d.outlet == "Test Wire");
  CHECK(d.published == "2026-04-01T10:00:00Z");
  CHECK(d.author == "B. Writer");
  CHECK(d.canonical_url == "https://testwire.example/utility-nuclear");
  CHECK(d.text ==
        "A utility agreed to supply 1.5 GW to a data centre operator.\n\n"
        "The contract runs for 20 years.");
}

TEST_CASE("ParsePlainText keeps lines that only look like headers as body",
          "[ingest]") {
  Document d = ParsePlainText("Title\nNote: the deal is 5 GW.\n\nMore.", "u");
  CHECK(d.outlet.empty());
  CHECK(d.text == "Note: the deal is 5 GW.\n\nMore.");
}

TEST_CASE("ParsePlainText keeps a first line that is a paragraph as text",
          "[ingest]") {
  std::string first =
      "The operator said on Tuesday that it will build a 1.2 GW campus in "
      "Ohio. Construction starts next spring, and the first 400 MW should be "
      "running by the end of 2027, the company added.";
  Document d = ParsePlainText(first + "\n\nA second paragraph.", "u");
  CHECK(d.title ==
        "The operator said on Tuesday that it will build a 1.2 GW campus in "
        "Ohio.");
  CHECK(d.text == first + "\n\nA second paragraph.");

  Document run_on = ParsePlainText(std::string(300, 'x'), "u");
  CHECK(run_on.title.size() < 110);
  CHECK(run_on.text == std::string(300, 'x'));

  // A cut never splits a character: 99 ASCII bytes, then two-byte letters.
  std::string wide = std::string(99, 'x');
  for (int k = 0; k < 100; ++k) wide += "\u00e9";
  Document cut = ParsePlainText(wide, "u");
  CHECK(cut.title == std::string(99, 'x') + "\u2026");
}

TEST_CASE(
    "ParsePlainText takes a long first line as the title when a header "
    "follows",
    "[ingest]") {
  std::string title =
      "Ferrous Wire shares rose 9% on Monday after the company agreed to "
      "supply Cedar Labs with 2 GW of power over ten years from a new campus "
      "in Ohio, its largest order since the firm was founded twenty years ago";
  REQUIRE(title.size() > 160);
  Document d = ParsePlainText(title +
                                  "\nSource: Test Wire\nURL: "
                                  "https://testwire.example/ferrous\n\n"
                                  "The first 500 MW arrive in 2027.",
                              "file:///x.txt");
  CHECK(d.title == title);
  CHECK(d.outlet == "Test Wire");
  CHECK(d.canonical_url == "https://testwire.example/ferrous");
  CHECK(d.text == "The first 500 MW arrive in 2027.");
}

TEST_CASE("ReadLocalFile inflates gzip and refuses a bomb", "[ingest]") {
  TempDir dir;
  std::string small = dir.Write("a.txt.gz", Gzip("Title\n\nBody of 6 GW."));
  auto d = ReadLocalFile(small);
  REQUIRE(d.ok());
  CHECK(d->text == "Body of 6 GW.");

  std::string bomb = dir.Write("bomb.txt.gz", Gzip(std::string(8 << 20, 'a')));
  auto refused = ReadLocalFile(bomb, 1 << 20);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == ct::Status::Code::kTooLarge);
  CHECK(refused.status().message().find("bomb.txt.gz") != std::string::npos);
}

TEST_CASE("ReadLocalFile refuses binary files by name", "[ingest]") {
  TempDir dir;
  std::string bin =
      dir.Write("image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11));
  auto d = ReadLocalFile(bin);
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().message() == bin + ": not a text file");
}

TEST_CASE("ListLocalFiles walks a folder in order without hidden files",
          "[ingest]") {
  TempDir dir;
  dir.Write("b.txt", "x");
  dir.Write("a/c.html", "x");
  dir.Write(".hidden/d.txt", "x");
  dir.Write(".e.txt", "x");
  auto files = ListLocalFiles(dir.path);
  REQUIRE(files.ok());
  CHECK(*files ==
        std::vector<std::string>{dir.path + "/a/c.html", dir.path + "/b.txt"});
  auto missing = ListLocalFiles(dir.path + "/nope");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == ct::Status::Code::kNotFound);
}
