// Every command's flags: what each does and its default. The parser and the
// help read the same lists, so a flag cannot be taken without being
// explained, nor explained without being taken.

#include <map>

#include "cli/commands.h"

namespace ct::cli {
namespace {

const Flag kJson = {"json", "", "print JSON rather than the table", ""};
const Flag kCsv = {"csv", "", "print CSV (a header line, then a row each)", ""};
const Flag kTimeout = {"timeout", "S",
                       "give up on a download after S seconds (at most 3600)",
                       "30"};
const Flag kDelay = {"delay", "S",
                     "wait S seconds between two requests to one host", "1"};
const Flag kNoPages = {
    "no-pages", "",
    "store a feed's items as the feed gives them, without fetching each "
    "item's page",
    ""};
const Flag kEntity = {"entity", "NAME",
                      "only those about NAME, as subject or object: a name or "
                      "alias in any case, or a name's start",
                      "any"};
const Flag kMetric = {"metric", "M",
                      "only metric M: gpu_count, power_capacity, investment, "
                      "valuation, share, ...",
                      "any"};
const Flag kStatus = {"status", "S",
                      "only facts judged S: agree, compatible, conflict or "
                      "single",
                      "any"};

}  // namespace

const std::vector<Flag>& FlagsOf(const std::string& command) {
  static const std::map<std::string, std::vector<Flag>> kFlags = {
      {"ingest",
       {kTimeout,
        kDelay,
        kNoPages,
        {"threads", "N", "extract on N threads", "one per core"}}},
      {"run-due",
       {kTimeout,
        kDelay,
        kNoPages,
        {"quiet", "", "print only failures, not the summary", ""}}},
      {"articles", {kJson, kCsv}},
      {"claims",
       {kJson,
        kCsv,
        kEntity,
        kMetric,
        {"source", "OUTLET", "only those reported by OUTLET (any case)", "any"},
        {"since", "DATE",
         "only those published on DATE (like 2026-05-06) or after", "any date"},
        {"search", "TEXT",
         "only those in articles that match TEXT: words, \"a phrase\", "
         "OR, prefix*",
         "none"},
        {"fact", "ID", "only the claims of fact ID", "any"},
        {"status", "S",
         "only the claims of facts judged S: agree, compatible, conflict or "
         "single",
         "any"},
        {"limit", "N", "print at most N claims", "all"}}},
      {"facts", {kJson, kCsv, kStatus, kEntity, kMetric}},
      {"fact", {kJson}},
      {"extract",
       {{"explain", "",
         "print each number with the rules that made it a claim, or the one "
         "that dropped it",
         ""},
        {"jsonl", "",
         "read JSON lines {\"id\",\"text\"} and answer each with one line", ""},
        {"threads", "N", "with --jsonl, answer on N threads", "one per core"}}},
      {"parse-feed",
       {{"json", "", "print the feed as JSON (required)", ""}, kTimeout}},
      {"article",
       {{"json", "", "print each article as a JSON line (required)", ""}}},
      {"sources",
       {{"every", "DURATION",
         "add, import: poll every DURATION (90s, 30m, 2h, 1d; at least a "
         "minute)",
         "1h"},
        {"json", "", "list: print JSON rather than the table", ""},
        {"all", "", "refresh: every source", ""}}},
      {"serve",
       {{"port", "N", "listen on port N (0: any free port)", "8080"},
        {"host", "H",
         "listen on address H, and answer requests addressed to any name",
         "127.0.0.1, answering loopback names only"},
        {"ingest-every", "DURATION",
         "also poll the due sources every DURATION (30m, 1h)", "never"}}},
  };
  static const std::vector<Flag> kNone;
  auto it = kFlags.find(command);
  return it == kFlags.end() ? kNone : it->second;
}

}  // namespace ct::cli
