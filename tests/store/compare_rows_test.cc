// read_compare_rows against real reports (平潭 2019/2023/2024/2025, 抚顺 AMR 2021): agency
// resolution, values in force from the gold files, corrections, findings, copies, the 2021 其他处理 sum.
#include "store/compare_rows.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "extract/model/key_catalog.h"
#include "store/database.h"
#include "store/connection.h"
#include "store/statement.h"
#include "store_test_support.h"
#include "tests/support/backend_database.h"
#include "tests/support/gold.h"

namespace nianbao::store {
namespace {

using testing::fixture_path;
using testing::read_fixture;
using testing::read_gold;

// A real report file and its gold, relative to fixtures/.
struct RealReport {
  int year;
  std::string document;
  std::string gold;
};

// The one directory under real/pingtan-archive/zfxxgknb/<month> whose name starts with `id`_.
std::string pingtan_dir(const std::string& month, const std::string& id) {
  std::string folder = "real/pingtan-archive/zfxxgknb/" + month;
  for (const auto& entry : std::filesystem::directory_iterator(fixture_path(folder))) {
    std::string name = entry.path().filename().string();
    if (name.rfind(id + "_", 0) == 0) return folder + "/" + name;
  }
  throw std::runtime_error("no fixture " + id + " under " + folder);
}

std::vector<RealReport> pingtan_reports() {
  std::vector<RealReport> reports;
  for (auto [year, month, id] : {std::tuple{2019, "202001", "80576"}, std::tuple{2023, "202403", "87885"},
                                 std::tuple{2024, "202503", "97791"}, std::tuple{2025, "202603", "105587"}}) {
    std::string dir = pingtan_dir(month, id);
    reports.push_back({year, dir + "/page.html", dir + "/page.expected.json"});
  }
  return reports;
}

const RealReport kFushun{2021, "seed/fushun-amr-2021.txt", "seed/fushun-amr-2021.expected.json"};

// Runs test setup SQL (the registry is another command's job).
void exec(Session& db, const std::string& sql) { execute(db, sql, "test setup"); }

int64_t report_id_of(Session& db, const std::string& agency, int year) {
  Statement query(db, "SELECT id FROM reports WHERE agency = ?1 AND report_year = ?2", "test");
  query.bind(1, agency).bind(2, year);
  int64_t id = query.step() ? query.column_int64(0) : 0;
  if (id == 0) throw std::runtime_error("no stored report of " + agency + " " + std::to_string(year));
  return id;
}

// Every test runs on an SQLite file and on a PostgreSQL database.
class CompareRows : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    NIANBAO_REQUIRE_BACKEND(GetParam());
    database_ = std::make_unique<testing::BackendDatabase>(GetParam());
    {
      Database database(database_->target());
      std::vector<RealReport> all = pingtan_reports();
      all.push_back(kFushun);
      for (const RealReport& report : all) {
        std::string bytes = read_fixture(report.document);
        database.ingest(bytes, report.document, extract_document({bytes, report.document, ""}));
      }
    }
    connection_ = std::make_unique<Connection>(database_->target(), OpenMode::existing);
    session_ = &connection_->handle();
    exec(*session_,
         "INSERT INTO agencies (id, name, name_key, region_code, level) VALUES "
         "(7, '平潭综合实验区管理委员会', '平潭综合实验区管理委员会', '350128', 'county'), "
         "(9, '抚顺市市场监督管理局', '抚顺市市场监督管理局', '210400', 'city');"
         "INSERT INTO agency_aliases (agency_id, alias, name_key) VALUES (7, '平潭实验区', '平潭实验区');"
         "UPDATE reports SET agency_id = 7, agency_match = 'exact' WHERE agency = '平潭综合实验区';"
         "UPDATE reports SET agency_id = 9, agency_match = 'exact' WHERE agency = '抚顺市市场监督管理局';");
  }
  void TearDown() override {
    session_ = nullptr;
    connection_.reset();
  }

  CompareResult compare(std::vector<std::string> agencies, std::vector<std::string> keys = {},
                        std::optional<int> first = std::nullopt, std::optional<int> last = std::nullopt) {
    return read_compare_rows(*session_, {std::move(agencies), first, last, std::move(keys)});
  }

  int64_t pingtan(int year) { return report_id_of(*session_, "平潭综合实验区", year); }

  std::unique_ptr<testing::BackendDatabase> database_;
  std::unique_ptr<Connection> connection_;
  Session* session_ = nullptr;
};

std::vector<int> years_of(const CompareResult& result, size_t agency_index) {
  std::vector<int> years;
  for (const ComparedReport& report : result.reports) {
    if (report.agency_index == agency_index) years.push_back(report.year);
  }
  return years;
}

size_t column_of(const CompareResult& result, size_t agency_index, int year) {
  for (size_t r = 0; r < result.reports.size(); ++r) {
    if (result.reports[r].agency_index == agency_index && result.reports[r].year == year) return r;
  }
  throw std::runtime_error("no column for year " + std::to_string(year));
}

TEST_P(CompareRows, AnAgencyIsFoundByIdCanonicalNameAliasOrPrintedName) {
  for (std::string query : {"7", "平潭综合实验区管理委员会", "平潭实验区", "平潭综合实验区"}) {
    SCOPED_TRACE(query);
    CompareResult result = compare({query});
    ASSERT_EQ(result.agencies.size(), 1u);
    EXPECT_EQ(years_of(result, 0), (std::vector<int>{2019, 2023, 2024, 2025}));
    EXPECT_EQ(result.reports[0].report_id, pingtan(2019));
  }
  EXPECT_EQ(compare({"7"}).agencies[0].name, "平潭综合实验区管理委员会");
  EXPECT_EQ(compare({"7"}).agencies[0].agency_id, 7);
  EXPECT_EQ(compare({"平潭实验区"}).agencies[0].agency_id, 7);
  EXPECT_FALSE(compare({"平潭综合实验区"}).agencies[0].agency_id.has_value());
}

TEST_P(CompareRows, AnAgencyThatMatchesNothingOrSeveralIsNamedInTheError) {
  try {
    compare({"平潭综合实验区管委会"});
    FAIL() << "no AgencyNotFound";
  } catch (const AgencyNotFound& error) {
    EXPECT_NE(std::string(error.what()).find("'平潭综合实验区管委会'"), std::string::npos) << error.what();
  }
  exec(*session_, "INSERT INTO agency_aliases (agency_id, alias, name_key) VALUES (9, '平潭实验区', '平潭实验区')");
  try {
    compare({"平潭实验区"});
    FAIL() << "no AgencyNotFound for an ambiguous alias";
  } catch (const AgencyNotFound& error) {
    EXPECT_NE(std::string(error.what()).find("7 平潭综合实验区管理委员会, 9 抚顺市市场监督管理局"), std::string::npos)
        << error.what();
  }
}

TEST_P(CompareRows, HeadlineValuesAreTheGoldValuesOfEachReport) {
  CompareResult result = compare({"7", "9"});
  EXPECT_EQ(result.keys, headline_keys());
  std::vector<std::pair<size_t, RealReport>> expected;
  for (const RealReport& report : pingtan_reports()) expected.push_back({0, report});
  expected.push_back({1, kFushun});
  for (const auto& [agency, report] : expected) {
    nlohmann::json gold = read_gold(report.gold);
    size_t column = column_of(result, agency, report.year);
    EXPECT_EQ(result.reports[column].source, report.document);
    for (const std::string& key : headline_keys()) {
      SCOPED_TRACE(report.document + " " + key);
      const ComparedCell* cell = result.cell(column, key);
      ASSERT_NE(cell, nullptr);
      EXPECT_EQ(cell->value, gold["cells"][key].get<double>());
      EXPECT_EQ(cell->printed, cell->value);
      EXPECT_FALSE(cell->is_corrected || cell->is_derived || cell->summed);
    }
  }
}

TEST_P(CompareRows, The2021OtherRowIsTheSumOfItsThreeSubRowsAndThe2019RowIsPrinted) {
  std::vector<std::string> other_keys;
  for (const std::string& column : table3_columns()) other_keys.push_back("t3.result.other." + column);
  CompareResult result = compare({"7"}, other_keys, 2019, 2023);
  EXPECT_EQ(result.keys, other_keys);
  nlohmann::json gold2019 = read_gold(pingtan_reports()[0].gold);
  nlohmann::json gold2023 = read_gold(pingtan_reports()[1].gold);
  for (const std::string& column : table3_columns()) {
    SCOPED_TRACE(column);
    const ComparedCell* printed = result.cell(column_of(result, 0, 2019), "t3.result.other." + column);
    ASSERT_NE(printed, nullptr);
    EXPECT_EQ(printed->value, gold2019["cells"]["t3.result.other." + column].get<double>());
    EXPECT_FALSE(printed->summed);
    double sum = 0;
    for (const char* part : {"no_correction", "fee_unpaid", "misc"}) {
      sum += gold2023["cells"]["t3.result.other." + std::string(part) + "." + column].get<double>();
    }
    const ComparedCell* summed = result.cell(column_of(result, 0, 2023), "t3.result.other." + column);
    ASSERT_NE(summed, nullptr);
    EXPECT_EQ(summed->value, sum);
    EXPECT_TRUE(summed->summed && summed->is_derived);
    EXPECT_FALSE(summed->printed.has_value());
  }
}

TEST_P(CompareRows, TheLatestCorrectionIsInForceAndASummedCellCarriesItsSubRowsCorrection) {
  nlohmann::json gold2024 = read_gold(pingtan_reports()[2].gold);
  nlohmann::json gold2023 = read_gold(pingtan_reports()[1].gold);
  double printed = gold2024["cells"]["t3.new_received.total"].get<double>();
  std::string id2024 = std::to_string(pingtan(2024)), id2023 = std::to_string(pingtan(2023));
  exec(*session_, "INSERT INTO corrections (report_id, key, value, reason, corrected_by) VALUES "
            "(" + id2024 + ", 't3.new_received.total', " + std::to_string(printed + 5) + ", 'first look', 'a'), "
            "(" + id2024 + ", 't3.new_received.total', " + std::to_string(printed + 1) + ", 'second look', 'b'), "
            "(" + id2024 + ", 't4.review.total', NULL, 'not in the document', 'b'), "
            "(" + id2023 + ", 't3.result.other.misc.total', 10, 'typo', 'c')");
  CompareResult result = compare({"7"}, {"t3.new_received.total", "t4.review.total", "t3.result.other.total"});
  const ComparedCell* corrected = result.cell(column_of(result, 0, 2024), "t3.new_received.total");
  ASSERT_NE(corrected, nullptr);
  EXPECT_TRUE(corrected->is_corrected);
  EXPECT_EQ(corrected->value, printed + 1);
  EXPECT_EQ(corrected->printed, printed);
  EXPECT_EQ(corrected->correction_reason, "second look");
  const ComparedCell* blanked = result.cell(column_of(result, 0, 2024), "t4.review.total");
  ASSERT_NE(blanked, nullptr);
  EXPECT_TRUE(blanked->is_corrected);
  EXPECT_FALSE(blanked->value.has_value());
  const ComparedCell* summed = result.cell(column_of(result, 0, 2023), "t3.result.other.total");
  ASSERT_NE(summed, nullptr);
  EXPECT_TRUE(summed->is_corrected);
  EXPECT_EQ(summed->value, gold2023["cells"]["t3.result.other.no_correction.total"].get<double>() +
                               gold2023["cells"]["t3.result.other.fee_unpaid.total"].get<double>() + 10);
  const ComparedCell* untouched = result.cell(column_of(result, 0, 2023), "t3.new_received.total");
  ASSERT_NE(untouched, nullptr);
  EXPECT_FALSE(untouched->is_corrected);
}

TEST_P(CompareRows, AFindingMarksEveryCellItNamesAndNoOther) {
  exec(*session_, "INSERT INTO findings (report_id, ordinal, rule, severity, message, cells, origin) VALUES (" +
                std::to_string(pingtan(2025)) +
                ", 100, 'T3-6', 'warning', '上年结转 ≠ 上年结转下年度', "
                "'[\"t3.carried_over.total\", \"t3.carry_forward.total\"]', 'cross_report')");
  CompareResult result = compare({"7"});
  size_t column = column_of(result, 0, 2025);
  for (const std::string& key : headline_keys()) {
    SCOPED_TRACE(key);
    const ComparedCell* cell = result.cell(column, key);
    ASSERT_NE(cell, nullptr);
    bool named = key == "t3.carried_over.total" || key == "t3.carry_forward.total";
    ASSERT_EQ(cell->findings.size(), named ? 1u : 0u);
    if (named) {
      EXPECT_EQ(cell->findings[0].rule, "T3-6");
      EXPECT_EQ(cell->findings[0].severity, Severity::warning);
    }
  }
  EXPECT_TRUE(result.cell(column_of(result, 0, 2024), "t3.carried_over.total")->findings.empty());
}

TEST_P(CompareRows, OnlyPrimaryCopiesWithinTheYearsAreColumnsAndASecondPrimaryIsOmitted) {
  exec(*session_, "UPDATE reports SET copy_of = " + std::to_string(pingtan(2023)) + " WHERE id = " +
                std::to_string(pingtan(2024)));
  EXPECT_EQ(years_of(compare({"7"}), 0), (std::vector<int>{2019, 2023, 2025}));
  EXPECT_EQ(years_of(compare({"7"}, {}, 2020, 2025), 0), (std::vector<int>{2023, 2025}));
  EXPECT_EQ(years_of(compare({"7"}, {}, 2025, 2025), 0), (std::vector<int>{2025}));

  exec(*session_, "UPDATE reports SET agency_id = 7, report_year = 2025 WHERE agency = '抚顺市市场监督管理局'");
  CompareResult result = compare({"7"});
  EXPECT_EQ(result.reports[column_of(result, 0, 2025)].report_id, pingtan(2025));
  ASSERT_EQ(result.omitted.size(), 1u);
  EXPECT_EQ(result.omitted[0].report_id, report_id_of(*session_, "抚顺市市场监督管理局", 2025));
}

TEST_P(CompareRows, GlobPatternsChooseKeysInOfficialTableOrder) {
  EXPECT_EQ(compare({"9"}, {"t4.*"}).keys, table4_keys());
  CompareResult both = compare({"9"}, {"t4.review.*", "t2.*.decisions"});
  EXPECT_EQ(both.keys, (std::vector<std::string>{"t2.license.decisions", "t2.penalty.decisions", "t2.coercion.decisions",
                                                 "t4.review.upheld", "t4.review.corrected", "t4.review.other",
                                                 "t4.review.pending", "t4.review.total"}));
  EXPECT_TRUE(compare({"9"}, {"nothing.*"}).reports.empty());
}

TEST(CompareKeyOrder, HoldsEveryKeyOfBothFormatsOnceInTableOrder) {
  const std::vector<std::string>& order = catalog_key_order();
  std::set<std::string> expected;
  for (Format format : {Format::f2019, Format::f2021}) {
    for (const std::string& key : all_keys(format)) expected.insert(key);
  }
  EXPECT_EQ(std::set<std::string>(order.begin(), order.end()), expected);
  EXPECT_EQ(order.size(), expected.size());
  auto at = [&](const std::string& key) { return std::find(order.begin(), order.end(), key) - order.begin(); };
  EXPECT_LT(at("t2.license.decisions"), at("t2.other_service.prev_items"));
  EXPECT_LT(at("t2.other_service.decisions"), at("t2.penalty.prev_items"));
  EXPECT_LT(at("t2.procurement.amount"), at("t3.new_received.natural_person"));
  EXPECT_LT(at("t3.result.not_processed.confirm_reissue.total"), at("t3.result.other.natural_person"));
  EXPECT_LT(at("t3.result.other.total"), at("t3.result.other.no_correction.natural_person"));
  EXPECT_LT(at("t3.result.other.misc.total"), at("t3.result.total.natural_person"));
  EXPECT_LT(at("t3.carry_forward.total"), at("t4.review.upheld"));
}

INSTANTIATE_TEST_SUITE_P(Backends, CompareRows, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
