// Recognition on a Word-style HTML page (fixtures/html/split-2019-report.html, built in the manner
// of the 2019 上海 report): 表三 split over two tables, 总计 only on key rows, blanks, 表四 flattened.
#include <gtest/gtest.h>

#include "tests/support/gold.h"

namespace nianbao {
namespace {

class SplitReport : public ::testing::Test {
 protected:
  void SetUp() override { report_ = testing::extract_fixture("html/split-2019-report.html"); }
  const Cell& cell(const std::string& key) {
    auto found = report_.cells.find(key);
    if (found == report_.cells.end()) throw std::runtime_error("no cell " + key);
    return found->second;
  }
  Report report_;
};

TEST_F(SplitReport, MetadataFromTheArticleMetas) {
  EXPECT_EQ(report_.format, Format::f2019);
  EXPECT_EQ(report_.report_year, 2019);
  EXPECT_EQ(report_.agency, "某某市某某局");
  EXPECT_EQ(report_.scope, Scope::own_organ);
  EXPECT_EQ(report_.published, "2020-01-21");
}

TEST_F(SplitReport, EveryStandardCellIsReadOnceFromTheSplitTables) {
  EXPECT_EQ(report_.cells.size(), 198u);
  EXPECT_EQ(cell("t3.new_received.natural_person").value->value, 10);
  EXPECT_EQ(cell("t3.result.unable.not_held.commercial").value->value, 1);
  EXPECT_EQ(cell("t3.carry_forward.total").value->value, 3);
  // The body table is the second grid of 表三 (grid 2): provenance names it.
  EXPECT_EQ(cell("t3.result.total.total").at.table, 2);
}

TEST_F(SplitReport, BlankTotalsAreDerivedAndBlankPartsImputedOnlyAsDerived) {
  const Cell& granted_total = cell("t3.result.granted.total");
  EXPECT_FALSE(granted_total.value.has_value());
  ASSERT_TRUE(granted_total.derived.has_value());
  EXPECT_EQ(granted_total.derived->value, 6);
  EXPECT_TRUE(granted_total.has_flag("derived_total"));
  const Cell& research = cell("t3.result.granted.research");
  EXPECT_FALSE(research.value.has_value());
  ASSERT_TRUE(research.derived.has_value());
  EXPECT_EQ(research.derived->value, 0);
  EXPECT_TRUE(research.has_flag("imputed_zero"));
  // A printed number is never given a derived value.
  EXPECT_FALSE(cell("t3.new_received.total").derived.has_value());
}

TEST_F(SplitReport, Table2NumbersUnitsSignsAndPlaceholders) {
  EXPECT_EQ(cell("t2.procurement.amount").value->value, 251000);
  EXPECT_TRUE(cell("t2.procurement.amount").has_flag("unit_stripped"));
  EXPECT_EQ(cell("t2.license.delta_items").value->value, -2);
  EXPECT_EQ(cell("t2.other_service.delta_items").value->value, 1);
  EXPECT_TRUE(cell("t2.other_service.delta_items").has_flag("plus_sign"));
  EXPECT_FALSE(cell("t2.coercion.delta_items").value.has_value());
  EXPECT_TRUE(cell("t2.coercion.delta_items").has_flag("null_token"));
  EXPECT_EQ(cell("t2.fee.delta_items").value->value, 0);  // colspan=2 value cell read once
  EXPECT_EQ(cell("t2.normative_doc.total_published").value->value, 37);
}

TEST_F(SplitReport, FlattenedTable4IsReadInTheOfficialOrder) {
  EXPECT_EQ(cell("t4.review.upheld").value->value, 3);
  EXPECT_EQ(cell("t4.review.total").value->value, 5);
  EXPECT_EQ(cell("t4.suit_direct.upheld").value->value, 2);
  EXPECT_EQ(cell("t4.suit_direct.total").value->value, 2);
  EXPECT_EQ(cell("t4.suit_after_review.total").value->value, 0);
}

TEST_F(SplitReport, BlanksMakeRulesNotAssessableAndNothingIsAnError) {
  EXPECT_EQ(report_.count_findings(Severity::error), 0);
  EXPECT_GT(report_.checks.at("T3-1").not_assessable, 0);  // e.g. the 科研机构 column is blank
  EXPECT_EQ(report_.checks.at("T3-1").failed, 0);
  EXPECT_EQ(report_.checks.at("T4-1").passed, 3);
}

}  // namespace
}  // namespace nianbao
