// One table region of a page → one Grid: a row per printed row (a line holding values), labels
// that wrap or sit vertically centred in merged cells joined to the row they belong to, values
// placed under the header column they sit in (a value between two columns is left out and its
// cell flagged "placement_uncertain"), header lines kept as rows of their own.
#pragma once

#include "extract/model/grid.h"
#include "extract/pdf/page_regions.h"

namespace nianbao::pdf {

// The value columns a table's headers define (x extents in points), carried from one table to
// the next so that a table continued on a new page without its header keeps its columns.
struct ColumnSpan {
  double left = 0, right = 0;
  double center() const { return (left + right) / 2; }
};

// `index` is left 0; the reader numbers grids in document order. `header_columns`: the columns
// of the table before (used when this one has no header of its own), updated to this one's.
Grid build_layout_grid(const Region& region, std::vector<ColumnSpan>& header_columns);
Grid build_layout_grid(const Region& region);

}  // namespace nianbao::pdf
