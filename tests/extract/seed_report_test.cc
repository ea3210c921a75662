// The foundation acceptance test: the seed report (a traditional-character mirror copy with pinyin
// noise and broken rows) extracts to exactly its 200 expected cells, metadata, and no error finding.
#include <gtest/gtest.h>

#include "extract/model/key_catalog.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

using testing::compare_with_gold;
using testing::extract_fixture;
using testing::read_gold;

TEST(SeedReport, ExtractsEveryExpectedCell) {
  Report report = extract_fixture("seed/fushun-amr-2021.txt");
  nlohmann::json gold = read_gold("seed/fushun-amr-2021.expected.json");
  std::vector<std::string> differences = compare_with_gold(report, gold);
  for (const std::string& difference : differences) ADD_FAILURE() << difference;
  EXPECT_EQ(report.cells.size(), 200u);
  EXPECT_EQ(gold.at("cells").size(), 200u);
}

TEST(SeedReport, MetadataComesFromTheText) {
  Report report = extract_fixture("seed/fushun-amr-2021.txt");
  EXPECT_EQ(report.agency, "抚顺市市场监督管理局");
  EXPECT_EQ(report.report_year, 2021);
  EXPECT_EQ(report.format, Format::f2021);
  EXPECT_EQ(report.scope, Scope::own_organ);
}

TEST(SeedReport, NoErrorFindingsAndEveryIdentityAssessed) {
  Report report = extract_fixture("seed/fushun-amr-2021.txt");
  EXPECT_EQ(report.count_findings(Severity::error), 0);
  ASSERT_TRUE(report.checks.count("T3-1"));
  EXPECT_EQ(report.checks.at("T3-1").passed, 7);
  EXPECT_EQ(report.checks.at("T3-1").not_assessable, 0);
  EXPECT_EQ(report.checks.at("T4-1").passed, 3);
  EXPECT_EQ(report.checks.at("T3-3").passed, 25);
}

TEST(SeedReport, BrokenRowsAreJoinedAndCellsPointAtTheirSource) {
  Report report = extract_fixture("seed/fushun-amr-2021.txt");
  std::string bytes = testing::read_fixture("seed/fushun-amr-2021.txt");
  // The 总计 of the first （六） sub-row is printed at the start of the next line.
  const Cell& total = report.cells.at("t3.result.other.no_correction.total");
  ASSERT_TRUE(total.value.has_value());
  EXPECT_EQ(total.value->value, 0);
  ASSERT_GE(total.at.byte_offset, 0);
  EXPECT_EQ(bytes[static_cast<size_t>(total.at.byte_offset)], '0');
  EXPECT_EQ(bytes[static_cast<size_t>(total.at.byte_offset) - 1], '\n');
  // 行政许可 3948 points at the bytes "3948" in the original document.
  const Cell& license = report.cells.at("t2.license.decisions");
  EXPECT_EQ(bytes.substr(static_cast<size_t>(license.at.byte_offset), 4), "3948");
  EXPECT_EQ(license.raw, "3948");
}

}  // namespace
}  // namespace nianbao
