// Labels printed one or two characters per line down a merged cell (三、本年度办理结果), or as
// rotated text: found as a stack of short fragments sharing a left edge and joined top to bottom.
#pragma once

#include <vector>

#include "extract/pdf/layout_types.h"

namespace nianbao::pdf {

// The stacks found among `fragments`: each a list of indexes into it, top to bottom.
std::vector<std::vector<size_t>> find_vertical_stacks(const std::vector<Fragment>& fragments);

// One stack's fragments joined top to bottom into a single fragment marked vertical.
Fragment join_stack(const std::vector<size_t>& members, const std::vector<Fragment>& fragments);

}  // namespace nianbao::pdf
