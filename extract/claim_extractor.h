// ClaimExtractor: finds every numeric claim in an article's text.
//
//   auto extractor = ClaimExtractor::Create({});
//   for (const Claim& c : (*extractor)->Extract(text)) ...
//
// Text is folded (extract/text_fold.h), split into sentences with ICU, and
// each sentence is lexed and parsed; patterns are RE2 and compiled once, so
// the cost is linear in the text whatever it holds.
//
// Thread-safe: Extract() may run on many threads at once. The extractor owns
// its gazetteer.

#ifndef CT_EXTRACT_CLAIM_EXTRACTOR_H_
#define CT_EXTRACT_CLAIM_EXTRACTOR_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "extract/bounds.h"
#include "extract/claim.h"
#include "extract/gazetteer.h"

namespace ct::extract {

struct ExtractorOptions {
  // Entity files in the gazetteer format, loaded before the built-in list
  // so that they win any alias both claim.
  std::vector<std::string> gazetteer_files;
  BoundsOptions bounds;
};

class ClaimExtractor {
 public:
  // Fails when a gazetteer file cannot be read or parsed; the message names
  // the file and line.
  static Result<std::unique_ptr<ClaimExtractor>> Create(
      const ExtractorOptions& options);

  ClaimExtractor(const ClaimExtractor&) = delete;
  ClaimExtractor& operator=(const ClaimExtractor&) = delete;

  // The claims of `utf8_text` in text order. Offsets are bytes of the text
  // as given. Invalid UTF-8 and NUL bytes are tolerated.
  std::vector<Claim> Extract(std::string_view utf8_text) const;

  const Gazetteer& gazetteer() const { return gazetteer_; }

 private:
  explicit ClaimExtractor(const ExtractorOptions& options);

  Gazetteer gazetteer_;
  BoundsOptions bounds_;
};

}  // namespace ct::extract

#endif  // CT_EXTRACT_CLAIM_EXTRACTOR_H_
