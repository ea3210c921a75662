// Acceptance of issue 14 item 3: the twelve 平潭 2011–2018 reports produce exactly the pre.* cells
// of their gold (page.pre-expected.json, 179 cells), each pointing at the bytes it was read from.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "extract/pre2019/pre_statistics.h"
#include "tests/support/gold.h"

namespace nianbao {
namespace {

const std::filesystem::path kPingtan = std::filesystem::path("real/pingtan-archive/zfxxgknb");

std::vector<std::filesystem::path> pre_golds() {
  std::vector<std::filesystem::path> golds;
  std::filesystem::path root(NIANBAO_FIXTURES_DIR);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root / kPingtan)) {
    if (entry.path().filename() == "page.pre-expected.json") golds.push_back(std::filesystem::relative(entry.path(), root));
  }
  std::sort(golds.begin(), golds.end());
  return golds;
}

std::filesystem::path document_of(const std::filesystem::path& gold_path, const nlohmann::json& gold) {
  return gold_path.parent_path() / gold.at("document").get<std::string>();
}

// The original bytes at a cell's byte_offset begin with the number it holds (its first digit run),
// or, for an explicit negation read as 0, with the phrase that says so. The HTML reader maps a text
// node's characters to the node's first byte, so in a page the number lies within that node.
bool points_at_its_source(const std::string& bytes, const Cell& cell, bool html) {
  if (cell.at.byte_offset < 0 || cell.at.byte_offset >= static_cast<int64_t>(bytes.size())) return false;
  std::string_view at = std::string_view(bytes).substr(cell.at.byte_offset, html ? 400 : std::string::npos);
  auto found = [&](std::string_view wanted) { return html ? at.find(wanted) != std::string_view::npos : at.starts_with(wanted); };
  if (cell.has_flag("negation")) {
    for (std::string_view phrase : {"未收到", "没有收到", "暂不收费", "未收取", "没有收取", "无不予公开", "不存在", "没有"}) {
      if (found(phrase)) return true;
    }
    return false;
  }
  std::string digits;
  for (char c : cell.raw) {
    if (c < '0' || c > '9') break;
    digits += c;
  }
  return !digits.empty() && found(digits);
}

TEST(Pre2019Gold, TwelvePingtanReportsHaveAPreGold) {
  std::vector<std::filesystem::path> golds = pre_golds();
  EXPECT_EQ(golds.size(), 12u);
  int cells = 0;
  for (const auto& gold : golds) cells += static_cast<int>(testing::read_gold(gold.string()).at("cells").size());
  EXPECT_EQ(cells, 179);
}

TEST(Pre2019Gold, EveryReportProducesExactlyItsPreCells) {
  testing::GoldScore total;
  for (const auto& gold_path : pre_golds()) {
    nlohmann::json gold = testing::read_gold(gold_path.string());
    std::filesystem::path document = document_of(gold_path, gold);
    Report report = testing::extract_fixture(document.string());
    for (const std::string& difference : testing::compare_with_gold(report, gold)) {
      ADD_FAILURE() << document << ": " << difference;
    }
    for (const Finding& finding : report.findings) {
      EXPECT_NE(finding.rule, kPreSplitRule) << document << ": " << finding.message;  // every run is decided
    }
    testing::GoldScore score = testing::score_cells(report, gold);
    total.right += score.right;
    total.wrong += score.wrong;
    total.total += score.total;
  }
  std::cout << "pre-2019 gold: " << total.right << "/" << total.total << " cells right, " << total.wrong
            << " wrong\n";
  EXPECT_EQ(total.wrong, 0);
  EXPECT_EQ(total.right, 179);
}

TEST(Pre2019Gold, EveryPreCellPointsAtTheBytesItWasReadFrom) {
  int checked = 0;
  for (const auto& gold_path : pre_golds()) {
    nlohmann::json gold = testing::read_gold(gold_path.string());
    std::filesystem::path document = document_of(gold_path, gold);
    std::string bytes = testing::read_fixture(document.string());
    Report report = testing::extract_fixture(document.string());
    for (const auto& [key, cell] : report.cells) {
      if (key.rfind("pre.", 0) != 0) continue;
      EXPECT_TRUE(points_at_its_source(bytes, cell, document.extension() == ".html"))
          << document << " " << key << " raw '" << cell.raw << "' at byte " << cell.at.byte_offset;
      EXPECT_EQ(cell.at.table, -1) << key;  // read from text, not from a grid
      ++checked;
    }
  }
  EXPECT_EQ(checked, 179);
}

TEST(Pre2019Gold, FusedTablesAreFlaggedAndSpacedOnesAreNot) {
  // 80716 (2011, county) fuses its table; 80678 prints the same table spaced.
  Report fused = testing::extract_fixture(
      (kPingtan / "201204/80716_平潭县人民政府2011年政府信息公开工作年度报告/page.txt").string());
  Report spaced = testing::extract_fixture(
      (kPingtan / "201204/80678_平潭综合实验区2011年政府信息公开工作年度报告/page.txt").string());
  EXPECT_TRUE(fused.cells.at("pre.active.items").has_flag("split_recovered"));
  EXPECT_FALSE(spaced.cells.at("pre.active.items").has_flag("split_recovered"));
  EXPECT_EQ(fused.cells.at("pre.active.items").value, spaced.cells.at("pre.active.items").value);
}

TEST(Pre2019Gold, ReportsOf2019OnwardHaveNoPreCells) {
  Report report = testing::extract_fixture(
      (kPingtan / "202001/80576_平潭综合实验区2019年度政府信息公开工作年度报告/page.html").string());
  for (const auto& [key, cell] : report.cells) EXPECT_NE(key.rfind("pre.", 0), 0u) << key;
}

}  // namespace
}  // namespace nianbao
