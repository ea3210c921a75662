// A table grid: the rectangular form every reader (pipe text, HTML, PDF, DOCX) produces and the
// recognizer consumes. Spans are already expanded; each cell knows where it came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nianbao {

// A box on a PDF page, in points from the page's top-left corner.
struct BoundingBox {
  double left = 0, top = 0, right = 0, bottom = 0;
};

// Where a grid cell's text was found in the source document.
struct CellOrigin {
  int row = 0;                  // row of the cell that carries the text (differs when spanned)
  int col = 0;                  // column of that cell
  int64_t byte_offset = -1;     // offset of the text's first byte in the original document bytes
  int page = -1;                // PDF page (1-based), -1 elsewhere
  std::optional<BoundingBox> box;  // PDF only
};

struct GridCell {
  std::string text;      // normalized text (simplified, NFKC, whitespace folded)
  CellOrigin origin;
  bool spanned = false;  // true for the copies that row/colspan expansion created
  bool padded = false;   // not printed at all: added to make the grid rectangular (a short row)
  std::vector<std::string> flags;  // reader's notes on this cell, copied to the canonical Cell
                                   // (e.g. "split_recovered", "placement_uncertain")
};

// One table as found in the document, in document order. `index` numbers the tables of the
// document from 0 so that a cell can be traced back to "table N, row R, column C".
struct Grid {
  int index = 0;
  std::vector<std::vector<GridCell>> rows;  // every row has the same number of cells
  std::string caption;  // text printed just before the table (a heading), when the reader knows it

  size_t row_count() const { return rows.size(); }
  size_t column_count() const { return rows.empty() ? 0 : rows.front().size(); }
};

}  // namespace nianbao
