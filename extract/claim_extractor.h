// ClaimExtractor: finds every numeric claim in an article's text.
//
//   auto extractor = ClaimExtractor::Create({});
//   for (const Claim& c : (*extractor)->Extract(text)) ...
//
// Text is folded (extract/text_fold.h), split into sentences with ICU, and
// each sentence is lexed and parsed; patterns are RE2 and compiled once, so
// the cost is linear in the text whatever it holds.
//
// A long document is read a part at a time, and its claims can be taken a
// sentence at a time through a ClaimSink, so that the memory extraction
// needs follows the longest sentence, not the document: what stays for the
// whole document is a few dozen bytes per claim, for the subjects that only
// the whole document tells (the same figure named elsewhere, the article's
// main actor), which come last as corrections.
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

// Takes a document's claims as they are found.
class ClaimSink {
 public:
  virtual ~ClaimSink() = default;
  // The claims of one sentence, in text order; ordinals go on from the
  // previous batch. Returning false stops the extraction: no more batches
  // and no Resolve.
  virtual bool Add(std::vector<Claim> claims) = 0;
  // After the last sentence, once: the corrections of the document pass.
  virtual void Resolve(std::vector<PartyFix> fixes) = 0;
  // Whether to name the rules behind each claim (Claim::rules) and to
  // report the numbers that rules dropped. Costs time; off by default.
  virtual bool Explaining() const { return false; }
  virtual void Dropped(DroppedFigure figure) { (void)figure; }
};

// What the extractor made of a text, figure by figure.
struct Explanation {
  std::vector<Claim> claims;  // With their rules.
  std::vector<DroppedFigure> dropped;
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
  // as given. Invalid UTF-8 and NUL bytes are tolerated. The headline, when
  // given, tells with the lead who the article's deal is between; the
  // publication date (ISO 8601) dates "this year", "on Monday" and such.
  std::vector<Claim> Extract(std::string_view utf8_text,
                             std::string_view title = {},
                             std::string_view published = {}) const;
  // The same claims with the rules that made each, and the numbers that
  // rules dropped, each with its rule: what `extract --explain` prints.
  Explanation Explain(std::string_view utf8_text, std::string_view title = {},
                      std::string_view published = {}) const;
  // The same claims, a sentence at a time, then their corrections.
  // `sink` must outlive the call.
  void Extract(std::string_view utf8_text, ClaimSink* sink,
               std::string_view title = {},
               std::string_view published = {}) const;

  const Gazetteer& gazetteer() const { return gazetteer_; }

 private:
  explicit ClaimExtractor(const ExtractorOptions& options);

  Gazetteer gazetteer_;
  BoundsOptions bounds_;
};

}  // namespace ct::extract

#endif  // CT_EXTRACT_CLAIM_EXTRACTOR_H_
