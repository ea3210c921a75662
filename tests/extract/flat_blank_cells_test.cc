// Flattened 表三 rows whose blank cells vanished (zeros written as nothing, the spaces folded): a
// row printing fewer values than its seven columns is placed only where the table's identities leave
// one placement; otherwise the cells they do not settle stay null with a finding — never filled in order.
#include <gtest/gtest.h>

#include <set>

#include "extract/model/key_catalog.h"
#include "tests/support/dump_score.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

const char* kGold = "real/pingtan-archive/zfxxgknb/202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/page.expected.json";

std::string number_text(double value) {
  std::string text = std::to_string(static_cast<long long>(value));
  return text;
}

// The 2023 report's 表三 flattened onto one line, labels then values separated by single spaces;
// in the rows of `blanked` the zero cells are left out, as a page writing zero as blank dumps them.
std::string flat_report(const nlohmann::json& cells, const std::set<std::string>& blanked) {
  std::string line = "三、收到和处理政府信息公开申请情况 申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他";
  for (const Table3Row& row : table3_rows(Format::f2021)) {
    line += " " + row.label;
    for (const std::string& column : table3_columns()) {
      double value = cells.at("t3." + row.row + "." + column).get<double>();
      if (value == 0 && blanked.count(row.row)) continue;
      line += " " + number_text(value);
    }
  }
  return "平潭综合实验区2023年度政府信息公开工作年度报告\n" + line + " 四、政府信息公开行政复议、行政诉讼情况\n";
}

Report extract_text(const std::string& text) {
  Extraction extraction = extract_document({text, "flat-blank-cells.txt", ""});
  if (extraction.status != ExtractStatus::ok || extraction.reports.size() != 1) {
    throw std::runtime_error("no single report from the flattened text: " + extraction.message);
  }
  return extraction.reports.front();
}

std::optional<double> value_of(const Report& report, const std::string& key) {
  auto found = report.cells.find(key);
  if (found == report.cells.end() || !found->second.value) return std::nullopt;
  return found->second.value->value;
}

// Every 表三 cell is the printed value, or null: a blanked zero is null, and a cell the identities
// do not settle is null with a finding naming it. Never a value that the row did not print there.
void expect_right_or_null_with_finding(const Report& report, const nlohmann::json& cells,
                                       const std::set<std::string>& blanked) {
  for (const Table3Row& row : table3_rows(Format::f2021)) {
    for (const std::string& column : table3_columns()) {
      std::string key = "t3." + row.row + "." + column;
      double printed = cells.at(key).get<double>();
      bool blank = printed == 0 && blanked.count(row.row);
      std::optional<double> got = value_of(report, key);
      if (got) {
        EXPECT_FALSE(blank) << key << " was blank but reads " << *got;
        EXPECT_EQ(*got, printed) << key;
      } else if (!blank) {
        EXPECT_TRUE(testing::finding_names(report, key)) << key << " is null and no finding names it";
      }
    }
  }
}

TEST(FlatBlankCells, EveryCellPrintedReadsExactly) {
  nlohmann::json cells = testing::read_gold(kGold).at("cells");
  Report report = extract_text(flat_report(cells, {}));
  EXPECT_EQ(report.format, Format::f2021);
  for (const Table3Row& row : table3_rows(Format::f2021)) {
    for (const std::string& column : table3_columns()) {
      std::string key = "t3." + row.row + "." + column;
      ASSERT_TRUE(value_of(report, key)) << key;
      EXPECT_EQ(*value_of(report, key), cells.at(key).get<double>()) << key;
      EXPECT_FALSE(report.cells.at(key).has_flag("split_recovered")) << key << ": spaces separated every value";
    }
  }
}

TEST(FlatBlankCells, ARowWithOnePlacementLeftIsPlaced) {
  // 一、本年新收 prints "80 1 81": 二、上年结转, （七）总计 and 四、结转 print every column, so
  // 一 + 二 = 三 + 四 puts 80 under 自然人 and 1 under 商业企业; the other four columns were blank.
  nlohmann::json cells = testing::read_gold(kGold).at("cells");
  std::set<std::string> blanked = {"new_received"};
  Report report = extract_text(flat_report(cells, blanked));
  EXPECT_EQ(value_of(report, "t3.new_received.natural_person"), 80);
  EXPECT_EQ(value_of(report, "t3.new_received.commercial"), 1);
  EXPECT_EQ(value_of(report, "t3.new_received.total"), 81);
  EXPECT_FALSE(value_of(report, "t3.new_received.research"));
  EXPECT_TRUE(report.cells.at("t3.new_received.commercial").has_flag("placement_recovered"));
  expect_right_or_null_with_finding(report, cells, blanked);
}

TEST(FlatBlankCells, SeveralPlacementsLeaveTheUnsettledCellsNullWithAFinding) {
  // The three rows holding the 商业企业 application print "… 1 …" without their zeros: the 1 fits
  // under any of the five legal-person columns, the same one in each row; nothing tells which.
  nlohmann::json cells = testing::read_gold(kGold).at("cells");
  std::set<std::string> blanked = {"new_received", "result.partial", "result.total"};
  Report report = extract_text(flat_report(cells, blanked));
  // 自然人 and 总计 are settled by the sums (19 + 1 = 20; the result rows add up to （七）总计).
  EXPECT_EQ(value_of(report, "t3.result.partial.natural_person"), 19);
  EXPECT_EQ(value_of(report, "t3.result.partial.total"), 20);
  for (const char* key : {"t3.result.partial.commercial", "t3.new_received.commercial", "t3.result.total.commercial"}) {
    EXPECT_FALSE(value_of(report, key)) << key << " must not be filled in order";
    EXPECT_TRUE(testing::finding_names(report, key)) << key;
    EXPECT_TRUE(report.cells.at(key).has_flag("split_ambiguous")) << key;
  }
  bool lists_candidates = false;
  for (const Finding& finding : report.findings) {
    if (finding.rule == "S5" && finding.message.find("19|1|_|_|_|_|20") != std::string::npos) lists_candidates = true;
  }
  EXPECT_TRUE(lists_candidates) << "the finding lists the candidate placements";
  expect_right_or_null_with_finding(report, cells, blanked);
}

}  // namespace
}  // namespace nianbao
