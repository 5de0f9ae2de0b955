// Scheduler: the work of an ingest run, shared by worker threads and the
// one thread that writes to the store.
//
// A run is a list of jobs (inputs). A job task reads its input and yields
// its documents: one for a file or a page, one per entry for a feed, whose
// entries become tasks of their own so that every worker can help. Tasks
// are handed out in input order, (job, entry), lowest first.
//
// Each document goes through a slot: the worker that extracts it opens the
// slot with the document and adds its claims a sentence batch at a time;
// the writer takes the slots in input order and drains them, so what is
// stored does not depend on timing. Slots share a memory budget: a worker
// whose document is not the writer's next waits while the budget is spent,
// and the writer's next document waits only for the writer to drain it.
// So memory stays near the budget whatever the inputs hold, and the writer
// can always go on.
//
//   worker:  Task t = NextTask();  ExpandJob / OpenSlot; Add...; Finish
//   writer:  for each job: WaitExpanded; for each doc: WaitSlot; Drain...
//
// Thread-safe: every method may be called from any thread.

#ifndef CT_PIPELINE_SCHEDULER_H_
#define CT_PIPELINE_SCHEDULER_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "extract/claim_extractor.h"
#include "ingest/document.h"

namespace ct::pipeline {

// One document on its way from a worker to the writer.
class Slot {
 public:
  // The document, fixed when the slot opens; the worker extracts from its
  // text while the writer stores it.
  const ingest::Document& doc() const { return doc_; }

 private:
  friend class Scheduler;
  ingest::Document doc_;
  size_t job = 0;
  size_t index = 0;
  size_t text_bytes = 0;
  // Batches not yet drained, with the bytes each was charged.
  std::deque<std::pair<std::vector<extract::Claim>, size_t>> batches;
  size_t buffered = 0;  // Bytes of the batches not yet drained.
  std::vector<extract::PartyFix> fixes;
  bool finished = false;   // No more batches will come.
  bool cancelled = false;  // The writer needs no more of it.
  Status error;            // Extraction failed; the writer stores nothing.
};

// Why a document has no slot: it was unchanged (known already), it failed
// before extraction, or neither (nothing to store, such as an empty entry).
struct Skipped {
  bool unchanged = false;
  Status error;
};

// A unit of work. `entry` is kJob for the job's own task.
struct Task {
  static constexpr size_t kJob = SIZE_MAX;
  size_t job = 0;
  size_t entry = kJob;
};

class Scheduler {
 public:
  // `budget` bytes of documents and claims may wait for the writer; the
  // writer's next document may hold `head_bytes` of undrained claims.
  Scheduler(size_t jobs, size_t budget, size_t head_bytes);
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Worker side.
  // The lowest task left; waits while none is ready. nullopt when every
  // task is taken, or after Stop.
  std::optional<Task> NextTask();
  // Job `job` yields `docs` documents. With `entry_tasks`, each becomes a
  // task of its own (a feed's entries); else the job's own task opens them.
  void ExpandJob(size_t job, size_t docs, bool entry_tasks);
  // Opens the slot of document `index` of `job`. Waits while the budget is
  // spent and the document is not the writer's next.
  std::shared_ptr<Slot> OpenSlot(size_t job, size_t index,
                                 ingest::Document doc);
  // Document `index` of `job` yields nothing to store, for `why`.
  void SkipSlot(size_t job, size_t index, Skipped why);
  // Adds a batch of claims. Waits for room, as OpenSlot. False when the
  // writer needs no more of this document, or the run stops.
  bool Add(Slot* slot, std::vector<extract::Claim> batch);
  // The slot is complete; `fixes` are the extractor's corrections.
  void Finish(Slot* slot, std::vector<extract::PartyFix> fixes);
  // Extraction failed: the writer stores nothing of the document.
  void Fail(Slot* slot, Status error);

  // Writer side.
  // How many documents job `job` yields; waits until its task knows.
  size_t WaitExpanded(size_t job);
  // The slot of document `index` of `job`, which becomes the writer's
  // next; waits until it is open or skipped. nullptr for a skipped one,
  // with `*why` set.
  std::shared_ptr<Slot> WaitSlot(size_t job, size_t index, Skipped* why);
  // The next batch of `slot`; waits for one. False when the slot is
  // finished and drained (or failed, or the run stops).
  bool Drain(Slot* slot, std::vector<extract::Claim>* batch);
  // The writer needs nothing more of `slot`: its worker stops early.
  void Cancel(Slot* slot);
  // The writer is done with `slot`; its memory goes back to the budget.
  // Returns its fixes, or its error.
  Status Close(Slot* slot, std::vector<extract::PartyFix>* fixes);

  // Stops the run: waiting calls return, and no task is handed out.
  void Stop();

  // The most bytes that waited for the writer at once.
  size_t peak_bytes() const;

 private:
  struct Job {
    bool expanded = false;
    size_t docs = 0;
    std::map<size_t, std::shared_ptr<Slot>> slots;
    std::map<size_t, Skipped> skipped;
  };
  bool IsHead(const Slot& slot) const {
    return slot.job == head_job_ && slot.index == head_index_;
  }
  // Waits while `need` more bytes would overspend the budget and `slot` is
  // not the writer's next. REQUIRES: mu_ held.
  void WaitForRoom(std::unique_lock<std::mutex>* lock, size_t job, size_t index,
                   size_t need);
  void Charge(size_t bytes);
  void Credit(size_t bytes);

  mutable std::mutex mu_;
  // Workers wait on one (tasks, room in the budget), the writer on the
  // other (documents, batches): a batch added wakes the writer only, and
  // room made by the writer wakes only workers.
  std::condition_variable workers_;
  std::condition_variable writer_;
  std::vector<Job> jobs_;
  std::set<std::pair<size_t, size_t>> pending_;  // (job, entry) tasks.
  size_t next_job_task_ = 0;
  size_t budget_;
  size_t head_bytes_;
  size_t used_ = 0;
  size_t peak_ = 0;
  size_t head_job_ = 0;
  size_t head_index_ = 0;
  bool stopped_ = false;
};

// The bytes a batch of claims holds, near enough for a budget.
size_t ClaimBytes(const std::vector<extract::Claim>& claims);

}  // namespace ct::pipeline

#endif  // CT_PIPELINE_SCHEDULER_H_
