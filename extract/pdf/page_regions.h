// Splits a page's lines into table regions: runs of lines that are neither running prose, a
// section heading nor a page number. A region without any value row is not a table.
#pragma once

#include <vector>

#include "extract/pdf/layout_types.h"

namespace nianbao::pdf {

struct Region {
  int page = 0;
  std::vector<Line> lines;  // top to bottom
};

enum class LineKind { table, prose, heading, page_number };

// `text_left`/`text_right`: the page's text block (leftmost and rightmost fragment edge).
LineKind classify_line(const Line& line, double text_left, double text_right);

std::vector<Region> find_table_regions(const std::vector<Line>& lines, int page);

}  // namespace nianbao::pdf
