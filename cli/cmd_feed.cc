// parse-feed: one feed, from a file or a URL, as JSON.

#include <charconv>
#include <iostream>

#include "cli/commands.h"
#include "ingest/feed_parser.h"
#include "ingest/fetcher.h"
#include "ingest/local_files.h"
#include "web/json_views.h"

namespace ct::cli {

Result<ingest::FetchOptions> FetchOptionsOf(const Args& args) {
  ingest::FetchOptions options;
  if (args.Has("timeout")) {
    std::string t = args.Get("timeout");
    double seconds = 0;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), seconds);
    if (ec != std::errc() || ptr != t.data() + t.size() || seconds <= 0 ||
        seconds > 3600) {
      return Status::InvalidArgument(
          "--timeout wants seconds between 0 and 3600, not '" + t + "'");
    }
    options.total_timeout =
        std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
    options.connect_timeout =
        std::min(options.connect_timeout, options.total_timeout);
  }
  return options;
}

int CmdParseFeed(const Context&, const Argv& argv) {
  Args args(argv, FlagsOf("parse-feed"));
  if (Status s = args.Parse(); !s.ok()) {
    return Fail(s, "parse-feed");
  }
  if (args.positional().size() != 1) {
    return Fail(kExitUsage, "parse-feed: name one file or URL");
  }
  auto options = FetchOptionsOf(args);
  if (!options.ok()) return Fail(options.status(), "parse-feed");
  const std::string& target = args.positional().front();
  std::string bytes;
  ingest::FeedInput input;
  if (ingest::IsHttpUrl(target)) {
    auto fetched = ingest::NewHttpFetcher()->Fetch(target, *options);
    if (!fetched.ok()) {
      std::cout << web::ErrorJson(fetched.status().message()) << "\n";
      return Fail(kExitPartial, "parse-feed: " + fetched.status().message());
    }
    bytes = std::move(fetched->body);
    input.url = fetched->url;
    input.content_type = fetched->content_type;
    input.content_location = fetched->content_location;
  } else {
    auto raw = ingest::ReadFileBytes(target, options->max_bytes);
    if (!raw.ok())
      return Fail(kExitUsage, "parse-feed: " + raw.status().message());
    bytes = std::move(*raw);
    input.url = ingest::FileUrl(target);
  }
  input.bytes = bytes;
  auto feed = ingest::ParseFeed(input);
  if (!feed.ok()) {
    std::cout << web::ErrorJson(feed.status().message()) << "\n";
    return Fail(kExitPartial,
                "parse-feed: " + target + ": " + feed.status().message());
  }
  std::cout << web::FeedJson(*feed) << "\n";
  return kExitOk;
}

}  // namespace ct::cli
