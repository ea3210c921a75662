// Pipe-delimited tables in plain text (`a | b | c`, Markdown tables, mirror-site dumps) →
// rectangular grids: regions of consecutive pipe lines, cells split, rows broken over lines rejoined.
#pragma once

#include <vector>

#include "extract/model/grid.h"
#include "common/text/mapped_text.h"

namespace nianbao {

// A grid with the span of normalized text it was read from.
struct PositionedGrid {
  Grid grid;
  size_t begin = 0;  // byte index in the normalized text of the table's first line
  size_t end = 0;    // byte index just past its last line
};

// Grids in document order. Cells carry the byte offset of their text in the original document
// (through `text`'s offset map). Grid indexes are set by the caller.
std::vector<PositionedGrid> read_pipe_tables(const MappedText& text);

}  // namespace nianbao
