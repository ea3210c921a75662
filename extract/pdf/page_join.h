// Tables that run over a page break: the grid on the next page repeats the header rows of the
// grid before it; those repeated rows are dropped (the recognizer then joins the two parts).
#pragma once

#include <vector>

#include "extract/model/grid.h"

namespace nianbao::pdf {

// Drops, from each grid, leading header rows (rows without a value) identical to the previous
// grid's leading header rows. Grid indexes are left unchanged.
void drop_repeated_headers(std::vector<Grid>& grids);

}  // namespace nianbao::pdf
