// Pipe-delimited tables in plain text (`a | b | c`, Markdown tables, mirror-site dumps) →
// rectangular grids: regions of consecutive pipe lines, cells split, rows broken over lines rejoined.
#pragma once

#include <vector>

#include "extract/model/grid.h"
#include "extract/text/mapped_text.h"

namespace nianbao {

// Grids in document order, numbered from `first_index`. Cells carry the byte offset of their text
// in the original document (through `text`'s offset map).
std::vector<Grid> read_pipe_tables(const MappedText& text, int first_index = 0);

}  // namespace nianbao
