#include "ingest/charset.h"

#include <re2/re2.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <memory>

namespace ct::ingest {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// Converts with ICU; false when ICU does not know `charset`.
bool Convert(std::string_view bytes, const std::string& charset,
             std::string* out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> from(
      ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status)) return false;
  std::unique_ptr<UConverter, ConverterCloser> to(ucnv_open("UTF-8", &status));
  if (U_FAILURE(status)) return false;
  out->resize(bytes.size() * 3 + 16);
  char* target = out->data();
  const char* source = bytes.data();
  ucnv_convertEx(to.get(), from.get(), &target, out->data() + out->size(),
                 &source, bytes.data() + bytes.size(), nullptr, nullptr,
                 nullptr, nullptr, true, true, &status);
  if (U_FAILURE(status)) return false;
  out->resize(static_cast<size_t>(target - out->data()));
  return true;
}

std::string Normalize(std::string name) {
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  // Browsers read latin-1 and us-ascii labels as windows-1252, and so do we:
  // pages that say iso-8859-1 use its C1 range for curly quotes.
  if (name == "iso-8859-1" || name == "latin1" || name == "latin-1" ||
      name == "us-ascii" || name == "ascii" || name == "iso8859-1") {
    return "windows-1252";
  }
  if (name == "utf8") return "utf-8";
  return name;
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(bytes.size());
  while (i < n) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string DeclaredCharset(std::string_view bytes) {
  static const RE2 kXml(
      "^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)");
  static const RE2 kMeta(
      "(?i)<meta[^>]+charset\\s*=\\s*[\"']?\\s*([a-z0-9._:-]+)");
  std::string_view head = bytes.substr(0, 4096);
  re2::StringPiece in(head.data(), head.size());
  std::string name;
  if (RE2::PartialMatch(in, kXml, &name)) return Normalize(name);
  if (RE2::PartialMatch(in, kMeta, &name)) return Normalize(name);
  return "";
}

Result<Decoded> DecodeToUtf8(std::string_view bytes,
                             std::string_view declared) {
  Decoded d;
  // 1. Byte-order marks.
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    d.charset = "UTF-8";
    bytes.remove_prefix(3);
    if (IsValidUtf8(bytes)) {
      d.utf8.assign(bytes);
      return d;
    }
    Convert(bytes, "UTF-8", &d.utf8);  // Replaces what is broken.
    return d;
  }
  if (bytes.size() >= 2 &&
      (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    d.charset = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    if (Convert(bytes.substr(2), d.charset, &d.utf8)) return d;
  }
  // 2 and 3. What the transport or the document says.
  for (std::string name :
       {Normalize(std::string(declared)), DeclaredCharset(bytes)}) {
    if (name.empty()) continue;
    if (name == "utf-8") {
      if (IsValidUtf8(bytes)) {
        d.charset = "UTF-8";
        d.utf8.assign(bytes);
        return d;
      }
      continue;  // A false declaration: keep looking.
    }
    if (Convert(bytes, name, &d.utf8)) {
      d.charset = name;
      return d;
    }
  }
  // 4. Valid UTF-8 as it stands (ASCII included).
  if (IsValidUtf8(bytes)) {
    d.charset = "UTF-8";
    d.utf8.assign(bytes);
    return d;
  }
  // 5. ICU's detector, unless it is guessing. Its confidence for short
  // texts in single-byte charsets (KOI8-R, windows-1255) is often 25 to 50
  // and still right; below that, windows-1252 is the better bet.
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> detector(
      ucsdet_open(&status));
  if (U_SUCCESS(status)) {
    ucsdet_setText(detector.get(), bytes.data(),
                   static_cast<int32_t>(std::min<size_t>(bytes.size(), 65536)),
                   &status);
    const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
    if (U_SUCCESS(status) && match != nullptr &&
        ucsdet_getConfidence(match, &status) >= 25) {
      const char* name = ucsdet_getName(match, &status);
      if (U_SUCCESS(status) && name != nullptr) {
        std::string n = Normalize(name);
        if (n != "utf-8" && Convert(bytes, n, &d.utf8)) {
          d.charset = n;
          return d;
        }
      }
    }
  }
  // 6. windows-1252 decodes every byte.
  if (Convert(bytes, "windows-1252", &d.utf8)) {
    d.charset = "windows-1252";
    return d;
  }
  return Status::InvalidArgument("cannot decode text to UTF-8");
}

}  // namespace ct::ingest
