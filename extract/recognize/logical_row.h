// A grid row as the recognizer reads it: horizontally spanned copies folded into one cell, split
// into its label cells (the row's printed captions) and its value cells.
#pragma once

#include <string>
#include <vector>

#include "extract/model/grid.h"
#include "extract/model/report.h"

namespace nianbao {

struct RowCell {
  std::string text;
  CellLocation at;
  bool vertical_copy = false;  // a copy made by a rowspan from a row above
  bool padded = false;         // the row did not print this cell at all
  std::vector<std::string> flags;  // the reader's flags of the grid cell (GridCell::flags)
};

struct LogicalRow {
  std::vector<RowCell> labels;
  std::vector<RowCell> values;
  std::string label_text() const;  // the labels joined, spaces removed
  bool has_number() const;
  bool empty() const { return labels.empty() && values.empty(); }
};

// Folds colspan copies and splits labels from values: labels run up to the last text cell that
// comes before the first number; everything after is a value. A value cell copied down by a
// rowspan is blanked so that one printed number is never counted in two rows.
LogicalRow read_logical_row(const Grid& grid, size_t row);

// `text` without spaces: labels are matched on compact text.
std::string compact(const std::string& text);

}  // namespace nianbao
