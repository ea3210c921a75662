// Fault tests against servers the test starts on loopback: timeouts (and a slow host not stalling
// another), 500s, 429 + Retry-After (the wait is measured at the server), 412 challenge, truncated
// bodies, redirect loops and chains, a wrong charset header, a gzip bomb, robots.txt Disallow and
// robots.txt 503.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "tests/crawler/loopback_server.h"
#include "tests/crawler/test_support.h"

namespace nianbao::crawler {
namespace {

using testing::LoopbackServer;

// A report column linking each given path under a report title.
std::string column_page(const std::vector<std::string>& paths) {
  std::string html = "<html><head><meta charset=\"utf-8\"><meta name=\"ColumnName\" content=\"政府信息公开年报\"></head><body>";
  int year = 2010;
  for (const std::string& path : paths)
    html += "<a href=\"" + path + "\">测试单位" + std::to_string(year++) + "年政府信息公开工作年度报告</a>";
  return html + "</body></html>";
}

std::string report_body(const std::string& name) {
  return "<html><head><meta charset=\"utf-8\"><title>" + name + "</title></head><body>" + name + "</body></html>";
}

void serve_column(LoopbackServer& server, const std::vector<std::string>& paths, const std::string& robots = "User-agent: *\nAllow: /\n") {
  server.server().Get("/robots.txt", [robots](const httplib::Request&, httplib::Response& response) {
    response.set_content(robots, "text/plain");
  });
  std::string page = column_page(paths);
  server.server().Get("/index.html", [page](const httplib::Request&, httplib::Response& response) {
    response.set_content(page, "text/html; charset=utf-8");
  });
}

std::string state_of(const std::string& db, const std::string& url) {
  return testing::query_one(db, "SELECT state FROM crawl_urls WHERE url='" + url + "'");
}

std::string error_of(const std::string& db, const std::string& url) {
  return testing::query_one(db, "SELECT COALESCE(error,'') FROM crawl_urls WHERE url='" + url + "'");
}

TEST(CrawlFaults, TimeoutsAreRetriedThenFailedAndDoNotStallAnotherHost) {
  testing::TempDir dir;
  LoopbackServer slow("127.0.0.2"), fast("127.0.0.3");
  serve_column(slow, {"/slow.html"});
  slow.server().Get("/slow.html", [](const httplib::Request&, httplib::Response& response) {
    std::this_thread::sleep_for(std::chrono::milliseconds(900));
    response.set_content(report_body("slow"), "text/html");
  });
  std::vector<std::string> fast_paths{"/a.html", "/b.html", "/c.html", "/d.html"};
  serve_column(fast, fast_paths);
  fast.server().Get(R"(/[a-d]\.html)", [](const httplib::Request& request, httplib::Response& response) {
    response.set_content(report_body(request.path), "text/html");
  });
  slow.start();
  fast.start();
  CrawlOptions options = testing::fast_options();
  options.transfer_timeout_ms = 300;
  auto result = testing::crawl(dir.file("c.sqlite"), {slow.url("/index.html"), fast.url("/index.html")}, options);
  EXPECT_EQ(slow.count("/slow.html"), 3) << "at most 3 tries per URL";
  EXPECT_EQ(state_of(dir.file("c.sqlite"), slow.url("/slow.html")), "failed");
  EXPECT_NE(error_of(dir.file("c.sqlite"), slow.url("/slow.html")).find(slow.url("/slow.html")), std::string::npos)
      << "the error names the URL";
  for (const std::string& path : fast_paths) EXPECT_EQ(result.documents.count(fast.url(path)), 1u) << path;
  double first_slow_request = 0;
  for (const auto& request : slow.requests())
    if (request.path == "/slow.html") { first_slow_request = request.at; break; }
  double last_fast_request = fast.requests().back().at;
  EXPECT_LT(last_fast_request, first_slow_request + 0.3 * 3 + 0.05 * 3)
      << "the fast host finished while the slow host was still timing out";
}

TEST(CrawlFaults, ServerErrorsAreRetriedAtMostThreeTimes) {
  testing::TempDir dir;
  LoopbackServer server;
  serve_column(server, {"/flaky.html", "/broken.html"});
  auto flaky_calls = std::make_shared<std::atomic<int>>(0);
  server.server().Get("/flaky.html", [flaky_calls](const httplib::Request&, httplib::Response& response) {
    if (++*flaky_calls <= 2) { response.status = 500; return; }
    response.set_content(report_body("flaky"), "text/html");
  });
  server.server().Get("/broken.html", [](const httplib::Request&, httplib::Response& response) { response.status = 502; });
  server.start();
  std::string db = dir.file("c.sqlite");
  auto result = testing::crawl(db, {server.url("/index.html")});
  EXPECT_EQ(server.count("/flaky.html"), 3);
  EXPECT_EQ(result.documents.count(server.url("/flaky.html")), 1u);
  EXPECT_EQ(server.count("/broken.html"), 3);
  EXPECT_EQ(state_of(db, server.url("/broken.html")), "failed");
  EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM crawl_fetches WHERE url='" + server.url("/flaky.html") + "' AND status=500"), "2");
}

TEST(CrawlFaults, RetryAfterOn429IsMeasuredAndHonoured) {
  testing::TempDir dir;
  LoopbackServer server;
  serve_column(server, {"/busy.html"});
  auto answered_429_at = std::make_shared<std::atomic<double>>(0);
  server.server().Get("/busy.html", [answered_429_at](const httplib::Request&, httplib::Response& response) {
    if (*answered_429_at == 0) {
      response.status = 429;
      response.set_header("Retry-After", "1");
      *answered_429_at = testing::steady_now();
      return;
    }
    response.set_content(report_body("busy"), "text/html");
  });
  server.start();
  auto result = testing::crawl(dir.file("c.sqlite"), {server.url("/index.html")});
  std::vector<double> busy_times;
  for (const auto& request : server.requests())
    if (request.path == "/busy.html") busy_times.push_back(request.at);
  ASSERT_EQ(busy_times.size(), 2u);
  EXPECT_GE(busy_times[1] - *answered_429_at, 1.0) << "Retry-After: 1 must be waited out";
  EXPECT_EQ(result.documents.count(server.url("/busy.html")), 1u);
}

TEST(CrawlFaults, ChallengePagesAreLabelledAndBackedOffNotStormed) {
  testing::TempDir dir;
  LoopbackServer server;
  serve_column(server, {"/guarded.html"});
  server.server().Get("/guarded.html", [](const httplib::Request&, httplib::Response& response) {
    response.status = 412;
    response.set_header("Set-Cookie", "FSSBBIl1UgzbN7NS=60abc; Path=/");
    response.set_content("<html><head><meta content=\"x\" r='m'><script>$_ts=window['$_ts'];$_ts.cd=\"q\";</script></head></html>",
                         "text/html");
  });
  server.start();
  std::string db = dir.file("c.sqlite");
  auto result = testing::crawl(db, {server.url("/index.html")});
  EXPECT_EQ(result.documents.count(server.url("/guarded.html")), 0u);
  EXPECT_EQ(state_of(db, server.url("/guarded.html")), "challenge");
  EXPECT_EQ(server.count("/guarded.html"), 3);
  EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM crawl_fetches WHERE outcome='challenge:ruishu'"), "3");
  EXPECT_EQ(result.summary.stats.challenges, 3);
  std::vector<double> times;
  for (const auto& request : server.requests())
    if (request.path == "/guarded.html") times.push_back(request.at);
  ASSERT_EQ(times.size(), 3u);
  EXPECT_GE(times[2] - times[1], times[1] - times[0]) << "exponential backoff: the second wait is not shorter";
  EXPECT_GE(times[1] - times[0], 0.05 * 0.9);
}

TEST(CrawlFaults, TruncatedBodiesAreNeverStoredAsDocuments) {
  testing::TempDir dir;
  LoopbackServer server;
  serve_column(server, {"/cut.html"});
  server.server().Get("/cut.html", [](const httplib::Request&, httplib::Response& response) {
    response.set_content_provider(4000, "text/html", [](size_t offset, size_t, httplib::DataSink& sink) {
      if (offset >= 1000) return false;  // close the connection after 1000 of the promised 4000 bytes
      std::string chunk(1000, 'x');
      sink.write(chunk.data(), chunk.size());
      return true;
    });
  });
  server.start();
  std::string db = dir.file("c.sqlite");
  auto result = testing::crawl(db, {server.url("/index.html")});
  EXPECT_EQ(result.documents.count(server.url("/cut.html")), 0u);
  EXPECT_EQ(state_of(db, server.url("/cut.html")), "failed");
  EXPECT_EQ(server.count("/cut.html"), 3);
  EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM crawl_fetches WHERE url='" + server.url("/cut.html") + "' AND sha256 IS NOT NULL"), "0");
}

TEST(CrawlFaults, RedirectLoopsAndLongChainsEnd) {
  testing::TempDir dir;
  LoopbackServer server;
  serve_column(server, {"/loop-a.html", "/hop/0"});
  server.server().Get("/loop-a.html", [](const httplib::Request&, httplib::Response& response) { response.set_redirect("/loop-b.html"); });
  server.server().Get("/loop-b.html", [](const httplib::Request&, httplib::Response& response) { response.set_redirect("/loop-a.html"); });
  server.server().Get(R"(/hop/(\d+))", [](const httplib::Request& request, httplib::Response& response) {
    response.set_redirect("/hop/" + std::to_string(std::stoi(request.matches[1]) + 1));
  });
  server.start();
  std::string db = dir.file("c.sqlite");
  CrawlOptions options = testing::fast_options();
  options.max_redirects = 4;
  auto result = testing::crawl(db, {server.url("/index.html")}, options);
  EXPECT_TRUE(result.summary.finished);
  EXPECT_EQ(server.count("/loop-a.html"), 1);
  EXPECT_EQ(server.count("/loop-b.html"), 1);
  EXPECT_EQ(state_of(db, server.url("/loop-a.html")), "redirected");
  EXPECT_EQ(state_of(db, server.url("/loop-b.html")), "failed");
  EXPECT_EQ(error_of(db, server.url("/loop-b.html")),
            server.url("/loop-b.html") + ": redirect loop: " + server.url("/loop-a.html") + " → " + server.url("/loop-b.html") +
                " → " + server.url("/loop-a.html"));
  EXPECT_EQ(server.count("/hop/4"), 1);
  EXPECT_EQ(server.count("/hop/5"), 0) << "no more than max_redirects hops are followed";
  EXPECT_EQ(state_of(db, server.url("/hop/4")), "failed");
  EXPECT_NE(error_of(db, server.url("/hop/4")).find("redirects"), std::string::npos);
}

TEST(CrawlFaults, WrongCharsetHeaderStillFindsGbkReports) {
  testing::TempDir dir;
  LoopbackServer server;
  std::string gbk_list = testing::read_bytes(testing::fixture_path("portal/site/trs/xxgk/xxgknb/index.html"));
  server.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) { response.status = 404; });
  server.server().Get("/xxgknb/index.html", [gbk_list](const httplib::Request&, httplib::Response& response) {
    response.set_content(gbk_list, "text/html; charset=utf-8");  // wrong: the bytes are GBK
  });
  server.server().Get(R"(/xxgknb/\d+/.*)", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(report_body("r"), "text/html; charset=utf-8");
  });
  server.start();
  std::string db = dir.file("c.sqlite");
  CrawlOptions options = testing::fast_options();
  options.max_list_pages = 1;
  auto result = testing::crawl(db, {server.url("/xxgknb/index.html")}, options);
  EXPECT_EQ(testing::query_one(db, "SELECT charset FROM crawl_fetches WHERE url='" + server.url("/xxgknb/index.html") + "'"), "GB18030");
  EXPECT_EQ(result.documents.count(server.url("/xxgknb/202401/t20240130_4001.html")), 1u)
      << "the 2023 report's link text is only recognisable when the page is decoded as GB18030";
}

TEST(CrawlFaults, GzipBombIsCappedNotStored) {
  testing::TempDir dir;
  LoopbackServer server;
  serve_column(server, {"/bomb.html"});
  std::string bomb = testing::read_bytes(testing::fixture_path("portal/faults/zeros-64MiB.gz"));
  server.server().Get("/bomb.html", [bomb](const httplib::Request&, httplib::Response& response) {
    response.set_header("Content-Encoding", "gzip");
    response.set_content(bomb, "text/html");
  });
  server.start();
  std::string db = dir.file("c.sqlite");
  CrawlOptions options = testing::fast_options();
  options.max_page_bytes = 1024 * 1024;
  auto result = testing::crawl(db, {server.url("/bomb.html"), server.url("/index.html")}, options);
  EXPECT_EQ(result.documents.count(server.url("/bomb.html")), 0u);
  EXPECT_EQ(state_of(db, server.url("/bomb.html")), "failed");
  EXPECT_EQ(server.count("/bomb.html"), 1) << "a capped body is final, not retried";
  EXPECT_NE(error_of(db, server.url("/bomb.html")).find("cap"), std::string::npos);
  EXPECT_EQ(testing::query_one(db, "SELECT COALESCE(MAX(size),0) < 1048576 FROM documents"), "1");
  EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM document_origins WHERE origin='" + server.url("/bomb.html") + "'"), "0");
}

TEST(CrawlFaults, RobotsDisallowIsObeyedAndIgnoreRobotsOverrides) {
  testing::TempDir dir;
  LoopbackServer server;
  serve_column(server, {"/private/r.html", "/public/r.html"}, "User-agent: *\nDisallow: /private/\n");
  server.server().Get(R"(/(private|public)/r\.html)", [](const httplib::Request& request, httplib::Response& response) {
    response.set_content(report_body(request.path), "text/html");
  });
  server.start();
  std::string db = dir.file("c.sqlite");
  auto result = testing::crawl(db, {server.url("/index.html")});
  EXPECT_EQ(server.count("/private/r.html"), 0);
  EXPECT_EQ(state_of(db, server.url("/private/r.html")), "robots_denied");
  EXPECT_EQ(result.documents.count(server.url("/public/r.html")), 1u);
  EXPECT_EQ(server.count("/robots.txt"), 1) << "robots.txt is fetched once per host";

  CrawlOptions ignoring = testing::fast_options();
  ignoring.ignore_robots = true;
  testing::crawl(dir.file("other.sqlite"), {server.url("/index.html")}, ignoring);
  EXPECT_EQ(server.count("/private/r.html"), 1);
}

TEST(CrawlFaults, Robots503DefersTheHostInsteadOfAllowingAll) {
  testing::TempDir dir;
  LoopbackServer server;
  server.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) { response.status = 503; });
  server.server().Get("/index.html", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(column_page({"/r.html"}), "text/html");
  });
  server.start();
  std::string db = dir.file("c.sqlite");
  auto result = testing::crawl(db, {server.url("/index.html")});
  EXPECT_EQ(server.count("/robots.txt"), 3);
  EXPECT_EQ(server.count("/index.html"), 0) << "nothing but robots.txt may be fetched while it is unavailable";
  EXPECT_EQ(state_of(db, server.url("/index.html")), "deferred");
  EXPECT_NE(error_of(db, server.url("/index.html")).find("503"), std::string::npos);
}

}  // namespace
}  // namespace nianbao::crawler
