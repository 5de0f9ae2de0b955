// JSON views of claims, facts, articles and sources: the formats of
// DESIGN.md ("Command line", "Web"), shared by the JSON API and the
// command line's --json output.
//
// Thread-safe: pure functions.

#ifndef CT_WEB_JSON_VIEWS_H_
#define CT_WEB_JSON_VIEWS_H_

#include <string>
#include <string_view>
#include <vector>

#include "extract/claim.h"
#include "ingest/feed_parser.h"
#include "store/claim_store.h"

namespace ct::web {

// One claim as the extractor gives it: every field of the claim model.
std::string ClaimJson(const extract::Claim& claim);
// A line of `extract --jsonl`: {"id": <id_json>, "claims": [...]}, where
// `id_json` is already JSON (a number or a quoted string).
std::string ExtractLineJson(std::string_view id_json,
                            const std::vector<extract::Claim>& claims);

// One element of each listing, for output that streams: a JSON array is
// "[" + elements joined by "," + "]", exactly as the *Json forms print.
std::string ClaimRowJson(const store::ClaimRow& claim);
std::string ArticleRowJson(const store::ArticleRow& article);

std::string ClaimsJson(const std::vector<store::ClaimRow>& claims);
std::string FactJson(const store::FactRow& fact);
std::string FactsJson(const std::vector<store::FactRow>& facts);
std::string ArticleJson(const store::ArticleRow& article,
                        const std::vector<store::ClaimRow>& claims);
std::string ArticlesJson(const std::vector<store::ArticleRow>& articles);
std::string SourcesJson(const std::vector<store::SourceRow>& sources);
// An extracted page for `article --json`.
std::string DocumentJson(std::string_view file, std::string_view url,
                         std::string_view canonical_url, std::string_view title,
                         std::string_view author, std::string_view published,
                         std::string_view text);
// The parse-feed format of DESIGN.md, plus "bozo" and "encoding". Empty
// fields are null.
std::string FeedJson(const ingest::Feed& feed);
// {"error": message}
std::string ErrorJson(std::string_view message);
// A JSON string literal, quoted and escaped.
std::string JsonString(std::string_view s);

}  // namespace ct::web

#endif  // CT_WEB_JSON_VIEWS_H_
