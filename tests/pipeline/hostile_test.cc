// One good feed beside every kind of bad source, through the real binary:
// the good articles are stored, each bad source is named, the run ends
// within its timeouts and memory, and exits 1.

#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "tests/ingest/test_server.h"

using ct::testing::Serve;
using ct::testing::TestServer;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace {

// A gzip stream of `mib` MiB of zeros, made a MiB at a time: the test
// process stays small, so the memory of the run it spawns is measured
// alone (a child's peak counts what it shared with its parent before exec).
std::string GzipZeros(int mib) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string zeros(1 << 20, '0');
  std::string out;
  char buf[1 << 16];
  for (int i = 0; i < mib; ++i) {
    z.next_in = reinterpret_cast<Bytef*>(zeros.data());
    z.avail_in = static_cast<uInt>(zeros.size());
    int flush = i + 1 == mib ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      deflate(&z, flush);
      out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return out;
}

std::string Rss(const std::string& base) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss "
         "version=\"2.0\"><channel>"
         "<title>Good Wire</title><link>" +
         base +
         "/</link>"
         "<item><title>OpenAI and AMD</title><link>" +
         base +
         "/story1</link>"
         "<guid>story-1</guid><pubDate>Mon, 06 Oct 2025 09:30:00 GMT</pubDate>"
         "<description>OpenAI agreed to deploy 6 GW of AMD "
         "GPUs.</description></item>"
         "<item><title>Colossus 1</title><link>" +
         base +
         "/story2</link>"
         "<guid>story-2</guid><pubDate>Tue, 07 Oct 2025 09:30:00 GMT</pubDate>"
         "<description>Colossus 1 runs 220,000 GPUs.</description></item>"
         "</channel></rss>";
}

std::string StoryPage(const std::string& text) {
  return "<html><head><title>Story</title></head><body><article><p>" + text +
         "</p><p>Analysts expect more deals of this size next "
         "year.</p></article></body></html>";
}

}  // namespace

TEST_CASE("A hostile server beside a good feed: good stored, bad named, exit 1",
          "[pipeline][e2e]") {
  std::atomic<bool> stopping{false};
  std::string bomb = GzipZeros(256);  // 256 MiB inflated.
  std::string noise(4096, '\0');
  std::mt19937 rng(7);
  for (char& c : noise) c = static_cast<char>(rng());
  std::string base;
  std::map<std::string, ct::testing::Handler> routes;
  routes["/feed"] = [&base](HTTPServerRequest&, HTTPServerResponse& res) {
    std::string body = Rss(base);
    res.setContentType("application/rss+xml");
    res.setContentLength(static_cast<std::streamsize>(body.size()));
    res.send() << body;
  };
  routes["/story1"] =
      Serve(StoryPage("OpenAI agreed to deploy 6 GW of AMD Instinct GPUs."),
            "text/html");
  routes["/story2"] = Serve(
      StoryPage("xAI's Colossus 1 runs 220,000 Nvidia GPUs."), "text/html");
  routes["/bomb"] = [&bomb](HTTPServerRequest&, HTTPServerResponse& res) {
    res.set("Content-Encoding", "gzip");
    res.setContentType("application/rss+xml");
    res.setContentLength(static_cast<std::streamsize>(bomb.size()));
    res.send() << bomb;
  };
  routes["/loop1"] = [](HTTPServerRequest&, HTTPServerResponse& res) {
    res.setStatus(Poco::Net::HTTPResponse::HTTP_FOUND);
    res.set("Location", "/loop2");
    res.setContentLength(0);
    res.send();
  };
  routes["/loop2"] = [](HTTPServerRequest&, HTTPServerResponse& res) {
    res.setStatus(Poco::Net::HTTPResponse::HTTP_FOUND);
    res.set("Location", "/loop1");
    res.setContentLength(0);
    res.send();
  };
  routes["/silent"] = [&stopping](HTTPServerRequest&, HTTPServerResponse& res) {
    for (int i = 0; i < 600 && !stopping; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    res.setContentLength(0);
    res.send();
  };
  routes["/huge"] = [&stopping](HTTPServerRequest&, HTTPServerResponse& res) {
    res.setChunkedTransferEncoding(true);
    res.setContentType("text/html");
    std::ostream& out = res.send();
    out << "<html><body><p>";
    std::string piece(1 << 20, 'a');
    for (int i = 0; i < 60 && out && !stopping; ++i) out << piece;
  };
  routes["/broken"] =
      Serve("<?xml version=\"1.0\"?><rss><channel><<<<>>> & ]]>", "text/xml");
  routes["/noise"] = Serve(noise, "application/octet-stream");
  routes["/short"] = [](HTTPServerRequest&, HTTPServerResponse& res) {
    res.setContentType("text/html");
    res.setContentLength(100000);
    res.send() << "<html><body><p>Only the start";
  };
  routes["/error"] = [](HTTPServerRequest&, HTTPServerResponse& res) {
    res.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
    res.setContentLength(0);
    res.send();
  };
  TestServer server(routes);
  base = server.Url("");

  char tmpl[] = "/tmp/ct_hostile_XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::string db = dir + "/h.db";
  std::string err = dir + "/err";
  std::vector<std::string> bad = {"/bomb",  "/loop1",  "/silent",
                                  "/huge",  "/broken", "/noise",
                                  "/short", "/error",  "/missing"};
  std::string cmd = std::string(CT_BINARY) + " --db " + db +
                    " ingest --timeout 2 --delay 0 " + server.Url("/feed");
  for (const std::string& b : bad) cmd += " " + server.Url(b);
  cmd += " 2>" + err + " >/dev/null";

  auto start = std::chrono::steady_clock::now();
  int status = std::system(cmd.c_str());
  auto took = std::chrono::steady_clock::now() - start;
  stopping = true;

  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 1);
  CHECK(took < std::chrono::seconds(20));
  std::ifstream in(err);
  std::string errors((std::istreambuf_iterator<char>(in)), {});
  // The run reports its own peak (the kernel's high-water mark): a child's
  // rusage would count what it shared with this test process before exec.
  size_t at = errors.find("peak memory ");
  REQUIRE(at != std::string::npos);
  long peak = std::atol(errors.c_str() + at + 12);
  CHECK(peak > 0);
  CHECK(peak < 512);
  for (const std::string& b : bad) {
    INFO("source " << b << " in:\n" << errors);
    CHECK(errors.find(server.Url(b)) != std::string::npos);
  }
  CHECK(errors.find(server.Url("/feed")) == std::string::npos);

  std::string list = dir + "/articles.csv";
  std::system(
      (std::string(CT_BINARY) + " --db " + db + " articles --csv > " + list)
          .c_str());
  std::ifstream articles(list);
  std::string csv((std::istreambuf_iterator<char>(articles)), {});
  CHECK(csv.find("story1") != std::string::npos);
  CHECK(csv.find("story2") != std::string::npos);
  CHECK(csv.find("Good Wire") != std::string::npos);
  std::filesystem::remove_all(dir);
}
