#include "pipeline/ingest_run.h"

#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "ingest/charset.h"
#include "ingest/feed_parser.h"
#include "ingest/html_page.h"
#include "ingest/local_files.h"
#include "ingest/opml.h"
#include "ingest/robots.h"
#include "ingest/urls.h"
#include "pipeline/scheduler.h"

namespace ct::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

// One input: a path or a URL, and the polled source it is, if any.
struct Job {
  std::string input;
  int64_t source_id = 0;
  ingest::FetchOptions fetch;
};

// What a job's task found out, beyond its documents. Written by the task
// before it expands the job, read by the writer after.
struct JobState {
  Status status;
  bool not_modified = false;
  std::string title;  // The feed's, for the source.
  std::string etag;
  std::string last_modified;
  // A feed's entries, each taken by its own task.
  std::shared_ptr<ingest::Feed> feed;
  std::string feed_url;
  std::string outlet;
  bool fetch_pages = false;
};

// Requests to one host wait for each other by the politeness delay.
class HostGate {
 public:
  explicit HostGate(std::chrono::milliseconds delay) : delay_(delay) {}
  void Wait(const std::string& host) {
    Clock::time_point at;
    {
      std::lock_guard<std::mutex> lock(mu_);
      Clock::time_point& next = next_[host];
      at = std::max(next, Clock::now());
      next = at + delay_;
    }
    std::this_thread::sleep_until(at);
  }

 private:
  std::chrono::milliseconds delay_;
  std::mutex mu_;
  std::map<std::string, Clock::time_point> next_;
};

// robots.txt per host, fetched once per run. A site without one, or whose
// robots.txt cannot be read, allows everything.
class RobotsCache {
 public:
  RobotsCache(ingest::Fetcher* fetcher, const ingest::FetchOptions& fetch,
              HostGate* gate)
      : fetcher_(fetcher), fetch_(fetch), gate_(gate) {
    fetch_.etag.clear();
    fetch_.last_modified.clear();
    fetch_.max_bytes = 512 << 10;
  }
  bool Allowed(const std::string& url) {
    std::string origin;
    std::string path;
    static const RE2 kSplit("(https?://[^/?#]+)([^#]*)");
    if (!RE2::FullMatch(url, kSplit, &origin, &path)) return true;
    std::lock_guard<std::mutex> lock(mu_);
    auto it = rules_.find(origin);
    if (it == rules_.end()) {
      gate_->Wait(ingest::HostOf(origin));
      auto fetched = fetcher_->Fetch(origin + "/robots.txt", fetch_);
      ingest::RobotsRules rules =
          fetched.ok() ? ingest::RobotsRules::Parse(fetched->body, "claimtrack")
                       : ingest::RobotsRules::AllowAll();
      it = rules_.emplace(origin, std::move(rules)).first;
    }
    return it->second.Allowed(path.empty() ? "/" : path);
  }

 private:
  ingest::Fetcher* fetcher_;
  ingest::FetchOptions fetch_;
  HostGate* gate_;
  std::mutex mu_;  // Held while fetching: one robots.txt per host at a time.
  std::map<std::string, ingest::RobotsRules> rules_;
};

// Whether an article is stored already, asked from worker threads: each
// worker reads through a connection of its own. A private database
// (":memory:") has no other connections, so nothing is known there.
class KnownArticles {
 public:
  KnownArticles(std::string path, size_t workers)
      : path_(std::move(path)), readers_(workers) {}
  bool Has(size_t worker, const std::string& guid, const std::string& url) {
    if (path_.empty() || path_ == ":memory:") return false;
    auto& reader = readers_[worker];
    if (!reader) {
      store::OpenOptions read;
      read.create = false;
      read.write = false;
      auto opened = store::ClaimStore::Open(path_, read);
      if (!opened.ok()) return false;
      reader = std::move(*opened);
    }
    auto has = reader->HasArticle(guid, url);
    return has.ok() && *has;
  }

 private:
  std::string path_;
  std::vector<std::unique_ptr<store::ClaimStore>> readers_;
};

// Takes a document's claims into its slot as the extractor finds them.
class SlotSink : public extract::ClaimSink {
 public:
  SlotSink(Scheduler* scheduler, Slot* slot)
      : scheduler_(scheduler), slot_(slot) {}
  bool Add(std::vector<extract::Claim> claims) override {
    return scheduler_->Add(slot_, std::move(claims));
  }
  void Resolve(std::vector<extract::PartyFix> fixes) override {
    scheduler_->Finish(slot_, std::move(fixes));
    resolved_ = true;
  }
  bool resolved() const { return resolved_; }

 private:
  Scheduler* scheduler_;
  Slot* slot_;
  bool resolved_ = false;
};

// Runs the tasks of a run: reads and fetches inputs, parses them and
// extracts their documents into the scheduler's slots.
class Runner {
 public:
  Runner(const extract::ClaimExtractor& extractor, ingest::Fetcher* fetcher,
         const IngestOptions& options, const std::vector<Job>& jobs,
         Scheduler* scheduler, KnownArticles* known)
      : extractor_(extractor),
        fetcher_(fetcher),
        options_(options),
        jobs_(jobs),
        states_(jobs.size()),
        scheduler_(scheduler),
        gate_(options.host_delay),
        robots_(fetcher, options.fetch, &gate_),
        known_(known) {}

  // REQUIRES: the job's task has expanded it (Scheduler::WaitExpanded).
  const JobState& state(size_t job) const { return states_[job]; }

  void Run(const Task& task, size_t worker) {
    if (task.entry == Task::kJob) {
      RunJob(task.job);
    } else {
      RunEntry(task.job, task.entry, worker);
    }
  }

 private:
  // A bug that throws fails its input, never the run.
  static Status Caught(const std::string& name) {
    try {
      throw;
    } catch (const std::exception& e) {
      return Status::Internal(name + ": internal error: " + e.what());
    } catch (...) {
      return Status::Internal(name + ": internal error");
    }
  }

  void RunJob(size_t i) {
    JobState& state = states_[i];
    std::optional<ingest::Document> doc;
    try {
      const Job& job = jobs_[i];
      doc = ingest::IsHttpUrl(job.input) ? ReadUrl(job, &state)
                                         : ReadFile(job.input, &state);
    } catch (...) {
      state.status = Caught(jobs_[i].input);
      state.feed.reset();
      doc.reset();
    }
    if (state.feed) {
      scheduler_->ExpandJob(i, state.feed->entries.size(), true);
      return;
    }
    scheduler_->ExpandJob(i, doc ? 1 : 0, false);
    if (doc) Extract(i, 0, std::move(*doc));
  }

  void RunEntry(size_t i, size_t index, size_t worker) {
    Skipped skipped;
    std::optional<ingest::Document> doc;
    const JobState& state = states_[i];
    ingest::FeedEntry& e = state.feed->entries[index];
    try {
      doc = EntryDocument(state, &e, worker, &skipped);
    } catch (...) {
      skipped.error = Caught(e.link.empty() ? jobs_[i].input : e.link);
      doc.reset();
    }
    if (!doc) {
      scheduler_->SkipSlot(i, index, std::move(skipped));
      return;
    }
    Extract(i, index, std::move(*doc));
  }

  // Extracts `doc` into its slot, for the writer.
  void Extract(size_t job, size_t index, ingest::Document doc) {
    if (ingest::IsHttpUrl(doc.url)) doc.url = ingest::CanonicalUrl(doc.url);
    if (!doc.canonical_url.empty()) {
      doc.canonical_url = ingest::CanonicalUrl(doc.canonical_url);
    }
    std::string name = doc.url;
    std::shared_ptr<Slot> slot =
        scheduler_->OpenSlot(job, index, std::move(doc));
    SlotSink sink(scheduler_, slot.get());
    try {
      extractor_.Extract(slot->doc().text, &sink, slot->doc().title,
                         slot->doc().published);
    } catch (...) {
      scheduler_->Fail(slot.get(), Caught(name));
      return;
    }
    // Stopped early: the writer wants no more of it.
    if (!sink.resolved()) scheduler_->Finish(slot.get(), {});
  }

  std::optional<ingest::Document> ReadFile(const std::string& path,
                                           JobState* state) {
    auto read = ingest::ReadFileBytes(path, options_.fetch.max_bytes);
    if (!read.ok()) {
      state->status = read.status();
      return std::nullopt;
    }
    const std::string& bytes = *read;
    if (ingest::LooksLikeFeed(bytes)) {
      ingest::FeedInput in;
      in.bytes = bytes;
      in.url = ingest::FileUrl(path);
      auto feed = ingest::ParseFeed(in);
      if (!feed.ok()) {
        state->status = feed.status().WithContext(path);
        return std::nullopt;
      }
      // A saved feed: its entries' own text, no fetching.
      SetFeed(std::move(*feed), in.url, /*fetch_pages=*/false, state);
      return std::nullopt;
    }
    auto doc = ingest::ReadLocalFile(path, options_.fetch.max_bytes);
    if (!doc.ok()) {
      state->status = doc.status();
      return std::nullopt;
    }
    return std::move(*doc);
  }

  std::optional<ingest::Document> ReadUrl(const Job& job, JobState* state) {
    gate_.Wait(ingest::HostOf(job.input));
    auto fetched = fetcher_->Fetch(job.input, job.fetch);
    if (!fetched.ok()) {
      state->status = fetched.status();
      return std::nullopt;
    }
    state->etag = fetched->etag;
    state->last_modified = fetched->last_modified;
    if (fetched->not_modified()) {
      state->not_modified = true;
      return std::nullopt;
    }
    const std::string& body = fetched->body;
    if (ingest::LooksLikeFeed(body)) {
      ingest::FeedInput in;
      in.bytes = body;
      in.url = fetched->url;
      in.content_type = fetched->content_type;
      in.content_location = fetched->content_location;
      auto feed = ingest::ParseFeed(in);
      if (!feed.ok()) {
        state->status = feed.status().WithContext("parsing " + job.input);
        return std::nullopt;
      }
      if (feed->bozo && feed->entries.empty()) {
        // Recovery found nothing in it: the source is broken, say so.
        state->status =
            Status::InvalidArgument(job.input + ": not a well-formed feed (" +
                                    feed->bozo_message + ")");
        return std::nullopt;
      }
      state->title = feed->title;
      SetFeed(std::move(*feed), fetched->url, options_.fetch_pages, state);
      return std::nullopt;
    }
    if (!robots_.Allowed(fetched->url)) {
      state->status =
          Status::InvalidArgument(job.input + ": robots.txt disallows it");
      return std::nullopt;
    }
    auto doc = PageDocument(*fetched);
    if (!doc.ok()) {
      state->status = doc.status().WithContext(job.input);
      return std::nullopt;
    }
    if (doc->text.empty()) {
      state->status = Status::InvalidArgument(job.input + ": no article text");
      return std::nullopt;
    }
    return std::move(*doc);
  }

  void SetFeed(ingest::Feed feed, const std::string& feed_url, bool fetch_pages,
               JobState* state) {
    state->outlet = !feed.title.empty() ? feed.title : ingest::HostOf(feed_url);
    state->feed_url = feed_url;
    state->fetch_pages = fetch_pages;
    state->feed = std::make_shared<ingest::Feed>(std::move(feed));
  }

  Result<ingest::Document> PageDocument(const ingest::FetchResult& fetched) {
    if (!ingest::IsValidUtf8(fetched.body) &&
        fetched.body.find('\0') != std::string::npos) {
      return Status::InvalidArgument("not a text page");
    }
    std::string declared;
    static const RE2 kCharset("(?i)charset\\s*=\\s*\"?([A-Za-z0-9._:-]+)");
    RE2::PartialMatch(fetched.content_type, kCharset, &declared);
    auto decoded = ingest::DecodeToUtf8(fetched.body, declared);
    if (!decoded.ok()) return decoded.status();
    if (!ingest::LooksLikeHtml(decoded->utf8)) {
      // Plain text served over the web: the first line is the title.
      return ingest::ParsePlainText(decoded->utf8, fetched.url);
    }
    return ingest::ParseHtmlPage(decoded->utf8, fetched.url);
  }

  // The document of one feed entry; its strings are moved out of the feed,
  // which no other task reads. Empty when there is nothing to store.
  std::optional<ingest::Document> EntryDocument(const JobState& state,
                                                ingest::FeedEntry* e,
                                                size_t worker,
                                                Skipped* skipped) {
    ingest::Document doc;
    doc.guid = e->id;
    doc.url = !e->link.empty()
                  ? e->link
                  : state.feed_url + "#" + (e->id.empty() ? e->title : e->id);
    doc.title = std::move(e->title);
    doc.author = std::move(e->author);
    doc.published = !e->published.empty() ? e->published : e->updated;
    doc.outlet = state.outlet;
    doc.text = std::move(e->text);
    e->summary.clear();
    e->summary.shrink_to_fit();
    e->content.clear();
    e->content.shrink_to_fit();
    if (state.fetch_pages && ingest::IsHttpUrl(e->link)) {
      // An entry stored before is not fetched again: its page was read
      // then, and the feed's short text must not replace it.
      if (known_->Has(worker, doc.guid, ingest::CanonicalUrl(e->link))) {
        skipped->unchanged = true;
        return std::nullopt;
      }
      if (robots_.Allowed(e->link)) {
        gate_.Wait(ingest::HostOf(e->link));
        ingest::FetchOptions page_fetch = options_.fetch;
        page_fetch.etag.clear();
        page_fetch.last_modified.clear();
        auto page = fetcher_->Fetch(e->link, page_fetch);
        if (page.ok() && !page->not_modified()) {
          auto parsed = PageDocument(*page);
          // The page's body when it says more than the feed did.
          if (parsed.ok() && parsed->text.size() > doc.text.size()) {
            doc.text = std::move(parsed->text);
            doc.canonical_url = parsed->canonical_url;
            if (doc.author.empty()) doc.author = parsed->author;
            if (doc.published.empty()) doc.published = parsed->published;
          }
        }
      }
    }
    if (doc.text.empty()) return std::nullopt;
    return doc;
  }

  const extract::ClaimExtractor& extractor_;
  ingest::Fetcher* fetcher_;
  const IngestOptions& options_;
  const std::vector<Job>& jobs_;
  std::vector<JobState> states_;
  Scheduler* scheduler_;
  HostGate gate_;
  RobotsCache robots_;
  KnownArticles* known_;
};

// Jobs for the inputs: folders become their files; OPML files become their
// feeds. Inputs that cannot even be listed are errors.
std::vector<Job> Expand(const std::vector<std::string>& inputs,
                        const IngestOptions& options,
                        std::vector<std::string>* errors) {
  std::vector<Job> jobs;
  for (const std::string& input : inputs) {
    if (ingest::IsHttpUrl(input)) {
      jobs.push_back({input, 0, options.fetch});
      continue;
    }
    auto files = ingest::ListLocalFiles(input);
    if (!files.ok()) {
      errors->push_back(files.status().message());
      continue;
    }
    for (const std::string& file : *files) {
      // An OPML list names feeds to fetch.
      bool opml =
          file.size() > 5 && file.compare(file.size() - 5, 5, ".opml") == 0;
      if (opml) {
        auto bytes = ingest::ReadFileBytes(file, options.fetch.max_bytes);
        auto feeds =
            bytes.ok() ? ingest::ParseOpml(*bytes)
                       : Result<std::vector<ingest::OpmlFeed>>(bytes.status());
        if (!feeds.ok()) {
          errors->push_back(feeds.status().WithContext(file).message());
          continue;
        }
        for (const ingest::OpmlFeed& f : *feeds) {
          jobs.push_back({f.url, 0, options.fetch});
        }
        continue;
      }
      jobs.push_back({file, 0, options.fetch});
    }
  }
  return jobs;
}

std::string UtcAfter(int64_t seconds) {
  std::time_t t = std::time(nullptr) + seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Runs the jobs on a pool and stores their documents in input order. Calls
// `done(i, state)` on this thread after job i is stored.
Result<IngestSummary> RunJobs(
    const std::vector<Job>& jobs, const extract::ClaimExtractor& extractor,
    ingest::Fetcher* fetcher, store::ClaimStore* store,
    const IngestOptions& options, const ProgressFn& progress,
    IngestSummary summary,
    const std::function<Status(size_t, const JobState&)>& done) {
  summary.inputs += static_cast<int>(jobs.size());
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::thread::hardware_concurrency());
  // Fetching waits on the network, not the CPU: more threads than cores.
  threads = std::clamp(threads * 2, 1, 32);
  Scheduler scheduler(jobs.size(), options.memory_budget,
                      std::max<size_t>(options.memory_budget / 16, 1 << 20));
  KnownArticles known(store->path(), static_cast<size_t>(threads));
  Runner runner(extractor, fetcher, options, jobs, &scheduler, &known);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      while (std::optional<Task> task = scheduler.NextTask()) {
        runner.Run(*task, static_cast<size_t>(t));
      }
    });
  }

  // Stores one document: the article, then its claims as they come.
  auto store_document = [&](Slot* slot, const Job& job) -> Status {
    auto begun = store->BeginArticle(slot->doc(), job.source_id);
    if (!begun.ok()) return begun.status();
    if (begun->outcome == store::PutOutcome::kUnchanged ||
        begun->outcome == store::PutOutcome::kDuplicate) {
      scheduler.Cancel(slot);
      Status extracted = scheduler.Close(slot, nullptr);
      (void)extracted;  // Nothing of it is stored either way.
      ++(begun->outcome == store::PutOutcome::kUnchanged ? summary.unchanged
                                                         : summary.duplicates);
      return Status::Ok();
    }
    int claims = 0;
    std::vector<extract::Claim> batch;
    Status s;
    while (s.ok() && scheduler.Drain(slot, &batch)) {
      claims += static_cast<int>(batch.size());
      s = store->AddClaims(batch);
    }
    if (!s.ok()) {
      store->AbortArticle();
      scheduler.Cancel(slot);
      (void)scheduler.Close(slot, nullptr);
      return s;
    }
    std::vector<extract::PartyFix> fixes;
    Status extracted = scheduler.Close(slot, &fixes);
    if (!extracted.ok()) {
      // The extractor failed on this document: store none of it.
      store->AbortArticle();
      summary.errors.push_back(extracted.message());
      return Status::Ok();
    }
    for (const extract::PartyFix& f : fixes) {
      s = store->ApplyFix(f);
      if (!s.ok()) break;
    }
    if (s.ok()) s = store->CommitArticle();
    if (!s.ok()) {
      store->AbortArticle();
      return s;
    }
    ++(begun->outcome == store::PutOutcome::kNew ? summary.new_articles
                                                 : summary.updated);
    summary.claims += claims;
    return Status::Ok();
  };

  // Articles are committed in batches: a commit writes every page the
  // batch touched, once, where one commit per article wrote the same index
  // pages again and again. The end of a batch also judges the facts its
  // claims touch, which costs what those facts hold: a batch lasts at least
  // sixteen times its last end, so that judging stays a small share of the
  // run however large the facts grow.
  constexpr int kBatchArticles = 2048;
  constexpr auto kBatchTime = std::chrono::milliseconds(2000);
  constexpr int kEndShare = 16;
  Status failure = store->BeginBatch();
  int in_batch = 0;
  Clock::time_point batch_start = Clock::now();
  Clock::duration batch_time = kBatchTime;
  int batch_articles = kBatchArticles;
  auto next_batch = [&]() -> Status {
    if (++in_batch < batch_articles && Clock::now() - batch_start < batch_time)
      return Status::Ok();
    in_batch = 0;
    Clock::time_point end_start = Clock::now();
    CT_RETURN_IF_ERROR(store->EndBatch());
    Clock::duration ended = Clock::now() - end_start;
    // At most half a minute: a longer batch grows the write-ahead log, and
    // every read with it.
    constexpr auto kLongestBatch = std::chrono::seconds(30);
    batch_time = std::clamp<Clock::duration>(kEndShare * ended, kBatchTime,
                                             kLongestBatch);
    double stretch = std::chrono::duration<double>(batch_time) /
                     std::chrono::duration<double>(kBatchTime);
    batch_articles = static_cast<int>(kBatchArticles * stretch);
    batch_start = Clock::now();
    return store->BeginBatch();
  };
  for (size_t i = 0; i < jobs.size() && failure.ok(); ++i) {
    size_t docs = scheduler.WaitExpanded(i);
    const JobState& state = runner.state(i);
    for (size_t d = 0; d < docs && failure.ok(); ++d) {
      Skipped skipped;
      std::shared_ptr<Slot> slot = scheduler.WaitSlot(i, d, &skipped);
      if (!slot) {
        if (skipped.unchanged) ++summary.unchanged;
        if (!skipped.error.ok()) {
          summary.errors.push_back(skipped.error.message());
        }
        continue;
      }
      Status s = store_document(slot.get(), jobs[i]);
      // The database itself failed: stop, and let the workers finish.
      if (!s.ok()) failure = s.WithContext("storing " + slot->doc().url);
      if (failure.ok()) failure = next_batch();
    }
    if (!failure.ok()) break;
    if (!state.status.ok()) {
      summary.errors.push_back(state.status.message());
    } else if (state.not_modified) {
      ++summary.not_modified;
    }
    if (done) failure = done(i, state);
    if (failure.ok() && progress) {
      progress(static_cast<int>(i + 1), static_cast<int>(jobs.size()),
               jobs[i].input);
    }
  }
  scheduler.Stop();
  for (std::thread& t : pool) t.join();
  // What was stored whole before a failure stays stored.
  Status ended = store->EndBatch();
  CT_RETURN_IF_ERROR(failure);
  CT_RETURN_IF_ERROR(ended);
  CT_RETURN_IF_ERROR(store->RebuildFacts().WithContext("judging facts"));
  return summary;
}

// Seconds a failed source waits: what Retry-After asked, else its interval
// doubled for each failure in a row, at most a day.
int64_t BackOff(const store::SourceRow& source, const Status& error) {
  static const RE2 kRetry("retry after (\\d+)\\)");
  int64_t retry = 0;
  if (RE2::PartialMatch(error.message(), kRetry, &retry) && retry > 0) {
    return std::min<int64_t>(retry, 7 * 86400);
  }
  int64_t every = std::max<int64_t>(source.every_seconds, 60);
  // `failures` counts those before this one: the first failure doubles.
  int shift = static_cast<int>(std::min<int64_t>(source.failures + 1, 6));
  return std::min<int64_t>(every << shift, 86400);
}

}  // namespace

Result<IngestSummary> Ingest(const std::vector<std::string>& inputs,
                             const extract::ClaimExtractor& extractor,
                             ingest::Fetcher* fetcher, store::ClaimStore* store,
                             const IngestOptions& options,
                             const ProgressFn& progress) {
  IngestSummary summary;
  std::vector<Job> jobs = Expand(inputs, options, &summary.errors);
  return RunJobs(jobs, extractor, fetcher, store, options, progress,
                 std::move(summary), nullptr);
}

Result<IngestSummary> RunDue(const extract::ClaimExtractor& extractor,
                             ingest::Fetcher* fetcher, store::ClaimStore* store,
                             const IngestOptions& options,
                             const ProgressFn& progress) {
  auto due = store->DueSources(store::NowUtc());
  if (!due.ok()) return due.status();
  std::vector<Job> jobs;
  for (const store::SourceRow& s : *due) {
    Job job{s.url, s.id, options.fetch};
    job.fetch.etag = s.etag;
    job.fetch.last_modified = s.last_modified;
    jobs.push_back(std::move(job));
  }
  const std::vector<store::SourceRow>& sources = *due;
  auto record = [&](size_t i, const JobState& r) -> Status {
    store::PollRecord poll;
    poll.ok = r.status.ok();
    if (poll.ok) {
      poll.title = r.title;
      poll.etag = r.etag;
      poll.last_modified = r.last_modified;
      poll.next_due_at = UtcAfter(sources[i].every_seconds);
    } else {
      poll.error = r.status.message();
      poll.next_due_at = UtcAfter(BackOff(sources[i], r.status));
    }
    return store->RecordPoll(sources[i].id, poll);
  };
  return RunJobs(jobs, extractor, fetcher, store, options, progress,
                 IngestSummary(), record);
}

}  // namespace ct::pipeline
