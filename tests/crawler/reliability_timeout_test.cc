// Reliability: one timeout policy and the size caps (issue 10 item 2). A slow-drip attachment ends
// after about --timeout per try, a transfer below the low-speed limit is abandoned, bodies over the
// page or attachment cap fail without retry, and --max-attachment-size reads K/M/G sizes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <thread>

#include "crawler/byte_size.h"
#include "tests/crawler/loopback_server.h"
#include "tests/crawler/test_support.h"

namespace nianbao::crawler {
namespace {

using testing::LoopbackServer;

void serve_column_linking(LoopbackServer& server, const std::string& path) {
  server.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) { response.status = 404; });
  std::string page = "<html><head><meta charset=\"utf-8\"><meta name=\"ColumnName\" content=\"政府信息公开年报\"></head><body>"
                     "<a href=\"" + path + "\">测试单位2023年政府信息公开工作年度报告</a></body></html>";
  server.server().Get("/index.html", [page](const httplib::Request&, httplib::Response& response) {
    response.set_content(page, "text/html; charset=utf-8");
  });
}

// Sends `head`, then one byte every `gap` until the client goes away or `stop` is set.
void serve_drip(LoopbackServer& server, const std::string& path, const std::string& content_type, const std::string& head,
                std::chrono::milliseconds gap, std::shared_ptr<std::atomic<bool>> stop) {
  server.server().Get(path, [=](const httplib::Request&, httplib::Response& response) {
    response.set_chunked_content_provider(content_type, [=](size_t offset, httplib::DataSink& sink) {
      if (stop->load()) return false;
      if (offset == 0) return sink.write(head.data(), head.size());
      std::this_thread::sleep_for(gap);
      return sink.write("x", 1);
    });
  });
}

std::vector<int64_t> elapsed_ms_of(const std::string& db, const std::string& url) {
  std::vector<int64_t> elapsed;
  for (const auto& row : testing::query(db, "SELECT elapsed_ms FROM crawl_fetches WHERE url='" + url + "' ORDER BY id"))
    elapsed.push_back(std::stoll(row[0]));
  return elapsed;
}

TEST(ReliabilityTimeout, SlowDripAttachmentEndsAfterTheTimeoutOnEveryTry) {
  testing::TempDir dir;
  LoopbackServer server;
  auto stop = std::make_shared<std::atomic<bool>>(false);
  serve_column_linking(server, "/drip.pdf");
  serve_drip(server, "/drip.pdf", "application/pdf", "%PDF-1.4\n", std::chrono::milliseconds(100), stop);
  server.start();
  std::string db = dir.file("t.sqlite");
  CrawlOptions options = testing::fast_options();
  options.transfer_timeout_ms = 2000;  // what `--timeout 2` sets, for attachments as for pages
  double started = testing::steady_now();
  auto result = testing::crawl(db, {server.url("/index.html")}, options);
  double took = testing::steady_now() - started;
  stop->store(true);
  std::string url = server.url("/drip.pdf");
  EXPECT_EQ(server.count("/drip.pdf"), 3) << "three tries";
  EXPECT_EQ(testing::query_one(db, "SELECT state FROM crawl_urls WHERE url='" + url + "'"), "failed");
  EXPECT_NE(testing::query_one(db, "SELECT error FROM crawl_urls WHERE url='" + url + "'").find("timed out"), std::string::npos);
  std::vector<int64_t> elapsed = elapsed_ms_of(db, url);
  ASSERT_EQ(elapsed.size(), 3u);
  for (int64_t ms : elapsed) {
    EXPECT_GE(ms, 1900) << "the transfer ran until the timeout";
    EXPECT_LT(ms, 6000) << "and no longer than 3 × the timeout (generous for sanitizer builds)";
  }
  EXPECT_LT(took, 3 * 6.0) << "the whole crawl is bounded by tries × timeout";
  EXPECT_EQ(result.documents.count(url), 0u);
}

TEST(ReliabilityTimeout, TransferBelowTheLowSpeedLimitIsAbandoned) {
  testing::TempDir dir;
  LoopbackServer server;
  auto stop = std::make_shared<std::atomic<bool>>(false);
  serve_column_linking(server, "/crawl.html");
  serve_drip(server, "/crawl.html", "text/html", "<html><body>", std::chrono::milliseconds(100), stop);
  server.start();
  std::string db = dir.file("t.sqlite");
  CrawlOptions options = testing::fast_options();
  options.transfer_timeout_ms = 30000;
  options.low_speed_bytes_per_second = 1024;
  options.low_speed_seconds = 1;
  options.max_tries = 1;
  double started = testing::steady_now();
  testing::crawl(db, {server.url("/index.html")}, options);
  double took = testing::steady_now() - started;
  stop->store(true);
  std::string url = server.url("/crawl.html");
  EXPECT_EQ(testing::query_one(db, "SELECT state FROM crawl_urls WHERE url='" + url + "'"), "failed");
  EXPECT_NE(testing::query_one(db, "SELECT error FROM crawl_urls WHERE url='" + url + "'").find("too slow"), std::string::npos);
  EXPECT_LT(took, 10.0) << "abandoned after about a second at 10 bytes/s, long before the 30 s timeout";
}

TEST(ReliabilityTimeout, SlowDripPageEndsAfterTheTimeout) {
  testing::TempDir dir;
  LoopbackServer server;
  auto stop = std::make_shared<std::atomic<bool>>(false);
  serve_column_linking(server, "/slow.html");
  serve_drip(server, "/slow.html", "text/html", "<html><body>", std::chrono::milliseconds(50), stop);
  server.start();
  std::string db = dir.file("t.sqlite");
  CrawlOptions options = testing::fast_options();
  options.transfer_timeout_ms = 1000;
  options.max_tries = 1;
  testing::crawl(db, {server.url("/index.html")}, options);
  stop->store(true);
  std::vector<int64_t> elapsed = elapsed_ms_of(db, server.url("/slow.html"));
  ASSERT_EQ(elapsed.size(), 1u);
  EXPECT_GE(elapsed[0], 900);
  EXPECT_LT(elapsed[0], 3000);
  EXPECT_EQ(testing::query_one(db, "SELECT state FROM crawl_urls WHERE url='" + server.url("/slow.html") + "'"), "failed");
}

TEST(ReliabilityTimeout, BodiesOverTheirCapFailOnceWithoutRetry) {
  testing::TempDir dir;
  LoopbackServer server;
  std::string page = "<html><head><meta charset=\"utf-8\"><meta name=\"ColumnName\" content=\"政府信息公开年报\"></head><body>"
                     "<a href=\"/big.pdf\">测试单位2022年政府信息公开工作年度报告</a>"
                     "<a href=\"/small.pdf\">测试单位2021年政府信息公开工作年度报告</a>"
                     "<a href=\"/big.html\">测试单位2020年政府信息公开工作年度报告</a></body></html>";
  server.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) { response.status = 404; });
  server.server().Get("/index.html", [page](const httplib::Request&, httplib::Response& response) {
    response.set_content(page, "text/html; charset=utf-8");
  });
  std::string big_pdf = "%PDF-1.4\n" + std::string(3 << 20, 'x'), small_pdf = "%PDF-1.4\n" + std::string(100 << 10, 'y');
  server.server().Get("/big.pdf", [big_pdf](const httplib::Request&, httplib::Response& response) {
    response.set_chunked_content_provider("application/pdf", [big_pdf](size_t offset, httplib::DataSink& sink) {
      if (offset >= big_pdf.size()) {
        sink.done();
        return true;
      }
      size_t length = std::min<size_t>(64 << 10, big_pdf.size() - offset);
      return sink.write(big_pdf.data() + offset, length);
    });
  });
  server.server().Get("/small.pdf", [small_pdf](const httplib::Request&, httplib::Response& response) {
    response.set_content(small_pdf, "application/pdf");
  });
  std::string big_html = "<html><body>" + std::string(3 << 20, 'z') + "</body></html>";
  server.server().Get("/big.html", [big_html](const httplib::Request&, httplib::Response& response) {
    response.set_content(big_html, "text/html");
  });
  server.start();
  std::string db = dir.file("t.sqlite");
  CrawlOptions options = testing::fast_options();
  options.max_attachment_bytes = 1 << 20;
  options.max_page_bytes = 2 << 20;
  auto result = testing::crawl(db, {server.url("/index.html")}, options);
  for (const char* path : {"/big.pdf", "/big.html"}) {
    std::string url = server.url(path);
    EXPECT_EQ(server.count(path), 1) << path << ": a capped body is final";
    EXPECT_EQ(testing::query_one(db, "SELECT state FROM crawl_urls WHERE url='" + url + "'"), "failed") << path;
    EXPECT_EQ(result.documents.count(url), 0u) << path;
  }
  EXPECT_NE(testing::query_one(db, "SELECT error FROM crawl_urls WHERE url='" + server.url("/big.pdf") + "'")
                .find("larger than the cap of 1048576 bytes"),
            std::string::npos);
  EXPECT_EQ(result.documents.count(server.url("/small.pdf")), 1u) << "attachments under the cap are kept";
  EXPECT_EQ(testing::query_one(db, "SELECT COALESCE(MAX(size),0) < 2097152 FROM documents"), "1");
}

TEST(ReliabilityTimeout, ByteSizesTakeBinaryUnits) {
  EXPECT_EQ(parse_byte_size("1048576"), 1048576);
  EXPECT_EQ(parse_byte_size("512K"), 512 * 1024);
  EXPECT_EQ(parse_byte_size("100m"), 100LL << 20);
  EXPECT_EQ(parse_byte_size("2G"), 2LL << 30);
  EXPECT_EQ(parse_byte_size("3MiB"), 3LL << 20);
  EXPECT_EQ(parse_byte_size("0"), std::nullopt);
  EXPECT_EQ(parse_byte_size("12X"), std::nullopt);
  EXPECT_EQ(parse_byte_size("-5M"), std::nullopt);
  EXPECT_EQ(parse_byte_size("M"), std::nullopt);
  EXPECT_EQ(parse_byte_size("99999999999G"), std::nullopt) << "too large for 63 bits";
}

TEST(ReliabilityTimeout, CommandLineRefusesASizeItCannotRead) {
  testing::TempDir dir;
  pid_t child = fork();
  if (child == 0) {
    std::freopen(dir.file("out.txt").c_str(), "w", stdout);
    std::freopen(dir.file("err.txt").c_str(), "w", stderr);
    execl(NIANBAO_BINARY, NIANBAO_BINARY, "crawl", "--db", dir.file("x.sqlite").c_str(), "--sources",
          dir.file("none.csv").c_str(), "--max-attachment-size", "12X", static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_NE(WEXITSTATUS(status), 0);
  std::string said = testing::read_bytes(dir.file("out.txt")) + testing::read_bytes(dir.file("err.txt"));
  EXPECT_NE(said.find("not a size"), std::string::npos) << said;
}

}  // namespace
}  // namespace nianbao::crawler
