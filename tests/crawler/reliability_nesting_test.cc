// Reliability: a report page nested 30,000 <div>s deep (issue 10 item 1) no longer crashes the crawl
// — the real `nianbao crawl` exits 0, fails that page with the reason and stores the next report,
// twice in a row — and a page whose reading was interrupted is read once more, then failed.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

#include "crawler/discovery.h"
#include "crawler/html_page.h"
#include "common/text/markup_depth.h"
#include "store/database.h"
#include "tests/crawler/loopback_server.h"
#include "tests/crawler/test_support.h"

namespace nianbao::crawler {
namespace {

using testing::LoopbackServer;

const char* const kGoodReport = "portal/site/pingtan/zwgk/zfxxgk/zfxxgknb/201204/t20120420_80678.htm";

std::string nested_divs(int depth, const std::string& inner) {
  std::string html = "<html><head><meta charset=\"utf-8\"><title>测试单位2023年政府信息公开工作年度报告</title></head><body>";
  html.reserve(html.size() + static_cast<size_t>(depth) * 11 + inner.size());
  for (int i = 0; i < depth; ++i) html += "<div>";
  html += inner;
  for (int i = 0; i < depth; ++i) html += "</div>";
  return html + "</body></html>";
}

// Runs `nianbao crawl` with stdout and stderr in files under `dir`; returns the wait status.
int run_crawl_binary(const testing::TempDir& dir, const std::vector<std::string>& arguments) {
  pid_t child = fork();
  if (child == 0) {
    std::freopen(dir.file("stdout.txt").c_str(), "w", stdout);
    std::freopen(dir.file("stderr.txt").c_str(), "w", stderr);
    std::vector<char*> argv{const_cast<char*>(NIANBAO_BINARY), const_cast<char*>("crawl")};
    for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    execv(NIANBAO_BINARY, argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return status;
}

void execute_sql(const std::string& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  char* error = nullptr;
  int code = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(handle);
  ASSERT_EQ(code, SQLITE_OK) << sql << ": " << message;
}

TEST(ReliabilityNesting, ParseHtmlRefusesATreeTooDeepAndReadsADeepButLegalOne) {
  std::string link = "<a href=\"/r.html\">测试单位2023年政府信息公开工作年度报告</a>";
  EXPECT_THROW(parse_html(nested_divs(30000, link)), HtmlTooDeep);
  try {
    parse_html(nested_divs(5000, link));
    ADD_FAILURE() << "5,000 levels parse but are refused by the tree walk";
  } catch (const HtmlTooDeep& error) {
    EXPECT_STREQ(error.what(), "HTML elements nested deeper than 4096 levels (hostile or broken page): not processed");
  }
  HtmlPage legal = parse_html(nested_divs(3000, link));
  ASSERT_EQ(legal.anchors.size(), 1u) << "an anchor 3,000 levels down is still found";
  EXPECT_EQ(legal.anchors[0].href, "/r.html");
  EXPECT_EQ(legal.anchors[0].text, "测试单位2023年政府信息公开工作年度报告");
}

TEST(ReliabilityNesting, PrescanCountsOnlyElementsThatStayOpen) {
  EXPECT_EQ(peak_unclosed_elements("<div><div><span>x</span></div></div>"), 3u);
  EXPECT_EQ(peak_unclosed_elements("<ul><li>a<li>b<li>c</ul><p>1<p>2<br><img src=x><hr/><input>"), 1u)
      << "implied end tags and void elements do not nest";
  EXPECT_EQ(peak_unclosed_elements("<script>for(i=0;i<n;i++){if(a<b)x()}</SCRIPT><div/><div />"), 1u)
      << "script text and self-closed tags do not nest";
  EXPECT_EQ(peak_unclosed_elements("<!-- <div><div> --><!DOCTYPE html><div>"), 1u);
  std::string hostile;
  for (int i = 0; i < 1000000; ++i) hostile += "<b>";
  double started = testing::steady_now();
  EXPECT_THROW(parse_html(hostile), HtmlTooDeep) << "a million nested elements are refused before Gumbo builds them";
  EXPECT_LT(testing::steady_now() - started, 5.0);
  std::string many_cells = "<table>";
  for (int i = 0; i < 20000; ++i) many_cells += "<tr><td>" + std::to_string(i);
  EXPECT_NO_THROW(parse_html(many_cells + "</table>")) << "a long table with implied end tags is not deep";
}

TEST(ReliabilityNesting, HugeAnchorTextAndHostileNumbersAreReadWithoutThrowing) {
  std::string huge_text(2 << 20, 'x');
  std::string html = "<html><body><a href=\"/r.html\">2023年" + huge_text + "信息公开年度报告</a>"
                     "<a href=\"/" + std::string(100000, 'a') + ".html\">very long href</a>"
                     "<script>var countPage = 99999999999999999999999; var currentPage = 1;"
                     "createPageHTML(99999999999999999999, 0, \"index\", \"html\");</script></body></html>";
  FetchedPage page{UrlKind::list, "http://127.0.0.1/col/index.html", "", html, "text/html; charset=utf-8", 200};
  PageDiscovery found;
  ASSERT_NO_THROW(found = discover_links(page));
  for (const DiscoveredLink& link : found.links) EXPECT_LE(link.url.size(), 4096u);
  HtmlPage parsed = parse_html(html);
  ASSERT_EQ(parsed.anchors.size(), 1u) << "the anchor with a 100 KB href is dropped, not cut";
  EXPECT_LE(parsed.anchors[0].text.size(), 4096u);

  std::string proxy = "<datastore><totalrecord>99999999999999999999</totalrecord><recordset></recordset></datastore>";
  FetchedPage dataproxy{UrlKind::list, "http://127.0.0.1/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=abc&perpage=x",
                        "col=1", proxy, "text/xml", 200};
  ASSERT_NO_THROW(found = discover_links(dataproxy));
  EXPECT_TRUE(found.next_pages.empty());
}

TEST(ReliabilityNesting, CrawlFailsTheDeepPageWithAReasonAndStoresTheReportAfterItTwice) {
  testing::TempDir dir;
  LoopbackServer server;
  std::string good = testing::read_bytes(testing::fixture_path(kGoodReport));
  std::string deep = nested_divs(30000, "<p>正文</p>");
  ASSERT_GT(deep.size(), 300000u);
  server.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) { response.status = 404; });
  server.server().Get("/index.html", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("<html><head><meta charset=\"utf-8\"><meta name=\"ColumnName\" content=\"政府信息公开年报\"></head><body>"
                         "<a href=\"/deep.html\">测试单位2023年政府信息公开工作年度报告</a>"
                         "<a href=\"/good.html\">平潭综合实验区2011年政府信息公开工作年度报告</a></body></html>",
                         "text/html; charset=utf-8");
  });
  server.server().Get("/deep.html", [deep](const httplib::Request&, httplib::Response& response) {
    response.set_content(deep, "text/html; charset=utf-8");
  });
  server.server().Get("/good.html", [good](const httplib::Request&, httplib::Response& response) {
    response.set_content(good, "text/html");
  });
  server.start();
  std::string db = dir.file("n.sqlite"), sources = dir.file("sources.csv");
  std::ofstream(sources) << "agency,region_code,level,url\n平潭综合实验区,350128,county," << server.url("/index.html") << "\n";
  std::vector<std::string> arguments{"--db", db, "--sources", sources, "--delay", "0.01", "--log", dir.file("crawl.log")};

  for (int run = 1; run <= 2; ++run) {
    int status = run_crawl_binary(dir, arguments);
    ASSERT_TRUE(WIFEXITED(status)) << "run " << run << " ended by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    ASSERT_EQ(WEXITSTATUS(status), 0) << "run " << run << ": " << testing::read_bytes(dir.file("stderr.txt"));
    std::string deep_url = server.url("/deep.html");
    EXPECT_EQ(testing::query_one(db, "SELECT state FROM crawl_urls WHERE url='" + deep_url + "'"), "failed") << "run " << run;
    EXPECT_EQ(testing::query_one(db, "SELECT error FROM crawl_urls WHERE url='" + deep_url + "'"),
              deep_url + ": cannot process the page: HTML with 30000 elements open at once, nested deeper than 4096 levels "
                         "(hostile or broken page): not processed")
        << "run " << run;
    EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM crawl_fetches WHERE url='" + deep_url + "' AND status=200"),
              std::to_string(run))
        << "fetched once per run, recorded before it was read";
    EXPECT_EQ(testing::query_one(db, "SELECT delivery FROM crawl_urls WHERE url='" + deep_url + "'"), "none");
    EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM crawl_runs WHERE finished_at IS NOT NULL"), std::to_string(run));
    std::string summary = testing::read_bytes(dir.file("stdout.txt"));
    EXPECT_NE(summary.find("pages that could not be processed 1"), std::string::npos) << summary;
  }
  EXPECT_EQ(server.count("/good.html"), 2);
  store::Database store(db);
  std::vector<store::ReportSummary> reports = store.reports();
  ASSERT_EQ(reports.size(), 1u) << "the good report is stored once; the deep page is not a report";
  EXPECT_EQ(reports[0].source, server.url("/good.html"));
  EXPECT_EQ(reports[0].report_year.value_or(0), 2011);
}

// A kill (or crash) after the exchange was recorded but before the page was read leaves the URL
// queued with a reading marker. The resumed run reads it once more from the stored copy — no new
// request — and a second interruption fails it with "processing did not finish".
TEST(ReliabilityNesting, InterruptedReadingIsResumedFromTheStoredCopyOnceThenFailed) {
  testing::TempDir dir;
  LoopbackServer server;
  server.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) { response.status = 404; });
  server.server().Get("/index.html", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("<html><head><meta charset=\"utf-8\"><meta name=\"ColumnName\" content=\"政府信息公开年报\"></head><body>"
                         "<a href=\"/r.html\">测试单位2023年政府信息公开工作年度报告</a></body></html>",
                         "text/html; charset=utf-8");
  });
  server.server().Get("/r.html", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("<html><head><meta charset=\"utf-8\"><title>r</title></head><body>report</body></html>", "text/html");
  });
  server.start();
  std::string db = dir.file("i.sqlite"), index = server.url("/index.html"), report = server.url("/r.html");
  testing::crawl(db, {index});
  ASSERT_EQ(server.count("/index.html"), 1);
  // As if the process died while reading the column page, before it recorded its links.
  execute_sql(db, "UPDATE crawl_runs SET finished_at=NULL;"
                  "DELETE FROM crawl_urls WHERE url='" + report + "';"
                  "UPDATE crawl_urls SET state='queued', next_fetch_at=-1, error='x' WHERE url='" + index + "'");
  auto resumed = testing::crawl(db, {index});
  EXPECT_TRUE(resumed.summary.resumed);
  EXPECT_EQ(server.count("/index.html"), 1) << "the column page is read from its stored copy, not fetched again";
  EXPECT_EQ(testing::query_one(db, "SELECT state FROM crawl_urls WHERE url='" + index + "'"), "done");
  EXPECT_EQ(resumed.documents.count(report), 1u) << "the links found on the re-read lead to the report";

  execute_sql(db, "UPDATE crawl_runs SET finished_at=NULL;"
                  "UPDATE crawl_urls SET state='queued', next_fetch_at=-2, error='x' WHERE url='" + index + "'");
  auto failed = testing::crawl(db, {index});
  EXPECT_EQ(server.count("/index.html"), 1);
  EXPECT_EQ(testing::query_one(db, "SELECT state FROM crawl_urls WHERE url='" + index + "'"), "failed");
  EXPECT_EQ(testing::query_one(db, "SELECT error FROM crawl_urls WHERE url='" + index + "'"),
            index + ": processing did not finish (interrupted twice while reading it; not read again)");
  EXPECT_EQ(failed.summary.stats.unprocessable, 1);
}

}  // namespace
}  // namespace nianbao::crawler
