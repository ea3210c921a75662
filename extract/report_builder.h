// From what a reader found to a Report: format and metadata, the three standard tables mapped to
// canonical keys, derived values, and the consistency findings.
#pragma once

#include "extract/model/report.h"
#include "extract/readers/read_document.h"

namespace nianbao {

Report build_report(const ReadDocument& document);

}  // namespace nianbao
