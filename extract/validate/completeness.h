// Whether a report printed all of its format's standard cells: a table that stops early (a
// truncated page, a lost PDF page) or is absent gets a V4 warning saying how much is missing.
#pragma once

#include "extract/model/report.h"

namespace nianbao {

void check_completeness(Report& report);

}  // namespace nianbao
