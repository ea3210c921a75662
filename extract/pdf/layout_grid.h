// One table region of a page → one Grid: a row per printed row (a line holding values), labels
// that wrap or sit vertically centred in merged cells joined to the row they belong to, values
// placed in the columns their band of rows defines, header lines kept as rows of their own.
#pragma once

#include "extract/model/grid.h"
#include "extract/pdf/page_regions.h"

namespace nianbao::pdf {

// `index` is left 0; the reader numbers grids in document order.
Grid build_layout_grid(const Region& region);

}  // namespace nianbao::pdf
