// The JSON of a claim: written straight, for speed, it must read exactly as
// the object tree the rows are written from.

#include "web/json_views.h"

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "extract/claim_extractor.h"
#include "store/claim_store.h"

using ct::extract::Claim;
using ct::store::ClaimRow;
using ct::web::ClaimJson;
using ct::web::ClaimRowJson;

namespace {

// A row's JSON holds its own fields, then the claim's, from the object tree.
void CheckSameAsTree(const Claim& c) {
  ClaimRow row;
  row.claim = c;
  std::string from_tree = ClaimRowJson(row);
  std::string head = "\"outlier\":false,";
  size_t at = from_tree.find(head);
  REQUIRE(at != std::string::npos);
  std::string direct = ClaimJson(c);
  CHECK("{" + from_tree.substr(at + head.size()) == direct);
}

}  // namespace

TEST_CASE("ClaimJson writes what the object tree writes", "[web]") {
  auto extractor = ct::extract::ClaimExtractor::Create({});
  REQUIRE(extractor.ok());
  const char* texts[] = {
      "Ferrous Wire will buy about 2 GW from Cedar Labs, up to $4.5 billion, "
      "between 3 and 4 GW, and 120,000 GPUs in 2027.",
      "Cedar Labs shares rose 4.25% on Tuesday; the index fell 66.3 points.",
      "The \"Granite\" deal is worth $0.001 per share, \\ or 1e21 in all.",
      "Caf\u00e9 owner Z\u00fcrich AG pays \u20ac17.4bn for a 1,400 acre site.",
  };
  size_t n = 0;
  for (const char* text : texts) {
    for (const Claim& c : (*extractor)->Extract(text)) {
      CAPTURE(c.surface);
      CheckSameAsTree(c);
      ++n;
    }
  }
  CHECK(n > 8);

  // Strings that need escaping, numbers at the edges, roles and no values.
  Claim odd;
  odd.surface = "tab\there \"quoted\" back\\slash / slash \x01 ctrl";
  odd.sentence = std::string("bad \xff\xfe utf-8 and a line\nbreak");
  odd.number = 1e21;
  odd.value = -0.000001;
  odd.low = 0.1;
  odd.high = 123456789012345.0;
  odd.roles = {{"investor", "Cedar Labs"}, {"recipient", "Ferrous \"Wire\""}};
  odd.parties = {"A", "B\\C"};
  odd.in_title = true;
  CheckSameAsTree(odd);
  CheckSameAsTree(Claim());
}
