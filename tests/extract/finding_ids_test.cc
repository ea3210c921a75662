// Findings people can read (issue 14 item 4): one finding per fact, a distinct rule id per kind of
// structure problem (S1–S5, V4 only for text in a number cell), every id documented.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "extract/model/key_catalog.h"
#include "extract/recognize/recognition.h"
#include "extract/validate/completeness.h"
#include "extract/validate/finding_rules.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

RowCell cell_at(const std::string& text, int table, int row, int col) {
  RowCell cell;
  cell.text = text;
  cell.at.table = table;
  cell.at.row = row;
  cell.at.col = col;
  return cell;
}

std::vector<Finding> findings_of(const std::vector<Finding>& findings, const std::string& rule) {
  std::vector<Finding> found;
  for (const Finding& finding : findings) {
    if (finding.rule == rule) found.push_back(finding);
  }
  return found;
}

TEST(FindingIds, ACellPrintedTenTimesIsOneS4FindingSayingHowOftenAndWhere) {
  Recognition recognition;
  for (int table = 0; table < 10; ++table) recognition.put("t3.result.total.total", cell_at("718", table, 0, 7));
  recognition.put("t3.result.total.research", cell_at("0", 0, 0, 3));
  recognition.put("t3.result.total.research", cell_at("0", 4, 0, 3));
  auto found = findings_of(recognition.findings, kPrintedTwiceRule);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].cells, std::vector<std::string>{"t3.result.total.total"});
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_NE(found[0].message.find("printed 10 times"), std::string::npos) << found[0].message;
  EXPECT_NE(found[0].message.find("table 0, row 0, column 7"), std::string::npos) << found[0].message;
  EXPECT_NE(found[0].message.find("and 6 more"), std::string::npos) << found[0].message;
  EXPECT_EQ(found[1].message,
            "t3.result.total.research printed twice (table 0, row 0, column 3 and table 4, row 0, column 3); the first "
            "is kept");
  EXPECT_EQ(recognition.cells.at("t3.result.total.total").value->value, 718);  // the first reading is kept
}

// A header row taken for （七）总计 prints nothing; the real row that follows is read, silently.
TEST(FindingIds, ARowThatPrintedNothingGivesWayToOneThatPrintedTheCell) {
  Recognition recognition;
  RowCell nothing = cell_at("", 5, 0, 7);
  nothing.padded = true;
  recognition.put("t3.result.total.total", nothing);
  ASSERT_TRUE(recognition.cells.at("t3.result.total.total").has_flag("missing_cell"));
  recognition.put("t3.result.total.total", cell_at("718", 13, 3, 7));
  recognition.put("t3.result.total.total", nothing);  // padded again: nothing printed, nothing said
  EXPECT_EQ(recognition.cells.at("t3.result.total.total").value->value, 718);
  EXPECT_EQ(recognition.cells.at("t3.result.total.total").at.table, 13);
  EXPECT_TRUE(recognition.findings.empty());
}

TEST(FindingIds, TheSameWarningIsGivenOnce) {
  Recognition recognition;
  for (int i = 0; i < 9; ++i) recognition.warn(kRowValueCountRule, "表三 row t3.result.total prints 1 value cells");
  recognition.warn(kRowValueCountRule, "表三 row t3.carry_forward prints 1 value cells");
  EXPECT_EQ(recognition.findings.size(), 2u);
}

Report complete_2021_report() {
  Report report;
  report.format = Format::f2021;
  for (const std::string& key : all_keys(Format::f2021)) {
    Cell cell;
    cell.value = Number{0, true};
    report.cells[key] = cell;
  }
  return report;
}

TEST(FindingIds, AMissingTableIsS1AndATableThatStopsEarlyIsS2NamingItsCells) {
  Report report = complete_2021_report();
  std::erase_if(report.cells, [](const auto& entry) { return entry.first.rfind("t4.", 0) == 0; });
  report.cells["t3.carry_forward.total"].value.reset();
  report.cells["t3.carry_forward.total"].add_flag("missing_cell");
  report.cells.erase("t3.carry_forward.other");
  check_completeness(report);
  auto missing = findings_of(report.findings, kTableMissingRule);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].message, "表四 was not found in the document");
  auto incomplete = findings_of(report.findings, kTableIncompleteRule);
  ASSERT_EQ(incomplete.size(), 1u);
  EXPECT_EQ(incomplete[0].cells, (std::vector<std::string>{"t3.carry_forward.other", "t3.carry_forward.total"}));
  EXPECT_NE(incomplete[0].message.find("表三: 2 of its"), std::string::npos) << incomplete[0].message;
  EXPECT_TRUE(findings_of(report.findings, "V4").empty());
}

// 表四 printed with 17 values: the recognizer's S5 names its cells, so it is not also "not found".
TEST(FindingIds, ATableFoundButUnreadIsNotAlsoReportedMissing) {
  Report report = complete_2021_report();
  std::erase_if(report.cells, [](const auto& entry) { return entry.first.rfind("t4.", 0) == 0; });
  report.findings.push_back({kRowValueCountRule, Severity::warning,
                             "表四 prints 17 value cells, 15 expected; its cells are not read", table4_keys(),
                             std::nullopt, std::nullopt});
  check_completeness(report);
  EXPECT_TRUE(findings_of(report.findings, kTableMissingRule).empty());
  EXPECT_EQ(report.findings.size(), 1u);
}

std::string pipe_report_with(const std::function<void(std::string&)>& edit) {
  std::string text = testing::read_fixture("derived/f2021-pipe.txt");
  edit(text);
  return text;
}

void duplicate_line_starting(std::string& text, const std::string& start) {
  size_t at = text.find("\n" + start);
  ASSERT_NE(at, std::string::npos) << start;
  size_t end = text.find('\n', at + 1);
  std::string line = text.substr(at, end - at);
  text.insert(end, line);
}

Report extract_text(const std::string& text) {
  Extraction extraction = extract_document({text, "edited f2021-pipe.txt", ""});
  EXPECT_EQ(extraction.reports.size(), 1u);
  return extraction.reports.empty() ? Report{} : extraction.reports.front();
}

TEST(FindingIds, ARowPrintedTwiceGivesOneS4PerCellAndNoV4) {
  Report original = extract_text(testing::read_fixture("derived/f2021-pipe.txt"));
  EXPECT_TRUE(findings_of(original.findings, kPrintedTwiceRule).empty());
  Report report = extract_text(pipe_report_with([](std::string& text) {
    duplicate_line_starting(text, "二、上年結轉政府信息公開申請數量");
    duplicate_line_starting(text, "二、上年結轉政府信息公開申請數量");
  }));
  auto twice = findings_of(report.findings, kPrintedTwiceRule);
  ASSERT_EQ(twice.size(), 7u);  // the seven columns of the row, each once
  std::set<std::string> keys;
  for (const Finding& finding : twice) {
    ASSERT_EQ(finding.cells.size(), 1u);
    keys.insert(finding.cells.front());
    EXPECT_NE(finding.message.find("printed three times"), std::string::npos) << finding.message;
  }
  EXPECT_EQ(keys.size(), 7u);
  EXPECT_TRUE(keys.count("t3.carried_over.total"));
  EXPECT_TRUE(findings_of(report.findings, "V4").empty());
}

TEST(FindingIds, ARowOutsideTheStandardTableIsS3) {
  Report report = extract_text(pipe_report_with([](std::string& text) {
    size_t at = text.find("\n二、上年結轉政府信息公開申請數量");
    ASSERT_NE(at, std::string::npos);
    text.insert(at, "\n附加统计口径说明 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||");
  }));
  auto found = findings_of(report.findings, kRowNotStandardRule);
  ASSERT_EQ(found.size(), 1u) << (found.empty() ? "" : found[0].message);
  EXPECT_NE(found[0].message.find("附加统计口径说明"), std::string::npos) << found[0].message;
  EXPECT_TRUE(findings_of(report.findings, "V4").empty());
}

// The 沭阳 OCR text printed the same cells again and again: every fact is said once.
TEST(FindingIds, TheShuyangOcrTextSaysEveryFactOnce) {
  Report report = testing::extract_fixture("real/kirogovcompare/shuyang-county-2025-ocr.txt");
  std::set<std::pair<std::string, std::string>> said;
  std::map<std::string, int> printed_twice_per_key;
  for (const Finding& finding : report.findings) {
    EXPECT_TRUE(said.insert({finding.rule, finding.message}).second) << finding.rule << " " << finding.message;
    if (finding.rule == kPrintedTwiceRule) {
      for (const std::string& key : finding.cells) ++printed_twice_per_key[key];
    }
    if (finding.rule == "V4") {
      ASSERT_EQ(finding.cells.size(), 1u) << finding.message;
      EXPECT_TRUE(report.cells.at(finding.cells.front()).has_flag("text")) << finding.message;
    }
  }
  for (const auto& [key, count] : printed_twice_per_key) EXPECT_EQ(count, 1) << key;
}

TEST(FindingIds, StructureIdsAreDistinctAndNoneIsASpecId) {
  std::set<std::string> ids = {kTableMissingRule, kTableIncompleteRule, kRowNotStandardRule, kPrintedTwiceRule,
                               kRowValueCountRule, kTextInNumberCellRule};
  EXPECT_EQ(ids.size(), 6u);
  for (const char* spec_only : {"V1", "V2", "V3", "T2-1", "T3-1", "T4-1", "X1", "X2", "X3"}) {
    EXPECT_FALSE(ids.count(spec_only)) << spec_only;
  }
}

std::string read_doc(const std::string& relative) {
  std::ifstream in(std::string(NIANBAO_FIXTURES_DIR) + "/../docs/" + relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(FindingIds, EveryRuleIdIsDocumented) {
  std::string doc = read_doc("finding-rules.md");
  if (doc.empty()) GTEST_SKIP() << "docs/finding-rules.md is not beside fixtures/";
  for (const char* id : {kTableMissingRule, kTableIncompleteRule, kRowNotStandardRule, kPrintedTwiceRule,
                         kRowValueCountRule, kTextInNumberCellRule, kProseApplicationsRule, kProseDisputesRule,
                         kRegulationPowerRule, kFeeMagnitudeRule, "V1", "V3", "T2-1", "T2-2", "T2-3", "T2-4", "T2-5",
                         "T3-1", "T3-2", "T3-3", "T3-5", "T3-6", "T4-1", "X3", "tables_unread"}) {
    EXPECT_NE(doc.find("| " + std::string(id) + " |"), std::string::npos)
        << id << " has no row in docs/finding-rules.md";
  }
}

}  // namespace
}  // namespace nianbao
