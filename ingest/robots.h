// robots.txt: which paths a site lets claimtrack fetch. The group for our
// user agent wins over "*"; the longest matching rule decides, Allow on a
// tie (RFC 9309). Thread-safe: values.

#ifndef CT_INGEST_ROBOTS_H_
#define CT_INGEST_ROBOTS_H_

#include <string>
#include <string_view>
#include <vector>

namespace ct::ingest {

class RobotsRules {
 public:
  // Rules from a robots.txt body for `agent` ("claimtrack"); an empty body
  // allows everything.
  static RobotsRules Parse(std::string_view body, std::string_view agent);
  // Nothing is disallowed (no robots.txt, or it could not be fetched with a
  // 4xx status).
  static RobotsRules AllowAll() { return RobotsRules(); }

  // Whether the path (with query) may be fetched.
  bool Allowed(std::string_view path) const;

 private:
  struct Rule {
    std::string pattern;  // May hold '*' and end with '$'.
    bool allow;
  };
  std::vector<Rule> rules_;
};

}  // namespace ct::ingest

#endif  // CT_INGEST_ROBOTS_H_
