// The text that `claimtrack extract --explain` prints: every number the
// extractor read, in text order, as a claim with the rules that made it and
// the fields they set, or as a dropped number with the rule that dropped it.
// docs/extraction.md describes the format and lists the rules.

#ifndef CT_CLI_EXPLAIN_H_
#define CT_CLI_EXPLAIN_H_

#include <string>

#include "extract/claim_extractor.h"

namespace ct::cli {

std::string ExplainText(const extract::Explanation& explanation);

}  // namespace ct::cli

#endif  // CT_CLI_EXPLAIN_H_
