// Web pages and HTML fragments, the way ingest reads them: bytes decoded
// to UTF-8 (ingest/charset.h), then the page parser with its article
// extraction (ingest/html_page.h, ingest/readability.h), the plain-text
// reader for what is not HTML, and the fragment sanitizer and text
// converter (ingest/html_sanitizer.h) that feed content goes through.
//
// Checked beyond crashes: what comes out is UTF-8 when what went in was,
// and sanitising sanitised HTML changes nothing (html_sanitizer.h
// promises both).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/check.h"
#include "ingest/charset.h"
#include "ingest/document.h"
#include "ingest/html_page.h"
#include "ingest/html_sanitizer.h"
#include "ingest/local_files.h"

namespace {

using ct::ingest::IsValidUtf8;

constexpr char kPageUrl[] = "https://news.example/2026/04/story.html?id=7";

void CheckDocument(const ct::ingest::Document& d) {
  for (const std::string* field :
       {&d.url, &d.canonical_url, &d.guid, &d.title, &d.author, &d.published,
        &d.outlet, &d.text}) {
    CT_FUZZ_CHECK(IsValidUtf8(*field));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto decoded = ct::ingest::DecodeToUtf8(bytes);
  if (!decoded.ok()) return 0;
  const std::string& html = decoded->utf8;

  (void)ct::ingest::LooksLikeHtml(html);
  auto page = ct::ingest::ParseHtmlPage(html, kPageUrl);
  if (page.ok()) CheckDocument(*page);
  CheckDocument(ct::ingest::ParsePlainText(html, kPageUrl));

  std::string clean = ct::ingest::SanitizeHtml(html, kPageUrl);
  CT_FUZZ_CHECK(IsValidUtf8(clean));
  CT_FUZZ_CHECK(ct::ingest::SanitizeHtml(clean, kPageUrl) == clean);
  CT_FUZZ_CHECK(IsValidUtf8(ct::ingest::HtmlToText(html)));
  return 0;
}
