// The terminal table used by `reports` and `show`: display widths count CJK as two columns, so
// Chinese and ASCII cells line up; no trailing spaces.
#include "cli/text_table.h"

#include <gtest/gtest.h>

namespace nianbao::cli {
namespace {

TEST(StoreCliTextTable, DisplayWidthCountsCjkAsTwoColumns) {
  EXPECT_EQ(display_width("abc"), 3);
  EXPECT_EQ(display_width("自然人"), 6);
  EXPECT_EQ(display_width("（一）"), 6);  // full-width parentheses
  EXPECT_EQ(display_width("3.危及“三安全一稳定”"), 2 + 2 * 8 + 2);  // quotes are narrow
  EXPECT_EQ(display_width(std::string("\xFF\xFE", 2)), 2);  // invalid bytes: one column each
}

TEST(StoreCliTextTable, AlignsMixedScriptColumns) {
  TextTable table;
  table.add_row({"信息内容", "本年制发件数"});
  table.add_row({"规章", "0"});
  table.add_row({"abc", "12345"});
  EXPECT_EQ(table.render(),
            "信息内容  本年制发件数\n"
            "规章                 0\n"
            "abc              12345\n");
}

TEST(StoreCliTextTable, LeftAlignedTablesHaveNoTrailingSpaces) {
  TextTable table(TextTable::Align::left);
  table.add_row({"T3-1", "error", "一+二≠三+四"});
  table.add_row({"V4", "warning", ""});
  EXPECT_EQ(table.render(),
            "T3-1  error    一+二≠三+四\n"
            "V4    warning\n");
}

}  // namespace
}  // namespace nianbao::cli
