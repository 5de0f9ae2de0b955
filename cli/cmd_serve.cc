#include <charconv>

#include "cli/commands.h"
#include "web/server.h"

namespace ct::cli {

int CmdServe(const Context& ctx, const Argv& argv) {
  Args args(argv, {"port", "host"}, {});
  if (Status s = args.Parse(); !s.ok())
    return Fail(kExitUsage, "serve: " + s.message());
  web::ServerOptions options;
  options.db_path = ctx.db_path;
  options.host = args.Get("host", "127.0.0.1");
  if (args.Has("port")) {
    std::string p = args.Get("port");
    auto [ptr, ec] =
        std::from_chars(p.data(), p.data() + p.size(), options.port);
    if (ec != std::errc() || ptr != p.data() + p.size() || options.port < 0 ||
        options.port > 65535) {
      return Fail(
          kExitUsage,
          "serve: --port wants a number from 0 to 65535, not '" + p + "'");
    }
  }
  Status s = web::RunServer(options);
  if (!s.ok()) return Fail(kExitUsage, "serve: " + s.message());
  return kExitOk;
}

}  // namespace ct::cli
