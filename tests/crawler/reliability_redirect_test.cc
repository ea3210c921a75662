// Reliability: redirects (issue 10 item 6). A loop ends as failed with the loop spelled out and is
// not counted among the report pages found; a chain counts its report once; an off-scope or
// non-web redirect is recorded, not followed.
#include <gtest/gtest.h>

#include "tests/crawler/loopback_server.h"
#include "tests/crawler/test_support.h"

namespace nianbao::crawler {
namespace {

using testing::LoopbackServer;

void serve_column(LoopbackServer& server, const std::vector<std::string>& paths) {
  server.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) { response.status = 404; });
  std::string page = "<html><head><meta charset=\"utf-8\"><meta name=\"ColumnName\" content=\"政府信息公开年报\"></head><body>";
  int year = 2010;
  for (const std::string& path : paths)
    page += "<a href=\"" + path + "\">测试单位" + std::to_string(year++) + "年政府信息公开工作年度报告</a>";
  page += "</body></html>";
  server.server().Get("/index.html", [page](const httplib::Request&, httplib::Response& response) {
    response.set_content(page, "text/html; charset=utf-8");
  });
}

void serve_report(LoopbackServer& server, const std::string& path) {
  server.server().Get(path, [path](const httplib::Request&, httplib::Response& response) {
    response.set_content("<html><head><title>" + path + "</title></head><body>" + path + "</body></html>", "text/html");
  });
}

void serve_redirect(LoopbackServer& server, const std::string& from, const std::string& to) {
  server.server().Get(from, [to](const httplib::Request&, httplib::Response& response) { response.set_redirect(to); });
}

std::string column_of(const std::string& db, const std::string& url, const std::string& column) {
  return testing::query_one(db, "SELECT COALESCE(" + column + ",'') FROM crawl_urls WHERE url='" + url + "'");
}

TEST(ReliabilityRedirect, LoopFailsWithTheLoopSpelledOutAndIsNotAReportFound) {
  testing::TempDir dir;
  LoopbackServer server;
  serve_column(server, {"/a.html", "/self.html", "/good.html"});
  serve_redirect(server, "/a.html", "/b.html");
  serve_redirect(server, "/b.html", "/c.html");
  serve_redirect(server, "/c.html", "/a.html");
  serve_redirect(server, "/self.html", "/self.html");
  serve_report(server, "/good.html");
  server.start();
  std::string db = dir.file("r.sqlite");
  auto result = testing::crawl(db, {server.url("/index.html")});
  ASSERT_TRUE(result.summary.finished);
  std::string a = server.url("/a.html"), b = server.url("/b.html"), c = server.url("/c.html"), self = server.url("/self.html");
  EXPECT_EQ(column_of(db, c, "state"), "failed");
  EXPECT_EQ(column_of(db, c, "error"), c + ": redirect loop: " + a + " → " + b + " → " + c + " → " + a);
  EXPECT_EQ(column_of(db, self, "state"), "failed");
  EXPECT_EQ(column_of(db, self, "error"), self + ": redirect loop: " + self + " → " + self);
  for (const char* path : {"/a.html", "/b.html", "/c.html", "/self.html"}) EXPECT_EQ(server.count(path), 1) << path;
  EXPECT_EQ(result.summary.stats.reports_found, 1) << "only /good.html leads to a report page";
  EXPECT_EQ(result.summary.stats.redirect_loops, 2);
  EXPECT_EQ(result.documents.count(server.url("/good.html")), 1u);
}

TEST(ReliabilityRedirect, ChainCountsItsReportOnceAndDeliversTheTarget) {
  testing::TempDir dir;
  LoopbackServer server;
  serve_column(server, {"/old.html"});
  serve_redirect(server, "/old.html", "/moved/1.html");
  serve_redirect(server, "/moved/1.html", "/moved/2.html");
  serve_redirect(server, "/moved/2.html", "/final.html");
  serve_report(server, "/final.html");
  server.start();
  std::string db = dir.file("r.sqlite");
  auto result = testing::crawl(db, {server.url("/index.html")});
  EXPECT_EQ(result.summary.stats.reports_found, 1);
  EXPECT_EQ(result.documents.count(server.url("/final.html")), 1u);
  EXPECT_EQ(column_of(db, server.url("/moved/2.html"), "state"), "redirected");
  EXPECT_EQ(column_of(db, server.url("/final.html"), "redirects"), "3");
}

TEST(ReliabilityRedirect, TooLongChainIsTakenOffTheReportsFound) {
  testing::TempDir dir;
  LoopbackServer server;
  serve_column(server, {"/hop/0"});
  server.server().Get(R"(/hop/(\d+))", [](const httplib::Request& request, httplib::Response& response) {
    response.set_redirect("/hop/" + std::to_string(std::stoi(request.matches[1]) + 1));
  });
  server.start();
  std::string db = dir.file("r.sqlite");
  CrawlOptions options = testing::fast_options();
  options.max_redirects = 3;
  auto result = testing::crawl(db, {server.url("/index.html")}, options);
  EXPECT_EQ(server.count("/hop/4"), 0);
  EXPECT_EQ(column_of(db, server.url("/hop/3"), "state"), "failed");
  EXPECT_EQ(result.summary.stats.reports_found, 0);
}

TEST(ReliabilityRedirect, OffScopeAndNonWebRedirectsAreRecordedNotFollowed) {
  testing::TempDir dir;
  LoopbackServer server, elsewhere("127.0.0.4");
  serve_column(server, {"/away.html", "/ftp.html"});
  elsewhere.server().Get("/x.html", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("<html><body>elsewhere</body></html>", "text/html");
  });
  elsewhere.start();
  serve_redirect(server, "/away.html", elsewhere.url("/x.html"));
  serve_redirect(server, "/ftp.html", "ftp://127.0.0.1/report.pdf");
  server.start();
  std::string db = dir.file("r.sqlite");
  auto result = testing::crawl(db, {server.url("/index.html")});
  EXPECT_TRUE(result.summary.finished);
  EXPECT_EQ(elsewhere.count("/x.html"), 0) << "the other host is out of scope";
  EXPECT_EQ(column_of(db, server.url("/away.html"), "state"), "redirected");
  EXPECT_NE(column_of(db, server.url("/away.html"), "error").find("leaves the allowed hosts"), std::string::npos);
  EXPECT_EQ(column_of(db, server.url("/ftp.html"), "state"), "redirected");
  EXPECT_NE(column_of(db, server.url("/ftp.html"), "error").find("ftp://127.0.0.1/report.pdf"), std::string::npos);
  EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM crawl_urls WHERE url LIKE 'ftp:%' OR url LIKE '%127.0.0.4%'"), "0");
}

}  // namespace
}  // namespace nianbao::crawler
