// The command line: `claimtrack [--db PATH] COMMAND ...` (DESIGN.md).
//
// Exit codes: 0 success, 1 partial failure (some inputs failed, the rest
// was stored), 2 usage or input error. Errors go to stderr as one line that
// names the input.

#ifndef CT_CLI_CLI_H_
#define CT_CLI_CLI_H_

namespace ct::cli {

int Run(int argc, char** argv);

}  // namespace ct::cli

#endif  // CT_CLI_CLI_H_
