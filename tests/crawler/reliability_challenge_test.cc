// Reliability: challenges and host waits (issue 10 item 6). A 200 page that is only a cookie-setting,
// reloading script is a challenge; a long Retry-After is capped by max_retry_after_seconds and
// logged when the host starts waiting; 521 (加速乐) and robots.txt 500 keep behaving as they do.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <mutex>

#include "crawler/challenge.h"
#include "tests/crawler/loopback_server.h"
#include "tests/crawler/test_support.h"

namespace nianbao::crawler {
namespace {

using testing::LoopbackServer;

const char* const kCookieScript =
    "<html><head><script type=\"text/javascript\">"
    "document.cookie=\"_clearance=8c1f2e; path=/\";window.location.reload();</script></head><body></body></html>";

void serve_column_linking(LoopbackServer& server, const std::string& path) {
  server.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) { response.status = 404; });
  std::string page = "<html><head><meta charset=\"utf-8\"><meta name=\"ColumnName\" content=\"政府信息公开年报\"></head><body>"
                     "<a href=\"" + path + "\">测试单位2023年政府信息公开工作年度报告</a></body></html>";
  server.server().Get("/index.html", [page](const httplib::Request&, httplib::Response& response) {
    response.set_content(page, "text/html; charset=utf-8");
  });
}

// Log lines of a crawl, collected from the crawl thread.
struct LogLines {
  std::mutex mutex;
  std::vector<std::string> lines;
  bool any_contains(const std::string& part) {
    std::lock_guard<std::mutex> lock(mutex);
    for (const std::string& line : lines)
      if (line.find(part) != std::string::npos) return true;
    return false;
  }
};

CrawlOptions logging_options(const std::shared_ptr<LogLines>& log) {
  CrawlOptions options = testing::fast_options();
  options.log = [log](const std::string& line) {
    std::lock_guard<std::mutex> lock(log->mutex);
    log->lines.push_back(line);
  };
  return options;
}

TEST(ReliabilityChallenge, ScriptOnlyCookieInterstitialIsRecognisedButRealPagesAreNot) {
  EXPECT_EQ(detect_challenge(200, "", kCookieScript), "cookie-script");
  EXPECT_EQ(detect_challenge(200, "", "<script>var d=new Date();document.cookie='a='+d.getTime();location.href='/x?r=1'</script>"),
            "cookie-script");
  std::string real_page = "<html><head><title>测试单位2023年政府信息公开工作年度报告</title>"
                          "<script>document.cookie='visited=1';if(!window.x){location.href;}</script></head><body>"
                          "<p>根据《中华人民共和国政府信息公开条例》规定，现公布本单位2023年政府信息公开工作年度报告。</p></body></html>";
  EXPECT_EQ(detect_challenge(200, "", real_page), std::nullopt) << "a page with text is content, whatever its scripts do";
  EXPECT_EQ(detect_challenge(200, "", "<html><body><script>location.reload()</script></body></html>"), std::nullopt)
      << "reloading without setting a cookie is not the interstitial";
}

TEST(ReliabilityChallenge, ScriptOnlyInterstitialOn200IsAChallengeNotADocument) {
  testing::TempDir dir;
  LoopbackServer server;
  serve_column_linking(server, "/guarded.html");
  server.server().Get("/guarded.html", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(kCookieScript, "text/html");
  });
  server.start();
  std::string db = dir.file("c.sqlite"), url = server.url("/guarded.html");
  auto result = testing::crawl(db, {server.url("/index.html")});
  EXPECT_EQ(result.documents.count(url), 0u);
  EXPECT_EQ(testing::query_one(db, "SELECT state FROM crawl_urls WHERE url='" + url + "'"), "challenge");
  EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM crawl_fetches WHERE outcome='challenge:cookie-script'"), "3");
  EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM documents"), "1") << "only the column page is kept";
  EXPECT_EQ(result.summary.stats.challenged_hosts.count(server.url("")), 1u);
}

TEST(ReliabilityChallenge, JiasuleOn521IsAChallenge) {
  testing::TempDir dir;
  LoopbackServer server;
  serve_column_linking(server, "/jsl.html");
  server.server().Get("/jsl.html", [](const httplib::Request&, httplib::Response& response) {
    response.status = 521;
    response.set_header("Set-Cookie", "__jsluid_h=0a1b2c; path=/");
    response.set_content("<script>document.cookie=('_')+('_jsl_clearance')+('=15')</script>", "text/html");
  });
  server.start();
  std::string db = dir.file("c.sqlite");
  testing::crawl(db, {server.url("/index.html")});
  EXPECT_EQ(testing::query_one(db, "SELECT state FROM crawl_urls WHERE url='" + server.url("/jsl.html") + "'"), "challenge");
  EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM crawl_fetches WHERE outcome='challenge:jiasule'"), "3");
}

TEST(ReliabilityChallenge, LongRetryAfterIsCappedAndLoggedWhenTheHostStartsWaiting) {
  testing::TempDir dir;
  LoopbackServer server;
  serve_column_linking(server, "/busy.html");
  auto answered = std::make_shared<std::atomic<int>>(0);
  auto refused_at = std::make_shared<std::atomic<double>>(0);
  server.server().Get("/busy.html", [answered, refused_at](const httplib::Request&, httplib::Response& response) {
    if ((*answered)++ == 0) {
      response.status = 503;
      response.set_header("Retry-After", "7200");
      *refused_at = testing::steady_now();
      return;
    }
    response.set_content("<html><head><title>busy</title></head><body>busy</body></html>", "text/html");
  });
  server.start();
  auto log = std::make_shared<LogLines>();
  CrawlOptions options = logging_options(log);
  options.max_retry_after_seconds = 0.5;
  double started = testing::steady_now();
  auto result = testing::crawl(dir.file("c.sqlite"), {server.url("/index.html")}, options);
  EXPECT_LT(testing::steady_now() - started, 30.0) << "two hours were not waited";
  EXPECT_EQ(result.documents.count(server.url("/busy.html")), 1u);
  double second_request = 0;
  for (const auto& request : server.requests())
    if (request.path == "/busy.html") second_request = request.at;
  EXPECT_GE(second_request - *refused_at, 0.5) << "the capped wait is still waited";
  EXPECT_EQ(result.summary.stats.retry_after_capped, 1);
  EXPECT_TRUE(log->any_contains("Retry-After of 7200.0 s from " + server.url("") + " capped at 0.5 s (--max-retry-after)"));
  EXPECT_TRUE(log->any_contains("host " + server.url("") + " waits 0.5 s, until "));
}

TEST(ReliabilityChallenge, RetryAfterUnderTheCapIsHonouredInFull) {
  testing::TempDir dir;
  LoopbackServer server;
  serve_column_linking(server, "/busy.html");
  auto answered = std::make_shared<std::atomic<int>>(0);
  server.server().Get("/busy.html", [answered](const httplib::Request&, httplib::Response& response) {
    if ((*answered)++ == 0) {
      response.status = 429;
      response.set_header("Retry-After", "1");
      return;
    }
    response.set_content("<html><body>ok</body></html>", "text/html");
  });
  server.start();
  auto log = std::make_shared<LogLines>();
  auto result = testing::crawl(dir.file("c.sqlite"), {server.url("/index.html")}, logging_options(log));
  EXPECT_EQ(result.summary.stats.retry_after_capped, 0);
  EXPECT_TRUE(log->any_contains("host " + server.url("") + " waits 1.0 s, until "));
  EXPECT_FALSE(log->any_contains("capped"));
}

TEST(ReliabilityChallenge, Robots500DefersTheHost) {
  testing::TempDir dir;
  LoopbackServer server;
  server.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) { response.status = 500; });
  server.server().Get("/index.html", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("<html><body>never fetched</body></html>", "text/html");
  });
  server.start();
  std::string db = dir.file("c.sqlite");
  testing::crawl(db, {server.url("/index.html")});
  EXPECT_EQ(server.count("/robots.txt"), 3);
  EXPECT_EQ(server.count("/index.html"), 0);
  EXPECT_EQ(testing::query_one(db, "SELECT state FROM crawl_urls WHERE url='" + server.url("/index.html") + "'"), "deferred");
  EXPECT_NE(testing::query_one(db, "SELECT error FROM crawl_urls WHERE url='" + server.url("/index.html") + "'").find("HTTP 500"),
            std::string::npos);
}

}  // namespace
}  // namespace nianbao::crawler
