// claims, facts and articles: the listing commands.

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "ingest/dates.h"
#include "web/format.h"
#include "web/json_views.h"

namespace ct::cli {
namespace {

const std::set<std::string>& Metrics() {
  static const std::set<std::string> kMetrics = {
      "gpu_count",  "power_capacity",    "energy",
      "investment", "commitment",        "valuation",
      "revenue",    "backlog",           "share",
      "growth",     "rate_limit_change", "price",
      "usage_time", "headcount",         "other"};
  return kMetrics;
}

Status CheckMetric(const std::string& m) {
  if (m.empty() || Metrics().count(m)) return Status::Ok();
  std::string all;
  for (const std::string& x : Metrics()) all += (all.empty() ? "" : ", ") + x;
  return Status::InvalidArgument("unknown metric '" + m + "' (one of: " + all +
                                 ")");
}

std::string Day(const std::string& rfc3339) { return rfc3339.substr(0, 10); }

}  // namespace

int CmdClaims(const Context& ctx, const Argv& argv) {
  Args args(argv, {"entity", "metric", "source", "since", "search", "limit"},
            {"json", "csv"});
  if (Status s = args.Parse(); !s.ok()) return Fail(s, "claims");
  auto format = FormatOf(args);
  if (!format.ok()) return Fail(format.status(), "claims");
  if (!args.positional().empty()) {
    return Fail(kExitUsage,
                "claims: unexpected '" + args.positional().front() + "'");
  }
  store::ClaimFilter f;
  f.entity = args.Get("entity");
  f.metric = args.Get("metric");
  f.source = args.Get("source");
  f.search = args.Get("search");
  if (Status s = CheckMetric(f.metric); !s.ok()) return Fail(s, "claims");
  if (args.Has("since")) {
    f.since = ingest::NormalizeDate(args.Get("since"));
    if (f.since.empty()) {
      return Fail(kExitUsage,
                  "claims: --since wants a date like 2026-05-06, not '" +
                      args.Get("since") + "'");
    }
  }
  if (args.Has("limit")) {
    try {
      f.limit = std::stoll(args.Get("limit"));
    } catch (...) {
      f.limit = -1;
    }
    if (f.limit <= 0)
      return Fail(kExitUsage, "claims: --limit wants a positive number");
  }
  auto store = OpenStore(ctx, Access::kRead);
  if (!store.ok()) return Fail(store.status());
  auto claims = (*store)->FindClaims(f);
  if (!claims.ok()) return Fail(claims.status(), "claims");
  if (*format == Format::kJson) {
    std::cout << web::ClaimsJson(*claims) << "\n";
  } else if (*format == Format::kCsv) {
    std::cout << web::ClaimsCsv(*claims);
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const store::ClaimRow& r : *claims) {
      rows.push_back(
          {std::to_string(r.id), Day(r.published), r.source, r.claim.surface,
           web::FormatClaimValue(r.claim),
           std::string(extract::QualifierName(r.claim.qualifier)),
           r.claim.metric, r.claim.subject,
           r.fact_id ? std::to_string(r.fact_id) + (r.outlier ? " outlier" : "")
                     : ""});
    }
    std::cout << TextTable({"ID", "DATE", "SOURCE", "CLAIM", "VALUE",
                            "QUALIFIER", "METRIC", "SUBJECT", "FACT"},
                           rows, 40);
  }
  return kExitOk;
}

int CmdFacts(const Context& ctx, const Argv& argv) {
  Args args(argv, {"status", "entity", "metric"}, {"json", "csv"});
  if (Status s = args.Parse(); !s.ok()) return Fail(s, "facts");
  auto format = FormatOf(args);
  if (!format.ok()) return Fail(format.status(), "facts");
  if (!args.positional().empty()) {
    return Fail(kExitUsage,
                "facts: unexpected '" + args.positional().front() + "'");
  }
  store::FactFilter f;
  f.status = args.Get("status");
  f.entity = args.Get("entity");
  f.metric = args.Get("metric");
  if (!f.status.empty() && f.status != "single" && f.status != "agree" &&
      f.status != "compatible" && f.status != "conflict") {
    return Fail(kExitUsage,
                "facts: unknown status '" + f.status +
                    "' (one of: conflict, compatible, agree, single)");
  }
  if (Status s = CheckMetric(f.metric); !s.ok()) return Fail(s, "facts");
  auto store = OpenStore(ctx, Access::kRead);
  if (!store.ok()) return Fail(store.status());
  auto facts = (*store)->FindFacts(f);
  if (!facts.ok()) return Fail(facts.status(), "facts");
  if (*format == Format::kJson) {
    std::cout << web::FactsJson(*facts) << "\n";
  } else if (*format == Format::kCsv) {
    std::cout << web::FactsCsv(*facts);
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const store::FactRow& fact : *facts) {
      std::set<std::string> values;
      std::string outliers;
      for (const store::ClaimRow& r : fact.claims) {
        values.insert(web::FormatClaimValue(r.claim));
        if (r.outlier) outliers += (outliers.empty() ? "" : ", ") + r.source;
      }
      std::string joined;
      for (const std::string& v : values)
        joined += (joined.empty() ? "" : " | ") + v;
      rows.push_back({std::to_string(fact.id), fact.status, fact.subject,
                      fact.metric, fact.object, fact.time,
                      std::to_string(fact.sources), joined, outliers});
    }
    std::cout << TextTable({"ID", "STATUS", "SUBJECT", "METRIC", "OBJECT",
                            "TIME", "SOURCES", "VALUES", "OUTLIERS"},
                           rows, 40);
  }
  return kExitOk;
}

int CmdArticles(const Context& ctx, const Argv& argv) {
  Args args(argv, {}, {"json", "csv"});
  if (Status s = args.Parse(); !s.ok()) return Fail(s, "articles");
  auto format = FormatOf(args);
  if (!format.ok()) return Fail(format.status(), "articles");
  if (!args.positional().empty()) {
    return Fail(kExitUsage,
                "articles: unexpected '" + args.positional().front() + "'");
  }
  auto store = OpenStore(ctx, Access::kRead);
  if (!store.ok()) return Fail(store.status());
  auto articles = (*store)->ListArticles();
  if (!articles.ok()) return Fail(articles.status(), "articles");
  if (*format == Format::kJson) {
    std::cout << web::ArticlesJson(*articles) << "\n";
  } else if (*format == Format::kCsv) {
    std::cout << web::ArticlesCsv(*articles);
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const store::ArticleRow& a : *articles) {
      rows.push_back({std::to_string(a.id),
                      Day(a.published.empty() ? a.first_seen : a.published),
                      a.source, a.title, std::to_string(a.claims)});
    }
    std::cout << TextTable({"ID", "DATE", "SOURCE", "TITLE", "CLAIMS"}, rows,
                           60);
  }
  return kExitOk;
}

}  // namespace ct::cli
