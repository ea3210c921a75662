// Migration 7: the pre-2019 key map (spec §9.4) and the panel with pre-2019 years, over the real
// 平潭 2011–2019 series: mapped values equal the pre.* cells, sums only over stated parts.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "store/schema.h"
#include "store/statement.h"
#include "tests/store/linked_agency_store.h"
#include "tests/support/backend_database.h"
#include "tests/support/gold.h"

namespace nianbao::store {
namespace {


const std::string kPingtan = "real/pingtan-archive/zfxxgknb/";
const std::string kZone2014 = kPingtan + "201501/80791_平潭综合实验区管委会2014年度政府信息公开工作年度报告/page.txt";
const std::string kZone2015 = kPingtan + "201601/80445_平潭综合实验区2015年度政府信息公开工作年度报告/page.txt";
const std::string kZone2018 = kPingtan + "201901/80529_平潭综合实验区2018年度政府信息公开工作年度报告/page.txt";
const std::string kZone2019 = kPingtan + "202001/80576_平潭综合实验区2019年度政府信息公开工作年度报告/page.html";

std::string pre_gold(const std::string& document) {
  return document.substr(0, document.rfind('/')) + "/page.pre-expected.json";
}

double gold_value(const std::string& document, const std::string& key) {
  return testing::read_gold(pre_gold(document)).at("cells").at(key).get<double>();
}

// On an SQLite file and on a PostgreSQL database.
class Pre2019Panel : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_BACKEND(GetParam());
    store_ = std::make_unique<store_test::LinkedAgencyStore>(GetParam());
    report2014_ = store_->add(kZone2014);
    report2015_ = store_->add(kZone2015);
    report2018_ = store_->add(kZone2018);
    report2019_ = store_->add(kZone2019);
  }
  // The column's value as the SQLite backend spells it, "NULL" for NULL (read on either backend).
  std::string panel_value(int year, const std::string& metric, const std::string& column = "best_value") {
    std::string row = testing::backend_one(store_->path(), "SELECT " + column + " IS NULL, " + column +
                                                               " FROM panel_with_pre2019 WHERE report_year = " +
                                                               std::to_string(year) + " AND metric = '" + metric + "'");
    return row.rfind("1|", 0) == 0 ? "NULL" : row.substr(row.find('|') + 1);
  }
  int64_t count(const std::string& sql) { return store_->count(sql); }
  std::unique_ptr<store_test::LinkedAgencyStore> store_;
  int64_t report2014_ = 0, report2015_ = 0, report2018_ = 0, report2019_ = 0;
};

class Pre2019Schema : public ::testing::TestWithParam<testing::Backend> {};

TEST_P(Pre2019Schema, MigrationSevenHoldsTheSpecMap) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  ASSERT_GE(latest_schema_version(), 7);  // step 7 is in the list (later steps follow it)
  testing::BackendDatabase fresh(GetParam());
  const std::string& path = fresh.target();
  { Database db(path); }
  auto text = [&](const std::string& sql) { return testing::backend_one(path, sql); };
  EXPECT_EQ(text("SELECT count(*) FROM pre2019_key_map"), "14");
  EXPECT_EQ(text("SELECT mapping_quality FROM pre2019_key_map WHERE pre_key = 'pre.req.received'"), "good");
  EXPECT_EQ(text("SELECT mapping_quality FROM pre2019_key_map WHERE pre_key = 'pre.req.denied'"), "poor");
  EXPECT_EQ(text("SELECT count(*) FROM pre2019_key_map WHERE metric = 't3.result.unable.not_held.total'"), "2");
  EXPECT_EQ(text("SELECT count(*) FROM pre2019_key_map WHERE pre_key = 'pre.fees.collected'"), "0");
}

TEST_P(Pre2019Panel, PreYearsStandBesideThe2019PanelWithTheirMappingQuality) {
  // 2014: received 1 (table), mapped with quality good; 2019 from its own table, quality exact.
  EXPECT_EQ(std::stod(panel_value(2014, "t3.new_received.total")), gold_value(kZone2014, "pre.req.received"));
  EXPECT_EQ(panel_value(2014, "t3.new_received.total", "mapping_quality"), "good");
  EXPECT_EQ(panel_value(2014, "t3.new_received.total", "format"), "pre2019");
  EXPECT_EQ(panel_value(2014, "t3.new_received.total", "source_keys"), "[\"pre.req.received\"]");
  nlohmann::json gold2019 = testing::read_gold(kZone2019.substr(0, kZone2019.rfind('.')) + ".expected.json");
  EXPECT_EQ(std::stod(panel_value(2019, "t3.new_received.total")), gold2019.at("cells").at("t3.new_received.total").get<double>());
  EXPECT_EQ(panel_value(2019, "t3.new_received.total", "mapping_quality"), "exact");
  // Fair and poor mappings keep their quality; the 2015 lawsuit total maps onto the two suit groups.
  EXPECT_EQ(panel_value(2015, "t3.result.total.total", "mapping_quality"), "fair");
  EXPECT_EQ(panel_value(2015, "t3.result.denied.total", "mapping_quality"), "poor");
  EXPECT_EQ(std::stod(panel_value(2015, "t4.suit.total")), gold_value(kZone2015, "pre.suit.total"));
  EXPECT_EQ(std::stod(panel_value(2018, "t4.review.total")), gold_value(kZone2018, "pre.review.total"));
  // Keys the report does not state give no row: nothing is invented.
  EXPECT_EQ(count("SELECT count(*) FROM pre2019_panel WHERE metric = 't3.result.unable.not_held.total'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM pre2019_panel WHERE report_year = 2019"), 0);
}

TEST_P(Pre2019Panel, ASumIsNullUntilEveryPartIsStated) {
  std::string insert = "INSERT INTO cells (report_id, key, value, integral, raw, flags) VALUES (" +
                       std::to_string(report2015_) + ", ";
  Session& db = store_->handle();
  execute(db, insert + "'pre.req.not_exist', 3, 1, '3', '[]')", "test setup");
  EXPECT_EQ(panel_value(2015, "t3.result.unable.not_held.total"), "NULL");
  EXPECT_EQ(panel_value(2015, "t3.result.unable.not_held.total", "flags"), "[\"pre2019_mapped\",\"partial_sum\"]");
  execute(db, insert + "'pre.req.not_this_organ', 2, 1, '2', '[]')", "test setup");
  EXPECT_EQ(std::stod(panel_value(2015, "t3.result.unable.not_held.total")), 5.0);
  EXPECT_EQ(panel_value(2015, "t3.result.unable.not_held.total", "mapping_quality"), "fair");
  EXPECT_EQ(panel_value(2015, "t3.result.unable.not_held.total", "flags"), "[\"pre2019_mapped\"]");
}

INSTANTIATE_TEST_SUITE_P(Backends, Pre2019Schema, NIANBAO_BOTH_BACKENDS);
INSTANTIATE_TEST_SUITE_P(Backends, Pre2019Panel, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
