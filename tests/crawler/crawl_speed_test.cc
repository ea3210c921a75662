// The crawl's speed measures (issue 9 item 4) change nothing a crawl finds: report pages skipped by
// the parse shortcut have no links anyway, and exchanges held in the write window are all written.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "crawler/discovery.h"
#include "demo/multi_host_site.h"
#include "tests/crawler/test_support.h"

namespace nianbao::crawler {
namespace {

FetchedPage report_page(const std::string& url, std::string_view bytes) {
  FetchedPage page;
  page.kind = UrlKind::report;
  page.url = url;
  page.bytes = bytes;
  page.content_type = "text/html";
  return page;
}

bool may_have_links(const std::string& url, const std::string& html, UrlKind kind = UrlKind::report) {
  FetchedPage page = report_page(url, html);
  page.kind = kind;
  return report_page_may_have_links(page, decode_fetched_page(page));
}

// Every HTML page of the demo portal, read as a report page: where the shortcut skips the parse,
// the parse finds no link; and the portal has pages of both sorts.
TEST(CrawlSpeed, AReportPageSkippedUnparsedHasNoLinksOnEveryPortalPage) {
  std::string root = testing::fixture_path("portal/site");
  int skipped = 0, parsed_with_links = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || (!name.ends_with(".html") && !name.ends_with(".htm"))) continue;
    std::string bytes = testing::read_bytes(entry.path().string());
    std::string url = "http://portal.test/" + std::filesystem::relative(entry.path(), root).generic_string();
    FetchedPage page = report_page(url, bytes);
    DecodedPage text = decode_fetched_page(page);
    PageDiscovery found = discover_links(page, text);
    if (!report_page_may_have_links(page, text)) {
      ++skipped;
      EXPECT_TRUE(found.links.empty() && found.next_pages.empty()) << url << " was skipped but links " << found.links.size();
    } else if (!found.links.empty()) {
      ++parsed_with_links;
    }
  }
  EXPECT_GT(skipped, 10) << "most report pages link no attachment";
  EXPECT_GT(parsed_with_links, 0) << "pages with attachment links are parsed";
}

TEST(CrawlSpeed, AnyMarkOfAnAttachmentOrAReferenceOrDepthMeansTheParseRuns) {
  std::string plain = "<html><head><title>2023年政府信息公开工作年度报告</title></head><body><p>一、总体情况</p>"
                      "<a href=\"/other.html\">其他</a></body></html>";
  EXPECT_FALSE(may_have_links("http://a.test/r.html", plain));
  auto with = [&](const std::string& part) { return "<html><body>" + part + "</body></html>"; };
  EXPECT_TRUE(may_have_links("http://a.test/r.html", with("<a href=\"/f/report.PDF\">附件</a>")));
  EXPECT_TRUE(may_have_links("http://a.test/r.html", with("<a href=\"/f/report.xlsx?v=1\">附件</a>")));
  EXPECT_TRUE(may_have_links("http://a.test/r.html", with("<a href=\"/downfile.jsp?id=7\">附件</a>")));
  EXPECT_TRUE(may_have_links("http://a.test/r.html", with("<a href=\"/f/report&#46;pdf\">附件</a>")));
  EXPECT_TRUE(may_have_links("http://a.test/download.jsp?id=1", plain)) << "an empty href resolves to the page's URL";
  EXPECT_TRUE(may_have_links("http://a.test/r.html", plain, UrlKind::list)) << "only report pages are skipped";
  std::string deep;
  for (int i = 0; i < 2000; ++i) deep += "<div>";
  EXPECT_TRUE(may_have_links("http://a.test/r.html", with(deep))) << "a deep page goes to the parse that refuses it";
}

// A crawl whose transfer slots stay full (4 slots, 8 hosts, no delay) holds finished exchanges in the
// write window: every page is still fetched exactly once, recorded once and every report delivered
// once — the same as with the window off.
TEST(CrawlSpeed, ExchangesHeldInTheWriteWindowAreAllWrittenOnce) {
  constexpr int kHosts = 8, kReports = 25;
  for (double window : {0.0, 0.2}) {
    SCOPED_TRACE("write window " + std::to_string(window) + " s");
    testing::TempDir dir;
    demo::MultiHostSite site(kHosts, kReports, 140);
    site.start();
    CrawlOptions options = testing::fast_options();
    options.delay_seconds = 0;
    options.max_concurrency = 4;
    options.write_window_seconds = window;
    std::string db = dir.file("window.sqlite");
    testing::CrawlResult result = testing::crawl(db, site.seed_urls(), options);
    site.stop();
    EXPECT_TRUE(result.summary.finished);
    EXPECT_EQ(result.documents.size(), static_cast<size_t>(kHosts * kReports));
    std::set<std::string> delivered;
    for (const auto& [url, sha256] : result.documents) delivered.insert(url);
    EXPECT_EQ(delivered.size(), result.documents.size()) << "a report delivered twice";
    for (const auto& requests : site.request_log()) {
      std::set<std::string> paths;
      for (const auto& request : requests) EXPECT_TRUE(paths.insert(request.path).second) << request.path << " fetched twice";
      EXPECT_EQ(paths.size(), static_cast<size_t>(site.pages_per_host()));
    }
    EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM crawl_fetches WHERE status=200"),
              std::to_string(kHosts * site.pages_per_host()));
    EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM crawl_urls WHERE state<>'done' OR delivery='pending'"), "0");
    EXPECT_EQ(testing::query_one(db, "SELECT COUNT(*) FROM crawl_urls WHERE delivery='done'"), std::to_string(kHosts * kReports));
  }
}

}  // namespace
}  // namespace nianbao::crawler
