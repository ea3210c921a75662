// The old 政府信息公开情况统计表 as a text dump prints it: label, unit, then the 本年度 and 累计
// values, either spaced (`主动公开信息数 条 425 1516`) or fused into one digit run with the next
// row's number (`主动公开信息数条4251516其中:1.网站公开条41815092.…`). Pure text in, rows out.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/pre2019/pre_labels.h"

namespace nianbao {

// A run of digits printed after a row's label, with its byte offset in the text read.
struct PreToken {
  std::string digits;
  size_t offset = 0;
};

struct PreTableRow {
  const PreRowLabel* label = nullptr;
  std::string unit;              // 条, 件, 元, 万元 … as printed; empty when none
  std::vector<PreToken> tokens;  // the values, the next row's number already removed
};

struct PreTable {
  size_t start = 0;              // offset of the table's title (…统计表) in the text
  int value_columns = 2;         // 2 when the header names a 累计 column beside the year's
  bool year_first = true;        // the report-year column comes before the cumulative one
  bool fused = false;            // no row prints two separate values: every value pair is one run
  std::vector<PreTableRow> rows; // in printed order
};

// The first statistics table of `text` (a title ending in 统计表 followed by known row labels).
std::optional<PreTable> read_pre_table(std::string_view text);

}  // namespace nianbao
