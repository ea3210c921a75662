// Acceptance for the PDF reader: the verified corpus PDFs (洪泽区 2023/2024, 淮安市 2024) extract to
// exactly their gold cells, year, format and findings; cells carry their page and bounding box.
#include <gtest/gtest.h>

#include "tests/support/gold.h"

namespace nianbao {
namespace {

using testing::compare_with_gold;
using testing::extract_fixture;
using testing::read_gold;

void expect_matches_gold(const std::string& document, const std::string& gold_file, size_t cell_count) {
  Report report = extract_fixture(document);
  nlohmann::json gold = read_gold(gold_file);
  for (const std::string& difference : compare_with_gold(report, gold)) ADD_FAILURE() << document << ": " << difference;
  EXPECT_EQ(gold.at("cells").size(), cell_count);
}

TEST(PdfGold, Hongze2023MatchesEveryCellAndRaisesBothT41Findings) {
  expect_matches_gold("real/kirogovcompare/hongze-district-2023.pdf",
                      "real/kirogovcompare/hongze-district-2023.expected.json", 186);
  Report report = extract_fixture("real/kirogovcompare/hongze-district-2023.pdf");
  int t41 = 0;
  for (const Finding& finding : report.findings) t41 += finding.rule == "T4-1" && finding.severity == Severity::error;
  EXPECT_EQ(t41, 2);
}

TEST(PdfGold, Hongze2024MatchesEveryCell) {
  expect_matches_gold("real/kirogovcompare/hongze-district-2024.pdf",
                      "real/kirogovcompare/hongze-district-2024.expected.json", 186);
}

TEST(PdfGold, Huaian2024TableAcrossPagesMatchesEveryCell) {
  expect_matches_gold("real/govnianbao/huaian-city-2024.pdf", "real/govnianbao/huaian-city-2024.expected.json", 200);
}

TEST(PdfGold, HongzeKeepsTheSingle2019OtherRow) {
  Report report = extract_fixture("real/kirogovcompare/hongze-district-2023.pdf");
  EXPECT_EQ(report.format, Format::f2021);
  EXPECT_TRUE(report.cells.count("t3.result.other.total"));
  EXPECT_FALSE(report.cells.count("t3.result.other.misc.total"));
  EXPECT_EQ(report.cells.at("t3.result.total.total").value->value, 21);
}

TEST(PdfProvenance, CellsPointAtTheirPageAndBox) {
  Report report = extract_fixture("real/kirogovcompare/hongze-district-2023.pdf");
  // 表四 行政复议 结果维持 "10" is printed on page 4 at x 86.2–100.3, y 452.0–466.1 (poppler's box).
  const Cell& upheld = report.cells.at("t4.review.upheld");
  EXPECT_EQ(upheld.value->value, 10);
  EXPECT_EQ(upheld.at.page, 4);
  ASSERT_TRUE(upheld.at.box.has_value());
  EXPECT_NEAR(upheld.at.box->left, 86.2, 0.5);
  EXPECT_NEAR(upheld.at.box->top, 452.0, 0.5);
  EXPECT_NEAR(upheld.at.box->right, 100.3, 0.5);
  EXPECT_NEAR(upheld.at.box->bottom, 466.1, 0.5);
  // 行政许可 550 is on page 2, 表三's first row on page 3.
  EXPECT_EQ(report.cells.at("t2.license.decisions").at.page, 2);
  EXPECT_EQ(report.cells.at("t3.new_received.total").at.page, 3);
}

TEST(PdfProvenance, TableContinuedOnTheNextPageKeepsBothPages) {
  Report report = extract_fixture("real/govnianbao/huaian-city-2024.pdf");
  // 淮安市 表三 breaks inside （四）无法提供: 1. on page 4, 2. on page 5.
  const Cell& not_held = report.cells.at("t3.result.unable.not_held.total");
  const Cell& needs_creation = report.cells.at("t3.result.unable.needs_creation.total");
  EXPECT_EQ(not_held.value->value, 769);
  EXPECT_EQ(not_held.at.page, 4);
  EXPECT_EQ(needs_creation.value->value, 11);
  EXPECT_EQ(needs_creation.at.page, 5);
  ASSERT_TRUE(needs_creation.at.box.has_value());
  EXPECT_LT(needs_creation.at.box->left, needs_creation.at.box->right);
}

TEST(PdfMetadata, YearAndAgencyComeFromTheFirstPage) {
  Report report = extract_fixture("real/govnianbao/huaian-city-2024.pdf");
  EXPECT_EQ(report.report_year, 2024);
  EXPECT_NE(report.text.find("淮安市人民政府"), std::string::npos);
  EXPECT_EQ(report.text.find("-3-"), std::string::npos);  // page numbers are left out of the text
}

}  // namespace
}  // namespace nianbao
