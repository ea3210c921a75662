// Discovery on the bundled portal's real and built pages: the 平潭 list (TRS listModel static
// pages), the TRS createPageHTML column (GBK), the Hanweb jpage datastore, hub pages, and the
// 1-based 'page_div' pager. Expected report URLs come from fixtures/portal/expected_documents.tsv.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "crawler/discovery.h"
#include "crawler/hanweb_jpage.h"
#include "crawler/html_page.h"
#include "crawler/pagination.h"
#include "tests/crawler/test_support.h"

namespace nianbao::crawler {
namespace {

const std::string kBase = "http://127.0.0.1:8760";

std::set<std::string> expected_paths(const std::string& prefix, const std::string& kind) {
  std::ifstream in(testing::fixture_path("portal/expected_documents.tsv"));
  std::set<std::string> paths;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::string path = line.substr(0, line.find('\t'));
    std::string rest = line.substr(line.find('\t') + 1);
    if (path.rfind(prefix, 0) == 0 && rest.substr(0, rest.find('\t')) == kind) paths.insert(path);
  }
  return paths;
}

PageDiscovery discover_fixture(UrlKind kind, const std::string& path, const std::string& content_type = "text/html") {
  static std::map<std::string, std::string> cache;
  std::string& bytes = cache[path];
  if (bytes.empty()) bytes = testing::read_bytes(testing::fixture_path("portal/site" + path));
  return discover_links({kind, kBase + path, "", bytes, content_type, 200});
}

std::set<std::string> paths_of_kind(const PageDiscovery& found, UrlKind kind) {
  std::set<std::string> paths;
  for (const DiscoveredLink& link : found.links)
    if (link.kind == kind && link.url.rfind(kBase, 0) == 0) paths.insert(link.url.substr(kBase.size()));
  return paths;
}

TEST(Discovery, PingtanHubLeadsToTheReportColumnOnly) {
  PageDiscovery found = discover_fixture(UrlKind::seed, "/pingtan/zwgk/zfxxgk/index.htm");
  EXPECT_EQ(paths_of_kind(found, UrlKind::list), std::set<std::string>{"/pingtan/zwgk/zfxxgk/zfxxgknb/index.htm"})
      << "the 政府网站年度报表 and 指南 columns must not be taken";
}

TEST(Discovery, PingtanListPagesTogetherHoldEveryReportOfTheColumn) {
  PageDiscovery first = discover_fixture(UrlKind::list, "/pingtan/zwgk/zfxxgk/zfxxgknb/index.htm");
  ASSERT_EQ(first.next_pages.size(), 1u);
  EXPECT_EQ(first.next_pages[0].url, kBase + "/pingtan/zwgk/zfxxgk/zfxxgknb/index_1.htm");
  EXPECT_EQ(first.column_name, "政府信息公开年报");
  EXPECT_EQ(first.site_id_code, "3590000001");
  PageDiscovery second = discover_fixture(UrlKind::list, "/pingtan/zwgk/zfxxgk/zfxxgknb/index_1.htm");
  EXPECT_TRUE(second.next_pages.empty()) << "recordCount 20 / prepage 10: two static pages only";
  std::set<std::string> reports = paths_of_kind(first, UrlKind::report);
  EXPECT_EQ(reports.size(), 10u);
  for (const std::string& path : paths_of_kind(second, UrlKind::report)) reports.insert(path);
  EXPECT_EQ(reports, expected_paths("/pingtan/", "report"));
}

TEST(Discovery, TrsColumnWalksCreatePageHtmlZeroBasedAndDecodesGbk) {
  std::set<std::string> reports;
  std::string page = "/trs/xxgk/xxgknb/index.html";
  int pages = 0;
  while (!page.empty() && pages < 10) {
    PageDiscovery found = discover_fixture(UrlKind::list, page, "text/html; charset=GBK");
    EXPECT_EQ(found.charset, "GB18030");
    ++pages;
    for (const std::string& path : paths_of_kind(found, UrlKind::report)) reports.insert(path);
    page = found.next_pages.empty() ? "" : found.next_pages[0].url.substr(kBase.size());
  }
  EXPECT_EQ(pages, 3) << "createPageHTML(3, current, \"index\", \"html\"): index, index_1, index_2";
  EXPECT_EQ(reports, expected_paths("/trs/xxgk/", "report"));
}

TEST(Discovery, TrsReportPagesLeadToTheirAttachments) {
  PageDiscovery wrapper = discover_fixture(UrlKind::report, "/trs/xxgk/xxgknb/202401/t20240130_4001.html");
  std::set<std::string> attachments = paths_of_kind(wrapper, UrlKind::attachment);
  ASSERT_EQ(attachments.size(), 1u);
  EXPECT_NE(attachments.begin()->find("/trs/module/download/downfile.jsp?"), std::string::npos);
  PageDiscovery docx = discover_fixture(UrlKind::report, "/trs/xxgk/xxgknb/202301/t20230131_3001.html");
  EXPECT_EQ(paths_of_kind(docx, UrlKind::attachment),
            (std::set<std::string>{"/trs/xxgk/xxgknb/202301/P020230131512345678901.docx"}));
}

TEST(Discovery, HanwebDatastoreRecordsAreReadAndTheNextGroupIsAPost) {
  PageDiscovery found = discover_fixture(UrlKind::list, "/hanweb/col/col1229/index.html");
  std::set<std::string> reports = paths_of_kind(found, UrlKind::report);
  EXPECT_FALSE(reports.empty()) << "records hidden in <script type=text/xml> must be decoded";
  for (const std::string& path : reports) EXPECT_TRUE(expected_paths("/hanweb/", "report").count(path)) << path;
  ASSERT_EQ(found.next_pages.size(), 1u);
  const DiscoveredLink& next = found.next_pages[0];
  EXPECT_EQ(next.method, "POST");
  EXPECT_EQ(next.url, kBase + "/hanweb/module/web/jpage/dataproxy.jsp?startrecord=10&endrecord=18&perpage=3");
  EXPECT_NE(next.body.find("columnid=1229"), std::string::npos);
  EXPECT_NE(next.body.find("unitid=3999"), std::string::npos);
}

TEST(Discovery, DataproxyAnswerYieldsRecordsAndStopsAtTotal) {
  std::string answer =
      "<?xml version=\"1.0\"?><datastore><totalrecord>10</totalrecord><totalpage>4</totalpage><recordset>"
      "<record><![CDATA[<li><a href='/hanweb/art/2019/1/28/art_1229_5001.html' title='演示局2018年政府信息公开工作年报'>x</a></li>]]></record>"
      "</recordset></datastore>";
  std::string url = kBase + "/hanweb/module/web/jpage/dataproxy.jsp?startrecord=10&endrecord=18&perpage=3";
  PageDiscovery found = discover_links({UrlKind::list, url, "columnid=1229", answer, "text/xml", 200});
  EXPECT_EQ(paths_of_kind(found, UrlKind::report), (std::set<std::string>{"/hanweb/art/2019/1/28/art_1229_5001.html"}));
  EXPECT_TRUE(found.next_pages.empty()) << "endrecord 18 >= totalrecord 10";
  auto following = jpage_following_request(kBase + "/p/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15", "b=1", 100);
  ASSERT_TRUE(following.has_value());
  EXPECT_EQ(following->url, kBase + "/p/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15");
}

TEST(Pagination, PageDivFormIsOneBased) {
  HtmlPage page = parse_html("<script>createPageHTML('page_div', 5, 2, 'fg', 'shtml', 89);</script>");
  auto next = next_list_pages(page, "http://h/c106256/fg_2.shtml");
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0], "http://h/c106256/fg_3.shtml");
  HtmlPage last = parse_html("<script>createPageHTML('page_div', 5, 5, 'fg', 'shtml', 89);</script>");
  EXPECT_TRUE(next_list_pages(last, "http://h/c106256/fg_5.shtml").empty());
}

TEST(Pagination, NextPageAnchorsAreFollowed) {
  HtmlPage page = parse_html("<a href='list_3.html'>下一页</a><a href='/x.html'>首页</a>");
  EXPECT_EQ(next_list_pages(page, "http://h/col/list_2.html"), std::vector<std::string>{"http://h/col/list_3.html"});
}

}  // namespace
}  // namespace nianbao::crawler
