// Dates as feeds and pages write them (ingest/dates.h).
//
// Checked beyond crashes: the answer is empty or RFC 3339 in UTC, exactly
// "YYYY-MM-DDTHH:MM:SSZ", and reading the answer again gives it back.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/check.h"
#include "ingest/dates.h"

namespace {

bool IsRfc3339Utc(std::string_view s) {
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (s.size() != kShape.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool ok = kShape[i] == 'd' ? s[i] >= '0' && s[i] <= '9' : s[i] == kShape[i];
    if (!ok) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string date = ct::ingest::NormalizeDate(in);
  if (date.empty()) return 0;
  CT_FUZZ_CHECK(IsRfc3339Utc(date));
  CT_FUZZ_CHECK(ct::ingest::NormalizeDate(date) == date);
  return 0;
}
