#include "pipeline/ingest_run.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "ingest/local_files.h"

namespace ct::pipeline {
namespace {

struct Prepared {
  Status status;
  ingest::Document doc;
  std::vector<extract::Claim> claims;
};

}  // namespace

Result<IngestSummary> IngestPaths(const std::vector<std::string>& paths,
                                  const extract::ClaimExtractor& extractor,
                                  store::ClaimStore* store,
                                  const IngestOptions& options,
                                  const ProgressFn& progress) {
  IngestSummary summary;
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    auto listed = ingest::ListLocalFiles(path);
    if (!listed.ok()) {
      summary.errors.push_back(listed.status().message());
      continue;
    }
    files.insert(files.end(), listed->begin(), listed->end());
  }
  summary.inputs = static_cast<int>(files.size());

  // Workers fill the slots; this thread stores them in order as they come.
  std::vector<std::optional<Prepared>> slots(files.size());
  std::mutex mu;
  std::condition_variable ready;
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < files.size(); i = next++) {
      Prepared p;
      auto doc = ingest::ReadLocalFile(files[i], options.max_bytes);
      if (!doc.ok()) {
        p.status = doc.status();
      } else {
        p.doc = std::move(*doc);
        p.claims = extractor.Extract(p.doc.text);
      }
      std::lock_guard<std::mutex> lock(mu);
      slots[i] = std::move(p);
      ready.notify_all();
    }
  };
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::clamp(threads, 1, 64);
  threads = std::min<int>(threads, static_cast<int>(files.size()));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work);

  Status failure;
  for (size_t i = 0; i < files.size(); ++i) {
    Prepared p;
    {
      std::unique_lock<std::mutex> lock(mu);
      ready.wait(lock, [&] { return slots[i].has_value(); });
      p = std::move(*slots[i]);
      slots[i].reset();
    }
    if (failure.ok()) {
      if (!p.status.ok()) {
        summary.errors.push_back(p.status.message());
      } else {
        auto put = store->PutArticle(p.doc, p.claims);
        if (!put.ok()) {
          // The database itself failed: stop writing, but let the workers
          // finish so that the threads can be joined.
          failure = put.status().WithContext("storing " + files[i]);
        } else {
          switch (put->outcome) {
            case store::PutOutcome::kNew:
              ++summary.new_articles;
              summary.claims += static_cast<int>(p.claims.size());
              break;
            case store::PutOutcome::kUpdated:
              ++summary.updated;
              summary.claims += static_cast<int>(p.claims.size());
              break;
            case store::PutOutcome::kUnchanged:
              ++summary.unchanged;
              break;
            case store::PutOutcome::kDuplicate:
              ++summary.duplicates;
              break;
          }
        }
      }
    }
    if (progress) progress(static_cast<int>(i + 1), summary.inputs, files[i]);
  }
  for (std::thread& t : pool) t.join();
  CT_RETURN_IF_ERROR(failure);
  CT_RETURN_IF_ERROR(store->RebuildFacts().WithContext("judging facts"));
  return summary;
}

}  // namespace ct::pipeline
