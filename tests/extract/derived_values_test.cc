// Unit tests of derived values (spec §11): blanks get an imputed 0 only where every identity then
// holds, a blank total is derived from its printed parts, and Cell::value is never touched.
#include "extract/validate/derived_values.h"

#include <gtest/gtest.h>

#include "extract/model/key_catalog.h"

namespace nianbao {
namespace {

void set(Report& report, const std::string& key, double value) {
  Cell cell;
  cell.value = Number{value, true};
  report.cells[key] = cell;
}

void set_blank(Report& report, const std::string& key) {
  Cell cell;
  cell.add_flag("blank");
  report.cells[key] = cell;
}

void set_placeholder(Report& report, const std::string& key) {
  Cell cell;
  cell.raw = "-";
  cell.add_flag("null_token");
  report.cells[key] = cell;
}

// A consistent f2021 report: 予以公开 by 自然人 is 5, everything else in 表三 0 except the rows
// that carry those 5 (一 new_received 5, （七）总计 5); 表四 行政复议 2 维持 + 1 纠正 = 3.
Report small_report() {
  Report report;
  report.format = Format::f2021;
  for (const std::string& key : all_keys(Format::f2021)) set(report, key, 0);
  for (const char* row : {"new_received", "result.granted", "result.total"}) {
    set(report, "t3." + std::string(row) + ".natural_person", 5);
    set(report, "t3." + std::string(row) + ".total", 5);
  }
  set(report, "t4.review.upheld", 2);
  set(report, "t4.review.corrected", 1);
  set(report, "t4.review.total", 3);
  return report;
}

TEST(DerivedValues, BlanksAreImputedZeroWhenEveryIdentityThenHolds) {
  Report report = small_report();
  set_blank(report, "t3.result.denied.state_secret.research");
  set_blank(report, "t4.review.pending");
  derive_missing_values(report);
  const Cell& research = report.cells.at("t3.result.denied.state_secret.research");
  EXPECT_FALSE(research.value.has_value());  // the document's value stays blank
  ASSERT_TRUE(research.derived.has_value());
  EXPECT_EQ(research.derived->value, 0);
  EXPECT_TRUE(research.has_flag("imputed_zero"));
  EXPECT_TRUE(report.cells.at("t4.review.pending").has_flag("imputed_zero"));
}

TEST(DerivedValues, BlankTotalIsDerivedFromItsParts) {
  Report report = small_report();
  set_blank(report, "t3.result.granted.total");
  set_blank(report, "t4.review.total");
  derive_missing_values(report);
  const Cell& granted = report.cells.at("t3.result.granted.total");
  EXPECT_FALSE(granted.value.has_value());
  ASSERT_TRUE(granted.derived.has_value());
  EXPECT_EQ(granted.derived->value, 5);
  EXPECT_TRUE(granted.has_flag("derived_total"));
  EXPECT_FALSE(granted.has_flag("imputed_zero"));
  const Cell& review = report.cells.at("t4.review.total");
  ASSERT_TRUE(review.derived.has_value());
  EXPECT_EQ(review.derived->value, 3);
  EXPECT_TRUE(review.has_flag("derived_total"));
}

TEST(DerivedValues, NoZeroImputedWhenTheIdentitiesWouldStillFail) {
  Report report = small_report();
  set(report, "t4.suit_direct.total", 4);  // a printed error: 0 + 0 + 0 + 0 ≠ 4
  set_blank(report, "t3.result.denied.state_secret.research");
  set_blank(report, "t3.result.partial.total");
  derive_missing_values(report);
  const Cell& research = report.cells.at("t3.result.denied.state_secret.research");
  EXPECT_FALSE(research.derived.has_value());
  EXPECT_FALSE(research.has_flag("imputed_zero"));
  // A total whose parts are all printed is still derived.
  const Cell& partial = report.cells.at("t3.result.partial.total");
  ASSERT_TRUE(partial.derived.has_value());
  EXPECT_EQ(partial.derived->value, 0);
  EXPECT_TRUE(partial.has_flag("derived_total"));
}

TEST(DerivedValues, PlaceholdersAreNeverImputed) {
  Report report = small_report();
  set_placeholder(report, "t3.result.denied.state_secret.research");
  set_blank(report, "t3.result.denied.third_party.research");
  derive_missing_values(report);
  const Cell& dash = report.cells.at("t3.result.denied.state_secret.research");
  EXPECT_FALSE(dash.value.has_value());
  EXPECT_FALSE(dash.derived.has_value());
  EXPECT_FALSE(dash.has_flag("imputed_zero"));
}

TEST(DerivedValues, TotalWithAPlaceholderPartIsNotDerived) {
  Report report = small_report();
  set_placeholder(report, "t3.result.granted.commercial");
  set_blank(report, "t3.result.granted.total");
  derive_missing_values(report);
  EXPECT_FALSE(report.cells.at("t3.result.granted.total").derived.has_value());
}

TEST(DerivedValues, NothingToDoWithoutBlanks) {
  Report report = small_report();
  Report before = report;
  derive_missing_values(report);
  for (const auto& [key, cell] : report.cells) {
    EXPECT_FALSE(cell.derived.has_value()) << key;
    EXPECT_EQ(cell.flags, before.cells.at(key).flags) << key;
  }
}

TEST(DerivedValues, AnEmptyTemplateIsNotFilledWithZeros) {
  Report report;
  report.format = Format::f2021;
  for (const std::string& key : all_keys(Format::f2021)) set_blank(report, key);
  derive_missing_values(report);
  for (const auto& [key, cell] : report.cells) EXPECT_FALSE(cell.derived.has_value()) << key;
}

TEST(DerivedValues, OnlyStandardFormats) {
  Report report = small_report();
  report.format = Format::pre2019;
  set_blank(report, "t3.result.granted.total");
  derive_missing_values(report);
  EXPECT_FALSE(report.cells.at("t3.result.granted.total").derived.has_value());
}

}  // namespace
}  // namespace nianbao
