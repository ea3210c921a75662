// Unit tests of cell text → value: explicit zeros vs null tokens vs blanks, signs, thousands
// separators, decimals, units and bracketed notes (spec §8, §10.1 V4, §11).
#include "extract/table/cell_value.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "extract/text/normalize.h"

namespace nianbao {
namespace {

bool has_flag(const CellValue& value, const std::string& flag) {
  return std::find(value.flags.begin(), value.flags.end(), flag) != value.flags.end();
}

TEST(CellValue, ExplicitZeroIsANumber) {
  CellValue zero = parse_cell_value("0");
  EXPECT_EQ(zero.kind, CellKind::number);
  ASSERT_TRUE(zero.number.has_value());
  EXPECT_EQ(zero.number->value, 0);
  EXPECT_TRUE(zero.number->integral);
}

TEST(CellValue, NullTokensAreNotZero) {
  for (const char* token : {"-", "—", "——", "--", "/", "无", "空", "不适用", "N/A"}) {
    CellValue value = parse_cell_value(token);
    EXPECT_EQ(value.kind, CellKind::null_token) << token;
    EXPECT_FALSE(value.number.has_value()) << token;
  }
  EXPECT_EQ(parse_cell_value(" / ").kind, CellKind::null_token);
}

TEST(CellValue, BlankIsBlank) {
  EXPECT_EQ(parse_cell_value("").kind, CellKind::blank);
  EXPECT_EQ(parse_cell_value("   ").kind, CellKind::blank);
  EXPECT_FALSE(parse_cell_value("").number.has_value());
}

TEST(CellValue, SignedDeltas) {
  CellValue plus = parse_cell_value("+1036");
  ASSERT_EQ(plus.kind, CellKind::number);
  EXPECT_EQ(plus.number->value, 1036);
  EXPECT_TRUE(has_flag(plus, "plus_sign"));
  CellValue minus = parse_cell_value("-18");
  ASSERT_EQ(minus.kind, CellKind::number);
  EXPECT_EQ(minus.number->value, -18);
  CellValue minus_sign = parse_cell_value("−8");  // U+2212 MINUS SIGN
  ASSERT_EQ(minus_sign.kind, CellKind::number);
  EXPECT_EQ(minus_sign.number->value, -8);
}

TEST(CellValue, ThousandsSeparator) {
  CellValue value = parse_cell_value("1,234");
  ASSERT_EQ(value.kind, CellKind::number);
  EXPECT_EQ(value.number->value, 1234);
  EXPECT_TRUE(has_flag(value, "thousands_separator"));
  CellValue big = parse_cell_value("12,345,678");
  ASSERT_EQ(big.kind, CellKind::number);
  EXPECT_EQ(big.number->value, 12345678);
  // A misplaced comma is not a thousands separator: text, not 1234.
  EXPECT_EQ(parse_cell_value("12,34").kind, CellKind::text);
}

TEST(CellValue, MoneyWithUnitKeepsDecimals) {
  CellValue yuan = parse_cell_value("75394432.52元");
  ASSERT_EQ(yuan.kind, CellKind::number);
  EXPECT_DOUBLE_EQ(yuan.number->value, 75394432.52);
  EXPECT_FALSE(yuan.number->integral);
  EXPECT_EQ(yuan.unit, "元");
  EXPECT_TRUE(has_flag(yuan, "unit_stripped"));
  CellValue wan = parse_cell_value("12.5634 万元");
  ASSERT_EQ(wan.kind, CellKind::number);
  EXPECT_DOUBLE_EQ(wan.number->value, 12.5634);
  EXPECT_EQ(wan.unit, "万元");
  CellValue count = parse_cell_value("0件");
  ASSERT_EQ(count.kind, CellKind::number);
  EXPECT_EQ(count.number->value, 0);
  EXPECT_EQ(count.unit, "件");
}

TEST(CellValue, BracketedNoteIsStripped) {
  // Cells arrive NFKC-normalized: full-width brackets are ASCII by then.
  CellValue value = parse_cell_value(normalize_string("22（其中修订 16 件）"));
  ASSERT_EQ(value.kind, CellKind::number);
  EXPECT_EQ(value.number->value, 22);
  EXPECT_TRUE(has_flag(value, "annotation_stripped"));
}

TEST(CellValue, FullWidthDigitsAfterNormalization) {
  CellValue value = parse_cell_value(normalize_string("１２３"));
  ASSERT_EQ(value.kind, CellKind::number);
  EXPECT_EQ(value.number->value, 123);
}

TEST(CellValue, LabelsAreText) {
  EXPECT_EQ(parse_cell_value("行政许可").kind, CellKind::text);
  EXPECT_EQ(parse_cell_value("1.属于国家秘密").kind, CellKind::text);
  EXPECT_EQ(parse_cell_value("(七)总计").kind, CellKind::text);
  EXPECT_EQ(parse_cell_value("无正当理由").kind, CellKind::text);
  EXPECT_FALSE(is_value_cell("行政许可"));
  EXPECT_TRUE(is_value_cell("12"));
  EXPECT_TRUE(is_value_cell("-"));
  EXPECT_TRUE(is_value_cell(""));
}

TEST(CellValue, DecimalCountIsNotIntegral) {
  CellValue value = parse_cell_value("3.5");
  ASSERT_EQ(value.kind, CellKind::number);
  EXPECT_DOUBLE_EQ(value.number->value, 3.5);
  EXPECT_FALSE(value.number->integral);
}

}  // namespace
}  // namespace nianbao
