// What the fuzz targets share: a check that stops the run on a broken
// invariant, and splitting one input into several arguments.

#ifndef CT_FUZZ_CHECK_H_
#define CT_FUZZ_CHECK_H_

#include <cstdio>
#include <string_view>
#include <vector>

// Stops the run, with a line naming the invariant, when `cond` is false.
// A trap, not an exception or assert(): libFuzzer reports it as a crash
// and saves the input whatever the build type.
#define CT_FUZZ_CHECK(cond)                                           \
  do {                                                                \
    if (!(cond)) {                                                    \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, \
                   __LINE__, #cond);                                  \
      __builtin_trap();                                               \
    }                                                                 \
  } while (0)

namespace ct::fuzz {

// `in` cut at each `sep`, at most `max_parts` parts (the last keeps the
// rest, separators included).
inline std::vector<std::string_view> Split(std::string_view in, char sep,
                                           size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    size_t at = in.find(sep);
    if (at == std::string_view::npos) break;
    parts.push_back(in.substr(0, at));
    in.remove_prefix(at + 1);
  }
  parts.push_back(in);
  return parts;
}

}  // namespace ct::fuzz

#endif  // CT_FUZZ_CHECK_H_
