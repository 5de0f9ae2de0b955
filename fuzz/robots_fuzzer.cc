// robots.txt rules (ingest/robots.h). The input is a robots.txt body, then
// optionally a NUL byte and the paths to ask about, one a line; without
// them a fixed set of paths is asked.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz/check.h"
#include "ingest/robots.h"

namespace {

constexpr std::string_view kPaths[] = {"/",
                                       "",
                                       "/news/2026/story.html",
                                       "/private/",
                                       "/search?q=gpu&page=2",
                                       "/a/b/c.php$",
                                       "/%E2%82%AC/",
                                       "/*"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> parts = ct::fuzz::Split(in, '\0', 2);
  std::vector<std::string_view> paths(std::begin(kPaths), std::end(kPaths));
  if (parts.size() == 2) paths = ct::fuzz::Split(parts[1], '\n', 64);
  for (std::string_view agent : {"claimtrack", ""}) {
    auto rules = ct::ingest::RobotsRules::Parse(parts[0], agent);
    for (std::string_view path : paths) (void)rules.Allowed(path);
  }
  // An empty robots.txt allows everything.
  auto none = ct::ingest::RobotsRules::Parse("", "claimtrack");
  for (std::string_view path : paths) CT_FUZZ_CHECK(none.Allowed(path));
  return 0;
}
