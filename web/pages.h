// Server-rendered HTML pages. Every string from the database is escaped;
// pages use no scripts and load nothing from elsewhere, so they work with
// JavaScript off and without a network.
//
// Thread-safe: pure functions.

#ifndef CT_WEB_PAGES_H_
#define CT_WEB_PAGES_H_

#include <string>
#include <string_view>
#include <vector>

#include "store/claim_store.h"

namespace ct::web {

// Where a listing page links beside its rows: its next page (empty on the
// last) and the same listing as JSON and as CSV.
struct ListingLinks {
  std::string next;
  std::string json;
  std::string csv;
};

// A facet: one column's values among the listed rows, each with its count
// and the URL that filters on it.
struct Facet {
  std::string name;  // "status", "metric", "reason", "entity", "outlet".
  // Counting took too long, on a list too large: the page says so.
  bool timed_out = false;
  struct Value {
    std::string value;
    int64_t count = 0;
    std::string url;
  };
  std::vector<Value> values;
};

// The facts listing: its rows, the filter and sort it was asked for (shown
// in its controls), its facets and its links.
std::string OverviewPage(const std::vector<store::FactRow>& facts,
                         const store::FactFilter& filter,
                         const std::vector<Facet>& facets,
                         const ListingLinks& links);
// `related`: the other facts of the same deal (the same parties).
std::string FactPage(const store::FactRow& fact,
                     const std::vector<store::FactRow>& related = {});
std::string ArticlePage(const store::ArticleRow& article,
                        const std::vector<store::ClaimRow>& claims);
std::string ArticlesPage(const std::vector<store::ArticleRow>& articles,
                         const store::ArticleFilter& filter = {},
                         const std::vector<Facet>& facets = {},
                         const ListingLinks& links = {});
// Claims, in articles that match words when the filter has some, narrowed
// by the filter's entity, metric, outlet (source), fact status and date
// (since), which its controls show.
std::string SearchPage(const store::ClaimFilter& filter,
                       const std::vector<store::ClaimRow>& claims,
                       const std::vector<Facet>& facets = {},
                       const ListingLinks& links = {});
std::string SourcesPage(const std::vector<store::SourceRow>& sources,
                        const store::SourceFilter& filter = {},
                        const std::vector<Facet>& facets = {},
                        const ListingLinks& links = {});
std::string NotFoundPage(std::string_view what);

// The number line of a fact: one row per claim, its interval as a bar and
// its stated value as a dot, an arrow where it has no bound; outliers in
// their own colour; each outlet named once; ticks at round values, below
// zero only when a value is. Inline SVG, then its legend.
std::string NumberLineSvg(const store::FactRow& fact);
// The timeline strip of a fact: each outlet's report of each value as a
// mark on a line of days, the first report ringed, outliers in their own
// colour, labels stacked so that none covers another. Inline SVG, then the
// span of days and a legend.
std::string TimelineSvg(const store::FactRow& fact);

}  // namespace ct::web

#endif  // CT_WEB_PAGES_H_
