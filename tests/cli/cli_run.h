// Running the real binary from a test: the end-to-end tests of tests/cli.

#ifndef CT_TESTS_CLI_CLI_RUN_H_
#define CT_TESTS_CLI_CLI_RUN_H_

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace ct::testing {

struct Run {
  int code;
  std::string out;
};

// Runs the binary through the shell; stderr goes to `err_file` if given.
// `env` is put in front: "NAME=value ".
inline Run Claimtrack(const std::string& args,
                      const std::string& err_file = "/dev/null",
                      const std::string& env = "") {
  std::string cmd =
      env + std::string(CT_BINARY) + " " + args + " 2>" + err_file;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

struct TempDir {
  TempDir() {
    char tmpl[] = "/tmp/ct_cli_XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string path;
};

}  // namespace ct::testing

#endif  // CT_TESTS_CLI_CLI_RUN_H_
