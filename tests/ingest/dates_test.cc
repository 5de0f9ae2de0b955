#include "ingest/dates.h"

#include <catch2/catch.hpp>

using ct::ingest::NormalizeDate;

TEST_CASE("NormalizeDate converts RFC 3339 offsets to UTC", "[ingest]") {
  CHECK(NormalizeDate("2025-10-06T09:30:00+02:00") == "2025-10-06T07:30:00Z");
  CHECK(NormalizeDate("2025-10-06T09:30:00.123Z") == "2025-10-06T09:30:00Z");
  CHECK(NormalizeDate("2025-10-06") == "2025-10-06T00:00:00Z");
}

TEST_CASE("NormalizeDate reads RFC 822 and its variants", "[ingest]") {
  CHECK(NormalizeDate("Mon, 06 Oct 2025 09:30:00 GMT") ==
        "2025-10-06T09:30:00Z");
  CHECK(NormalizeDate("6 Oct 2025 09:30:00 -0500") == "2025-10-06T14:30:00Z");
  CHECK(NormalizeDate("Mon, 06 Oct 25 09:30 EST") == "2025-10-06T14:30:00Z");
  CHECK(NormalizeDate("October 6, 2025") == "2025-10-06T00:00:00Z");
}

TEST_CASE("NormalizeDate never guesses", "[ingest]") {
  CHECK(NormalizeDate("") == "");
  CHECK(NormalizeDate("last Tuesday") == "");
  CHECK(NormalizeDate("2025-02-30") == "");
  CHECK(NormalizeDate("2025-10-06T09:30:00 XYZT") == "");
}
