// Link and response classification: report titles, column names, attachment URLs, magic bytes,
// challenge pages and Retry-After parsing.
#include <gtest/gtest.h>

#include "crawler/challenge.h"
#include "crawler/document_type.h"
#include "crawler/link_classifier.h"
#include "crawler/response_verdict.h"
#include "crawler/sources_file.h"

namespace nianbao::crawler {
namespace {

TEST(LinkClassifier, ReportTitles) {
  EXPECT_TRUE(is_report_title("平潭综合实验区2025年度政府信息公开工作年度报告"));
  EXPECT_TRUE(is_report_title("平潭综合实验区地方税务局2013年信息公开年度报告"));
  EXPECT_TRUE(is_report_title("演示局2018年政府信息公开工作年报"));
  EXPECT_FALSE(is_report_title("关于2014年政府信息公开工作要点落实情况的函"));
  EXPECT_FALSE(is_report_title("洪泽区2021年政府网站工作年度报表"));
  EXPECT_EQ(report_year_in_title("平潭县人民政府2012年政府信息公开工作年度报告"), 2012);
}

TEST(LinkClassifier, ColumnNames) {
  EXPECT_TRUE(is_report_column_name("政府信息公开年报"));
  EXPECT_TRUE(is_report_column_name("政府信息公开年度报告"));
  EXPECT_FALSE(is_report_column_name("政府网站年度报表"));
  EXPECT_FALSE(is_report_column_name("政府信息公开指南"));
  EXPECT_FALSE(is_report_column_name("平潭综合实验区2025年度政府信息公开工作年度报告"));
}

TEST(LinkClassifier, AttachmentUrls) {
  EXPECT_TRUE(is_attachment_url("http://h/xxgk/202604/P020260420648265052375.pdf"));
  EXPECT_TRUE(is_attachment_url("http://h/module/download/downfile.jsp?classid=0&filename=a.pdf"));
  EXPECT_TRUE(is_attachment_url("http://h/attachment/0/599/599288/4804801.pdf"));
  EXPECT_TRUE(is_attachment_url("http://h/a/report.WPS"));
  EXPECT_FALSE(is_attachment_url("http://h/a/t20230331_2178738.html"));
}

TEST(DocumentType, MagicBytesDecide) {
  EXPECT_EQ(sniff_document_type("%PDF-1.7\n..."), DocumentType::pdf);
  EXPECT_EQ(sniff_document_type(std::string("PK\x03\x04rest", 8)), DocumentType::zip);
  EXPECT_EQ(sniff_document_type(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1xx", 10)), DocumentType::ole2);
  EXPECT_EQ(sniff_document_type("  <!DOCTYPE html><html>"), DocumentType::html);
  EXPECT_FALSE(is_attachment_document(sniff_document_type("<html>404</html>")));
}

TEST(Challenge, KnownWafStubsAreRecognised) {
  EXPECT_EQ(detect_challenge(412, "FSSBBIl1UgzbN7NS=abc", "<html><meta content='x' r='m'><script>$_ts=window['$_ts'];</script>").value_or(""),
            "ruishu");
  EXPECT_EQ(detect_challenge(200, "", "<script>$_ts=window['$_ts'];$_ts.cd='x'</script>").value_or(""), "ruishu");
  EXPECT_EQ(detect_challenge(521, "__jsluid_s=1", "<script>document.cookie='__jsl_clearance_s=1'</script>").value_or(""), "jiasule");
  EXPECT_EQ(detect_challenge(200, "", "<script>wzwschallenge='x'</script>").value_or(""), "wzws");
  EXPECT_FALSE(detect_challenge(200, "", "<html><body>平潭综合实验区2025年度政府信息公开工作年度报告</body></html>").has_value());
}

TEST(ResponseVerdict, RetryAfterSecondsAndHttpDate) {
  EXPECT_DOUBLE_EQ(parse_retry_after("120", 1000.0).value(), 120.0);
  double now = 1700000000.0;  // 2023-11-14T22:13:20Z
  EXPECT_NEAR(parse_retry_after("Tue, 14 Nov 2023 22:14:20 GMT", now).value(), 60.0, 1.0);
  EXPECT_FALSE(parse_retry_after("soon", now).has_value());
}

TEST(SourcesFile, ParsesQuotedFieldsAndRejectsBadHeaderOrUrl) {
  auto seeds = parse_sources("agency,region_code,level,url\n\"平潭, 综合实验区\",350128,county,http://127.0.0.1:1/a\n", "s.csv");
  ASSERT_EQ(seeds.size(), 1u);
  EXPECT_EQ(seeds[0].agency, "平潭, 综合实验区");
  EXPECT_EQ(seeds[0].url, "http://127.0.0.1:1/a");
  EXPECT_THROW(parse_sources("name,url\nx,http://a/\n", "s.csv"), SourcesError);
  try {
    parse_sources("agency,region_code,level,url\na,1,c,ftp://x/\n", "s.csv");
    FAIL() << "an ftp URL must be rejected";
  } catch (const SourcesError& error) {
    EXPECT_NE(std::string(error.what()).find("s.csv:2"), std::string::npos);
  }
}

}  // namespace
}  // namespace nianbao::crawler
