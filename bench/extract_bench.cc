// Extraction throughput, single-threaded, on the real code path.
//
//   extract_bench FILE [--repeat N]
//
// FILE holds one sentence per line, or JSON lines with a "text" field.
// Prints sentences/s and MB/s over N passes (default 20), plus a scaling
// check: the same text joined into one document of 1 KB, 100 KB and 10 MB.

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "extract/claim_extractor.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point a,
               std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: extract_bench FILE [--repeat N]\n");
    return 2;
  }
  int repeat = 20;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::atoi(argv[i + 1]);
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "extract_bench: cannot read %s\n", argv[1]);
    return 2;
  }
  std::vector<std::string> sentences;
  std::string line;
  Poco::JSON::Parser parser;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (line[0] == '{') {
      parser.reset();
      auto obj = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
      sentences.push_back(obj->getValue<std::string>("text"));
    } else {
      sentences.push_back(line);
    }
  }
  size_t bytes = 0;
  for (const auto& s : sentences) bytes += s.size();
  auto extractor = ct::extract::ClaimExtractor::Create({});
  if (!extractor.ok()) {
    std::fprintf(stderr, "extract_bench: %s\n",
                 extractor.status().message().c_str());
    return 2;
  }
  const auto& x = **extractor;
  size_t claims = 0;
  for (const auto& s : sentences) claims += x.Extract(s).size();  // Warm up.
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r) {
    for (const auto& s : sentences) claims += x.Extract(s).size();
  }
  double dt = Seconds(t0, std::chrono::steady_clock::now());
  double n = static_cast<double>(sentences.size()) * repeat;
  std::printf("sentences: %zu x %d passes, %.2f s\n", sentences.size(), repeat,
              dt);
  std::printf("throughput: %.0f sentences/s, %.2f MB/s\n", n / dt,
              static_cast<double>(bytes) * repeat / dt / 1e6);

  // Linear cost: one document made of the sentences, at three sizes.
  std::string all;
  for (const auto& s : sentences) all += s + " ";
  for (size_t size : {size_t{1} << 10, size_t{100} << 10, size_t{10} << 20}) {
    std::string doc;
    while (doc.size() < size) doc += all;
    doc.resize(size);
    auto a = std::chrono::steady_clock::now();
    size_t found = x.Extract(doc).size();
    double secs = Seconds(a, std::chrono::steady_clock::now());
    std::printf("document %8zu bytes: %.4f s, %.2f MB/s, %zu claims\n", size,
                secs, static_cast<double>(size) / secs / 1e6, found);
  }
  return 0;
}
