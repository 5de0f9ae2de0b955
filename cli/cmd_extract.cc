#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <functional>
#include <iostream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "cli/explain.h"
#include "web/json_views.h"

namespace ct::cli {
namespace {

// With --jsonl, the main thread reads lines into a window, workers parse and
// extract them in any order, and each answer is printed, in input order, as
// soon as every earlier line is answered: by the worker that answers the
// line next in order, so no thread waits only to print. The window bounds
// what is in flight, so memory does not grow with the input: at most
// kMaxLines lines, and no new line once kMaxBytes of input wait (one line
// always fits).
constexpr size_t kMaxLines = 4096;
constexpr size_t kMaxBytes = size_t{64} << 20;
// More workers than this only wait on one another.
constexpr int kMaxThreads = 256;

// One input line on its way to the output.
struct Slot {
  size_t seq = 0;      // Place among the non-blank input lines.
  size_t line_no = 0;  // Line number on stdin, for the error message.
  size_t in_bytes = 0;
  std::string text;   // The input line, then its JSON answer.
  std::string error;  // Instead of an answer: why the line is not one.
  std::exception_ptr exception;  // A bug: reported once, as before.
  bool done = false;
};

// Empties a slot and frees its strings' memory, which assigning a fresh
// Slot would not do: moving a short string into a long one keeps the long
// one's buffer, so each place would hold the longest answer it ever had.
void Reset(Slot& slot) {
  Slot old = std::move(slot);
  slot = Slot{};
}

// The lines between reading and printing, in a ring indexed by their place.
// Thread-safe. A slot handed out by Take() belongs to that worker until
// Done(). `print` and `flush` are called by one thread at a time, in input
// order; `print` returns false to stop the run.
class Window {
 public:
  Window(size_t capacity, std::function<bool(Slot&)> print,
         std::function<void()> flush)
      : slots_(capacity), print_(std::move(print)), flush_(std::move(flush)) {}

  // Waits for room, then adds a line; false once the run stopped.
  bool Push(size_t line_no, std::string text) {
    std::unique_lock<std::mutex> lock(mu_);
    // Once full, wait until half is free rather than for each place, so
    // that the reader wakes once per many lines, not once per line.
    if (Full()) room_.wait(lock, [&] { return stopped_ || HalfFree(); });
    if (stopped_) return false;
    Slot& s = slots_[read_ % slots_.size()];
    Reset(s);
    s.seq = read_++;
    s.line_no = line_no;
    s.in_bytes = text.size();
    s.text = std::move(text);
    bytes_ += s.in_bytes;
    work_.notify_one();
    return true;
  }

  // No more lines will come.
  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    work_.notify_all();
  }

  // A worker's next line; nullptr once the input is over or the run stopped.
  Slot* Take() {
    std::unique_lock<std::mutex> lock(mu_);
    work_.wait(lock, [&] { return stopped_ || closed_ || taken_ < read_; });
    if (stopped_ || taken_ == read_) return nullptr;
    return &slots_[taken_++ % slots_.size()];
  }

  // Marks the slot answered. Unless another thread is printing, prints
  // every answered line that is next in order.
  void Done(Slot* slot) {
    std::unique_lock<std::mutex> lock(mu_);
    slot->done = true;
    if (printing_ || slot->seq != written_) return;
    printing_ = true;
    bool flushed = false;
    while (!stopped_) {
      size_t from = written_;
      size_t to = from;
      while (to < read_ && slots_[to % slots_.size()].done) ++to;
      if (from == to) {
        // We intentionally flush only when nothing else is in flight: then
        // the input is what we wait for, and whoever reads our output gets
        // every answer so far, without a system call per line. Otherwise
        // the next answer comes soon, or the buffer fills and goes out.
        if (written_ < read_ || flushed) break;
        lock.unlock();
        flush_();
        lock.lock();
        flushed = true;
        continue;  // Lines may have been answered meanwhile.
      }
      // Slots in [from, to) are done and nobody else touches them until
      // written_ passes them, so they are printed without the lock.
      lock.unlock();
      size_t printed = from;
      while (printed < to && print_(slots_[printed % slots_.size()])) {
        ++printed;
      }
      lock.lock();
      for (size_t i = from; i < printed; ++i) {
        Slot& s = slots_[i % slots_.size()];
        bytes_ -= s.in_bytes;
        Reset(s);
      }
      written_ = printed;
      flushed = false;
      if (printed < to) Stop(lock);
      if (HalfFree()) room_.notify_one();
    }
    printing_ = false;
  }

 private:
  bool Full() const {
    return read_ - written_ >= slots_.size() ||
           (bytes_ >= kMaxBytes && read_ > written_);
  }
  bool HalfFree() const {
    return read_ - written_ <= slots_.size() / 2 &&
           (bytes_ <= kMaxBytes / 2 || read_ == written_);
  }
  void Stop(const std::unique_lock<std::mutex>&) {
    stopped_ = true;
    room_.notify_all();
    work_.notify_all();
  }

  std::mutex mu_;
  std::condition_variable room_;  // The reader waits for room.
  std::condition_variable work_;  // Workers wait for a line.
  std::vector<Slot> slots_;
  const std::function<bool(Slot&)> print_;
  const std::function<void()> flush_;
  size_t read_ = 0;     // Lines pushed.
  size_t taken_ = 0;    // Lines handed to workers.
  size_t written_ = 0;  // Lines printed, their places free again.
  size_t bytes_ = 0;    // Input bytes of the lines in the window.
  bool printing_ = false;
  bool closed_ = false;
  bool stopped_ = false;
};

// Parses one JSON line and extracts its claims: `slot->text` becomes the
// output line (without its newline), or `slot->error` says why the line is
// not an object with "text". Other exceptions propagate.
void Answer(const extract::ClaimExtractor& extractor, Slot* slot) {
  std::string id_json;
  std::string text;
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var parsed = parser.parse(slot->text);
    auto object = parsed.extract<Poco::JSON::Object::Ptr>();
    if (object.isNull() || !object->has("text")) {
      throw Poco::DataException("no \"text\" field");
    }
    text = object->get("text").convert<std::string>();
    std::ostringstream id;
    Poco::JSON::Stringifier::stringify(object->get("id"), id, 0, -1,
                                       Poco::JSON_WRAP_STRINGS);
    id_json = id.str();
    if (id_json.empty()) id_json = "null";
  } catch (const Poco::Exception& e) {
    slot->error = "extract: stdin line " + std::to_string(slot->line_no) +
                  ": not a JSON object with \"text\": " + e.displayText();
    return;
  } catch (const std::exception& e) {
    slot->error = "extract: stdin line " + std::to_string(slot->line_no) +
                  ": not a JSON object with \"text\"";
    return;
  }
  slot->text = web::ExtractLineJson(id_json, extractor.Extract(text));
}

// Answers the JSON lines of stdin on `workers` threads; the exit code.
int ExtractJsonLines(const extract::ClaimExtractor& extractor, int workers) {
  // std::cin flushes std::cout before each read; here only the thread that
  // prints may touch std::cout, and the main thread reads.
  std::cin.tie(nullptr);
  int failures = 0;
  std::exception_ptr bug;
  Window window(
      kMaxLines,
      [&](Slot& slot) {
        if (slot.exception) {
          bug = slot.exception;
          return false;
        }
        if (slot.error.empty()) {
          std::cout << slot.text << "\n";
        } else {
          Fail(kExitPartial, slot.error);
          ++failures;
        }
        return true;
      },
      [] { std::cout.flush(); });

  std::vector<std::thread> threads;
  auto join_all = [&] {
    window.Close();
    for (std::thread& t : threads) t.join();
  };
  try {
    for (int t = 0; t < workers; ++t) {
      threads.emplace_back([&] {
        while (Slot* slot = window.Take()) {
          try {
            Answer(extractor, slot);
          } catch (...) {
            slot->exception = std::current_exception();
          }
          window.Done(slot);
        }
      });
    }
    std::string line;
    size_t line_no = 0;
    while (std::getline(std::cin, line)) {
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      if (!window.Push(line_no, std::move(line))) break;
    }
  } catch (...) {
    join_all();  // Every line pushed is still answered and printed.
    throw;
  }
  join_all();
  std::cout.flush();
  // What came before the failing line is printed, as when lines were
  // answered one by one; cli::Run reports the exception.
  if (bug) std::rethrow_exception(bug);
  return failures ? kExitPartial : kExitOk;
}

}  // namespace

int CmdExtract(const Context& ctx, const Argv& argv) {
  Args args(argv, FlagsOf("extract"));
  if (Status s = args.Parse(); !s.ok()) return Fail(s, "extract");
  if (args.Has("explain") && args.Has("jsonl")) {
    return Fail(kExitUsage,
                "extract: --explain reads one plain text, not --jsonl");
  }
  if (!args.positional().empty()) {
    return Fail(kExitUsage, "extract: reads standard input; unexpected '" +
                                args.positional().front() + "'");
  }
  int threads = static_cast<int>(std::thread::hardware_concurrency());
  if (args.Has("threads")) {
    std::string t = args.Get("threads");
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), threads);
    if (ec != std::errc() || ptr != t.data() + t.size() || threads < 1) {
      return Fail(
          kExitUsage,
          "extract: --threads wants a positive number, not '" + t + "'");
    }
  }
  threads = std::clamp(threads, 1, kMaxThreads);
  auto extractor = MakeExtractor(ctx);
  if (!extractor.ok()) return Fail(extractor.status());
  std::ios::sync_with_stdio(false);

  if (!args.Has("jsonl")) {
    std::string text((std::istreambuf_iterator<char>(std::cin)),
                     std::istreambuf_iterator<char>());
    if (args.Has("explain")) {
      std::cout << ExplainText((*extractor)->Explain(text));
      return kExitOk;
    }
    std::cout << web::ExtractLineJson("\"stdin\"", (*extractor)->Extract(text))
              << "\n";
    return kExitOk;
  }
  // ClaimExtractor::Extract is const and thread-safe (its header says so,
  // and it holds no cache), so the workers share one extractor.
  return ExtractJsonLines(**extractor, threads);
}

}  // namespace ct::cli
