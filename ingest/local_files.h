// Local files: HTML pages and plain-text articles, gzip-compressed or not.
//
// A plain-text article's first line is its title. Right after it may come a
// block of header lines, ended by a blank line:
//
//   OpenAI signs for six gigawatts of AMD GPUs
//   Source: Example Daily
//   Published: 2025-10-06T09:30:00Z
//   Author: A. Writer
//   URL: https://daily.example/openai-amd
//
// Only these four keys make a header block; anything else is body text.
//
// Thread-safe: pure functions.

#ifndef CT_INGEST_LOCAL_FILES_H_
#define CT_INGEST_LOCAL_FILES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ingest/document.h"

namespace ct::ingest {

constexpr size_t kDefaultMaxBytes = 16 << 20;  // After decompression.

// The files `path` names: itself, or the regular files under a folder in
// name order, without hidden ones. NotFound when there is nothing there.
Result<std::vector<std::string>> ListLocalFiles(const std::string& path);

// The bytes of a file, gunzipped when they are gzip. NotFound, IoError, or
// TooLarge past `max_bytes` (before or after inflating); messages name it.
Result<std::string> ReadFileBytes(const std::string& path,
                                  size_t max_bytes = kDefaultMaxBytes);

// Reads and parses one file. InvalidArgument when it is not text (binary
// data, NUL bytes), TooLarge when it inflates past `max_bytes`.
Result<Document> ReadLocalFile(const std::string& path,
                               size_t max_bytes = kDefaultMaxBytes);

// Gunzips `bytes` when they start with the gzip magic, refusing output past
// `max_bytes` without inflating the rest. Other bytes come back as they are.
Result<std::string> MaybeGunzip(std::string bytes, size_t max_bytes);

// Parses a plain-text article (UTF-8); `url` is where it was read.
Document ParsePlainText(std::string_view text, const std::string& url);

// The file: URL of a local path, made absolute.
std::string FileUrl(const std::string& path);

}  // namespace ct::ingest

#endif  // CT_INGEST_LOCAL_FILES_H_
