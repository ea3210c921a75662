// Unit tests of the pipe-table reader: regions, cell splitting with empty cells kept, Markdown
// rows, rows broken over two lines rejoined, rectangular grids, and byte offsets of every cell.
#include "extract/table/pipe_table_reader.h"

#include <gtest/gtest.h>

#include "common/text/decode.h"
#include "extract/text/normalize.h"

namespace nianbao {
namespace {

// The grids, numbered in document order as the text reader numbers them.
std::vector<Grid> read(const std::string& source) {
  std::vector<Grid> grids;
  for (PositionedGrid& positioned : read_pipe_tables(normalize_text(decode_to_utf8(source, "").text))) {
    positioned.grid.index = static_cast<int>(grids.size());
    grids.push_back(std::move(positioned.grid));
  }
  return grids;
}

std::vector<std::string> row_texts(const Grid& grid, size_t row) {
  std::vector<std::string> texts;
  for (const GridCell& cell : grid.rows.at(row)) texts.push_back(cell.text);
  return texts;
}

TEST(PipeTableReader, SplitsCellsAndKeepsEmptyOnes) {
  auto grids = read("前言\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 |  | 0 | 3 |\n结尾\n");
  ASSERT_EQ(grids.size(), 1u);
  const Grid& grid = grids[0];
  EXPECT_EQ(grid.index, 0);
  ASSERT_EQ(grid.row_count(), 2u);
  EXPECT_EQ(row_texts(grid, 1)[0], "规章");
  EXPECT_EQ(row_texts(grid, 1)[1], "");
  EXPECT_EQ(row_texts(grid, 1)[2], "0");
  EXPECT_EQ(row_texts(grid, 1)[3], "3");
}

TEST(PipeTableReader, GridsAreRectangular) {
  auto grids = read("a | b | c | d | e\nx | 1\ny | 2 | 3\n");
  ASSERT_EQ(grids.size(), 1u);
  for (const auto& row : grids[0].rows) EXPECT_EQ(row.size(), grids[0].column_count());
  EXPECT_GE(grids[0].column_count(), 5u);
}

TEST(PipeTableReader, ProseLinesSeparateTables) {
  auto grids = read("表一 | 1 | 2\n行 | 3 | 4\n中间的文字\n表二 | 5\n行 | 6\n");
  ASSERT_EQ(grids.size(), 2u);
  EXPECT_EQ(grids[0].index, 0);
  EXPECT_EQ(grids[1].index, 1);
  EXPECT_EQ(row_texts(grids[1], 1)[1], "6");
}

TEST(PipeTableReader, EachGridKnowsTheTextSpanItCameFrom) {
  MappedText text = normalize_text(decode_to_utf8("前言\na | 1\nb | 2\n后记\n", "").text);
  auto grids = read_pipe_tables(text);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(text.utf8.substr(grids[0].begin, grids[0].end - grids[0].begin), "a | 1\nb | 2");
}

TEST(PipeTableReader, MarkdownRowsAndRuleLines) {
  auto grids = read("| 项目 | 数量 |\n|---|---:|\n| 行政许可 | 12 |\n| 行政处罚 | 7 |\n");
  ASSERT_EQ(grids.size(), 1u);
  ASSERT_EQ(grids[0].row_count(), 3u);  // the |---| rule is not a row
  EXPECT_EQ(row_texts(grids[0], 1)[0], "行政许可");  // no phantom empty cell before the opening pipe
  EXPECT_EQ(row_texts(grids[0], 1)[1], "12");
}

TEST(PipeTableReader, RowBrokenAfterSomeValuesIsRejoined) {
  // Seven values per row; the second row is broken after its fourth value.
  std::string source =
      "一、本年新收 | 1 | 2 | 3 | 4 | 5 | 6 | 21 |\n"
      "2.重复申请 | 2 | 1 | 0 | 0\n"
      "0 | 0 | 3 | |\n"
      "3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
  auto grids = read(source);
  ASSERT_EQ(grids.size(), 1u);
  ASSERT_EQ(grids[0].row_count(), 3u);
  std::vector<std::string> joined = row_texts(grids[0], 1);
  std::vector<std::string> want = {"2.重复申请", "2", "1", "0", "0", "0", "0", "3"};
  ASSERT_GE(joined.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(joined[i], want[i]) << "cell " << i;
  // The joined cells still point at their own line: "3" is the byte right before " | |\n" of line 3.
  const GridCell& total = grids[0].rows[1][7];
  ASSERT_GE(total.origin.byte_offset, 0);
  EXPECT_EQ(source.substr(static_cast<size_t>(total.origin.byte_offset), 1), "3");
  size_t line3 = source.find("0 | 0 | 3");
  EXPECT_EQ(total.origin.byte_offset, static_cast<int64_t>(line3 + 8));
}

TEST(PipeTableReader, SeedStyleBreakWithTotalOnNextLine) {
  std::string source =
      "一、本年新收 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n"
      "(六)其他处理 | 1.逾期不补正 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
      "7 | |\n"
      "3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n";
  auto grids = read(source);
  ASSERT_EQ(grids.size(), 1u);
  ASSERT_EQ(grids[0].row_count(), 3u);
  std::vector<std::string> joined = row_texts(grids[0], 1);
  ASSERT_GE(joined.size(), 9u);
  EXPECT_EQ(joined[8], "7");
}

TEST(PipeTableReader, RowBrokenRightAfterItsLabelIsRejoined) {
  // The break falls between the label and the first value: the values line must still belong to
  // the labelled row, not stand alone as an unlabelled row (spec issue 2: rejoin broken rows).
  std::string source =
      "一、本年新收 | 1 | 2 | 3 | 4 | 5 | 6 | 21 |\n"
      "4.保护第三方合法权益 |\n"
      "2 | 1 | 0 | 0 | 0 | 0 | 3 |\n"
      "5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
  auto grids = read(source);
  ASSERT_EQ(grids.size(), 1u);
  ASSERT_EQ(grids[0].row_count(), 3u) << "the label line and its values line should be one row";
  std::vector<std::string> joined = row_texts(grids[0], 1);
  ASSERT_GE(joined.size(), 8u);
  EXPECT_EQ(joined[0], "4.保护第三方合法权益");
  EXPECT_EQ(joined[1], "2");
  EXPECT_EQ(joined[7], "3");
}

TEST(PipeTableReader, CompleteRowsFollowedByValueLinesAreNotMerged) {
  // Table 四 style: a header, then a full value row; nothing to rejoin.
  auto grids = read("维持 | 纠正 | 其他 | 尚未 | 总计\n1 | 0 | 0 | 0 | 1\n");
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].row_count(), 2u);
}

TEST(PipeTableReader, SingleLineIsNotATable) {
  EXPECT_TRUE(read("only | one line\nprose\n").empty());
  EXPECT_TRUE(read("").empty());
  EXPECT_TRUE(read("no pipes at all\n").empty());
}

TEST(PipeTableReader, CellOffsetsPointAtSourceBytesThroughNormalization) {
  // Traditional characters and full-width digits: offsets refer to the original bytes.
  std::string source = "信息內容 | 本年處理決定數量\n行政許可 | ３９４８\n";
  auto grids = read(source);
  ASSERT_EQ(grids.size(), 1u);
  const GridCell& value = grids[0].rows[1][1];
  EXPECT_EQ(value.text, "3948");
  EXPECT_EQ(value.origin.byte_offset, static_cast<int64_t>(source.find("３")));
  const GridCell& label = grids[0].rows[1][0];
  EXPECT_EQ(label.text, "行政许可");
  EXPECT_EQ(label.origin.byte_offset, static_cast<int64_t>(source.find("行政許可")));
  EXPECT_EQ(grids[0].rows[1][1].origin.row, 1);
  EXPECT_EQ(grids[0].rows[1][1].origin.col, 1);
}

}  // namespace
}  // namespace nianbao
