// An ingest run: local files (and, later, feeds and pages) to stored
// articles, claims and judged facts.
//
// Files are read, parsed and extracted on every core; one thread writes to
// the store, in input order, so a run's result does not depend on timing.
// One failing input never stops the others: its error is collected, the
// rest is stored, and facts are rebuilt at the end.
//
// Thread-safety: a run uses the store from the calling thread only.

#ifndef CT_PIPELINE_INGEST_RUN_H_
#define CT_PIPELINE_INGEST_RUN_H_

#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "extract/claim_extractor.h"
#include "store/claim_store.h"

namespace ct::pipeline {

struct IngestOptions {
  int threads = 0;  // 0: one per core.
  size_t max_bytes = 16 << 20;
};

struct IngestSummary {
  int inputs = 0;  // Files (and later feeds and pages) looked at.
  int new_articles = 0;
  int updated = 0;
  int unchanged = 0;
  int duplicates = 0;
  int claims = 0;                   // Claims of new and updated articles.
  std::vector<std::string> errors;  // One line per failed input.
};

// Called after each input is done: (done, total, name of the input).
using ProgressFn = std::function<void(int, int, const std::string&)>;

// Ingests the files and folders in `paths`. Fails only when the store
// fails; inputs that fail land in `errors`.
Result<IngestSummary> IngestPaths(const std::vector<std::string>& paths,
                                  const extract::ClaimExtractor& extractor,
                                  store::ClaimStore* store,
                                  const IngestOptions& options,
                                  const ProgressFn& progress = nullptr);

}  // namespace ct::pipeline

#endif  // CT_PIPELINE_INGEST_RUN_H_
