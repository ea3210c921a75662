// Whether a report printed all of its format's standard cells: a table that is absent gets an S1
// warning, one that stops early (a truncated page, a lost PDF page) an S2 naming the missing cells.
#pragma once

#include "extract/model/report.h"

namespace nianbao {

void check_completeness(Report& report);

}  // namespace nianbao
