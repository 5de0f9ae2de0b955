// claims, facts and articles: the listing commands.

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "extract/gazetteer.h"
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

Status CheckStatus(const std::string& s) {
  if (s.empty() || s == "single" || s == "agree" || s == "compatible" ||
      s == "conflict") {
    return Status::Ok();
  }
  return Status::InvalidArgument("unknown status '" + s +
                                 "' (one of: agree, compatible, conflict, "
                                 "single)");
}

// A whole positive number, else 0.
int64_t PositiveNumber(const std::string& text) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n <= 0) return 0;
  return n;
}

std::string Day(const std::string& rfc3339) { return rfc3339.substr(0, 10); }

// A JSON array written an element at a time: "[a,b,c]" and a newline.
class JsonArrayWriter {
 public:
  explicit JsonArrayWriter(std::ostream* out) : out_(out) { *out_ << '['; }
  void Add(const std::string& element) {
    if (!first_) *out_ << ',';
    first_ = false;
    *out_ << element;
  }
  void Finish() { *out_ << "]\n"; }

 private:
  std::ostream* out_;
  bool first_ = true;
};

// --entity as people type it: an alias of a known entity ("MSFT"), any
// case, or the start of a name ("Colossus" for "Colossus 1"); what it was
// taken for is said on stderr. Several names that start with it are an
// error that lists them.
Status ResolveEntity(const Context& ctx, store::ClaimStore* store,
                     const std::string& command, std::string* entity) {
  if (entity->empty()) return Status::Ok();
  extract::Gazetteer gazetteer;
  CT_RETURN_IF_ERROR(gazetteer.AddBuiltin());
  for (const std::string& file : ctx.gazetteers) {
    CT_RETURN_IF_ERROR(gazetteer.AddFile(file));
  }
  if (int id = gazetteer.FindByAlias(*entity); id >= 0) {
    const std::string& name = gazetteer.entity(id).name;
    if (name != *entity) {
      std::fprintf(stderr, "claimtrack: %s: --entity %s is %s\n",
                   command.c_str(), entity->c_str(), name.c_str());
      *entity = name;
    }
    return Status::Ok();
  }
  auto matches = store->MatchEntities(*entity);
  if (!matches.ok()) return matches.status();
  if (matches->empty()) return Status::Ok();
  if (matches->size() > 1) {
    std::string names;
    for (const std::string& m : *matches) {
      names += (names.empty() ? "" : ", ") + m;
    }
    return Status::InvalidArgument(command + ": --entity " + *entity +
                                   " could be any of " + names + "; say which");
  }
  if (matches->front() != *entity) {
    std::fprintf(stderr, "claimtrack: %s: --entity %s matched %s\n",
                 command.c_str(), entity->c_str(), matches->front().c_str());
    *entity = matches->front();
  }
  return Status::Ok();
}

}  // namespace

int CmdClaims(const Context& ctx, const Argv& argv) {
  Args args(argv, FlagsOf("claims"));
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
  f.status = args.Get("status");
  if (Status s = CheckStatus(f.status); !s.ok()) return Fail(s, "claims");
  if (args.Has("fact")) {
    f.fact_id = PositiveNumber(args.Get("fact"));
    if (f.fact_id <= 0) {
      return Fail(kExitUsage, "claims: --fact wants a fact id, not '" +
                                  args.Get("fact") + "'");
    }
  }
  if (args.Has("since")) {
    f.since = ingest::NormalizeDate(args.Get("since"));
    if (f.since.empty()) {
      return Fail(kExitUsage,
                  "claims: --since wants a date like 2026-05-06, not '" +
                      args.Get("since") + "'");
    }
  }
  if (args.Has("limit")) {
    f.limit = PositiveNumber(args.Get("limit"));
    if (f.limit <= 0) {
      return Fail(kExitUsage, "claims: --limit wants a positive number, not '" +
                                  args.Get("limit") + "'");
    }
  }
  auto store = OpenStore(ctx, Access::kRead);
  if (!store.ok()) return Fail(store.status());
  if (Status e = ResolveEntity(ctx, store->get(), "claims", &f.entity);
      !e.ok()) {
    return Fail(e);
  }
  // Rows go out as they are read, so memory stays flat however many.
  Status s;
  if (*format == Format::kJson) {
    JsonArrayWriter json(&std::cout);
    s = (*store)->ForEachClaim(f, [&](const store::ClaimRow& r) {
      json.Add(web::ClaimRowJson(r));
      return Status::Ok();
    });
    json.Finish();
  } else if (*format == Format::kCsv) {
    std::cout << web::ClaimsCsvHeader();
    s = (*store)->ForEachClaim(f, [&](const store::ClaimRow& r) {
      std::cout << web::ClaimCsvRow(r);
      return Status::Ok();
    });
  } else {
    TablePrinter table({"ID", "DATE", "SOURCE", "CLAIM", "VALUE", "METRIC",
                        "SUBJECT", "OBJECT", "FACT"},
                       40, &std::cout);
    s = (*store)->ForEachClaim(f, [&](const store::ClaimRow& r) {
      table.Row({std::to_string(r.id), Day(r.published), r.source,
                 r.claim.surface, web::QualifiedValue(r.claim), r.claim.metric,
                 r.claim.subject, r.claim.object,
                 r.fact_id
                     ? std::to_string(r.fact_id) + (r.outlier ? " outlier" : "")
                     : ""});
      return Status::Ok();
    });
    table.Finish();
  }
  std::cout.flush();
  if (!s.ok()) return Fail(s, "claims");
  return kExitOk;
}

int CmdFacts(const Context& ctx, const Argv& argv) {
  Args args(argv, FlagsOf("facts"));
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
  if (Status s = CheckStatus(f.status); !s.ok()) return Fail(s, "facts");
  if (Status s = CheckMetric(f.metric); !s.ok()) return Fail(s, "facts");
  auto store = OpenStore(ctx, Access::kRead);
  if (!store.ok()) return Fail(store.status());
  if (Status e = ResolveEntity(ctx, store->get(), "facts", &f.entity);
      !e.ok()) {
    return Fail(e);
  }
  Status s;
  if (*format == Format::kJson) {
    JsonArrayWriter json(&std::cout);
    s = (*store)->ForEachFact(f, [&](const store::FactRow& fact) {
      json.Add(web::FactJson(fact));
      return Status::Ok();
    });
    json.Finish();
  } else if (*format == Format::kCsv) {
    std::cout << web::FactsCsvHeader();
    s = (*store)->ForEachFact(f, [&](const store::FactRow& fact) {
      std::cout << web::FactCsvRow(fact);
      return Status::Ok();
    });
  } else {
    TablePrinter table({"ID", "STATUS", "REASON", "SUBJECT", "METRIC", "OBJECT",
                        "TIME", "SOURCES", "VALUES", "OUTLIERS"},
                       40, &std::cout);
    s = (*store)->ForEachFact(f, [&](const store::FactRow& fact) {
      std::set<std::string> outlier_sources;
      for (const store::ClaimRow& r : fact.claims) {
        if (r.outlier) outlier_sources.insert(r.source);
      }
      std::string outliers;
      for (const std::string& o : outlier_sources) {
        outliers += (outliers.empty() ? "" : ", ") + o;
      }
      std::string joined;
      for (const std::string& v : web::ValuesByNumber(fact))
        joined += (joined.empty() ? "" : " | ") + v;
      table.Row({std::to_string(fact.id), fact.status, fact.reason,
                 fact.subject, fact.metric, fact.object, fact.time,
                 std::to_string(fact.sources), joined, outliers});
      return Status::Ok();
    });
    table.Finish();
  }
  std::cout.flush();
  if (!s.ok()) return Fail(s, "facts");
  return kExitOk;
}

int CmdArticles(const Context& ctx, const Argv& argv) {
  Args args(argv, FlagsOf("articles"));
  if (Status s = args.Parse(); !s.ok()) return Fail(s, "articles");
  auto format = FormatOf(args);
  if (!format.ok()) return Fail(format.status(), "articles");
  if (!args.positional().empty()) {
    return Fail(kExitUsage,
                "articles: unexpected '" + args.positional().front() + "'");
  }
  auto store = OpenStore(ctx, Access::kRead);
  if (!store.ok()) return Fail(store.status());
  Status s;
  if (*format == Format::kJson) {
    JsonArrayWriter json(&std::cout);
    s = (*store)->ForEachArticle([&](const store::ArticleRow& a) {
      json.Add(web::ArticleRowJson(a));
      return Status::Ok();
    });
    json.Finish();
  } else if (*format == Format::kCsv) {
    std::cout << web::ArticlesCsvHeader();
    s = (*store)->ForEachArticle([&](const store::ArticleRow& a) {
      std::cout << web::ArticleCsvRow(a);
      return Status::Ok();
    });
  } else {
    TablePrinter table({"ID", "DATE", "SOURCE", "TITLE", "CLAIMS"}, 60,
                       &std::cout);
    s = (*store)->ForEachArticle([&](const store::ArticleRow& a) {
      table.Row({std::to_string(a.id),
                 Day(a.published.empty() ? a.first_seen : a.published),
                 a.source, a.title, std::to_string(a.claims)});
      return Status::Ok();
    });
    table.Finish();
  }
  std::cout.flush();
  if (!s.ok()) return Fail(s, "articles");
  return kExitOk;
}

int CmdFact(const Context& ctx, const Argv& argv) {
  Args args(argv, FlagsOf("fact"));
  if (Status s = args.Parse(); !s.ok()) return Fail(s, "fact");
  if (args.positional().size() != 1) {
    return Fail(kExitUsage, "fact: one fact id, as `claimtrack facts` lists");
  }
  const std::string& text = args.positional().front();
  int64_t id = PositiveNumber(text);
  if (id <= 0) return Fail(kExitUsage, "fact: '" + text + "' is not a fact id");
  auto store = OpenStore(ctx, Access::kRead);
  if (!store.ok()) return Fail(store.status());
  auto fact = (*store)->FindFact(id);
  if (!fact.ok()) return Fail(fact.status(), "fact");
  if (!fact->has_value()) {
    return Fail(kExitUsage, "fact: no fact " + text);
  }
  const store::FactRow& f = **fact;
  if (args.Has("json")) {
    std::cout << web::FactJson(f) << "\n";
    return kExitOk;
  }
  std::cout << "fact " << f.id << ": " << f.status;
  if (!f.reason.empty()) std::cout << " (" << f.reason << ")";
  std::cout << "\n" << web::FactSummary(f) << "\n\n";
  TablePrinter table(
      {"SOURCE", "PUBLISHED", "VALUE", "OUTLIER", "SENTENCE", "URL"}, 60,
      &std::cout);
  for (const store::ClaimRow& r : f.claims) {
    table.Row({r.source, r.published, web::QualifiedValue(r.claim),
               r.outlier ? "yes" : "", r.claim.sentence, r.url});
  }
  table.Finish();
  return kExitOk;
}

}  // namespace ct::cli
