// A row cut by a page break: the grid on the next page starts with the rest of the row's label
// ("定”" of "3.危及“三安全一稳定”") and no value. That rest is joined to the row it continues.
#pragma once

#include <vector>

#include "extract/model/grid.h"

namespace nianbao::pdf {

// For each grid that starts a new page with the same width as the grid before it: a first row
// holding only label text (nothing in or right of the first value column) is appended, cell by
// cell, to the labels of the previous grid's last row, and dropped. Grid indexes are unchanged.
void join_split_rows(std::vector<Grid>& grids);

}  // namespace nianbao::pdf
