// Acceptance of issue 2 on the two reports derived from the seed (2019 and 2021 layouts with renamed
// rows, placeholders, blanks, a broken row and planted arithmetic errors): exact cells and findings.
#include <gtest/gtest.h>

#include <algorithm>

#include "extract/model/key_catalog.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using testing::compare_with_gold;
using testing::extract_fixture;
using testing::read_gold;

void expect_matches_gold(const std::string& fixture, const std::string& gold_file, size_t key_count) {
  Report report = extract_fixture(fixture);
  nlohmann::json gold = read_gold(gold_file);
  for (const std::string& difference : compare_with_gold(report, gold)) ADD_FAILURE() << fixture << ": " << difference;
  EXPECT_EQ(gold.at("cells").size(), key_count);
  // Every canonical key of the format is there, and nothing else except extra.* rows.
  size_t standard = static_cast<size_t>(std::count_if(report.cells.begin(), report.cells.end(), [](const auto& entry) {
    return entry.first.rfind("extra.", 0) != 0;
  }));
  EXPECT_EQ(standard, key_count) << fixture;
  EXPECT_EQ(report.agency, gold.at("agency").get<std::string>()) << fixture;
  EXPECT_STREQ(to_string(report.scope), gold.at("scope").get<std::string>().c_str()) << fixture;
}

TEST(DerivedReports, F2021MatchesItsGold) {
  expect_matches_gold("derived/f2021-pipe.txt", "derived/f2021-pipe.expected.json", 200);
}

TEST(DerivedReports, F2019MatchesItsGold) {
  expect_matches_gold("derived/f2019-pipe.txt", "derived/f2019-pipe.expected.json", 198);
}

TEST(DerivedReports, F2021RaisesExactlyThePlantedErrors) {
  Report report = extract_fixture("derived/f2021-pipe.txt");
  EXPECT_EQ(report.count_findings(Severity::error), 3);
  std::vector<std::string> rules;
  for (const Finding& finding : report.findings) {
    if (finding.severity == Severity::error) rules.push_back(finding.rule);
  }
  std::sort(rules.begin(), rules.end());
  EXPECT_EQ(rules, (std::vector<std::string>{"T3-2", "T3-3", "T4-1"}));
}

TEST(DerivedReports, F2019RaisesExactlyThePlantedErrors) {
  Report report = extract_fixture("derived/f2019-pipe.txt");
  EXPECT_EQ(report.count_findings(Severity::error), 2);
  std::vector<std::string> rules;
  for (const Finding& finding : report.findings) {
    if (finding.severity == Severity::error) rules.push_back(finding.rule);
  }
  std::sort(rules.begin(), rules.end());
  EXPECT_EQ(rules, (std::vector<std::string>{"T3-3", "T4-1"}));
}

TEST(DerivedReports, PlaceholdersAndBlanksStayNullAndMakeRulesNotAssessable) {
  Report report = extract_fixture("derived/f2019-pipe.txt");
  // 不予公开 3 prints '-' as its 总计: null, flagged as a placeholder, never 0.
  const Cell& dash = report.cells.at("t3.result.denied.security_stability.total");
  EXPECT_FALSE(dash.value.has_value());
  EXPECT_TRUE(dash.has_flag("null_token"));
  EXPECT_EQ(dash.raw, "-");
  // A blank cell is null and flagged blank.
  const Cell& blank = report.cells.at("t3.result.denied.state_secret.social_welfare");
  EXPECT_FALSE(blank.value.has_value());
  EXPECT_TRUE(blank.has_flag("blank"));
  // T4-1 for 未经复议直接起诉 (其他结果 '-') cannot be assessed; the other two groups are.
  ASSERT_TRUE(report.checks.count("T4-1"));
  EXPECT_EQ(report.checks.at("T4-1").not_assessable, 1);
  EXPECT_EQ(report.checks.at("T4-1").passed, 1);
  EXPECT_EQ(report.checks.at("T4-1").failed, 1);
  // T3-2: the 社会公益组织 and 总计 columns hold a placeholder or blank; the other five are assessed.
  ASSERT_TRUE(report.checks.count("T3-2"));
  EXPECT_EQ(report.checks.at("T3-2").not_assessable, 2);
  EXPECT_EQ(report.checks.at("T3-2").passed, 5);
  EXPECT_EQ(report.checks.at("T3-2").failed, 0);
}

TEST(DerivedReports, BrokenRowsAreRejoined) {
  Report f2019 = extract_fixture("derived/f2019-pipe.txt");
  ASSERT_TRUE(f2019.cells.at("t3.new_received.social_welfare").value.has_value());
  EXPECT_EQ(f2019.cells.at("t3.new_received.social_welfare").value->value, 0);
  ASSERT_TRUE(f2019.cells.at("t3.new_received.total").value.has_value());
  EXPECT_EQ(f2019.cells.at("t3.new_received.total").value->value, 141);
  Report f2021 = extract_fixture("derived/f2021-pipe.txt");
  ASSERT_TRUE(f2021.cells.at("t3.result.not_processed.duplicate.total").value.has_value());
  EXPECT_EQ(f2021.cells.at("t3.result.not_processed.duplicate.total").value->value, 3);
}

TEST(DerivedReports, MoneyAndSignedCellsKeepTheirPrintedForm) {
  Report f2019 = extract_fixture("derived/f2019-pipe.txt");
  const Cell& amount = f2019.cells.at("t2.procurement.amount");
  ASSERT_TRUE(amount.value.has_value());
  EXPECT_DOUBLE_EQ(amount.value->value, 75394432.52);
  EXPECT_FALSE(amount.value->integral);
  EXPECT_TRUE(amount.has_flag("unit_stripped"));
  EXPECT_TRUE(f2019.cells.at("t2.license.delta_items").has_flag("plus_sign"));
  EXPECT_TRUE(f2019.cells.at("t2.license.decisions").has_flag("thousands_separator"));
  Report f2021 = extract_fixture("derived/f2021-pipe.txt");
  ASSERT_TRUE(f2021.cells.at("t2.fee.amount_wan").value.has_value());
  EXPECT_DOUBLE_EQ(f2021.cells.at("t2.fee.amount_wan").value->value, 12.5634);
}

}  // namespace
}  // namespace nianbao
