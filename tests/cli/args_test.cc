#include "cli/args.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

using ct::cli::Nearest;
using ct::cli::ProgressLine;

TEST_CASE("ProgressLine fits the terminal, and tells rate and time left",
          "[cli]") {
  std::string name = "https://news.example/2025/10/06/a-very-long-path/" +
                     std::string(200, 'x') + "/story.html";
  for (int width : {40, 80, 120, 200}) {
    INFO(width);
    std::string line = ProgressLine(5, 20, name, 10, width);
    CHECK(static_cast<int>(line.size()) <= width - 1);
    // The end of the name tells inputs apart.
    if (width >= 80) CHECK(line.find("story.html") != std::string::npos);
  }
  std::string line = ProgressLine(50, 200, "a.txt", 10, 100);
  CHECK(line.find("50/200 5.0/s ETA 0m30s a.txt") != std::string::npos);
  // Early, no rate yet; done, no time left.
  CHECK(ProgressLine(1, 200, "a.txt", 0.5, 100).find("/s") ==
        std::string::npos);
  CHECK(ProgressLine(200, 200, "a.txt", 40, 100).find("ETA") ==
        std::string::npos);
  // A name cut in the middle of a character is cut at its start instead.
  std::string accented;
  for (int i = 0; i < 100; ++i) accented += "\xc3\xa9";  // é
  std::string cut = ProgressLine(1, 2, accented, 0, 60);
  size_t dots = cut.find("...");
  REQUIRE(dots != std::string::npos);
  CHECK((static_cast<unsigned char>(cut[dots + 3]) & 0xC0) != 0x80);
}

TEST_CASE("Nearest finds a near miss, not a far one", "[cli]") {
  CHECK(Nearest("factz", {"facts", "fact", "claims"}) == "facts");
  CHECK(Nearest("stauts", {"status", "entity"}) == "status");
  CHECK(Nearest("bogus", {"json", "csv", "status"}).empty());
}

TEST_CASE("TablePrinter narrows its widest columns to fit the terminal",
          "[cli]") {
  std::ostringstream out;
  ct::cli::TablePrinter table({"ID", "SOURCE", "SENTENCE"}, 200, &out);
  table.FitTo(40);
  table.Row({"1", "Daily Ledger", std::string(150, 'x')});
  table.Row({"2", "Ferrous Wire", "short"});
  table.Finish();
  std::istringstream lines(out.str());
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    ++n;
    INFO(line);
    // Display columns: the ellipsis is three bytes but one column.
    size_t columns = 0;
    for (unsigned char c : line) columns += (c & 0xC0) != 0x80;
    CHECK(columns <= 40);
  }
  CHECK(n == 3);
  CHECK(out.str().find("Daily Ledger") != std::string::npos);
}
