// The PDF layout pieces on hand-made word boxes: values never glued or split, multi-line and
// vertical labels joined to their row, values under their header words, repeated headers dropped.
#include <gtest/gtest.h>

#include "extract/pdf/layout_grid.h"
#include "extract/pdf/page_join.h"
#include "extract/pdf/page_lines.h"
#include "extract/pdf/page_regions.h"
#include "extract/pdf/value_text.h"

namespace nianbao::pdf {
namespace {

PageWord word(const std::string& text, double left, double top, double right, double bottom, bool space = false) {
  return PageWord{text, {left, top, right, bottom}, space, false};
}

std::vector<std::string> row_texts(const Grid& grid, size_t row) {
  std::vector<std::string> texts;
  for (const GridCell& cell : grid.rows.at(row)) {
    if (!cell.spanned) texts.push_back(cell.text);
  }
  return texts;
}

TEST(PdfValueText, NumbersAndPlaceholdersAreValuesLabelsAreNot) {
  EXPECT_TRUE(is_value_text("21"));
  EXPECT_TRUE(is_value_text("7730.28"));
  EXPECT_TRUE(is_value_text("-18"));
  EXPECT_TRUE(is_value_text("1,234"));
  EXPECT_TRUE(is_value_text("75394432.52元"));
  EXPECT_TRUE(is_value_text("—"));
  EXPECT_TRUE(is_value_text("/"));
  EXPECT_FALSE(is_value_text("1.属于国家秘密"));
  EXPECT_FALSE(is_value_text("2023 年"));
  EXPECT_FALSE(is_value_text("-3-"));
  EXPECT_FALSE(is_value_text("1."));
  EXPECT_FALSE(is_value_text(""));
}

TEST(PdfLines, AdjacentNumbersStaySeparateAndWordsOfALabelJoin) {
  PageWords page{1, 595, 842, {}, {}};
  page.words = {word("1.", 180.7, 583.7, 188.2, 596.7), word("属于国家秘密", 188.3, 586.0, 242.3, 595.0),
                word("10", 300.0, 582.0, 310.0, 596.0), word("3", 312.0, 582.0, 317.0, 596.0)};
  std::vector<Line> lines = build_lines(page);
  ASSERT_EQ(lines.size(), 1u);
  ASSERT_EQ(lines[0].fragments.size(), 3u);
  EXPECT_EQ(lines[0].fragments[0].text, "1.属于国家秘密");
  EXPECT_FALSE(lines[0].fragments[0].value);
  EXPECT_EQ(lines[0].fragments[1].text, "10");
  EXPECT_EQ(lines[0].fragments[2].text, "3");
  EXPECT_TRUE(lines[0].fragments[2].value);
}

TEST(PdfRegions, ProseHeadingsAndPageNumbersEndATable) {
  Line prose{{Fragment{"全年收取政府信息公开信息处理费 0 元,现将有关情况报告如下,请予审阅。", {74, 100, 518, 116}, 1}}, 100, 116};
  Line heading{{Fragment{"四、政府信息公开行政复议、行政诉讼情况", {104, 300, 408, 316}, 1}}, 300, 316};
  Line page_number{{Fragment{"-4-", {290, 790, 310, 806}, 1}}, 790, 806};
  Line row{{Fragment{"行政许可", {81, 200, 129, 212}, 1}, Fragment{"550", {360, 198, 380, 214}, 1, true}}, 198, 214};
  EXPECT_EQ(classify_line(prose, 74, 518), LineKind::prose);
  EXPECT_EQ(classify_line(heading, 74, 518), LineKind::heading);
  EXPECT_EQ(classify_line(page_number, 74, 518), LineKind::page_number);
  EXPECT_EQ(classify_line(row, 74, 518), LineKind::table);
  std::vector<Region> regions = find_table_regions({prose, row, row, heading, row}, 1);
  ASSERT_EQ(regions.size(), 2u);  // the heading splits the rows into two tables
  EXPECT_EQ(regions[0].lines.size(), 2u);
  EXPECT_EQ(regions[1].lines.size(), 1u);
  EXPECT_TRUE(find_table_regions({prose, heading, prose}, 1).empty());
}

// A 表三-like piece: a two-line label whose values sit between its lines, a group label centred
// between two rows, and a vertical label one character per line.
Region sample_region() {
  PageWords page{3, 595, 842, {}, {}};
  auto values = [&](double top, const std::vector<std::string>& numbers) {
    double left = 320;
    for (const std::string& number : numbers) {
      page.words.push_back(word(number, left, top, left + 7, top + 14));
      left += 30;
    }
  };
  page.words.push_back(word("申请人情况", 310, 370, 360, 380));  // spans both value columns
  page.words.push_back(word("自然人", 311, 430, 336, 440));
  page.words.push_back(word("总计", 345, 430, 362, 440));
  page.words.push_back(word("(二)部分公开(区分处理的,只计这一情", 104, 551, 275, 560));
  page.words.push_back(word("形,不计其他情形)", 104, 565, 180, 574));
  values(555, {"4", "4"});
  page.words.push_back(word("1.属于国家秘密", 181, 586, 242, 595));
  values(582, {"1", "1"});
  page.words.push_back(word("2.其他法律行政法规禁止公开", 181, 604, 270, 613));
  values(601, {"0", "0"});
  page.words.push_back(word("(三)不予公开", 104, 611, 167, 620));
  page.words.push_back(word("3.第三方", 181, 624, 220, 633));
  values(621, {"0"});  // the second value of that row is blank
  for (int i = 0; i < 4; ++i) page.words.push_back(word(std::string(i == 0 ? "三" : i == 1 ? "本" : i == 2 ? "年" : "度"), 80, 580 + 15 * i, 88, 588 + 15 * i));
  std::vector<Line> lines = build_lines(page);
  std::vector<Region> regions = find_table_regions(lines, 3);
  EXPECT_EQ(regions.size(), 1u);
  return regions.empty() ? Region{} : regions.front();
}

TEST(PdfLayoutGrid, WrappedLabelJoinsTheRowItsValuesSitIn) {
  Grid grid = build_layout_grid(sample_region());
  ASSERT_GE(grid.row_count(), 4u);
  bool found = false;
  for (size_t r = 0; r < grid.row_count(); ++r) {
    std::vector<std::string> texts = row_texts(grid, r);
    if (!texts.empty() && texts.front().find("部分公开") != std::string::npos) {
      EXPECT_EQ(texts.front(), "(二)部分公开(区分处理的,只计这一情形,不计其他情形)");
      EXPECT_EQ(texts.at(1), "4");
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(PdfLayoutGrid, VerticalLabelIsOneCellAndBlankValueKeepsItsColumn) {
  Grid grid = build_layout_grid(sample_region());
  bool vertical = false, blank_slot = false;
  for (size_t r = 0; r < grid.row_count(); ++r) {
    for (const GridCell& cell : grid.rows[r]) vertical |= !cell.spanned && cell.text == "三本年度";
    std::vector<std::string> texts = row_texts(grid, r);
    if (!texts.empty() && texts.back() == "" && texts.size() >= 2 && texts[texts.size() - 2] == "0") {
      blank_slot = true;
      EXPECT_EQ(grid.rows[r].back().origin.page, 3);
    }
  }
  EXPECT_TRUE(vertical);
  EXPECT_TRUE(blank_slot);
}

TEST(PdfLayoutGrid, ValuesGoUnderTheirHeaderWordsAndAValueBetweenColumnsIsFlagged) {
  PageWords page{3, 595, 842, {}, {}};
  page.words = {word("信息", 100, 100, 120, 110), word("自然人", 200, 100, 230, 110), word("商业", 260, 100, 280, 110),
                word("科研", 310, 100, 330, 110), word("总计", 360, 100, 380, 110),
                word("新收", 100, 120, 120, 130),  word("217", 205, 120, 222, 130), word("218", 360, 120, 377, 130),
                word("结转", 100, 140, 120, 150),  word("5", 212, 140, 218, 150),   word("9", 288, 140, 302, 150)};
  std::vector<Region> regions = find_table_regions(build_lines(page), 3);
  ASSERT_EQ(regions.size(), 1u);
  Grid grid = build_layout_grid(regions[0]);
  ASSERT_EQ(grid.column_count(), 5u);
  // 新收: 217 under 自然人, 商业 and 科研 blank, 218 under 总计 — never shifted into 商业
  EXPECT_EQ(row_texts(grid, 1), (std::vector<std::string>{"新收", "217", "", "", "218"}));
  // 结转: "9" straddles the midpoint of 商业 and 科研: not placed, its cell flagged
  EXPECT_EQ(grid.rows[2][1].text, "5");
  const GridCell& straddled = grid.rows[2][2].flags.empty() ? grid.rows[2][3] : grid.rows[2][2];
  EXPECT_EQ(straddled.text, "");
  ASSERT_EQ(straddled.flags.size(), 1u);
  EXPECT_EQ(straddled.flags[0], "placement_uncertain");
}

TEST(PdfLayoutGrid, EveryRowHasTheSameWidthAndValueCellsCarryTheirBox) {
  Grid grid = build_layout_grid(sample_region());
  for (const auto& row : grid.rows) EXPECT_EQ(row.size(), grid.column_count());
  std::vector<double> lefts_of_fours;
  for (const auto& row : grid.rows) {
    for (const GridCell& cell : row) {
      if (cell.spanned || cell.text != "4") continue;
      ASSERT_TRUE(cell.origin.box.has_value());
      EXPECT_EQ(cell.origin.page, 3);
      lefts_of_fours.push_back(cell.origin.box->left);
    }
  }
  EXPECT_EQ(lefts_of_fours, (std::vector<double>{320, 350}));
}

Grid grid_of(const std::vector<std::vector<std::string>>& texts) {
  Grid grid;
  for (size_t r = 0; r < texts.size(); ++r) {
    std::vector<GridCell> row;
    for (size_t c = 0; c < texts[r].size(); ++c) {
      GridCell cell;
      cell.text = texts[r][c];
      cell.origin.row = static_cast<int>(r);
      cell.origin.col = static_cast<int>(c);
      row.push_back(cell);
    }
    grid.rows.push_back(row);
  }
  return grid;
}

TEST(PdfPageJoin, RepeatedHeaderOnTheNextPageIsDropped) {
  std::vector<Grid> grids = {grid_of({{"项目", "自然人"}, {"一、本年新收", "5"}}),
                             grid_of({{"项目", "自然人"}, {"四、结转下年度", "2"}})};
  drop_repeated_headers(grids);
  ASSERT_EQ(grids[1].row_count(), 1u);
  EXPECT_EQ(grids[1].rows[0][0].text, "四、结转下年度");
  EXPECT_EQ(grids[1].rows[0][1].origin.row, 0);
  EXPECT_EQ(grids[0].row_count(), 2u);
}

TEST(PdfPageJoin, DifferentHeadersAreKept) {
  std::vector<Grid> grids = {grid_of({{"信息内容", "本年制发件数"}, {"规章", "1"}}),
                             grid_of({{"行政复议"}, {"1"}})};
  drop_repeated_headers(grids);
  EXPECT_EQ(grids[1].row_count(), 2u);
}

}  // namespace
}  // namespace nianbao::pdf
