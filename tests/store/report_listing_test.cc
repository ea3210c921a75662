// Listing stored reports on both backends: summaries with source, sha256 and finding counts by
// severity, the agency (substring) and year filters, and the researcher views over the same rows.
#include <gtest/gtest.h>

#include <memory>

#include "common/sha256.h"
#include "store/database.h"
#include "store_test_support.h"

namespace nianbao::store {
namespace {

using store_test::sample_extraction;
using store_test::sample_report;
using store_test::target_int;
using store_test::target_text;
using testing::Backend;
using testing::BackendDatabase;

class StoreListing : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_BACKEND(GetParam());
    target_ = std::make_unique<BackendDatabase>(GetParam());
    path_ = target_->target();
    database_ = std::make_unique<Database>(path_);
    Report clean = sample_report("抚顺市人民政府办公室", 2020);
    clean.findings.clear();
    database_->ingest("fushun 2021", "fushun-amr-2021.txt", sample_extraction({sample_report("抚顺市市场监督管理局", 2021)}));
    database_->ingest("fushun office 2020", "https://www.fushun.gov.cn/2020.html", sample_extraction({clean}));
    database_->ingest("shenyang 2021", "shenyang.txt", sample_extraction({sample_report("沈阳市教育局", 2021)}));
  }

  std::unique_ptr<BackendDatabase> target_;
  std::string path_;
  std::unique_ptr<Database> database_;
};

TEST_P(StoreListing, SummariesCarrySourceShaAndFindingCounts) {
  std::vector<ReportSummary> all = database_->reports();
  ASSERT_EQ(all.size(), 3u);
  // Ordered by agency (as SQLite compares UTF-8 bytes), then year.
  EXPECT_EQ(all[0].agency, "抚顺市人民政府办公室");
  EXPECT_EQ(all[1].agency, "抚顺市市场监督管理局");
  EXPECT_EQ(all[2].agency, "沈阳市教育局");

  const ReportSummary& amr = all[1];
  EXPECT_EQ(amr.report_year, 2021);
  EXPECT_EQ(amr.format, Format::f2021);
  EXPECT_EQ(amr.scope, Scope::own_organ);
  EXPECT_EQ(amr.source, "fushun-amr-2021.txt");
  EXPECT_EQ(amr.sha256, sha256_hex("fushun 2021"));
  EXPECT_EQ(amr.errors, 1);
  EXPECT_EQ(amr.warnings, 1);
  EXPECT_EQ(amr.infos, 1);
  EXPECT_EQ(all[0].errors + all[0].warnings + all[0].infos, 0);
  EXPECT_EQ(all[0].source, "https://www.fushun.gov.cn/2020.html");
}

TEST_P(StoreListing, FiltersByAgencySubstringAndYear) {
  EXPECT_EQ(database_->reports({std::string("抚顺"), std::nullopt}).size(), 2u);
  EXPECT_EQ(database_->reports({std::nullopt, 2021}).size(), 2u);
  auto both = database_->reports({std::string("抚顺"), 2021});
  ASSERT_EQ(both.size(), 1u);
  EXPECT_EQ(both[0].agency, "抚顺市市场监督管理局");
  EXPECT_TRUE(database_->reports({std::string("100%_"), std::nullopt}).empty());  // no LIKE wildcards
  EXPECT_TRUE(database_->reports({std::nullopt, 1999}).empty());
}

TEST_P(StoreListing, LoadReportsFollowsTheSameFilter) {
  auto loaded = database_->load_reports({std::string("沈阳"), std::nullopt});
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].first.agency, "沈阳市教育局");
  EXPECT_EQ(loaded[0].second.cells.size(), 4u);
  EXPECT_EQ(loaded[0].second.cells.at("t3.new_received.total").value, (Number{31, true}));
}

TEST_P(StoreListing, ViewsJoinCellsAndCountsWithReportMetadata) {
  EXPECT_EQ(target_int(path_, "SELECT count(*) FROM cell_values"), 12);
  EXPECT_EQ(target_text(path_, "SELECT agency || '|' || report_year || '|' || value || '|' || source FROM cell_values "
                              "WHERE key = 't2.fee.amount_wan' AND agency LIKE '沈阳%'"),
            "沈阳市教育局|2021|5949.088667|shenyang.txt");
  EXPECT_EQ(target_text(path_, "SELECT errors || '/' || warnings || '/' || infos FROM report_overview "
                              "WHERE agency = '抚顺市市场监督管理局'"),
            "1/1/1");
  // The flags are a JSON array on SQLite, jsonb on PostgreSQL: each backend's own way to unnest it.
  std::string flags = GetParam() == Backend::sqlite ? "json_each(c.flags) f" : "jsonb_array_elements_text(c.flags) f(value)";
  EXPECT_EQ(target_int(path_, "SELECT count(*) FROM cell_values c, " + flags + " WHERE f.value = 'null_token'"), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreListing, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
