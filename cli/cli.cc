#include "cli/cli.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace ct::cli {
namespace {

struct Command {
  const char* name;
  const char* usage;
  const char* help;
  int (*run)(const Context&, const Argv&);
};

// The subcommand table, in the order `--help` lists it.
const Command kCommands[] = {
    {"ingest",
     "ingest [--timeout S] [--delay S] [--no-pages] [--threads N] SOURCE...",
     "store articles from feed and page URLs, OPML lists, files and folders "
     "(HTML, text, feeds, .gz); extract their claims and judge facts",
     CmdIngest},
    {"run-due", "run-due [--timeout S] [--delay S] [--no-pages] [--quiet]",
     "poll every source that is due (for cron or a systemd timer); prints "
     "nothing when nothing was due, and only failures with --quiet",
     CmdRunDue},
    {"articles", "articles [--json|--csv]", "list stored articles",
     CmdArticles},
    {"claims",
     "claims [--json|--csv] [--entity E] [--metric M] [--source S] "
     "[--since DATE] [--search TEXT] [--fact ID] [--status S] [--limit N]",
     "list stored claims", CmdClaims},
    {"facts", "facts [--json|--csv] [--status S] [--entity E] [--metric M]",
     "list facts with their judged status, conflicts first", CmdFacts},
    {"fact", "fact ID [--json]",
     "one fact: why its sources differ, then each source's claim with its "
     "date, sentence and URL",
     CmdFact},
    {"extract", "extract [--explain | --jsonl [--threads N]]",
     "read text (or JSON lines {\"id\",\"text\"} with --jsonl) on stdin and "
     "print the claims found; no database. JSON lines are answered on N "
     "threads (default: one per core) and printed in input order as they "
     "are ready. --explain prints each number with the rules that made it "
     "a claim or the rule that dropped it",
     CmdExtract},
    {"parse-feed", "parse-feed FILE|URL --json [--timeout S]",
     "print a feed (RSS, RDF, Atom, JSON Feed) as parsed, as JSON",
     CmdParseFeed},
    {"article", "article --json FILE...",
     "print the extracted article of each HTML or text file as a JSON line",
     CmdArticle},
    {"sources",
     "sources add URL [--every 30m] | list [--json] | remove ID|URL | "
     "pause ID|URL | resume ID|URL | refresh ID|URL|--all | "
     "import FILE.opml [--every 30m] | export",
     "the sources that scheduled runs poll: a paused one is never due, a "
     "refreshed one is due now; list shows each one's status and next due "
     "time",
     CmdSources},
    {"serve", "serve [--port N] [--host H] [--ingest-every DURATION]",
     "serve the web UI and JSON API on localhost (only requests addressed "
     "to it are answered; --host H listens on H and answers any name); "
     "optionally poll due sources every DURATION (30m, 1h)",
     CmdServe},
};

const std::vector<Flag>& GlobalFlags() {
  static const std::vector<Flag> kGlobal = {
      {"db", "PATH", "the database", "$CLAIMTRACK_DB, else ./claimtrack.db"},
      {"gazetteer", "FILE",
       "extra entities, in the built-in list's format; repeatable, and "
       "$CLAIMTRACK_GAZETTEER names more, ':' between them",
       "the built-in list only"},
      {"help", "", "this help; after a command, that command's", ""},
      {"version", "", "the version", ""}};
  return kGlobal;
}

void PrintHelp(FILE* out) {
  std::fprintf(
      out,
      "usage: claimtrack [--db PATH] [--gazetteer FILE] COMMAND ...\n\n"
      "Follows the figures the press reports about AI infrastructure "
      "and shows which sources agree.\n\ncommands:\n");
  for (const Command& c : kCommands) {
    std::fprintf(out, "  %s\n      %s\n", c.usage, c.help);
  }
  std::fprintf(out,
               "\nglobal flags (before the command):\n%s"
               "\n`claimtrack help COMMAND` explains each flag of COMMAND "
               "and gives its default.\n"
               "A write waits up to $CLAIMTRACK_BUSY_TIMEOUT seconds (30) "
               "for another process's lock.\n"
               "Exit codes: 0 success, 1 some inputs failed or the database "
               "could not be written, 2 usage or input error.\n",
               FlagsHelp(GlobalFlags()).c_str());
}

// One command's usage, what it does, and its flags with their defaults.
void PrintCommandHelp(const Command& c) {
  std::printf("usage: claimtrack %s\n  %s\n", c.usage, c.help);
  const std::vector<Flag>& flags = FlagsOf(c.name);
  if (!flags.empty()) {
    std::printf("\nflags:\n%s", FlagsHelp(flags).c_str());
  }
}

int UnknownCommand(const std::string& name) {
  std::vector<std::string> names;
  for (const Command& c : kCommands) names.push_back(c.name);
  std::string near = Nearest(name, names);
  return Fail(kExitUsage,
              "unknown command '" + name + "' (" +
                  (near.empty() ? "" : "did you mean '" + near + "'? ") +
                  "see claimtrack --help)");
}

int Dispatch(int argc, char** argv) {
  Context ctx;
  const char* env_db = std::getenv("CLAIMTRACK_DB");
  ctx.db_path = env_db && *env_db ? env_db : "claimtrack.db";
  if (const char* env = std::getenv("CLAIMTRACK_BUSY_TIMEOUT"); env && *env) {
    char* end = nullptr;
    double seconds = std::strtod(env, &end);
    if (end == env || *end != '\0' || !(seconds >= 0 && seconds <= 86400)) {
      return Fail(kExitUsage,
                  std::string("CLAIMTRACK_BUSY_TIMEOUT wants seconds, not '") +
                      env + "'");
    }
    ctx.busy_timeout =
        std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
  }
  if (const char* env = std::getenv("CLAIMTRACK_GAZETTEER"); env && *env) {
    std::string list = env;
    size_t start = 0;
    for (size_t i = 0; i <= list.size(); ++i) {
      if (i == list.size() || list[i] == ':') {
        if (i > start) ctx.gazetteers.push_back(list.substr(start, i - start));
        start = i + 1;
      }
    }
  }
  auto command_help = [](const Command& c) {
    PrintCommandHelp(c);
    return kExitOk;
  };
  // --help anywhere on the line is a request for help, never a flag's
  // value or an argument: the help of the command it names, or the general
  // help.
  for (int k = 1; k < argc; ++k) {
    if (std::strcmp(argv[k], "--help") != 0 &&
        std::strcmp(argv[k], "-h") != 0) {
      continue;
    }
    for (int n = 1; n < argc; ++n) {
      for (const Command& c : kCommands) {
        if (c.name == std::string(argv[n])) return command_help(c);
      }
    }
    PrintHelp(stdout);
    return kExitOk;
  }
  int i = 1;
  for (; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "help" && i + 1 < argc) {
      // "claimtrack help COMMAND": that command's help.
      for (const Command& c : kCommands) {
        if (c.name == std::string(argv[i + 1])) return command_help(c);
      }
      return UnknownCommand(argv[i + 1]);
    }
    if (a == "help") {
      PrintHelp(stdout);
      return kExitOk;
    }
    if (a == "--version") {
      std::printf("claimtrack 0.1.0\n");
      return kExitOk;
    }
    std::string value;
    std::string name = a;
    size_t eq = a.find('=');
    if (a.rfind("--", 0) == 0 && eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
    } else if (a == "--db" || a == "--gazetteer") {
      if (i + 1 >= argc)
        return Fail(kExitUsage, "flag " + a + " needs a value");
      value = argv[++i];
    } else if (a.rfind("--", 0) == 0) {
      return Fail(kExitUsage, "unknown flag " + a + " (see claimtrack --help)");
    } else {
      break;
    }
    if (name == "--db") {
      if (value.empty()) return Fail(kExitUsage, "--db needs a path");
      ctx.db_path = value;
    } else if (name == "--gazetteer") {
      ctx.gazetteers.push_back(value);
    } else {
      return Fail(kExitUsage,
                  "unknown flag " + name + " (see claimtrack --help)");
    }
  }
  if (i >= argc) {
    PrintHelp(stderr);
    return kExitUsage;
  }
  std::string name = argv[i];
  Argv rest(argv + i + 1, argv + argc);
  for (const Command& c : kCommands) {
    if (name == c.name) {
      return c.run(ctx, rest);
    }
  }
  return UnknownCommand(name);
}

}  // namespace

int Run(int argc, char** argv) {
  // Libraries return errors as values; an exception here is a bug or a
  // failure to start, reported once.
  try {
    return Dispatch(argc, argv);
  } catch (const std::exception& e) {
    return Fail(kExitUsage, std::string("internal error: ") + e.what());
  }
}

}  // namespace ct::cli
