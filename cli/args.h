// Flags and arguments of one subcommand, and what every command shares.

#ifndef CT_CLI_ARGS_H_
#define CT_CLI_ARGS_H_

#include <chrono>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "extract/claim_extractor.h"
#include "store/claim_store.h"

namespace ct::cli {

// Exit codes. 2 is for the user to fix: the command line or an input (a
// file that is not a feed, a database that is not claimtrack's). 1 is for
// failures the user did not cause: some sources failed (the rest was
// stored), the database stayed locked, the disk is full.
constexpr int kExitOk = 0;
constexpr int kExitPartial = 1;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Settings from the global flags and the environment.
struct Context {
  std::string db_path;                  // --db, $CLAIMTRACK_DB, ./claimtrack.db
  std::vector<std::string> gazetteers;  // --gazetteer, $CLAIMTRACK_GAZETTEER
  // How long a write waits for another process's lock on the database:
  // $CLAIMTRACK_BUSY_TIMEOUT seconds, else 30.
  std::chrono::milliseconds busy_timeout{30000};
};

// One flag of a command, as the parser takes it and the help explains it.
struct Flag {
  std::string name;   // Without the dashes: "every".
  std::string value;  // What it takes ("DURATION"); empty for a switch.
  std::string help;   // What it does.
  std::string dflt;   // Its default as a user would write it; empty: none.
};

// The help's lines for `flags`: "--name VALUE  what it does (default: X)",
// the descriptions aligned.
std::string FlagsHelp(const std::vector<Flag>& flags);

// Parses `--name value`, `--name=value` and switch `--name` flags against
// the flags a command declares; everything else is positional.
class Args {
 public:
  Args(std::vector<std::string> argv, const std::vector<Flag>& flags);

  // InvalidArgument naming the first unknown flag or missing value.
  Status Parse();

  bool Has(const std::string& flag) const { return seen_.count(flag) > 0; }
  std::string Get(const std::string& flag, const std::string& dflt = "") const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::vector<std::string> argv_;
  std::set<std::string> value_flags_;
  std::set<std::string> bool_flags_;
  std::set<std::string> seen_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

// The one of `choices` nearest `word` (at most two edits away, and fewer
// than half its letters), for "did you mean"; empty when none is.
std::string Nearest(const std::string& word,
                    const std::vector<std::string>& choices);

// The progress line of a run, at most `width` columns: a bar, done/total,
// and after two seconds the rate and the time left, then as much of the
// input's name as fits (its end, which tells inputs apart).
std::string ProgressLine(int done, int total, const std::string& name,
                         double elapsed_s, int width);

// Prints "claimtrack: MESSAGE" to stderr and returns `code`.
int Fail(int code, const std::string& message);
// The exit code for a failed status: kExitUsage when the command line or
// an input is at fault (InvalidArgument, NotFound, Corruption), else
// kExitFailure.
int ExitCodeFor(const Status& s);
// Prints "claimtrack: CONTEXT: MESSAGE" (no context: the message alone) and
// returns ExitCodeFor(s).
int Fail(const Status& s, const std::string& context = "");

// How a command uses the database. kRead refuses a missing or empty
// database and writes nothing (but a schema migration); kWrite creates the
// database when needed and fails at once when it cannot be written.
enum class Access { kRead, kWrite };
Result<std::unique_ptr<store::ClaimStore>> OpenStore(const Context& ctx,
                                                     Access access);
Result<std::unique_ptr<extract::ClaimExtractor>> MakeExtractor(
    const Context& ctx);

// "30m", "2h", "1d", "90s" -> seconds; -1 when it is not a duration.
int64_t DurationSeconds(const std::string& s);

// Output format of the listing commands: table (default), json or csv.
enum class Format { kTable, kJson, kCsv };
Result<Format> FormatOf(const Args& args);

// A plain-text table with aligned columns, cells clipped to `max_width`.
std::string TextTable(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows,
                      size_t max_width = 60);

// A text table printed as its rows come, so a listing of any length holds
// only a screenful: the first `sample` rows set the column widths, and
// later rows are clipped to them.
class TablePrinter {
 public:
  TablePrinter(std::vector<std::string> header, size_t max_width,
               std::ostream* out, size_t sample = 1000);
  void Row(std::vector<std::string> row);
  // Prints what is held back. Call once, after the last row.
  void Finish();
  // Narrows the widest columns until a line fits `columns` (0: any width).
  // The table fits the terminal when it prints to one.
  void FitTo(size_t columns) { fit_ = columns; }

 private:
  void Print(const std::vector<std::string>& row);

  std::vector<std::string> header_;
  size_t max_width_;
  std::ostream* out_;
  size_t sample_;
  std::vector<std::vector<std::string>> held_;
  std::vector<size_t> widths_;  // Set once the sample is in.
  size_t fit_ = 0;
};

}  // namespace ct::cli

#endif  // CT_CLI_ARGS_H_
