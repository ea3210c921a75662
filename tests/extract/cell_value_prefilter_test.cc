// The cell parser's pre-filter (labels told apart by their first and last characters, without the
// regex) gives what the number pattern gives: texts it must leave to the pattern still parse.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "extract/table/cell_value.h"

namespace nianbao {
namespace {

bool has_flag(const CellValue& value, const std::string& flag) {
  return std::find(value.flags.begin(), value.flags.end(), flag) != value.flags.end();
}

double number_of(const CellValue& value) { return value.number ? value.number->value : -1e9; }

TEST(CellValuePrefilter, LabelsStartingOrEndingOutsideThePatternAreText) {
  for (const char* label : {"（一）本年新收政府信息公开申请数量", "1.收到申请数", "12人",
                            "三、收到和处理政府信息公开申请情况", "3次", "(二)其他", "总计"}) {
    CellValue value = parse_cell_value(label);
    EXPECT_EQ(value.kind, CellKind::text) << label;
    EXPECT_FALSE(value.number.has_value()) << label;
  }
}

TEST(CellValuePrefilter, UnicodeSpaceAroundTheDigitsStillReadsAsTheNumber) {
  CellValue leading = parse_cell_value("\u300012");  // ideographic space, not trimmed: the pattern's \s
  EXPECT_EQ(leading.kind, CellKind::number);
  EXPECT_EQ(number_of(leading), 12);
  CellValue trailing = parse_cell_value("7\u3000");
  EXPECT_EQ(trailing.kind, CellKind::number);
  EXPECT_EQ(number_of(trailing), 7);
}

TEST(CellValuePrefilter, SignsUnitsSeparatorsAndNotesStillReachThePattern) {
  CellValue minus = parse_cell_value("\u22125");  // U+2212 MINUS SIGN
  EXPECT_EQ(number_of(minus), -5);
  CellValue plus = parse_cell_value("+3");
  EXPECT_EQ(number_of(plus), 3);
  EXPECT_TRUE(has_flag(plus, "plus_sign"));
  CellValue money = parse_cell_value("1,234万元");
  EXPECT_EQ(number_of(money), 1234);
  EXPECT_EQ(money.unit, "万元");
  EXPECT_TRUE(has_flag(money, "thousands_separator"));
  CellValue visits = parse_cell_value("15人次");
  EXPECT_EQ(number_of(visits), 15);
  EXPECT_EQ(visits.unit, "人次");
  CellValue noted = parse_cell_value("5 (含转办)");
  EXPECT_EQ(number_of(noted), 5);
  EXPECT_TRUE(has_flag(noted, "annotation_stripped"));
  CellValue articles = parse_cell_value("8篇");
  EXPECT_EQ(number_of(articles), 8);
}

TEST(CellValuePrefilter, DigitsOfOtherScriptsAreLeftToThePattern) {
  // \d matches any decimal digit: these are numbers to the pattern (valued by strtod, which reads
  // only ASCII digits), never text decided by the pre-filter.
  for (const char* digits : {"\uFF11\uFF12", "\u0663", "\u0967\u0966"}) {
    EXPECT_EQ(parse_cell_value(digits).kind, CellKind::number) << digits;
  }
}

}  // namespace
}  // namespace nianbao
