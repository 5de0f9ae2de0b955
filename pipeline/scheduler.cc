#include "pipeline/scheduler.h"

#include <algorithm>

namespace ct::pipeline {
namespace {

size_t StringBytes(const std::string& s) {
  // Short strings live inside the object.
  return s.capacity() > 15 ? s.capacity() + 1 : 0;
}

}  // namespace

size_t ClaimBytes(const std::vector<extract::Claim>& claims) {
  size_t bytes = sizeof(claims) + claims.capacity() * sizeof(extract::Claim);
  for (const extract::Claim& c : claims) {
    for (const std::string* s :
         {&c.surface, &c.written_unit, &c.noun, &c.change, &c.unit, &c.metric,
          &c.subject, &c.object, &c.time, &c.sentence}) {
      bytes += StringBytes(*s);
    }
  }
  return bytes;
}

Scheduler::Scheduler(size_t jobs, size_t budget, size_t head_bytes)
    : jobs_(jobs), budget_(budget), head_bytes_(head_bytes) {}

std::optional<Task> Scheduler::NextTask() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    if (stopped_) return std::nullopt;
    // The lowest task: an entry of a job that has expanded comes before
    // the tasks of later jobs.
    std::optional<Task> best;
    if (!pending_.empty()) {
      auto [job, entry] = *pending_.begin();
      best = Task{job, entry};
    }
    if (next_job_task_ < jobs_.size() &&
        (!best || next_job_task_ <= best->job)) {
      return Task{next_job_task_++, Task::kJob};
    }
    if (best) {
      pending_.erase(pending_.begin());
      return best;
    }
    // Nothing to hand out now. Entry tasks come only from job tasks that
    // are running; when every job has expanded, nothing more will come.
    bool all_expanded = std::all_of(jobs_.begin(), jobs_.end(),
                                    [](const Job& j) { return j.expanded; });
    if (all_expanded) return std::nullopt;
    workers_.wait(lock);
  }
}

void Scheduler::ExpandJob(size_t job, size_t docs, bool entry_tasks) {
  std::lock_guard<std::mutex> lock(mu_);
  Job& j = jobs_[job];
  j.expanded = true;
  j.docs = docs;
  if (entry_tasks) {
    for (size_t i = 0; i < docs; ++i) pending_.emplace(job, i);
  }
  workers_.notify_all();
  writer_.notify_all();
}

void Scheduler::Charge(size_t bytes) {
  used_ += bytes;
  peak_ = std::max(peak_, used_);
}

void Scheduler::Credit(size_t bytes) {
  used_ -= std::min(used_, bytes);
  workers_.notify_all();
}

void Scheduler::WaitForRoom(std::unique_lock<std::mutex>* lock, size_t job,
                            size_t index, size_t need) {
  // Something must be waiting for the writer before a worker waits for
  // room, so a document bigger than the whole budget still gets through.
  workers_.wait(*lock, [&] {
    return stopped_ || (job == head_job_ && index == head_index_) ||
           used_ == 0 || used_ + need <= budget_;
  });
}

std::shared_ptr<Slot> Scheduler::OpenSlot(size_t job, size_t index,
                                          ingest::Document doc) {
  auto slot = std::make_shared<Slot>();
  slot->job = job;
  slot->index = index;
  slot->text_bytes = doc.text.capacity() + sizeof(Slot);
  slot->doc_ = std::move(doc);
  std::unique_lock<std::mutex> lock(mu_);
  WaitForRoom(&lock, job, index, slot->text_bytes);
  Charge(slot->text_bytes);
  jobs_[job].slots[index] = slot;
  writer_.notify_all();
  return slot;
}

void Scheduler::SkipSlot(size_t job, size_t index, Skipped why) {
  std::lock_guard<std::mutex> lock(mu_);
  jobs_[job].skipped[index] = std::move(why);
  writer_.notify_all();
}

bool Scheduler::Add(Slot* slot, std::vector<extract::Claim> batch) {
  size_t bytes = ClaimBytes(batch);
  std::unique_lock<std::mutex> lock(mu_);
  // The writer's next document waits only for the writer to drain it;
  // every other one for room in the budget.
  workers_.wait(lock, [&] {
    if (stopped_ || slot->cancelled) return true;
    if (IsHead(*slot))
      return slot->buffered + bytes <= head_bytes_ || slot->buffered == 0;
    return used_ == 0 || used_ + bytes <= budget_;
  });
  if (stopped_ || slot->cancelled) return false;
  Charge(bytes);
  slot->buffered += bytes;
  slot->batches.emplace_back(std::move(batch), bytes);
  // The writer waits only on its next document.
  if (IsHead(*slot)) writer_.notify_all();
  return true;
}

void Scheduler::Finish(Slot* slot, std::vector<extract::PartyFix> fixes) {
  std::lock_guard<std::mutex> lock(mu_);
  slot->fixes = std::move(fixes);
  slot->finished = true;
  writer_.notify_all();
}

void Scheduler::Fail(Slot* slot, Status error) {
  std::lock_guard<std::mutex> lock(mu_);
  slot->error = std::move(error);
  slot->finished = true;
  writer_.notify_all();
}

size_t Scheduler::WaitExpanded(size_t job) {
  std::unique_lock<std::mutex> lock(mu_);
  writer_.wait(lock, [&] { return stopped_ || jobs_[job].expanded; });
  return jobs_[job].docs;
}

std::shared_ptr<Slot> Scheduler::WaitSlot(size_t job, size_t index,
                                          Skipped* why) {
  std::unique_lock<std::mutex> lock(mu_);
  head_job_ = job;
  head_index_ = index;
  // A worker waiting for room may be the one this writer now waits for.
  workers_.notify_all();
  Job& j = jobs_[job];
  writer_.wait(lock, [&] {
    return stopped_ || j.slots.count(index) || j.skipped.count(index);
  });
  if (auto it = j.skipped.find(index); it != j.skipped.end()) {
    *why = std::move(it->second);
    j.skipped.erase(it);
    return nullptr;
  }
  if (stopped_ && !j.slots.count(index)) {
    *why = Skipped{false, Status::Internal("stopped")};
    return nullptr;
  }
  return j.slots[index];
}

bool Scheduler::Drain(Slot* slot, std::vector<extract::Claim>* batch) {
  std::unique_lock<std::mutex> lock(mu_);
  writer_.wait(lock, [&] {
    return stopped_ || !slot->batches.empty() || slot->finished;
  });
  if (slot->batches.empty() || !slot->error.ok() || stopped_) return false;
  *batch = std::move(slot->batches.front().first);
  size_t bytes = slot->batches.front().second;
  slot->batches.pop_front();
  slot->buffered -= std::min(slot->buffered, bytes);
  Credit(bytes);
  return true;
}

void Scheduler::Cancel(Slot* slot) {
  std::lock_guard<std::mutex> lock(mu_);
  slot->cancelled = true;
  workers_.notify_all();
}

Status Scheduler::Close(Slot* slot, std::vector<extract::PartyFix>* fixes) {
  std::unique_lock<std::mutex> lock(mu_);
  // A cancelled slot's worker may still be between batches; the slot
  // itself lives on through its shared pointer until the worker lets go.
  Credit(slot->buffered + slot->text_bytes);
  slot->buffered = 0;
  slot->text_bytes = 0;
  slot->batches.clear();
  if (fixes) *fixes = std::move(slot->fixes);
  jobs_[slot->job].slots.erase(slot->index);
  return slot->error;
}

void Scheduler::Stop() {
  std::lock_guard<std::mutex> lock(mu_);
  stopped_ = true;
  workers_.notify_all();
  writer_.notify_all();
}

size_t Scheduler::peak_bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return peak_;
}

}  // namespace ct::pipeline
