// Runs every rule family over a report in spec order. Pre-2019 and non-reports have no standard
// cells, so only the cell rules (which then find nothing) run for them.
#include "extract/validate/validator.h"

#include "extract/validate/placement_check.h"
#include "extract/validate/text_checks.h"

namespace nianbao {

void validate_report(Report& report) {
  RuleRunner rules(report);
  check_cells(report, rules);
  check_placement(report);
  if (report.format != Format::f2019 && report.format != Format::f2021) return;
  check_table2(report, rules);
  check_table3(report, rules);
  check_table4(rules);
  check_text(report, rules);
}

}  // namespace nianbao
