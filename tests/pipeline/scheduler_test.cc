#include "pipeline/scheduler.h"

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

using ct::Status;
using ct::extract::Claim;
using ct::pipeline::Scheduler;
using ct::pipeline::Skipped;
using ct::pipeline::Slot;
using ct::pipeline::Task;

namespace {

std::vector<Claim> Batch(size_t job, size_t n) {
  std::vector<Claim> batch(1);
  batch[0].surface = std::to_string(job) + ":" + std::to_string(n);
  batch[0].sentence = std::string(400, 'x');
  return batch;
}

ct::ingest::Document Doc(size_t job) {
  ct::ingest::Document d;
  d.url = "https://a.example/" + std::to_string(job);
  d.text = std::string(1000, 't');
  return d;
}

}  // namespace

TEST_CASE("Scheduler hands documents to the writer in input order, in budget",
          "[pipeline]") {
  const size_t kJobs = 40;
  const size_t kBatches = 30;
  const size_t batch_bytes = ct::pipeline::ClaimBytes(Batch(0, 0));
  // Room for a few batches only: workers must wait for the writer.
  const size_t budget = 6 * batch_bytes;
  Scheduler scheduler(kJobs, budget, 2 * batch_bytes);
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&] {
      while (auto task = scheduler.NextTask()) {
        // Every third job is a "feed" of two entries; the rest one page.
        if (task->entry == Task::kJob && task->job % 3 == 0) {
          scheduler.ExpandJob(task->job, 2, true);
          continue;
        }
        size_t index = task->entry == Task::kJob ? 0 : task->entry;
        if (task->entry == Task::kJob) {
          scheduler.ExpandJob(task->job, 1, false);
        }
        if (task->job == 7) {
          scheduler.SkipSlot(task->job, index, Skipped{true, Status()});
          continue;
        }
        auto slot = scheduler.OpenSlot(task->job, index, Doc(task->job));
        for (size_t n = 0; n < kBatches; ++n) {
          if (!scheduler.Add(slot.get(), Batch(task->job, n))) break;
        }
        scheduler.Finish(slot.get(), {});
      }
    });
  }
  std::vector<std::string> seen;
  size_t skipped = 0;
  for (size_t job = 0; job < kJobs; ++job) {
    size_t docs = scheduler.WaitExpanded(job);
    CHECK(docs == (job % 3 == 0 ? 2u : 1u));
    for (size_t d = 0; d < docs; ++d) {
      Skipped why;
      auto slot = scheduler.WaitSlot(job, d, &why);
      if (!slot) {
        CHECK(why.unchanged);
        ++skipped;
        continue;
      }
      CHECK(slot->doc().url == "https://a.example/" + std::to_string(job));
      std::vector<Claim> batch;
      size_t n = 0;
      while (scheduler.Drain(slot.get(), &batch)) {
        REQUIRE(batch.size() == 1);
        CHECK(batch[0].surface ==
              std::to_string(job) + ":" + std::to_string(n++));
      }
      CHECK(n == kBatches);
      CHECK(scheduler.Close(slot.get(), nullptr).ok());
      seen.push_back(std::to_string(job) + "/" + std::to_string(d));
    }
  }
  scheduler.Stop();
  for (auto& w : workers) w.join();
  CHECK(skipped == 1);
  CHECK(seen.size() == 40 + 14 - 1);
  // Beyond the budget only the writer's next document may hold more: its
  // own allowance (two batches), one batch in flight and its text.
  CHECK(scheduler.peak_bytes() <= budget + 3 * batch_bytes + 2000);
  CHECK(scheduler.peak_bytes() >= budget / 2);
}

TEST_CASE("Scheduler stops a worker whose document the writer cancels",
          "[pipeline]") {
  Scheduler scheduler(1, 1 << 20, 1 << 20);
  auto task = scheduler.NextTask();
  REQUIRE(task);
  scheduler.ExpandJob(0, 1, false);
  auto slot = scheduler.OpenSlot(0, 0, Doc(0));
  CHECK(scheduler.Add(slot.get(), Batch(0, 0)));
  Skipped why;
  auto same = scheduler.WaitSlot(0, 0, &why);
  REQUIRE(same == slot);
  scheduler.Cancel(slot.get());
  CHECK_FALSE(scheduler.Add(slot.get(), Batch(0, 1)));
  scheduler.Finish(slot.get(), {});
  CHECK(scheduler.Close(slot.get(), nullptr).ok());
  CHECK_FALSE(scheduler.NextTask());
}

TEST_CASE("Scheduler gives the writer a failed document's error",
          "[pipeline]") {
  Scheduler scheduler(1, 1 << 20, 1 << 20);
  REQUIRE(scheduler.NextTask());
  scheduler.ExpandJob(0, 1, false);
  auto slot = scheduler.OpenSlot(0, 0, Doc(0));
  CHECK(scheduler.Add(slot.get(), Batch(0, 0)));
  scheduler.Fail(slot.get(), Status::Internal("a.txt: internal error: boom"));
  Skipped why;
  auto same = scheduler.WaitSlot(0, 0, &why);
  std::vector<Claim> batch;
  CHECK_FALSE(scheduler.Drain(same.get(), &batch));
  CHECK(scheduler.Close(same.get(), nullptr).message() ==
        "a.txt: internal error: boom");
}
