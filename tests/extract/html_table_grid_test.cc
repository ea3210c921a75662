// HTML tables → grids: rowspan/colspan expanded with origins, text from nested <p>/<span>/<br>,
// &nbsp; cells blank, nested tables kept apart, hostile spans clamped, and byte offsets exact.
#include <gtest/gtest.h>

#include "extract/html/gumbo_document.h"
#include "extract/html/table_grid.h"
#include "extract/readers/html_reader.h"

namespace nianbao {
namespace {

std::vector<Grid> grids_of(const std::string& html) {
  ReaderResult read = read_html_document(html, "");
  EXPECT_EQ(read.status, ExtractStatus::ok) << read.message;
  return read.document.grids;
}

TEST(HtmlTableGrid, RowspanAndColspanAreExpandedWithTheirOrigin) {
  auto grids = grids_of(
      "<table><tr><td rowspan=2 colspan=2>A</td><td>B</td></tr>"
      "<tr><td>C</td></tr><tr><td>D</td><td>E</td><td>F</td></tr></table>");
  ASSERT_EQ(grids.size(), 1u);
  const Grid& grid = grids[0];
  ASSERT_EQ(grid.row_count(), 3u);
  ASSERT_EQ(grid.column_count(), 3u);
  EXPECT_EQ(grid.rows[0][0].text, "A");
  EXPECT_FALSE(grid.rows[0][0].spanned);
  for (auto [r, c] : {std::pair{0, 1}, {1, 0}, {1, 1}}) {
    EXPECT_EQ(grid.rows[r][c].text, "A");
    EXPECT_TRUE(grid.rows[r][c].spanned);
    EXPECT_EQ(grid.rows[r][c].origin.row, 0);
    EXPECT_EQ(grid.rows[r][c].origin.col, 0);
  }
  EXPECT_EQ(grid.rows[1][2].text, "C");  // C is placed after the span, not under A
  EXPECT_EQ(grid.rows[2][2].text, "F");
}

TEST(HtmlTableGrid, CellTextJoinsSpansAndBreaksAndBlanksNbsp) {
  auto grids = grids_of(
      "<table><tr><td><p><span>结果</span><br/><span style='letter-spacing:2px'>维持</span></p></td>"
      "<td><p>&nbsp;&nbsp;</p></td><td><font>&nbsp;12&nbsp;</font></td></tr></table>");
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].rows[0][0].text, "结果 维持");
  EXPECT_EQ(grids[0].rows[0][1].text, "");
  EXPECT_EQ(grids[0].rows[0][2].text, "12");
}

TEST(HtmlTableGrid, NestedTablesBecomeTheirOwnGrids) {
  auto grids = grids_of("<table><tr><td>outer<table><tr><td>inner</td></tr></table></td><td>2</td></tr></table>");
  ASSERT_EQ(grids.size(), 2u);
  EXPECT_EQ(grids[0].rows[0][0].text, "outer");
  EXPECT_EQ(grids[0].rows[0][1].text, "2");
  EXPECT_EQ(grids[1].rows[0][0].text, "inner");
  EXPECT_EQ(grids[1].index, 1);
}

TEST(HtmlTableGrid, HostileSpansAreClamped) {
  auto grids = grids_of("<table><tr><td rowspan=65534 colspan=100000>x</td></tr><tr><td>y</td></tr></table>");
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].row_count(), 2u);  // rowspan cannot reach past the table's own rows
  EXPECT_LE(grids[0].column_count(), 201u);
}

TEST(HtmlTableGrid, CellsPointAtTheirBytesInTheOriginalPage) {
  std::string html = "<html><body><p>前言</p><table><tr><td>行政许可</td><td><span>3948</span></td></tr></table>";
  auto grids = grids_of(html);
  ASSERT_EQ(grids.size(), 1u);
  const CellOrigin& origin = grids[0].rows[0][1].origin;
  ASSERT_GE(origin.byte_offset, 0);
  EXPECT_EQ(html.substr(static_cast<size_t>(origin.byte_offset), 4), "3948");
}

TEST(HtmlTableGrid, ScriptsStylesAndNavigationAreNotText) {
  ReaderResult read = read_html_document(
      "<html><head><title>某局2022年政府信息公开工作年度报告_年报_某网</title><script>var a='年度报告';</script></head>"
      "<body><div class='nav'>首页 | 年报</div><style>.x{}</style><p>正文第一段</p><div id='footer'>版权所有</div></body></html>",
      "");
  ASSERT_EQ(read.status, ExtractStatus::ok);
  EXPECT_EQ(read.document.title, "某局2022年政府信息公开工作年度报告");
  EXPECT_NE(read.document.text.utf8.find("正文第一段"), std::string::npos);
  EXPECT_EQ(read.document.text.utf8.find("版权所有"), std::string::npos);
  EXPECT_EQ(read.document.text.utf8.find("首页"), std::string::npos);
  EXPECT_EQ(read.document.text.utf8.find("var a"), std::string::npos);
}

TEST(HtmlTableGrid, PublicationDateFromMetaOrFromTheDateLine) {
  ReaderResult with_meta = read_html_document("<meta name=\"PubDate\" content=\"2020-01-20 15:22\"><p>x</p>", "");
  EXPECT_EQ(with_meta.document.published, "2020-01-20");
  ReaderResult with_line = read_html_document("<html><body><p>发布日期：2023年2月7日</p></body></html>", "");
  EXPECT_EQ(with_line.document.published, "2023-02-07");
}

}  // namespace
}  // namespace nianbao
