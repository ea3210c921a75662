// Tables drawn with ruling lines: the lines' crossings define the cells (merged cells where a
// border is missing), every word goes to the cell its box lies in; the grid is the HTML-like one.
#pragma once

#include <vector>

#include "extract/model/grid.h"
#include "extract/pdf/layout_types.h"

namespace nianbao::pdf {

struct RuledTable {
  BoundingBox box;              // the outer border, in points
  Grid grid;                    // `index` left 0; the reader numbers grids in document order
  std::vector<size_t> words;    // indices of the page words inside the table (taken by it)
};

// A value word that straddles a border is not placed: the cells it overlaps stay empty and carry
// the flag "placement_uncertain".
std::vector<RuledTable> find_ruled_tables(const PageWords& page);

}  // namespace nianbao::pdf
