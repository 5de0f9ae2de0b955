// The embedded word lists: every list the code asks for is in the file, and
// the file's entries read as the code expects.

#include "extract/vocabulary.h"

#include <re2/re2.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

using ct::extract::WordList;
using ct::extract::WordListNames;
using ct::extract::WordNumbers;

TEST_CASE("Every word list the extractor names is in the word file",
          "[extract]") {
  std::vector<std::string_view> names = WordListNames();
  std::set<std::string> in_file(names.begin(), names.end());
  REQUIRE(in_file.size() == names.size());  // No list named twice.
  std::set<std::string> used;
  const RE2 kCall("Word(?:List|Numbers|LabelsOf)\\(\"([^\"]+)\"\\)");
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(CT_SOURCE_DIR) / "extract")) {
    if (entry.path().extension() != ".cc") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    std::string source = text.str();
    re2::StringPiece input(source);
    std::string name;
    while (RE2::FindAndConsume(&input, kCall, &name)) used.insert(name);
  }
  REQUIRE(used.size() > 40);
  for (const std::string& name : used) {
    CAPTURE(name);
    CHECK(in_file.count(name) > 0);
    CHECK_FALSE(WordList(name).empty());
  }
  // And the file holds no list that nothing reads.
  for (const std::string& name : in_file) {
    CAPTURE(name);
    CHECK(used.count(name) > 0);
  }
}

TEST_CASE("Word lists read words and numbers as written", "[extract]") {
  CHECK(WordList("months").count("September") == 1);
  CHECK(WordList("months").count("september") == 0);
  CHECK(WordNumbers("scale_words").at("billion") == 1e9);
  CHECK(WordNumbers("small_numbers").at("twelve") == 12);
  CHECK(WordNumbers("multiple_words").at("halved") == 0.5);
  // A numeric list is a set of its words too.
  CHECK(WordList("scale_words").count("bn") == 1);
  CHECK(WordList("scale_words").count("bn=1e9") == 0);
  // A list of labels reads its entries' words and labels.
  CHECK(ct::extract::WordLabelsOf("irregular_plurals").at("mice") == "mouse");
  CHECK(WordList("irregular_plurals").count("mice") == 1);
}
