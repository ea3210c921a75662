// Words of a page → lines (words sharing a baseline band, top to bottom) → fragments (words close
// enough to read as one cell). Numbers are never glued to a neighbouring number.
#pragma once

#include <vector>

#include "extract/pdf/layout_types.h"

namespace nianbao::pdf {

std::vector<Line> build_lines(const PageWords& page);

}  // namespace nianbao::pdf
