// Unit tests of the §10 validator on hand-built reports (and planted prose): each rule fails with
// the right id, severity, cells (total first), expected and actual; a blank cell is not assessable.
#include "extract/validate/validator.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "extract/model/key_catalog.h"

namespace nianbao {
namespace {

void set(Report& report, const std::string& key, double value) {
  Cell cell;
  cell.value = Number{value, value == static_cast<double>(static_cast<long long>(value))};
  cell.raw = std::to_string(value);
  report.cells[key] = cell;
}

void set_blank(Report& report, const std::string& key) {
  Cell cell;
  cell.add_flag("blank");
  report.cells[key] = cell;
}

// A complete, consistent report of `format`: every result row is 1 自然人 + 1 商业企业 = 2;
// 一 + 二 = 三 + 四 in every column; 表四 groups add up; 表二 rules hold.
Report consistent_report(Format format) {
  Report report;
  report.format = format;
  for (const std::string& key : all_keys(format)) set(report, key, 0);
  const auto& columns = table3_columns();
  int result_rows = 0;
  for (const Table3Row& row : table3_rows(format)) {
    if (row.row.rfind("result.", 0) != 0 || row.row == "result.total") continue;
    ++result_rows;
    set(report, "t3." + row.row + ".natural_person", 1);
    set(report, "t3." + row.row + ".commercial", 1);
    set(report, "t3." + row.row + ".total", 2);
  }
  auto row = [&](const std::string& name, double np, double com) {
    set(report, "t3." + name + "." + columns[0], np);
    set(report, "t3." + name + "." + columns[1], com);
    set(report, "t3." + name + ".total", np + com);
  };
  row("result.total", result_rows, result_rows);
  row("new_received", result_rows - 1, result_rows);
  row("carried_over", 2, 0);
  row("carry_forward", 1, 0);
  for (const std::string& group : table4_groups()) {
    set(report, "t4." + group + ".upheld", 1);
    set(report, "t4." + group + ".corrected", 2);
    set(report, "t4." + group + ".pending", 1);
    set(report, "t4." + group + ".total", 4);
  }
  if (format == Format::f2021) {
    set(report, "t2.normative_doc.issued", 3);
    set(report, "t2.normative_doc.in_force", 10);
    set(report, "t2.fee.amount_wan", 1.25);
  } else {
    set(report, "t2.normative_doc.new_published", 3);
    set(report, "t2.normative_doc.total_published", 10);
    set(report, "t2.license.prev_items", 5);
    set(report, "t2.license.delta_items", -2);
    set(report, "t2.procurement.amount", 251000);
  }
  return report;
}

std::vector<Finding> findings_of(const Report& report, const std::string& rule) {
  std::vector<Finding> found;
  std::copy_if(report.findings.begin(), report.findings.end(), std::back_inserter(found),
               [&](const Finding& finding) { return finding.rule == rule; });
  return found;
}

TEST(Validator, ConsistentReportsHaveNoFindingsAndEveryIdentityPasses) {
  for (Format format : {Format::f2019, Format::f2021}) {
    Report report = consistent_report(format);
    validate_report(report);
    for (const Finding& finding : report.findings) ADD_FAILURE() << to_string(format) << " " << finding.rule << ": " << finding.message;
    EXPECT_EQ(report.checks.at("T3-1").passed, 7);
    EXPECT_EQ(report.checks.at("T3-2").passed, 7);
    EXPECT_EQ(report.checks.at("T3-3").passed, format == Format::f2021 ? 25 : 23);
    EXPECT_EQ(report.checks.at("T4-1").passed, 3);
    EXPECT_EQ(report.checks.at("T3-1").failed + report.checks.at("T3-2").failed + report.checks.at("T3-3").failed, 0);
  }
}

TEST(Validator, T4_1WrongTotal) {
  Report report = consistent_report(Format::f2021);
  set(report, "t4.suit_direct.total", 5);
  validate_report(report);
  auto found = findings_of(report, "T4-1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::error);
  EXPECT_EQ(found[0].cells, (std::vector<std::string>{"t4.suit_direct.total", "t4.suit_direct.upheld",
                                                      "t4.suit_direct.corrected", "t4.suit_direct.other",
                                                      "t4.suit_direct.pending"}));
  ASSERT_TRUE(found[0].expected && found[0].actual);
  EXPECT_EQ(found[0].expected->value, 4);
  EXPECT_EQ(found[0].actual->value, 5);
  EXPECT_FALSE(found[0].message.empty());
  EXPECT_EQ(report.count_findings(Severity::error), 1);
}

TEST(Validator, T3_3WrongRowTotal) {
  Report report = consistent_report(Format::f2021);
  set(report, "t3.new_received.total", 40);  // parts: 20 + 21 = 41 (f2021 has 21 result rows)
  validate_report(report);
  auto found = findings_of(report, "T3-3");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::error);
  ASSERT_EQ(found[0].cells.size(), 7u);
  EXPECT_EQ(found[0].cells[0], "t3.new_received.total");
  EXPECT_EQ(found[0].cells[1], "t3.new_received.natural_person");
  EXPECT_EQ(found[0].cells[6], "t3.new_received.other");
  EXPECT_EQ(found[0].expected->value, 41);
  EXPECT_EQ(found[0].actual->value, 40);
  // The same wrong cell also breaks 一 + 二 = 三 + 四 in the 总计 column.
  auto balance = findings_of(report, "T3-1");
  ASSERT_EQ(balance.size(), 1u);
  EXPECT_EQ(balance[0].cells[0], "t3.new_received.total");
}

TEST(Validator, T3_2WrongResultTotalIn2019UsesTheSingleOtherRow) {
  Report report = consistent_report(Format::f2019);
  // 19 result rows in 2019: one more 予以公开 for 自然人 (row total too), （七）总计 left at 19.
  set(report, "t3.result.granted.natural_person", 2);
  set(report, "t3.result.granted.total", 3);
  validate_report(report);
  auto found = findings_of(report, "T3-2");
  ASSERT_EQ(found.size(), 2u);  // 自然人 and 总计 columns
  const Finding& natural = found[0].cells[0] == "t3.result.total.natural_person" ? found[0] : found[1];
  EXPECT_EQ(natural.cells[0], "t3.result.total.natural_person");
  ASSERT_EQ(natural.cells.size(), 20u);  // total + 19 result rows
  EXPECT_EQ(natural.cells[1], "t3.result.granted.natural_person");
  EXPECT_EQ(natural.cells.back(), "t3.result.other.natural_person");
  EXPECT_EQ(natural.expected->value, 20);
  EXPECT_EQ(natural.actual->value, 19);
  EXPECT_EQ(natural.severity, Severity::error);
}

TEST(Validator, T3_2In2021SumsTheThreeOtherSubRows) {
  Report report = consistent_report(Format::f2021);
  set(report, "t3.result.other.misc.commercial", 2);
  set(report, "t3.result.other.misc.total", 3);
  validate_report(report);
  auto found = findings_of(report, "T3-2");
  ASSERT_FALSE(found.empty());
  const Finding& commercial = found[0];
  EXPECT_EQ(commercial.cells[0], "t3.result.total.commercial");
  ASSERT_EQ(commercial.cells.size(), 22u);  // total + 21 result rows
  EXPECT_EQ(commercial.cells[19], "t3.result.other.no_correction.commercial");
  EXPECT_EQ(commercial.cells[20], "t3.result.other.fee_unpaid.commercial");
  EXPECT_EQ(commercial.cells[21], "t3.result.other.misc.commercial");
  EXPECT_EQ(commercial.expected->value, 22);
  EXPECT_EQ(commercial.actual->value, 21);
}

TEST(Validator, T3_1Balance) {
  Report report = consistent_report(Format::f2021);
  set(report, "t3.carried_over.natural_person", 3);  // 一 + 二 = 20 + 3 = 23; 三 + 四 = 21 + 1 = 22
  set(report, "t3.carried_over.total", 3);           // the row still adds up
  validate_report(report);
  auto found = findings_of(report, "T3-1");
  ASSERT_EQ(found.size(), 2u);  // 自然人 and 总计 columns
  const Finding& natural = found[0];
  EXPECT_EQ(natural.severity, Severity::error);
  EXPECT_EQ(natural.cells, (std::vector<std::string>{"t3.new_received.natural_person", "t3.carried_over.natural_person",
                                                     "t3.result.total.natural_person", "t3.carry_forward.natural_person"}));
  // identity_check.h: for a balance, expected is 三 + 四 and actual is 一 + 二.
  EXPECT_EQ(natural.expected->value, 22);
  EXPECT_EQ(natural.actual->value, 23);
}

TEST(Validator, T3_5CarryForwardExceedsWhatWasThere) {
  Report report = consistent_report(Format::f2021);
  set(report, "t3.carry_forward.commercial", 30);
  set(report, "t3.carry_forward.total", 31);
  validate_report(report);
  auto found = findings_of(report, "T3-5");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].severity, Severity::error);
  EXPECT_EQ(found[0].cells[0], "t3.carry_forward.commercial");
}

TEST(Validator, BlankCellMakesTheIdentityNotAssessableNeverAFinding) {
  Report report = consistent_report(Format::f2021);
  set(report, "t4.review.total", 9);  // would fail …
  set_blank(report, "t4.review.other");  // … but one part is blank
  set(report, "t3.result.granted.total", 7);  // would fail T3-3 and T3-2 …
  set_blank(report, "t3.result.granted.research");  // … T3-3 not assessable; T3-2 of 总计 still fails
  validate_report(report);
  EXPECT_TRUE(findings_of(report, "T4-1").empty());
  EXPECT_EQ(report.checks.at("T4-1").not_assessable, 1);
  EXPECT_EQ(report.checks.at("T4-1").passed, 2);
  for (const Finding& finding : findings_of(report, "T3-3")) ADD_FAILURE() << finding.message;
  EXPECT_EQ(report.checks.at("T3-3").not_assessable, 1);
  // 科研机构 column: T3-2 not assessable, T3-1 still assessable (the blank is not one of its cells).
  EXPECT_EQ(report.checks.at("T3-2").not_assessable, 1);
  EXPECT_EQ(report.checks.at("T3-1").not_assessable, 0);
}

TEST(Validator, AbsentCellIsNotAssessable) {
  Report report = consistent_report(Format::f2021);
  report.cells.erase("t4.suit_after_review.pending");
  set(report, "t4.suit_after_review.total", 100);
  validate_report(report);
  EXPECT_TRUE(findings_of(report, "T4-1").empty());
  EXPECT_EQ(report.checks.at("T4-1").not_assessable, 1);
}

TEST(Validator, V1NegativeOrFractionalCount) {
  Report report = consistent_report(Format::f2021);
  set(report, "t2.license.decisions", -3);
  set(report, "t2.penalty.decisions", 2.5);
  validate_report(report);
  auto found = findings_of(report, "V1");
  ASSERT_EQ(found.size(), 2u);
  for (const Finding& finding : found) {
    EXPECT_EQ(finding.severity, Severity::error);
    ASSERT_EQ(finding.cells.size(), 1u);
    ASSERT_TRUE(finding.actual.has_value());
    if (finding.cells[0] == "t2.license.decisions") EXPECT_EQ(finding.actual->value, -3);
    else EXPECT_EQ(finding.cells[0], "t2.penalty.decisions");
  }
}

TEST(Validator, V1AllowsNegativeDeltaButNotFractional) {
  Report report = consistent_report(Format::f2019);
  set(report, "t2.penalty.prev_items", 20);
  set(report, "t2.penalty.delta_items", -18);
  validate_report(report);
  EXPECT_TRUE(findings_of(report, "V1").empty());
  set(report, "t2.penalty.delta_items", -1.5);
  report.findings.clear();
  report.checks.clear();
  validate_report(report);
  ASSERT_EQ(findings_of(report, "V1").size(), 1u);
  EXPECT_EQ(findings_of(report, "V1")[0].cells[0], "t2.penalty.delta_items");
}

TEST(Validator, V3NegativeMoneyAndYuanUnderWanHeader) {
  Report report = consistent_report(Format::f2021);
  set(report, "t2.fee.amount_wan", -1);
  validate_report(report);
  auto found = findings_of(report, "V3");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::error);
  EXPECT_EQ(found[0].cells, std::vector<std::string>{"t2.fee.amount_wan"});

  Report yuan = consistent_report(Format::f2021);
  set(yuan, "t2.fee.amount_wan", 3500);
  yuan.cells["t2.fee.amount_wan"].add_flag("unit:元");
  validate_report(yuan);
  auto unit = findings_of(yuan, "V3");
  ASSERT_EQ(unit.size(), 1u);
  EXPECT_EQ(unit[0].severity, Severity::warning);
  EXPECT_EQ(yuan.count_findings(Severity::error), 0);
}

TEST(Validator, V4TextCellIsAWarning) {
  Report report = consistent_report(Format::f2021);
  Cell text;
  text.raw = "见附件";
  text.add_flag("text");
  report.cells["t2.coercion.decisions"] = text;
  validate_report(report);
  auto found = findings_of(report, "V4");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_EQ(found[0].cells, std::vector<std::string>{"t2.coercion.decisions"});
  EXPECT_EQ(report.count_findings(Severity::error), 0);
}

TEST(Validator, T2_1IssuedExceedsInForcePlusRepealed) {
  Report report = consistent_report(Format::f2021);
  set(report, "t2.regulation.issued", 4);
  set(report, "t2.regulation.repealed", 1);
  set(report, "t2.regulation.in_force", 2);
  validate_report(report);
  auto found = findings_of(report, "T2-1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_EQ(found[0].cells[0], "t2.regulation.issued");
  EXPECT_EQ(found[0].expected->value, 3);
  EXPECT_EQ(found[0].actual->value, 4);
}

TEST(Validator, T2_3NewlyPublishedExceedsTotal) {
  Report report = consistent_report(Format::f2019);
  set(report, "t2.normative_doc.new_published", 12);
  validate_report(report);
  auto found = findings_of(report, "T2-3");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_EQ(found[0].cells, (std::vector<std::string>{"t2.normative_doc.new_published",
                                                      "t2.normative_doc.total_published"}));
  EXPECT_EQ(found[0].actual->value, 12);
  EXPECT_EQ(found[0].expected->value, 10);
}

TEST(Validator, T2_4NegativeItemCount) {
  Report report = consistent_report(Format::f2019);
  set(report, "t2.fee.prev_items", 3);
  set(report, "t2.fee.delta_items", -5);
  validate_report(report);
  auto found = findings_of(report, "T2-4");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::error);
  EXPECT_EQ(found[0].cells, (std::vector<std::string>{"t2.fee.prev_items", "t2.fee.delta_items"}));
  EXPECT_EQ(found[0].actual->value, -2);
  // 2021 has no T2-3/T2-4 and 2019 no T2-1.
  EXPECT_EQ(report.checks.count("T2-1"), 0u);
}

TEST(Validator, NonStandardFormatsRunNoTableRules) {
  Report report;
  report.format = Format::pre2019;
  validate_report(report);
  EXPECT_TRUE(report.findings.empty());
  EXPECT_EQ(report.checks.count("T3-1"), 0u);
}

// --- Text checks (spec §10 T3-8, T4-2, T2-6, T2-7) on the consistent report with a prose text.

double cell_value(const Report& report, const std::string& key) { return report.cells.at(key).value->value; }

std::string count(double value) { return std::to_string(static_cast<long long>(value)); }

TEST(Validator, T3_8ProseCountsThatAgreeWithTable3PassInArabicAndChineseNumerals) {
  Report report = consistent_report(Format::f2021);
  report.report_year = 2024;
  double received = cell_value(report, "t3.new_received.total");
  double handled = cell_value(report, "t3.result.total.total");
  report.text = "一、总体情况\n2024年,本机关共收到政府信息公开申请" + count(received) + "件,办结" + count(handled) +
                "件,结转下年度一件。上年结转政府信息公开申请两件。\n";
  ASSERT_EQ(cell_value(report, "t3.carry_forward.total"), 1);
  ASSERT_EQ(cell_value(report, "t3.carried_over.total"), 2);
  validate_report(report);
  EXPECT_TRUE(findings_of(report, "T3-8").empty());
  EXPECT_EQ(report.checks["T3-8"].passed, 4);
  EXPECT_EQ(report.checks["T3-8"].failed, 0);
}

TEST(Validator, T3_8ReadsChineseNumeralsAndReportsTheDisagreementOnce) {
  Report report = consistent_report(Format::f2021);
  report.report_year = 2024;
  set(report, "t3.new_received.natural_person", 60);
  set(report, "t3.new_received.commercial", 60);
  set(report, "t3.new_received.total", 120);
  // Said twice (a summary repeated at the end): one fact, one finding.
  report.text = "本年度共收到政府信息公开申请一百二十一件。\n六、其他需要报告的事项\n全年共收到政府信息公开申请一百二十一件。\n";
  validate_report(report);
  auto found = findings_of(report, "T3-8");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_EQ(found[0].cells.front(), "t3.new_received.total");
  EXPECT_EQ(found[0].expected->value, 120);
  EXPECT_EQ(found[0].actual->value, 121);
  EXPECT_NE(found[0].message.find("本年度共收到政府信息公开申请一百二十一件"), std::string::npos) << found[0].message;
}

TEST(Validator, T3_8ReadsReceivedAsNewPlusCarriedOverToo) {
  Report report = consistent_report(Format::f2021);
  report.report_year = 2024;
  double both = cell_value(report, "t3.new_received.total") + cell_value(report, "t3.carried_over.total");
  report.text = "全年收到政府信息公开申请" + count(both) + "件。\n";
  validate_report(report);
  EXPECT_TRUE(findings_of(report, "T3-8").empty());
  EXPECT_EQ(report.checks["T3-8"].passed, 1);
}

TEST(Validator, T3_8IgnoresOtherYearsHotlinesTablesAndBlankCells) {
  Report report = consistent_report(Format::f2021);
  report.report_year = 2024;
  report.text =
      "2023年共收到政府信息公开申请999件。\n"          // another year
      "12345热线共收到群众诉求申请888件,办结777件。\n"  // not 依申请公开
      "| 一、本年新收政府信息公开申请数量 | 5件 |\n"      // a table row
      "较上年收到申请666件。\n"                          // a comparison
      "有关申请结转下年度继续办理1件。\n";               // 办理 1 件 is the carried forward one
  validate_report(report);
  EXPECT_TRUE(findings_of(report, "T3-8").empty());
  EXPECT_EQ(report.checks["T3-8"].passed, 1);  // only 结转下年度 1 件 is read
  EXPECT_EQ(report.checks["T3-8"].failed, 0);
  set_blank(report, "t3.new_received.total");
  report.findings.clear();
  report.checks.clear();
  report.text = "全年收到政府信息公开申请555件。\n";
  validate_report(report);
  EXPECT_TRUE(findings_of(report, "T3-8").empty());
  EXPECT_EQ(report.checks["T3-8"].not_assessable, 1);
}

TEST(Validator, T4_2ComparesReviewsAndBothKindsOfSuits) {
  Report report = consistent_report(Format::f2021);
  report.report_year = 2024;
  double reviews = cell_value(report, "t4.review.total");
  double suits = cell_value(report, "t4.suit_direct.total") + cell_value(report, "t4.suit_after_review.total");
  report.text = "因政府信息公开引起的行政复议案件" + count(reviews) + "件、行政诉讼案件" + count(suits + 1) +
                "件。\n涉及政府信息公开的行政复议、行政诉讼案件共3件。\n";
  validate_report(report);
  auto found = findings_of(report, "T4-2");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_EQ(found[0].cells, (std::vector<std::string>{"t4.suit_direct.total", "t4.suit_after_review.total"}));
  EXPECT_EQ(found[0].expected->value, suits);
  EXPECT_EQ(found[0].actual->value, suits + 1);
  EXPECT_EQ(report.checks["T4-2"].passed, 1);  // the shared "行政复议、行政诉讼 3 件" is not read
}

TEST(Validator, T2_6RegulationsFromABodyWithoutRuleMakingPowerAreInfo) {
  Report county = consistent_report(Format::f2021);
  county.agency = "沭阳县人民政府";
  set(county, "t2.regulation.issued", 2);
  set(county, "t2.regulation.in_force", 2);
  validate_report(county);
  auto found = findings_of(county, "T2-6");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::info);
  EXPECT_EQ(found[0].cells, (std::vector<std::string>{"t2.regulation.in_force", "t2.regulation.issued"}));
  for (const char* agency : {"淮安市人民政府", "淮安市人民政府办公室", "江苏省人民政府", "国家统计局"}) {
    Report city = consistent_report(Format::f2021);
    city.agency = agency;
    set(city, "t2.regulation.issued", 2);
    set(city, "t2.regulation.in_force", 2);
    validate_report(city);
    EXPECT_TRUE(findings_of(city, "T2-6").empty()) << agency;
    EXPECT_EQ(city.checks["T2-6"].passed, 1) << agency;
  }
  // 2019: only 本年新制作 says the body made 规章; its 公开 counts may be republished ones.
  Report zone = consistent_report(Format::f2019);
  zone.agency = "平潭综合实验区";
  set(zone, "t2.regulation.total_published", 7);
  validate_report(zone);
  EXPECT_TRUE(findings_of(zone, "T2-6").empty());
  set(zone, "t2.regulation.new_made", 1);
  zone.findings.clear();
  validate_report(zone);
  EXPECT_EQ(findings_of(zone, "T2-6").size(), 1u);
}

TEST(Validator, T2_7AFeeOfMoreThanAHundredThousand万元IsInfoBelowProvinces) {
  Report county = consistent_report(Format::f2021);
  county.agency = "沭阳县人民政府";
  set(county, "t2.fee.amount_wan", 406820.8);
  validate_report(county);
  auto found = findings_of(county, "T2-7");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::info);
  EXPECT_EQ(found[0].cells, std::vector<std::string>{"t2.fee.amount_wan"});
  EXPECT_EQ(found[0].actual->value, 406820.8);
  Report province = consistent_report(Format::f2021);
  province.agency = "江苏省人民政府";
  set(province, "t2.fee.amount_wan", 406820.8);
  validate_report(province);
  EXPECT_TRUE(findings_of(province, "T2-7").empty());
  Report plain = consistent_report(Format::f2021);
  plain.agency = "沭阳县人民政府";
  set(plain, "t2.fee.amount_wan", 4068.208);
  validate_report(plain);
  EXPECT_TRUE(findings_of(plain, "T2-7").empty());
  EXPECT_EQ(plain.checks["T2-7"].passed, 1);
}

}  // namespace
}  // namespace nianbao
