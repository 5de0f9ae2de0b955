// The subcommands. Each takes the shared context and its own arguments
// (after the command name) and returns the exit code.

#ifndef CT_CLI_COMMANDS_H_
#define CT_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "cli/args.h"
#include "ingest/fetcher.h"

namespace ct::cli {

using Argv = std::vector<std::string>;

int CmdIngest(const Context& ctx, const Argv& argv);
int CmdExtract(const Context& ctx, const Argv& argv);
int CmdClaims(const Context& ctx, const Argv& argv);
int CmdFacts(const Context& ctx, const Argv& argv);
int CmdFact(const Context& ctx, const Argv& argv);
int CmdArticles(const Context& ctx, const Argv& argv);
int CmdArticle(const Context& ctx, const Argv& argv);
int CmdSources(const Context& ctx, const Argv& argv);
int CmdServe(const Context& ctx, const Argv& argv);
int CmdParseFeed(const Context& ctx, const Argv& argv);
int CmdRunDue(const Context& ctx, const Argv& argv);

// The flags `command` takes (cli/flags.cc); none for an unknown command.
const std::vector<Flag>& FlagsOf(const std::string& command);

// --timeout SECONDS as fetch options; InvalidArgument for a bad value.
Result<ingest::FetchOptions> FetchOptionsOf(const Args& args);

}  // namespace ct::cli

#endif  // CT_CLI_COMMANDS_H_
