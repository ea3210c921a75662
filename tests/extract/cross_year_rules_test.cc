// The cross-year rules T2-2, T2-5, T3-6 on the 平潭 reports 2019–2025: pass and fail exactly as the
// gold files' numbers say; only consecutive years of one scope; blanks are not assessable.
#include "extract/validate/cross_year_rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "extract/model/key_catalog.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

const std::string kArchive = "real/pingtan-archive/zfxxgknb/";

// The folder of each 平潭 report by year (2019 and 2023–2025 have verified HTML).
std::string folder(int year) {
  static const std::map<int, std::string> folders = {
      {2018, "201901/80529_平潭综合实验区2018年度政府信息公开工作年度报告/"},
      {2019, "202001/80576_平潭综合实验区2019年度政府信息公开工作年度报告/"},
      {2020, "202103/80595_平潭综合实验区2020年度政府信息公开工作年度报告/"},
      {2021, "202202/80613_平潭综合实验区2021年度政府信息公开工作年度报告/"},
      {2022, "202302/80629_平潭综合实验区2022年度政府信息公开工作年度报告/"},
      {2023, "202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/"},
      {2024, "202503/97791_平潭综合实验区2024年度政府信息公开工作年度报告/"},
      {2025, "202603/105587_平潭综合实验区2025年度政府信息公开工作年度报告/"},
  };
  return kArchive + folders.at(year);
}

nlohmann::json gold(int year) { return testing::read_gold(folder(year) + "page.expected.json"); }

double gold_value(int year, const std::string& key) { return gold(year).at("cells").at(key).get<double>(); }

// The report exactly as its gold file states it (used for the years whose page is a text dump).
Report gold_report(int year) {
  nlohmann::json expected = gold(year);
  Report report;
  report.agency = expected.at("agency").get<std::string>();
  report.report_year = expected.at("report_year").get<int>();
  report.format = format_from_string(expected.at("format").get<std::string>()).value();
  report.scope = scope_from_string(expected.at("scope").get<std::string>()).value();
  for (const auto& [key, value] : expected.at("cells").items()) {
    Cell cell;
    if (!value.is_null()) {
      double number = value.get<double>();
      cell.value = Number{number, std::floor(number) == number};
      cell.raw = value.dump();
    }
    report.cells[key] = cell;
  }
  return report;
}

// The report extracted from its verified HTML page.
Report html_report(int year) { return testing::extract_fixture(folder(year) + "page.html"); }

const Finding* find(const CrossYearChecks& result, const std::string& rule, const std::string& first_cell) {
  for (const Finding& finding : result.findings) {
    if (finding.rule == rule && !finding.cells.empty() && finding.cells.front() == first_cell) return &finding;
  }
  return nullptr;
}

int findings_of(const CrossYearChecks& result, const std::string& rule) {
  return static_cast<int>(std::count_if(result.findings.begin(), result.findings.end(),
                                        [&](const Finding& finding) { return finding.rule == rule; }));
}

TEST(CrossYearRules, InForceOf2024DoesNotFollowFrom2023AsTheGoldNumbersSay) {
  CrossYearChecks result = check_cross_year(html_report(2023), html_report(2024));

  double implied = gold_value(2023, "t2.normative_doc.in_force") + gold_value(2024, "t2.normative_doc.issued") -
                   gold_value(2024, "t2.normative_doc.repealed");
  double stated = gold_value(2024, "t2.normative_doc.in_force");
  ASSERT_NE(implied, stated);  // 470 + 62 − 33 = 499, but 440 is printed
  const Finding* finding = find(result, "T2-2", "t2.normative_doc.in_force");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->severity, Severity::warning);
  EXPECT_EQ(finding->cells, (std::vector<std::string>{"t2.normative_doc.in_force", "t2.normative_doc.issued",
                                                      "t2.normative_doc.repealed"}));
  EXPECT_EQ(finding->expected, (Number{implied, true}));
  EXPECT_EQ(finding->actual, (Number{stated, true}));
  for (const std::string& mention :
       {std::string("2023"), std::string("2024"), std::string("470"), std::string("440"), std::string("499")}) {
    EXPECT_NE(finding->message.find(mention), std::string::npos) << finding->message;
  }
  // 规章 is 0/0/0 in both years: it holds.
  EXPECT_EQ(find(result, "T2-2", "t2.regulation.in_force"), nullptr);
  EXPECT_EQ(result.checks.at("T2-2").passed, 1);
  EXPECT_EQ(result.checks.at("T2-2").failed, 1);
  EXPECT_EQ(result.checks.count("T2-5"), 0u);
}

TEST(CrossYearRules, ApplicationsCarriedInto2024AreThoseCarriedForwardIn2023) {
  CrossYearChecks result = check_cross_year(html_report(2023), html_report(2024));
  int agreeing = 0;
  for (const std::string& column : table3_columns()) {
    agreeing += gold_value(2024, "t3.carried_over." + column) == gold_value(2023, "t3.carry_forward." + column);
  }
  EXPECT_EQ(result.checks.at("T3-6").passed, agreeing);
  EXPECT_EQ(result.checks.at("T3-6").failed, 7 - agreeing);
  EXPECT_EQ(findings_of(result, "T3-6"), 7 - agreeing);
}

// Every consecutive pair of the 平潭 gold files: the tallies and findings the gold numbers imply.
TEST(CrossYearRules, EveryConsecutivePingtanPairAgreesWithItsGoldNumbers) {
  for (int year = 2019; year <= 2025; ++year) {
    SCOPED_TRACE(year);
    Report previous = gold_report(year - 1);
    Report current = gold_report(year);
    CrossYearChecks result = check_cross_year(previous, current);
    auto value = [](const Report& report, const std::string& key) { return report.cells.at(key).value->value; };
    std::map<std::string, RuleTally> want;
    int failures = 0;
    auto count = [&](const std::string& rule, bool holds) {
      (holds ? want[rule].passed : want[rule].failed) += 1;
      failures += !holds;
    };
    if (previous.format == Format::f2021 && current.format == Format::f2021) {
      for (std::string row : {"t2.regulation.", "t2.normative_doc."}) {
        count("T2-2", value(current, row + "in_force") == value(previous, row + "in_force") +
                                                              value(current, row + "issued") -
                                                              value(current, row + "repealed"));
      }
    }
    if (previous.format == Format::f2019 && current.format == Format::f2019) {
      for (std::string row : {"t2.license.", "t2.other_service.", "t2.penalty.", "t2.coercion.", "t2.fee."}) {
        count("T2-5", value(current, row + "prev_items") ==
                          value(previous, row + "prev_items") + value(previous, row + "delta_items"));
      }
    }
    if (previous.format != Format::pre2019) {
      for (const std::string& column : table3_columns()) {
        count("T3-6", value(current, "t3.carried_over." + column) == value(previous, "t3.carry_forward." + column));
      }
    }
    ASSERT_EQ(result.checks.size(), want.size());
    for (const auto& [rule, tally] : want) {
      EXPECT_EQ(result.checks.at(rule).passed, tally.passed) << rule;
      EXPECT_EQ(result.checks.at(rule).failed, tally.failed) << rule;
      EXPECT_EQ(result.checks.at(rule).not_assessable, 0) << rule;
    }
    EXPECT_EQ(static_cast<int>(result.findings.size()), failures);
  }
}

TEST(CrossYearRules, The2022To2023BreakTheGoldNotesIsReported) {
  CrossYearChecks result = check_cross_year(gold_report(2022), html_report(2023));
  const Finding* finding = find(result, "T2-2", "t2.normative_doc.in_force");
  ASSERT_NE(finding, nullptr);
  // The 2023 gold notes: "2022 in_force 698 + 77 - 132 = 643 != 470".
  EXPECT_EQ(finding->expected->value, gold_value(2022, "t2.normative_doc.in_force") +
                                          gold_value(2023, "t2.normative_doc.issued") -
                                          gold_value(2023, "t2.normative_doc.repealed"));
  EXPECT_EQ(finding->expected->value, 643);
  EXPECT_EQ(finding->actual->value, 470);
}

TEST(CrossYearRules, ItemCountsOf2020FollowFrom2019) {
  CrossYearChecks result = check_cross_year(html_report(2019), gold_report(2020));
  // 2019 printed 0 in every 本年增/减 cell, and 2020 repeats 2019's 上一年项目数量.
  EXPECT_EQ(result.checks.at("T2-5").passed, 5);
  EXPECT_EQ(result.checks.at("T2-5").failed, 0);
  EXPECT_EQ(result.checks.at("T3-6").passed, 7);
  EXPECT_EQ(result.checks.count("T2-2"), 0u);
  EXPECT_TRUE(result.findings.empty());
}

// A report on the 2019 template one year after 2020 that repeats 2020's 上一年项目数量: each row
// misses 2020's signed change (e.g. 许可 +442, 收费 −15).
TEST(CrossYearRules, ItemCountsThatIgnoreLastYearsChangeFailPerRow) {
  Report previous = gold_report(2020);
  Report current = gold_report(2020);
  current.report_year = 2021;
  CrossYearChecks result = check_cross_year(previous, current);
  EXPECT_EQ(result.checks.at("T2-5").failed, 5);
  const Finding* fee = find(result, "T2-5", "t2.fee.prev_items");
  ASSERT_NE(fee, nullptr);
  EXPECT_EQ(fee->cells, (std::vector<std::string>{"t2.fee.prev_items", "t2.fee.delta_items"}));
  EXPECT_EQ(fee->expected->value, gold_value(2020, "t2.fee.prev_items") + gold_value(2020, "t2.fee.delta_items"));
  EXPECT_EQ(fee->actual->value, gold_value(2020, "t2.fee.prev_items"));
  EXPECT_NE(fee->message.find("2020"), std::string::npos);
  EXPECT_NE(fee->message.find("2021"), std::string::npos);
  EXPECT_NE(fee->message.find("-15"), std::string::npos) << fee->message;
}

// 2025 carried 6 applications forward (自然人 4, 商业企业 2); a following report that carries over
// none fails in exactly those columns, each its own finding with 2025's value as expected.
TEST(CrossYearRules, CarryOverFailsPerApplicantColumn) {
  Report previous = html_report(2025);
  Report current = html_report(2025);
  current.report_year = 2026;
  CrossYearChecks result = check_cross_year(previous, current);
  int differing = 0;
  for (const std::string& column : table3_columns()) {
    double forwarded = gold_value(2025, "t3.carry_forward." + column);
    double carried = gold_value(2025, "t3.carried_over." + column);
    const Finding* finding = find(result, "T3-6", "t3.carried_over." + column);
    if (forwarded == carried) {
      EXPECT_EQ(finding, nullptr) << column;
      continue;
    }
    ++differing;
    ASSERT_NE(finding, nullptr) << column;
    EXPECT_EQ(finding->cells, (std::vector<std::string>{"t3.carried_over." + column, "t3.carry_forward." + column}));
    EXPECT_EQ(finding->expected->value, forwarded);
    EXPECT_EQ(finding->actual->value, carried);
    EXPECT_EQ(finding->severity, Severity::warning);
  }
  EXPECT_EQ(differing, 3);  // natural_person, commercial, total
  EXPECT_EQ(result.checks.at("T3-6").failed, differing);
  EXPECT_EQ(result.checks.at("T3-6").passed, 7 - differing);
}

TEST(CrossYearRules, OnlyConsecutiveYearsOfOneScopeAreCompared) {
  Report y2023 = html_report(2023);
  Report y2024 = html_report(2024);
  Report y2025 = html_report(2025);
  EXPECT_TRUE(check_cross_year(y2023, y2025).checks.empty());  // a year apart
  EXPECT_TRUE(check_cross_year(y2024, y2023).checks.empty());  // backwards
  Report own_organ = y2024;
  own_organ.scope = Scope::own_organ;
  EXPECT_TRUE(check_cross_year(y2023, own_organ).checks.empty());
  Report no_year = y2024;
  no_year.report_year.reset();
  EXPECT_TRUE(check_cross_year(y2023, no_year).checks.empty());
}

TEST(CrossYearRules, TheFormatsDecideWhichRulesApply) {
  // 2020 (2019 template) → 2021 (2021 template): 表二 changed, 表三 did not.
  CrossYearChecks across_templates = check_cross_year(gold_report(2020), gold_report(2021));
  EXPECT_EQ(across_templates.checks.count("T2-2"), 0u);
  EXPECT_EQ(across_templates.checks.count("T2-5"), 0u);
  EXPECT_EQ(across_templates.checks.at("T3-6").passed, 7);
  // 2018 has no 表三 of the 2019 template at all.
  EXPECT_TRUE(check_cross_year(gold_report(2018), html_report(2019)).checks.empty());
}

TEST(CrossYearRules, BlankOrAbsentCellsAreNotAssessable) {
  Report previous = html_report(2023);
  Report current = html_report(2024);
  current.cells.erase("t2.normative_doc.issued");
  previous.cells.at("t3.carry_forward.research").value.reset();
  previous.cells.at("t3.carry_forward.research").raw = "-";
  CrossYearChecks result = check_cross_year(previous, current);
  EXPECT_EQ(result.checks.at("T2-2").not_assessable, 1);
  EXPECT_EQ(result.checks.at("T2-2").passed + result.checks.at("T2-2").failed, 1);  // 规章 only
  EXPECT_EQ(find(result, "T2-2", "t2.normative_doc.in_force"), nullptr);
  EXPECT_EQ(result.checks.at("T3-6").not_assessable, 1);
  EXPECT_EQ(result.checks.at("T3-6").passed, 6);
  EXPECT_EQ(find(result, "T3-6", "t3.carried_over.research"), nullptr);
}

// A blank 总计 the extractor derived (spec §11) counts with its derived value, and says so.
TEST(CrossYearRules, DerivedValuesCountAndTheMessageSaysSo) {
  Report previous = gold_report(2021);
  Report current = gold_report(2022);
  Cell& total = current.cells.at("t3.carried_over.total");
  double printed = total.value->value;
  total.value.reset();
  total.derived = Number{printed, true};
  total.add_flag("derived_total");
  CrossYearChecks agreeing = check_cross_year(previous, current);
  EXPECT_EQ(agreeing.checks.at("T3-6").passed, 7);  // 2021 carried 1 forward; 2022 carried 1 over

  total.derived = Number{printed + 2, true};
  CrossYearChecks disagreeing = check_cross_year(previous, current);
  const Finding* finding = find(disagreeing, "T3-6", "t3.carried_over.total");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->expected->value, gold_value(2021, "t3.carry_forward.total"));
  EXPECT_EQ(finding->actual->value, printed + 2);
  EXPECT_NE(finding->message.find("derived"), std::string::npos) << finding->message;
}

}  // namespace
}  // namespace nianbao
