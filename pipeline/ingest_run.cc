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

namespace ct::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

// One input: a path or a URL, and the polled source it is, if any.
struct Job {
  std::string input;
  int64_t source_id = 0;
  ingest::FetchOptions fetch;
};

struct Prepared {
  ingest::Document doc;
  std::vector<extract::Claim> claims;
};

struct JobResult {
  Status status;
  std::vector<Prepared> docs;
  bool not_modified = false;
  std::string title;  // The feed's, for the source.
  std::string etag;
  std::string last_modified;
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

class Runner {
 public:
  Runner(const extract::ClaimExtractor& extractor, ingest::Fetcher* fetcher,
         const IngestOptions& options, std::set<std::string> known)
      : extractor_(extractor),
        fetcher_(fetcher),
        options_(options),
        gate_(options.host_delay),
        robots_(fetcher, options.fetch, &gate_),
        known_(std::move(known)) {}

  JobResult Run(const Job& job) {
    JobResult r;
    if (ingest::IsHttpUrl(job.input)) {
      RunUrl(job, &r);
    } else {
      RunFile(job.input, &r);
    }
    return r;
  }

 private:
  void Add(ingest::Document doc, JobResult* r) {
    if (ingest::IsHttpUrl(doc.url)) doc.url = ingest::CanonicalUrl(doc.url);
    if (!doc.canonical_url.empty()) {
      doc.canonical_url = ingest::CanonicalUrl(doc.canonical_url);
    }
    Prepared p;
    p.claims = extractor_.Extract(doc.text);
    p.doc = std::move(doc);
    r->docs.push_back(std::move(p));
  }

  void RunFile(const std::string& path, JobResult* r) {
    auto read = ingest::ReadFileBytes(path, options_.fetch.max_bytes);
    if (!read.ok()) {
      r->status = read.status();
      return;
    }
    const std::string& bytes = *read;
    if (ingest::LooksLikeFeed(bytes)) {
      ingest::FeedInput in;
      in.bytes = bytes;
      in.url = ingest::FileUrl(path);
      auto feed = ingest::ParseFeed(in);
      if (!feed.ok()) {
        r->status = feed.status().WithContext(path);
        return;
      }
      // A saved feed: its entries' own text, no fetching.
      AddEntries(*feed, in.url, /*fetch_pages=*/false, r);
      return;
    }
    auto doc = ingest::ReadLocalFile(path, options_.fetch.max_bytes);
    if (!doc.ok()) {
      r->status = doc.status();
      return;
    }
    Add(std::move(*doc), r);
  }

  void RunUrl(const Job& job, JobResult* r) {
    gate_.Wait(ingest::HostOf(job.input));
    auto fetched = fetcher_->Fetch(job.input, job.fetch);
    if (!fetched.ok()) {
      r->status = fetched.status();
      return;
    }
    r->etag = fetched->etag;
    r->last_modified = fetched->last_modified;
    if (fetched->not_modified()) {
      r->not_modified = true;
      return;
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
        r->status = feed.status().WithContext("parsing " + job.input);
        return;
      }
      if (feed->bozo && feed->entries.empty()) {
        // Recovery found nothing in it: the source is broken, say so.
        r->status =
            Status::InvalidArgument(job.input + ": not a well-formed feed (" +
                                    feed->bozo_message + ")");
        return;
      }
      r->title = feed->title;
      AddEntries(*feed, fetched->url, options_.fetch_pages, r);
      return;
    }
    if (!robots_.Allowed(fetched->url)) {
      r->status =
          Status::InvalidArgument(job.input + ": robots.txt disallows it");
      return;
    }
    auto doc = PageDocument(*fetched);
    if (!doc.ok()) {
      r->status = doc.status().WithContext(job.input);
      return;
    }
    if (doc->text.empty()) {
      r->status = Status::InvalidArgument(job.input + ": no article text");
      return;
    }
    Add(std::move(*doc), r);
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

  void AddEntries(const ingest::Feed& feed, const std::string& feed_url,
                  bool fetch_pages, JobResult* r) {
    std::string outlet =
        !feed.title.empty() ? feed.title : ingest::HostOf(feed_url);
    for (const ingest::FeedEntry& e : feed.entries) {
      ingest::Document doc;
      doc.guid = e.id;
      doc.url = !e.link.empty()
                    ? e.link
                    : feed_url + "#" + (e.id.empty() ? e.title : e.id);
      doc.title = e.title;
      doc.author = e.author;
      doc.published = !e.published.empty() ? e.published : e.updated;
      doc.outlet = outlet;
      doc.text = e.text;
      bool known =
          known_.count(doc.guid) || known_.count(ingest::CanonicalUrl(doc.url));
      if (fetch_pages && !known && ingest::IsHttpUrl(e.link) &&
          robots_.Allowed(e.link)) {
        gate_.Wait(ingest::HostOf(e.link));
        ingest::FetchOptions page_fetch = options_.fetch;
        page_fetch.etag.clear();
        page_fetch.last_modified.clear();
        auto page = fetcher_->Fetch(e.link, page_fetch);
        if (page.ok() && !page->not_modified()) {
          auto parsed = PageDocument(*page);
          // The page's body when it says more than the feed did.
          if (parsed.ok() && parsed->text.size() > doc.text.size()) {
            doc.text = parsed->text;
            doc.canonical_url = parsed->canonical_url;
            if (doc.author.empty()) doc.author = parsed->author;
            if (doc.published.empty()) doc.published = parsed->published;
          }
        }
      }
      if (doc.text.empty()) continue;
      Add(std::move(doc), r);
    }
  }

  const extract::ClaimExtractor& extractor_;
  ingest::Fetcher* fetcher_;
  const IngestOptions& options_;
  HostGate gate_;
  RobotsCache robots_;
  const std::set<std::string> known_;
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

// Runs the jobs on a pool and stores their documents in job order. Calls
// `done(i, result)` on this thread after job i is stored.
Result<IngestSummary> RunJobs(
    const std::vector<Job>& jobs, const extract::ClaimExtractor& extractor,
    ingest::Fetcher* fetcher, store::ClaimStore* store,
    const IngestOptions& options, const ProgressFn& progress,
    IngestSummary summary,
    const std::function<Status(size_t, const JobResult&)>& done) {
  summary.inputs += static_cast<int>(jobs.size());
  // Feed entries already stored need no page fetched again.
  Runner runner(extractor, fetcher, options, {});
  std::vector<std::optional<JobResult>> slots(jobs.size());
  std::mutex mu;
  std::condition_variable ready;
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  auto work = [&] {
    for (size_t i = next++; i < jobs.size() && !stop; i = next++) {
      // A bug that throws fails its input, never the run.
      JobResult r;
      try {
        r = runner.Run(jobs[i]);
      } catch (const std::exception& e) {
        r = JobResult();
        r.status =
            Status::Internal(jobs[i].input + ": internal error: " + e.what());
      } catch (...) {
        r = JobResult();
        r.status = Status::Internal(jobs[i].input + ": internal error");
      }
      std::lock_guard<std::mutex> lock(mu);
      slots[i] = std::move(r);
      ready.notify_all();
    }
  };
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::thread::hardware_concurrency());
  // Fetching waits on the network, not the CPU: more threads than cores.
  threads = std::clamp(threads * 2, 1, 32);
  threads = std::min<int>(threads, static_cast<int>(jobs.size()));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work);

  Status failure;
  for (size_t i = 0; i < jobs.size(); ++i) {
    JobResult r;
    {
      std::unique_lock<std::mutex> lock(mu);
      ready.wait(lock, [&] { return slots[i].has_value() || stop; });
      if (!slots[i]) break;
      r = std::move(*slots[i]);
      slots[i].reset();
    }
    if (!r.status.ok()) {
      summary.errors.push_back(r.status.message());
    } else if (r.not_modified) {
      ++summary.not_modified;
    }
    for (Prepared& p : r.docs) {
      auto put = store->PutArticle(p.doc, p.claims, jobs[i].source_id);
      if (!put.ok()) {
        // The database itself failed: stop, and let the workers finish.
        failure = put.status().WithContext("storing " + p.doc.url);
        break;
      }
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
    if (failure.ok() && done) failure = done(i, r);
    if (!failure.ok()) {
      stop = true;
      ready.notify_all();
      break;
    }
    if (progress)
      progress(static_cast<int>(i + 1), static_cast<int>(jobs.size()),
               jobs[i].input);
  }
  for (std::thread& t : pool) t.join();
  CT_RETURN_IF_ERROR(failure);
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
  auto record = [&](size_t i, const JobResult& r) -> Status {
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
