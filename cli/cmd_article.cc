#include <iostream>

#include "cli/commands.h"
#include "ingest/local_files.h"
#include "web/json_views.h"

namespace ct::cli {

int CmdArticle(const Context&, const Argv& argv) {
  Args args(argv, FlagsOf("article"));
  if (Status s = args.Parse(); !s.ok()) return Fail(s, "article");
  if (!args.Has("json"))
    return Fail(kExitUsage, "article: only --json output exists");
  if (args.positional().empty())
    return Fail(kExitUsage, "article: name at least one file");
  int failures = 0;
  for (const std::string& path : args.positional()) {
    if (path.rfind("http://", 0) == 0 || path.rfind("https://", 0) == 0) {
      Fail(kExitPartial,
           "article: " + path + ": fetching URLs is not supported yet");
      ++failures;
      continue;
    }
    auto doc = ingest::ReadLocalFile(path);
    if (!doc.ok()) {
      Fail(kExitPartial, "article: " + doc.status().message());
      ++failures;
      continue;
    }
    std::cout << web::DocumentJson(path, doc->url, doc->canonical_url,
                                   doc->title, doc->author, doc->published,
                                   doc->text)
              << "\n";
  }
  if (failures == static_cast<int>(args.positional().size())) return kExitUsage;
  return failures ? kExitPartial : kExitOk;
}

}  // namespace ct::cli
