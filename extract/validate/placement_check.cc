// One warning per canonical cell that carries "placement_uncertain" and no value: the document
// prints something there, the reader did not dare place it, and the cell stays null.
#include "extract/validate/placement_check.h"

#include <string>

#include "extract/recognize/recognition.h"
#include "extract/validate/finding_rules.h"

namespace nianbao {

void check_placement(Report& report) {
  for (const auto& [key, cell] : report.cells) {
    if (cell.value || !cell.has_flag("placement_uncertain")) continue;
    report.findings.push_back({kRowValueCountRule, Severity::warning,
                               key + ": a printed value here fits no column or two columns; not placed, left null (" +
                                   describe(cell.at) + ")",
                               {key}, std::nullopt, std::nullopt});
  }
}

}  // namespace nianbao
