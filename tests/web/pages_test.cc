#include "web/pages.h"

#include <catch2/catch.hpp>
#include <string>

TEST_CASE("ArticlePage marks a headline's figure in the headline", "[web]") {
  ct::store::ArticleRow a;
  a.url = "https://a.example/1";
  a.title = "Lab buys 6 GW";
  a.text = "The lab will buy 6 GW.";
  ct::store::ClaimRow headline;
  headline.id = 1;
  headline.claim.surface = "6 GW";
  headline.claim.start = 9;
  headline.claim.end = 13;
  headline.claim.in_title = true;
  ct::store::ClaimRow body = headline;
  body.id = 2;
  body.claim.start = 17;
  body.claim.end = 21;
  body.claim.in_title = false;
  std::string page = ct::web::ArticlePage(a, {headline, body});
  CHECK(page.find("<h1>Lab buys <mark id=\"claim-1\"") != std::string::npos);
  CHECK(page.find("will buy <mark id=\"claim-2\"") != std::string::npos);
}
