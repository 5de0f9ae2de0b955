#include "ingest/local_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "common/text.h"
#include "ingest/charset.h"
#include "ingest/dates.h"
#include "ingest/html_page.h"
#include "ingest/inflate.h"

namespace ct::ingest {
namespace {

using text::Trim;

namespace fs = std::filesystem;

bool IsHidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// Binary data: NUL bytes, or many control characters, in the first 64 KiB.
bool LooksBinary(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 65536);
  size_t control = 0;
  for (unsigned char c : head) {
    if (c == 0) return true;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
      ++control;
    }
  }
  return control * 10 > head.size();
}

bool LooksLikeFeed(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 1024);
  return head.find("<rss") != std::string_view::npos ||
         head.find("<feed") != std::string_view::npos ||
         head.find("<rdf:RDF") != std::string_view::npos;
}

}  // namespace

std::string FileUrl(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  return "file://" + (ec ? path : abs.lexically_normal().string());
}

Result<std::vector<std::string>> ListLocalFiles(const std::string& path) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    return Status::NotFound(path + ": no such file or directory");
  }
  std::vector<std::string> files;
  if (fs::is_regular_file(st)) {
    files.push_back(path);
    return files;
  }
  if (!fs::is_directory(st)) {
    return Status::InvalidArgument(path + ": not a file or directory");
  }
  fs::recursive_directory_iterator it(
      path, fs::directory_options::skip_permission_denied, ec);
  if (ec) return Status::IoError(path + ": " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return Status::IoError(path + ": " + ec.message());
    if (IsHidden(it->path())) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Result<std::string> MaybeGunzip(std::string bytes, size_t max_bytes) {
  if (bytes.size() < 2 || static_cast<unsigned char>(bytes[0]) != 0x1f ||
      static_cast<unsigned char>(bytes[1]) != 0x8b) {
    if (bytes.size() > max_bytes) {
      return Status::TooLarge("larger than " + std::to_string(max_bytes) +
                              " bytes");
    }
    return bytes;
  }
  Inflater inflater(max_bytes);
  std::string out;
  CT_RETURN_IF_ERROR(inflater.Feed(bytes, &out));
  CT_RETURN_IF_ERROR(inflater.Finish());
  return out;
}

namespace {

// News titles run to about 100 characters; a first line much longer than
// this is a paragraph of text.
constexpr size_t kLongestTitle = 160;

std::string TitleOfParagraph(std::string_view line) {
  for (size_t i = 1; i + 1 < line.size() && i < kLongestTitle; ++i) {
    if ((line[i] == '.' || line[i] == '?' || line[i] == '!') &&
        line[i + 1] == ' ') {
      return std::string(line.substr(0, i + 1));
    }
  }
  size_t cut = line.rfind(' ', 100);
  if (cut == std::string_view::npos || cut == 0) {
    cut = 100;
    // Not inside a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
      --cut;
    }
  }
  return std::string(line.substr(0, cut)) + "\u2026";
}

}  // namespace

Document ParsePlainText(std::string_view text, const std::string& url) {
  Document d;
  d.url = url;
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      lines.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  // The header block from line `from`, if every line up to the blank one
  // is a known key: where it ends, or `from` when there is none.
  auto header_end = [&](size_t from) {
    size_t end = from;
    while (end < lines.size() && !Trim(lines[end]).empty()) {
      std::string_view line = Trim(lines[end]);
      size_t colon = line.find(':');
      std::string_view key =
          colon == std::string_view::npos ? "" : line.substr(0, colon);
      if (key != "Source" && key != "Published" && key != "Author" &&
          key != "URL") {
        return from;
      }
      ++end;
    }
    return end;
  };
  size_t i = 0;
  while (i < lines.size() && Trim(lines[i]).empty()) ++i;
  if (i < lines.size()) {
    std::string_view first = Trim(lines[i]);
    // A long first line is still the title when a header follows it: some
    // outlets title a story with its first sentence.
    if (first.size() <= kLongestTitle || header_end(i + 1) > i + 1) {
      d.title = std::string(first);
      ++i;
    } else {
      // A whole paragraph, not a title: it stays in the text, and the
      // title is its first sentence (or its start, cut at a word).
      d.title = TitleOfParagraph(first);
    }
  }

  size_t end = header_end(i);
  if (end > i) {
    for (size_t k = i; k < end; ++k) {
      std::string_view line = Trim(lines[k]);
      size_t colon = line.find(':');
      std::string_view key = line.substr(0, colon);
      std::string value(Trim(line.substr(colon + 1)));
      if (key == "Source") d.outlet = value;
      if (key == "Published") d.published = NormalizeDate(value);
      if (key == "Author") d.author = value;
      if (key == "URL") d.canonical_url = value;
    }
    i = end;
  }
  while (i < lines.size() && Trim(lines[i]).empty()) ++i;
  std::string body;
  for (; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    body.append(line);
    body.push_back('\n');
  }
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) {
    body.pop_back();
  }
  d.text = std::move(body);
  return d;
}

Result<std::string> ReadFileBytes(const std::string& path, size_t max_bytes) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) return Status::NotFound(path + ": " + ec.message());
  // A compressed file may inflate past the cap; it is checked again below.
  if (size > max_bytes) {
    return Status::TooLarge(path + ": larger than " +
                            std::to_string(max_bytes) + " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read");
  std::string bytes(static_cast<size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (!in) return Status::IoError(path + ": cannot read");
  auto inflated = MaybeGunzip(std::move(bytes), max_bytes);
  if (!inflated.ok()) return inflated.status().WithContext(path);
  return inflated;
}

Result<Document> ReadLocalFile(const std::string& path, size_t max_bytes) {
  auto inflated = ReadFileBytes(path, max_bytes);
  if (!inflated.ok()) return inflated.status();
  std::string& raw = *inflated;
  bool utf16 = raw.size() >= 2 && (raw.compare(0, 2, "\xFF\xFE") == 0 ||
                                   raw.compare(0, 2, "\xFE\xFF") == 0);
  if (!utf16 && LooksBinary(raw)) {
    return Status::InvalidArgument(path + ": not a text file");
  }
  auto decoded = DecodeToUtf8(raw);
  if (!decoded.ok()) return decoded.status().WithContext(path);
  const std::string& text = decoded->utf8;
  std::string url = FileUrl(path);
  std::string lower = path;
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  auto ends = [&](std::string_view suffix) {
    return lower.size() >= suffix.size() &&
           lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) ==
               0;
  };
  bool html = ends(".html") || ends(".htm") || ends(".xhtml") ||
              ends(".html.gz") || ends(".htm.gz") || LooksLikeHtml(text);
  if (!html && LooksLikeFeed(text)) {
    return Status::InvalidArgument(path +
                                   ": feeds are not supported yet as files");
  }
  if (html) {
    auto doc = ParseHtmlPage(text, url);
    if (!doc.ok()) return doc.status().WithContext(path);
    return doc;
  }
  return ParsePlainText(text, url);
}

}  // namespace ct::ingest
