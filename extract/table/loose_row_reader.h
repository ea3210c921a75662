// Table rows printed without any cell separators, as text dumps and Markdown made from PDFs leave
// them: "行政许可 97" under "信息内容本年处理决定数量" under "第二十条第（五）项". Such runs become grids.
#pragma once

#include <vector>

#include "extract/table/pipe_table_reader.h"

namespace nianbao {

// Runs of consecutive lines made only of 第二十条 captions, 信息内容 headers and "label number…"
// rows, holding at least one header and one row. Lines containing a pipe are never taken.
std::vector<PositionedGrid> read_loose_rows(const MappedText& text);

}  // namespace nianbao
