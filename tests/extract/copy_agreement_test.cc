// Rule X3 on real copies of the 平潭 2023 report: the HTML page against a text copy that differs in
// one cell, against the archive's text dump (no table cells), and against itself.
#include "extract/validate/copy_agreement.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/support/gold.h"

namespace nianbao {
namespace {

const std::string kFolder =
    "real/pingtan-archive/zfxxgknb/202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/";
const std::string kHtml = kFolder + "page.html";
const std::string kTextDump = kFolder + "page.txt";
const std::string kTextCopy = "copies/pingtan-2023-text-copy.txt";  // 行政许可 2692 for 2629

nlohmann::json gold_cells() { return testing::read_gold(kFolder + "page.expected.json").at("cells"); }

TEST(CopyAgreement, TheOneChangedCellIsTheOneDisagreement) {
  Report primary = testing::extract_fixture(kHtml);
  Report copy = testing::extract_fixture(kTextCopy);
  CopyAgreement agreement = check_copy_agreement(primary, kHtml, copy, kTextCopy);

  ASSERT_EQ(agreement.findings.size(), 1u);
  const Finding& finding = agreement.findings.front();
  EXPECT_EQ(finding.rule, "X3");
  EXPECT_EQ(finding.severity, Severity::warning);
  EXPECT_EQ(finding.cells, std::vector<std::string>{"t2.license.decisions"});
  EXPECT_EQ(finding.actual, (Number{gold_cells().at("t2.license.decisions").get<double>(), true}));
  EXPECT_EQ(finding.expected, copy.cells.at("t2.license.decisions").value);
  EXPECT_NE(finding.expected, finding.actual);
  EXPECT_NE(finding.message.find(kHtml), std::string::npos) << finding.message;
  EXPECT_NE(finding.message.find(kTextCopy), std::string::npos) << finding.message;
  int keys = static_cast<int>(gold_cells().size());
  EXPECT_EQ(agreement.tally.passed, keys - 1);
  EXPECT_EQ(agreement.tally.failed, 1);
  EXPECT_EQ(agreement.tally.not_assessable, 0);
}

// The archive's page.txt runs the table digits together: the flat reader recovers most cells (all
// agreeing with the HTML page), the few whose split stays ambiguous are null there, and a key
// stated in only one copy is not assessable, never a disagreement.
TEST(CopyAgreement, KeysStatedInOnlyOneCopyAreNotDisagreements) {
  Report primary = testing::extract_fixture(kHtml);
  Report dump = testing::extract_fixture(kTextDump);
  ASSERT_EQ(dump.report_year, primary.report_year);
  CopyAgreement agreement = check_copy_agreement(primary, kHtml, dump, kTextDump);
  EXPECT_TRUE(agreement.findings.empty());
  EXPECT_EQ(agreement.tally.passed + agreement.tally.not_assessable, static_cast<int>(gold_cells().size()));
  EXPECT_GT(agreement.tally.not_assessable, 0);
  EXPECT_GT(agreement.tally.passed, 0);
}

TEST(CopyAgreement, BlankCellsAndExtraRowsAreNotCompared) {
  Report primary = testing::extract_fixture(kHtml);
  Report copy = testing::extract_fixture(kTextCopy);
  copy.cells.at("t2.license.decisions").value.reset();
  copy.cells.at("t2.license.decisions").raw = "—";
  primary.cells["extra.t2.other_docs"].value = Number{3, true};
  copy.cells["extra.t2.other_docs"].value = Number{4, true};
  CopyAgreement agreement = check_copy_agreement(primary, kHtml, copy, kTextCopy);
  EXPECT_TRUE(agreement.findings.empty());
  EXPECT_EQ(agreement.tally.not_assessable, 1);
  EXPECT_EQ(agreement.tally.passed, static_cast<int>(gold_cells().size()) - 1);
}

TEST(CopyAgreement, MoneyIsComparedWithItsDecimals) {
  Report primary = testing::extract_fixture(kHtml);
  Report rounded = primary;
  double fee = gold_cells().at("t2.fee.amount_wan").get<double>();  // 5949.088667 万元
  rounded.cells.at("t2.fee.amount_wan").value = Number{std::round(fee * 100) / 100, false};
  CopyAgreement agreement = check_copy_agreement(primary, "html", rounded, "pdf");
  ASSERT_EQ(agreement.findings.size(), 1u);
  EXPECT_EQ(agreement.findings.front().cells, std::vector<std::string>{"t2.fee.amount_wan"});
  EXPECT_DOUBLE_EQ(agreement.findings.front().actual->value, fee);
  EXPECT_FALSE(agreement.findings.front().actual->integral);
}

}  // namespace
}  // namespace nianbao
