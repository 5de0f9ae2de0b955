// An ingest run: files, folders, feeds, pages and OPML lists to stored
// articles, claims and judged facts.
//
// Inputs are fetched, parsed and extracted on every core, a feed's entries
// each on a worker of its own; one thread writes to the store, in input
// order, so a run's result does not depend on timing. Claims flow from the
// extractor to the store a sentence batch at a time, and what waits for the
// writer shares one memory budget, so a run's memory does not grow with
// its inputs (pipeline/scheduler.h). A feed entry's page is fetched and
// extracted (robots.txt permitting, with a politeness delay per host) unless
// the entry is stored already; when that fails the entry's own text is
// used. One failing input never stops the others: its error is collected,
// the rest is stored, and the facts of what changed are judged at the end.
//
// Thread-safety: a run uses the store from the calling thread only; the
// fetcher and extractor must be thread-safe.

#ifndef CT_PIPELINE_INGEST_RUN_H_
#define CT_PIPELINE_INGEST_RUN_H_

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "extract/claim_extractor.h"
#include "ingest/fetcher.h"
#include "store/claim_store.h"

namespace ct::pipeline {

struct IngestOptions {
  int threads = 0;  // 0: one per core.
  ingest::FetchOptions fetch;
  // Between two requests to one host.
  std::chrono::milliseconds host_delay{1000};
  bool fetch_pages = true;  // Fetch each feed entry's page.
  // Bytes of documents and claims that may wait for the writer at once.
  size_t memory_budget = size_t{128} << 20;
};

struct IngestSummary {
  int inputs = 0;  // Files, feeds and pages looked at.
  int new_articles = 0;
  int updated = 0;
  int unchanged = 0;
  int duplicates = 0;
  int not_modified = 0;             // Sources that answered 304.
  int claims = 0;                   // Claims of new and updated articles.
  std::vector<std::string> errors;  // One line per failed input.
};

// Called after each input is done: (done, total, name of the input).
using ProgressFn = std::function<void(int, int, const std::string&)>;

// Ingests files, folders and URLs (feeds, pages, OPML lists of feeds). Fails
// only when the store fails; inputs that fail land in `errors`.
Result<IngestSummary> Ingest(const std::vector<std::string>& inputs,
                             const extract::ClaimExtractor& extractor,
                             ingest::Fetcher* fetcher, store::ClaimStore* store,
                             const IngestOptions& options,
                             const ProgressFn& progress = nullptr);

// One scheduled pass: polls every source that is due, with its validators,
// and records each poll on its source (next due time, or the error with a
// back-off that doubles per failure in a row, or what Retry-After asked).
Result<IngestSummary> RunDue(const extract::ClaimExtractor& extractor,
                             ingest::Fetcher* fetcher, store::ClaimStore* store,
                             const IngestOptions& options,
                             const ProgressFn& progress = nullptr);

}  // namespace ct::pipeline

#endif  // CT_PIPELINE_INGEST_RUN_H_
