// extract --jsonl on several threads: the same bytes, in input order, as on
// one, with the errors of bad lines where they were.

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "tests/cli/cli_run.h"

using ct::testing::Claimtrack;
using ct::testing::ReadAll;
using ct::testing::Run;
using ct::testing::TempDir;

namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos;
       nl = text.find('\n', start)) {
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

// The id of input line i (from 1) as the output prints it: numbers mostly,
// some strings.
std::string IdJson(int i) {
  return i % 7 == 0 ? "\"s" + std::to_string(i) + "\"" : std::to_string(i);
}

// Line i's text holds a figure of its own, so an answer printed for the
// wrong line shows.
std::string TextOf(int i) {
  switch (i % 4) {
    case 0:
      return "OpenAI agreed to buy " + std::to_string(i) + " MW from AMD.";
    case 1:
      return "xAI runs more than " + std::to_string(i) + " GPUs at Colossus 1.";
    case 2:
      return "No figures here.";
    default:
      return "Revenue rose " + std::to_string(i % 90 + 1) +
             "% in the quarter, the company said, and its shares gained "
             "2.5% on Tuesday.";
  }
}

std::string JsonLine(int i) {
  return "{\"id\": " + IdJson(i) + ", \"text\": \"" + TextOf(i) + "\"}";
}

}  // namespace

TEST_CASE(
    "extract --jsonl prints the same lines in input order on 1 and 4 "
    "threads",
    "[cli]") {
  TempDir dir;
  std::string input = dir.path + "/in.jsonl";
  // More lines than the window holds, so its places are reused.
  const int kLines = 6000;
  {
    std::ofstream out(input);
    for (int i = 1; i <= kLines; ++i) out << JsonLine(i) << "\n";
  }
  Run one = Claimtrack("extract --jsonl --threads 1 < " + input);
  Run four = Claimtrack("extract --jsonl --threads 4 < " + input);
  Run every_core = Claimtrack("extract --jsonl < " + input);
  CHECK(one.code == 0);
  CHECK(four.code == 0);
  CHECK(every_core.code == 0);
  CHECK(four.out == one.out);
  CHECK(every_core.out == one.out);

  std::vector<std::string> lines = Lines(four.out);
  REQUIRE(lines.size() == kLines);
  REQUIRE(four.out.back() == '\n');
  for (int i = 1; i <= kLines; ++i) {
    const std::string& line = lines[i - 1];
    INFO("line " << i << ": " << line);
    REQUIRE(line.rfind("{\"id\":" + IdJson(i) + ",\"claims\":[", 0) == 0);
    if (i % 4 == 0) {
      CHECK(line.find("\"surface\":\"" + std::to_string(i) + " MW\"") !=
            std::string::npos);
    } else if (i % 4 == 2) {
      CHECK(line == "{\"id\":" + IdJson(i) + ",\"claims\":[]}");
    }
  }

  // A line's answer is what plain extract finds in its text alone.
  const std::string kPlainId = "{\"id\":\"stdin\"";
  for (int i : {4000, 5997, 5999}) {
    std::string one_text = dir.path + "/one.txt";
    std::ofstream(one_text) << TextOf(i) << "\n";
    Run alone = Claimtrack("extract < " + one_text);
    REQUIRE(alone.out.rfind(kPlainId, 0) == 0);
    CHECK(lines[i - 1] + "\n" ==
          "{\"id\":" + IdJson(i) + alone.out.substr(kPlainId.size()));
  }
}

TEST_CASE(
    "extract --jsonl names bad lines in order and answers the lines "
    "around them",
    "[cli]") {
  TempDir dir;
  std::string input = dir.path + "/in.jsonl";
  const int kLines = 300;
  {
    std::ofstream out(input);
    for (int i = 1; i <= kLines; ++i) {
      if (i == 100) {
        out << "not json\n";
      } else if (i == 101) {
        out << "{\"id\": 101}\n";
      } else if (i == 150) {
        out << "  \n";  // Blank: skipped, but counted.
      } else if (i == 299) {
        out << "{\"id\": 299, \"text\": \"unterminated\n";
      } else {
        out << JsonLine(i) << "\n";
      }
    }
  }
  const std::string kExpectedErrors =
      "claimtrack: extract: stdin line 100: not a JSON object with \"text\": "
      "JSON Exception: expected 'u' instead of byte 'o'\n"
      "claimtrack: extract: stdin line 101: not a JSON object with \"text\": "
      "Data error: no \"text\" field\n"
      "claimtrack: extract: stdin line 299: not a JSON object with \"text\": "
      "JSON Exception: unterminated string literal\n";
  std::vector<std::string> outs;
  for (const char* threads : {"1", "4"}) {
    INFO("--threads " << threads);
    std::string err = dir.path + "/err" + threads;
    Run run = Claimtrack(
        "extract --jsonl --threads " + std::string(threads) + " < " + input,
        err);
    CHECK(run.code == 1);
    CHECK(ReadAll(err) == kExpectedErrors);
    std::vector<std::string> lines = Lines(run.out);
    std::vector<int> good;
    for (int i = 1; i <= kLines; ++i) {
      if (i != 100 && i != 101 && i != 150 && i != 299) good.push_back(i);
    }
    REQUIRE(lines.size() == good.size());
    for (size_t k = 0; k < good.size(); ++k) {
      INFO("line " << good[k]);
      CHECK(lines[k].rfind("{\"id\":" + IdJson(good[k]) + ",", 0) == 0);
    }
    outs.push_back(run.out);
  }
  CHECK(outs[0] == outs[1]);
}

TEST_CASE("extract --threads wants a positive number", "[cli]") {
  TempDir dir;
  std::string err = dir.path + "/err";
  for (const char* bad : {"0", "x", "-2", "4x", ""}) {
    INFO("--threads=" << bad);
    Run run = Claimtrack(
        "extract --jsonl --threads=" + std::string(bad) + " < /dev/null", err);
    CHECK(run.code == 2);
    CHECK(run.out.empty());
    CHECK(ReadAll(err) ==
          "claimtrack: extract: --threads wants a positive number, not '" +
              std::string(bad) + "'\n");
  }
  Run missing = Claimtrack("extract --jsonl --threads", err);
  CHECK(missing.code == 2);
  CHECK(ReadAll(err) == "claimtrack: extract: flag --threads needs a value\n");
}

TEST_CASE("extract --jsonl with more threads than lines", "[cli]") {
  TempDir dir;
  std::string input = dir.path + "/in.jsonl";
  Run empty = Claimtrack("extract --jsonl --threads 8 < /dev/null");
  CHECK(empty.code == 0);
  CHECK(empty.out.empty());
  std::ofstream(input) << JsonLine(2) << "\n";
  Run one = Claimtrack("extract --jsonl --threads 8 < " + input);
  CHECK(one.code == 0);
  CHECK(one.out == "{\"id\":2,\"claims\":[]}\n");
}

TEST_CASE("extract --jsonl prints an answer while its input is still open",
          "[cli]") {
  int to_child[2];
  int from_child[2];
  REQUIRE(pipe(to_child) == 0);
  REQUIRE(pipe(from_child) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(to_child[0], STDIN_FILENO);
    dup2(from_child[1], STDOUT_FILENO);
    close(to_child[0]);
    close(to_child[1]);
    close(from_child[0]);
    close(from_child[1]);
    execl(CT_BINARY, CT_BINARY, "extract", "--jsonl", "--threads", "2",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(to_child[0]);
  close(from_child[1]);
  std::string first = JsonLine(4) + "\n";
  REQUIRE(write(to_child[1], first.data(), first.size()) ==
          static_cast<ssize_t>(first.size()));
  // stdin stays open: the answer must come without its end. The deadline
  // only keeps a broken build from hanging the suite.
  std::string out;
  while (out.find('\n') == std::string::npos) {
    pollfd p{from_child[0], POLLIN, 0};
    int ready = poll(&p, 1, 60000);
    if (ready <= 0) break;
    char buf[4096];
    ssize_t n = read(from_child[0], buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  CHECK(out.rfind("{\"id\":4,\"claims\":[{\"surface\":\"4 MW\"", 0) == 0);
  CHECK(out.back() == '\n');

  std::string second = JsonLine(6) + "\n";
  REQUIRE(write(to_child[1], second.data(), second.size()) ==
          static_cast<ssize_t>(second.size()));
  close(to_child[1]);
  char buf[4096];
  for (ssize_t n; (n = read(from_child[0], buf, sizeof buf)) > 0;) {
    out.append(buf, static_cast<size_t>(n));
  }
  close(from_child[0]);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(Lines(out).size() == 2);
  CHECK(Lines(out).back() == "{\"id\":6,\"claims\":[]}");
}
