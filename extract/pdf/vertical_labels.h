// Labels printed one or two characters per line down a merged cell (三、本年度办理结果), or as
// rotated text: found as a stack of short fragments sharing a left edge and joined top to bottom.
#pragma once

#include <vector>

#include "extract/pdf/layout_types.h"

namespace nianbao::pdf {

// Removes the stacked fragments from `fragments` and returns them joined, one fragment per stack
// (marked vertical).
std::vector<Fragment> take_vertical_labels(std::vector<Fragment>& fragments);

}  // namespace nianbao::pdf
