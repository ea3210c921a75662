// Values the program infers, kept apart from what the document states (spec §11): a blank 总计
// derived from its row (flag derived_total) and blanks given 0 only where the identities then hold
// (flag imputed_zero). `Cell::value` is never touched; the inference goes to `Cell::derived`.
#pragma once

#include "extract/model/report.h"

namespace nianbao {

void derive_missing_values(Report& report);

}  // namespace nianbao
