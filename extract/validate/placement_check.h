// The cells a reader saw printed but could not place (a PDF value between two columns, outside
// every column, or colliding with another): each is null, flagged, and named by one S5 finding.
#pragma once

#include "extract/model/report.h"

namespace nianbao {

void check_placement(Report& report);

}  // namespace nianbao
