// Geometry of ruled PDF tables on hand-made rulings, words and bitmaps: cells from ruling lines
// (merged where a border is missing), values placed by their box, never shifted; a value across a
// border flagged and left out; a page-cut side closed; a row split by a page break joined.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "extract/pdf/ruled_table.h"
#include "extract/pdf/ruling_lines.h"
#include "extract/pdf/split_rows.h"

namespace nianbao::pdf {
namespace {

PageWord word(const std::string& text, double left, double top, double right, double bottom) {
  return PageWord{text, {left, top, right, bottom}, false, false};
}

Ruling horizontal(double y, double x0, double x1) { return {x0, y, x1, y}; }
Ruling vertical(double x, double y0, double y1) { return {x, y0, x, y1}; }

// A 表三-like piece, 4 columns at x 100/200/250/300/350, rows at y 100/120/140/160/180:
// row 0 is a header whose "申请人" spans the three value columns (no borders at 250/300 above
// y 120); rows 1–3 hold values; "总计" is the last column.
PageWords sample_page() {
  PageWords page{1, 595, 842, {}, {}};
  page.rulings = {horizontal(100, 100, 350), horizontal(120, 100, 350), horizontal(140, 100, 350),
                  horizontal(160, 100, 350), horizontal(180, 100, 350), vertical(100, 100, 180),
                  vertical(200, 100, 180),     vertical(250, 120, 180),     vertical(300, 120, 180),
                  vertical(350, 100, 180)};
  page.words = {word("申请人", 260, 104, 290, 116), word("自然人", 204, 124, 230, 136),
                word("商业企业", 254, 124, 290, 136), word("总计", 304, 124, 325, 136),
                word("一、新收", 104, 144, 150, 156), word("217", 204, 144, 220, 156),
                word("218", 304, 144, 320, 156),  // 商业企业 left blank: must stay blank, never shifted
                word("二、结转", 104, 164, 150, 176), word("5", 204, 164, 210, 176),
                word("1", 254, 164, 260, 176),      word("6", 304, 164, 310, 176)};
  return page;
}

TEST(PdfRuledTable, CellsFromRulingsWithSpansAndBlanksInPlace) {
  std::vector<RuledTable> tables = find_ruled_tables(sample_page());
  ASSERT_EQ(tables.size(), 1u);
  const Grid& grid = tables[0].grid;
  ASSERT_EQ(grid.row_count(), 4u);
  ASSERT_EQ(grid.column_count(), 4u);
  // the header spans columns 1–3: one origin cell and two spanned copies pointing at it
  EXPECT_EQ(grid.rows[0][1].text, "申请人");
  EXPECT_FALSE(grid.rows[0][1].spanned);
  EXPECT_TRUE(grid.rows[0][3].spanned);
  EXPECT_EQ(grid.rows[0][3].origin.col, 1);
  EXPECT_EQ(grid.rows[2][0].text, "一、新收");
  EXPECT_EQ(grid.rows[2][1].text, "217");
  EXPECT_EQ(grid.rows[2][2].text, "");  // the blank 商业企业 cell
  EXPECT_EQ(grid.rows[2][3].text, "218");  // 总计 stays under 总计
  EXPECT_EQ(grid.rows[3][2].text, "1");
  ASSERT_TRUE(grid.rows[2][3].origin.box.has_value());
  EXPECT_NEAR(grid.rows[2][3].origin.box->left, 304, 0.01);
  EXPECT_EQ(tables[0].words.size(), 11u);
}

TEST(PdfRuledTable, ValueAcrossABorderIsFlaggedAndNotPlaced) {
  PageWords page = sample_page();
  page.words.push_back(word("99", 244, 144, 258, 156));  // straddles the border at x 250
  std::vector<RuledTable> tables = find_ruled_tables(page);
  ASSERT_EQ(tables.size(), 1u);
  const Grid& grid = tables[0].grid;
  for (size_t col : {1u, 2u}) {
    const GridCell& cell = grid.rows[2][col];
    EXPECT_EQ(cell.text.find("99"), std::string::npos) << col;
    ASSERT_EQ(cell.flags.size(), 1u) << col;
    EXPECT_EQ(cell.flags[0], "placement_uncertain");
  }
  EXPECT_EQ(grid.rows[2][1].text, "217");
  EXPECT_TRUE(grid.rows[2][3].flags.empty());
}

TEST(PdfRuledTable, TableCutByThePageBreakKeepsItsFirstRow) {
  PageWords page = sample_page();
  // the continued part of a table on the next page: no top border, the verticals start at y 80
  page.rulings.erase(page.rulings.begin());
  for (Ruling& ruling : page.rulings) {
    if (!ruling.horizontal() && ruling.y0 <= 100) ruling.y0 = 80;
  }
  page.words.push_back(word("续行", 104, 84, 130, 96));
  std::vector<RuledTable> tables = find_ruled_tables(page);
  ASSERT_EQ(tables.size(), 1u);
  const Grid& grid = tables[0].grid;
  EXPECT_EQ(grid.rows[0][0].text, "续行");
}

TEST(PdfRuledTable, EmptyLabelCellBesideALabelJoinsIt) {
  PageWords page = sample_page();
  page.rulings.push_back(vertical(150, 140, 180));  // a border through the label column
  page.words.push_back(word("x", 154, 144, 160, 156));
  page.words.erase(page.words.begin() + 7);  // "二、结转" leaves its row's second label cell empty
  page.words.push_back(word("二、结转", 104, 164, 140, 176));
  std::vector<RuledTable> tables = find_ruled_tables(page);
  ASSERT_EQ(tables.size(), 1u);
  const Grid& grid = tables[0].grid;
  ASSERT_EQ(grid.column_count(), 5u);
  EXPECT_EQ(grid.rows[3][0].text, "二、结转");
  EXPECT_TRUE(grid.rows[3][1].spanned);
  EXPECT_EQ(grid.rows[3][1].text, "二、结转");
  EXPECT_EQ(grid.rows[3][2].text, "5");
}

// A white page, 2 px per point, with black lines drawn in points.
struct Bitmap {
  int width = 400, height = 300;
  std::vector<uint8_t> pixels = std::vector<uint8_t>(static_cast<size_t>(400 * 300), 255);
  void line(double x0, double y0, double x1, double y1) {
    for (int y = static_cast<int>(y0 * 2); y <= static_cast<int>(y1 * 2); ++y) {
      for (int x = static_cast<int>(x0 * 2); x <= static_cast<int>(x1 * 2); ++x) pixels[static_cast<size_t>(y * width + x)] = 0;
    }
  }
  GrayPage page() const { return GrayPage{width, height, width, pixels.data(), 2}; }
};

TEST(PdfRulingLines, BordersAreFoundGlyphStrokesAndStrayMarksAreNot) {
  Bitmap bitmap;
  for (double y : {20.0, 60.0, 100.0}) bitmap.line(20, y, 180, y);
  for (double x : {20.0, 100.0, 180.0}) bitmap.line(x, 20, x, 100);
  bitmap.line(30, 40, 60, 40);    // a dash "——" inside its word box
  bitmap.line(120, 120, 150, 120);  // a stray underline far from the table
  std::vector<BoundingBox> words = {{28, 30, 62, 50}};
  std::vector<Ruling> rulings = find_rulings(bitmap.page(), words);
  size_t horizontals = 0, verticals = 0;
  for (const Ruling& ruling : rulings) {
    (ruling.horizontal() ? horizontals : verticals) += 1;
    if (ruling.horizontal()) {
      EXPECT_NEAR(ruling.x0, 20, 0.6);
      EXPECT_NEAR(ruling.x1, 180.5, 0.6);
    }
  }
  EXPECT_EQ(horizontals, 3u);
  EXPECT_EQ(verticals, 3u);
}

Grid grid_of(int page, const std::vector<std::vector<std::string>>& texts) {
  Grid grid;
  for (size_t r = 0; r < texts.size(); ++r) {
    std::vector<GridCell> row;
    for (size_t c = 0; c < texts[r].size(); ++c) {
      GridCell cell;
      cell.text = texts[r][c];
      cell.origin = {static_cast<int>(r), static_cast<int>(c), -1, page, std::nullopt};
      row.push_back(cell);
    }
    grid.rows.push_back(row);
  }
  return grid;
}

TEST(PdfSplitRows, RestOfALabelOnTheNextPageJoinsItsRow) {
  std::vector<Grid> grids = {grid_of(3, {{"1.属于国家秘密", "0", "0"}, {"3.危及“三安全一稳", "0", "1"}}),
                             grid_of(4, {{"定”", "", ""}, {"4.保护第三方合法权益", "2", "2"}})};
  join_split_rows(grids);
  EXPECT_EQ(grids[0].rows[1][0].text, "3.危及“三安全一稳定”");
  ASSERT_EQ(grids[1].row_count(), 1u);
  EXPECT_EQ(grids[1].rows[0][0].text, "4.保护第三方合法权益");
  EXPECT_EQ(grids[1].rows[0][1].origin.row, 0);
}

TEST(PdfSplitRows, ARowWithValuesOrOnTheSamePageIsLeftAlone) {
  std::vector<Grid> same_page = {grid_of(3, {{"a", "1"}}), grid_of(3, {{"b", ""}, {"c", "2"}})};
  join_split_rows(same_page);
  EXPECT_EQ(same_page[1].row_count(), 2u);
  std::vector<Grid> header = {grid_of(3, {{"a", "1"}}), grid_of(4, {{"信息内容", "数量"}, {"c", "2"}})};
  join_split_rows(header);
  EXPECT_EQ(header[1].row_count(), 2u);
  EXPECT_EQ(header[0].rows[0][0].text, "a");
}

}  // namespace
}  // namespace nianbao::pdf
