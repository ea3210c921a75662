// run_audit's date sources and years on small databases: a report nothing dates but nianbao's first
// sight of it, a pre-2019 year (no format expected, every organ's deadline 3月31日), and copies of
// one report (an HTML page and a text mirror) judged once; on both backends.
#include "store/audit.h"

#include <gtest/gtest.h>

#include "extract/extractor.h"
#include "store/agency_registry.h"
#include "store/audit_dates.h"
#include "store/database.h"
#include "store/transaction.h"
#include "store_test_support.h"
#include "tests/support/backend_database.h"

namespace nianbao::store {
namespace {

using store_test::fixture_bytes;
using testing::Backend;
using testing::backend_one;
using testing::BackendDatabase;

class AuditSources : public ::testing::TestWithParam<Backend> {};

void register_body(Database& database, const std::string& name, const std::string& region_code) {
  Transaction transaction(database.handle(), "registering " + name);
  import_agencies(database.handle(), {{"test", name, region_code, "county", "", "", "", {}, {}}});
  transaction.commit();
}

void ingest(Database& database, const std::string& relative, const std::string& origin) {
  std::string bytes = fixture_bytes(relative);
  database.ingest(bytes, origin, extract_document({bytes, origin, ""}));
}

AuditResult audit(const std::string& path, int year) {
  Connection connection(path, OpenMode::read_only);
  return run_audit(connection, {year, ""});
}

TEST_P(AuditSources, AReportNothingDatesIsDatedByItsFirstSighting) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase backend(GetParam());
  const std::string& path = backend.target();
  {
    Database database(path);
    register_body(database, "淮安市人民政府", "320800");
    ingest(database, "real/govnianbao/huaian-city-2024.pdf", "reports/huaian-city.pdf");
  }
  AuditResult result = audit(path, 2024);
  ASSERT_EQ(result.bodies.size(), 1u);
  const AuditedBody& body = result.bodies.front();
  std::string first_seen = backend_one(path, "SELECT min(first_seen_at) FROM document_origins").substr(0, 10);
  EXPECT_EQ(body.published_source, "first_seen");
  EXPECT_EQ(body.published, first_seen);
  EXPECT_EQ(body.source_url, "reports/huaian-city.pdf") << "no web address: the file it came from";
  ASSERT_EQ(result.flags.size(), 1u) << "stored today, long after 2025-03-31";
  EXPECT_EQ(result.flags[0].flag, AuditFlagKind::late);
  EXPECT_EQ(result.flags[0].evidence, "published " + first_seen + " (source: first_seen, first stored); deadline 2025-03-31 " +
                                          "(a government's report); " +
                                          std::to_string(days_between("2025-03-31", first_seen)) + " days late");
}

TEST_P(AuditSources, APre2019YearExpectsNoFormatAndGivesEveryOrganUntilMarch) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase backend(GetParam());
  const std::string& path = backend.target();
  {
    Database database(path);
    register_body(database, "平潭综合实验区", "350128");
    ingest(database, "real/pingtan-archive/zfxxgknb/201302/80734_平潭综合实验区2012年政府信息公开工作年度报告/page.txt",
           "http://www.pingtan.gov.cn/zwgk/zfxxgknb/201302/t20130220_80734.htm");
    ingest(database, "real/pingtan-archive/zfxxgknb/201403/80759_平潭综合实验区2013年政府信息公开工作年度报告/page.txt",
           "http://www.pingtan.gov.cn/zwgk/zfxxgknb/201403/t20140312_80759.htm");
  }
  AuditResult result = audit(path, 2013);
  ASSERT_EQ(result.bodies.size(), 1u);
  const AuditedBody& body = result.bodies.front();
  EXPECT_EQ(body.timeliness, Timeliness::on_time);
  EXPECT_EQ(body.published, "2014-01-10");  // the dump's own 发布时间 line wins over the URL's date
  EXPECT_EQ(body.published_source, "printed");
  EXPECT_EQ(body.deadline, "2014-03-31");
  EXPECT_TRUE(result.flags.empty()) << "pre2019 is the format of 2013; its six sections are not required; "
                                    << (result.flags.empty() ? "" : result.flags[0].evidence);
  ASSERT_EQ(body.requests_by_year.size(), 2u);
  EXPECT_EQ(body.requests_by_year[0].first, 2012);
  EXPECT_EQ(body.requests_by_year[1].first, 2013);
}

TEST_P(AuditSources, CopiesOfOneReportAreJudgedOnceOnTheirPrimary) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  BackendDatabase backend(GetParam());
  const std::string& path = backend.target();
  std::string html = "real/pingtan-archive/zfxxgknb/202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/page.html";
  {
    Database database(path);
    register_body(database, "平潭综合实验区", "350128");
    ingest(database, "real/pingtan-archive/zfxxgknb/202302/80629_平潭综合实验区2022年度政府信息公开工作年度报告/page.txt",
           "http://www.pingtan.gov.cn/zwgk/zfxxgknb/202302/t20230215_80629.htm");
    ingest(database, html, "http://www.pingtan.gov.cn/zwgk/zfxxgknb/202403/t20240308_87885.htm");
    ingest(database, "copies/pingtan-2023-text-copy.txt", "http://mirror.example.org/pingtan-2023.txt");
  }
  AuditResult result = audit(path, 2023);
  ASSERT_EQ(result.bodies.size(), 1u);
  const AuditedBody& body = result.bodies.front();
  EXPECT_EQ(body.source_url, "http://www.pingtan.gov.cn/zwgk/zfxxgknb/202403/t20240308_87885.htm") << "the HTML copy is primary";
  EXPECT_EQ(std::to_string(*body.report_id),
            backend_one(path, "SELECT id FROM reports WHERE report_year = 2023 AND copy_of IS NULL"));
  EXPECT_EQ(body.timeliness, Timeliness::on_time);
  EXPECT_EQ(body.published, "2024-03-08");
  EXPECT_TRUE(result.flags.empty()) << "the text copy adds no flag of its own; " << result.flags.size();
  ASSERT_EQ(body.requests_by_year.size(), 2u) << "one value per year, copies aside";
  EXPECT_EQ(body.requests_by_year[1].first, 2023);
  EXPECT_EQ(std::to_string(static_cast<int>(*body.requests_by_year[1].second)),
            backend_one(path, "SELECT CAST(c.value AS INTEGER) FROM cells c JOIN reports r ON r.id = c.report_id "
                             "WHERE r.copy_of IS NULL AND r.report_year = 2023 AND c.key = 't3.new_received.total'"));
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditSources, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
