// refresh_cross_year_findings on the 平潭 reports as stored (HTML 2019, 2023–2025, the text dumps of
// 2020 and 2022, a text copy of 2023): T2-2 and T3-6 land on the later report exactly as the gold
// numbers say, dumps without cells are not assessable, copies are skipped, reruns change nothing.
#include "store/cross_year_findings.h"

#include <gtest/gtest.h>

#include "extract/model/key_catalog.h"
#include "store/database.h"
#include "store/report_copies.h"
#include "store/statement.h"
#include "store/transaction.h"
#include "linked_agency_store.h"
#include "store_test_support.h"
#include "tests/support/backend_database.h"
#include "tests/support/gold.h"

namespace nianbao::store {
namespace {

using testing::Backend;

const std::string kArchive = "real/pingtan-archive/zfxxgknb/";

std::string folder(int year) {
  static const std::map<int, std::string> folders = {
      {2019, "202001/80576_平潭综合实验区2019年度政府信息公开工作年度报告/"},
      {2020, "202103/80595_平潭综合实验区2020年度政府信息公开工作年度报告/"},
      {2022, "202302/80629_平潭综合实验区2022年度政府信息公开工作年度报告/"},
      {2023, "202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/"},
      {2024, "202503/97791_平潭综合实验区2024年度政府信息公开工作年度报告/"},
      {2025, "202603/105587_平潭综合实验区2025年度政府信息公开工作年度报告/"},
  };
  return kArchive + folders.at(year);
}

double gold(int year, const std::string& key) {
  return testing::read_gold(folder(year) + "page.expected.json").at("cells").at(key).get<double>();
}

// The archive as a linker would leave it: every report linked to one agency, copies resolved; on
// either backend.
class ArchiveStore : public store_test::LinkedAgencyStore {
 public:
  explicit ArchiveStore(Backend backend) : LinkedAgencyStore(backend) {
    for (int year : {2019, 2023, 2024, 2025}) report_[year] = add(folder(year) + "page.html");
    for (int year : {2020, 2022}) report_[year] = add(folder(year) + "page.txt");  // table digits run together
    text_copy_2023_ = add("copies/pingtan-2023-text-copy.txt");
    Transaction transaction(handle(), "resolving copies");
    refresh_report_copies(handle(), agency_id());
    transaction.commit();
  }

  void refresh() {
    Transaction transaction(handle(), "refreshing the cross-year findings");
    refresh_cross_year_findings(handle(), agency_id());
    transaction.commit();
  }

  int64_t report(int year) const { return report_.at(year); }
  int64_t text_copy_2023() const { return text_copy_2023_; }

  // The tally of `rule` on the report of `year`: "passed/failed/not_assessable", "" when none.
  std::string tally(int year, const std::string& rule) const {
    return text("SELECT passed || '/' || failed || '/' || not_assessable FROM checks WHERE rule = '" + rule +
                "' AND report_id = " + std::to_string(report(year)));
  }

  std::string snapshot() const { return LinkedAgencyStore::snapshot(false); }

 private:
  std::map<int, int64_t> report_;
  int64_t text_copy_2023_ = 0;
};

class CrossYearFindings : public ::testing::TestWithParam<Backend> {};

int agreeing_carry_columns(int previous_year, int year) {
  int agreeing = 0;
  for (const std::string& column : table3_columns()) {
    agreeing += gold(year, "t3.carried_over." + column) == gold(previous_year, "t3.carry_forward." + column);
  }
  return agreeing;
}

TEST_P(CrossYearFindings, InForceAndCarryOverOf2024And2025AreCheckedAsTheGoldSays) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  ArchiveStore store(GetParam());
  store.refresh();
  for (int year : {2024, 2025}) {
    SCOPED_TRACE(year);
    double implied = gold(year - 1, "t2.normative_doc.in_force") + gold(year, "t2.normative_doc.issued") -
                     gold(year, "t2.normative_doc.repealed");
    double stated = gold(year, "t2.normative_doc.in_force");
    bool regulation_holds = gold(year, "t2.regulation.in_force") == gold(year - 1, "t2.regulation.in_force") +
                                                                        gold(year, "t2.regulation.issued") -
                                                                        gold(year, "t2.regulation.repealed");
    ASSERT_NE(implied, stated);
    ASSERT_TRUE(regulation_holds);
    EXPECT_EQ(store.tally(year, "T2-2"), "1/1/0");
    std::string t22 = "FROM findings WHERE rule = 'T2-2' AND report_id = " + std::to_string(store.report(year));
    ASSERT_EQ(store.count("SELECT count(*) " + t22), 1);
    EXPECT_EQ(store.text("SELECT cells " + t22),
              R"(["t2.normative_doc.in_force","t2.normative_doc.issued","t2.normative_doc.repealed"])");
    EXPECT_EQ(std::stod(store.text("SELECT expected " + t22)), implied);
    EXPECT_EQ(std::stod(store.text("SELECT actual " + t22)), stated);
    EXPECT_EQ(store.text("SELECT origin " + t22), "cross_report");
    EXPECT_EQ(store.text("SELECT severity " + t22), "warning");
    std::string message = store.text("SELECT message " + t22);
    EXPECT_NE(message.find(std::to_string(year - 1)), std::string::npos) << message;
    EXPECT_NE(message.find(std::to_string(year)), std::string::npos) << message;

    int agreeing = agreeing_carry_columns(year - 1, year);
    EXPECT_EQ(store.tally(year, "T3-6"), std::to_string(agreeing) + "/" + std::to_string(7 - agreeing) + "/0");
    EXPECT_EQ(store.count("SELECT count(*) FROM findings WHERE rule = 'T3-6' AND report_id = " +
                          std::to_string(store.report(year))),
              7 - agreeing);
    EXPECT_EQ(store.tally(year, "T2-5"), "");
  }
}

// 2020 and 2022 are text dumps whose table digits run together: stored without cells, so the
// pairs 2019→2020 and 2022→2023 are counted as not assessable and raise nothing.
// The 2020 and 2022 reports are the archive's run-together text dumps: the flat reader recovers
// most of their cells, so the pairs they are in are mostly assessable (and hold).
TEST_P(CrossYearFindings, PairsWithARecoveredTextDumpAreAssessable) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  ArchiveStore store(GetParam());
  ASSERT_GT(store.count("SELECT count(*) FROM cells WHERE value IS NOT NULL AND report_id = " +
                        std::to_string(store.report(2020))),
            150);
  store.refresh();
  EXPECT_EQ(store.tally(2020, "T2-5"), "2/0/3");
  EXPECT_EQ(store.tally(2020, "T3-6"), "7/0/0");
  EXPECT_EQ(store.tally(2023, "T2-2"), "1/0/1");
  EXPECT_EQ(store.tally(2023, "T3-6"), "7/0/0");
}

// A report without cells (here: the dumps' cells removed) leaves its pairs not assessable.
TEST_P(CrossYearFindings, PairsWithAReportWithoutCellsAreNotAssessable) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  ArchiveStore store(GetParam());
  execute(store.handle(),
          "DELETE FROM cells WHERE report_id IN (" + std::to_string(store.report(2020)) + ", " +
              std::to_string(store.report(2022)) + ")",
          "test setup");
  ASSERT_EQ(store.count("SELECT count(*) FROM cells WHERE report_id = " + std::to_string(store.report(2020))), 0);
  store.refresh();
  EXPECT_EQ(store.tally(2020, "T2-5"), "0/0/5");
  EXPECT_EQ(store.tally(2020, "T3-6"), "0/0/7");
  EXPECT_EQ(store.tally(2023, "T2-2"), "0/0/2");
  EXPECT_EQ(store.tally(2023, "T3-6"), "0/0/7");
  for (int year : {2020, 2023}) {
    EXPECT_EQ(store.count("SELECT count(*) FROM findings WHERE rule IN ('T2-2', 'T2-5', 'T3-6') AND report_id = " +
                          std::to_string(store.report(year))),
              0);
  }
  // No 2018 and no 2021 report: 2019 and 2022 have no previous year.
  for (int year : {2019, 2022}) {
    EXPECT_EQ(store.count("SELECT count(*) FROM checks WHERE rule IN ('T2-2', 'T2-5', 'T3-6') AND report_id = " +
                          std::to_string(store.report(year))),
              0);
  }
}

TEST_P(CrossYearFindings, CopiesAreNotChecked) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  ArchiveStore store(GetParam());
  ASSERT_EQ(store.text("SELECT copy_of FROM reports WHERE id = " + std::to_string(store.text_copy_2023())),
            std::to_string(store.report(2023)));
  store.refresh();
  EXPECT_EQ(store.count("SELECT count(*) FROM checks WHERE report_id = " + std::to_string(store.text_copy_2023()) +
                        " AND rule IN ('T2-2', 'T2-5', 'T3-6')"),
            0);
  // 2024 is checked once, against the primary 2023 report.
  EXPECT_EQ(store.count("SELECT count(*) FROM findings WHERE rule = 'T2-2' AND report_id = " +
                        std::to_string(store.report(2024))),
            1);
}

TEST_P(CrossYearFindings, RefreshingAgainWritesTheSameRowsAndDropsStaleOnes) {
  NIANBAO_REQUIRE_BACKEND(GetParam());
  ArchiveStore store(GetParam());
  execute(store.handle(),
          "INSERT INTO findings (report_id, ordinal, rule, severity, message, cells, origin) VALUES (" +
              std::to_string(store.report(2019)) + ", 99, 'T3-6', 'warning', 'stale', '[]', 'cross_report')",
          "test setup");
  execute(store.handle(),
          "INSERT INTO checks (report_id, rule, passed, failed, not_assessable) VALUES (" +
              std::to_string(store.report(2019)) + ", 'T3-6', 0, 1, 0)",
          "test setup");
  int64_t extract_findings = store.count("SELECT count(*) FROM findings WHERE origin = 'extract'");
  store.refresh();
  EXPECT_EQ(store.count("SELECT count(*) FROM findings WHERE message = 'stale'"), 0);
  EXPECT_EQ(store.tally(2019, "T3-6"), "");
  EXPECT_EQ(store.count("SELECT count(*) FROM findings WHERE origin = 'extract'"), extract_findings);
  std::string first = store.snapshot();
  store.refresh();
  EXPECT_EQ(store.snapshot(), first);
}

INSTANTIATE_TEST_SUITE_P(Backends, CrossYearFindings, NIANBAO_BOTH_BACKENDS);

}  // namespace
}  // namespace nianbao::store
