// The consistency rules of spec §10 run over a report's stated values: cell rules V1–V4, 表二
// T2-1/T2-3/T2-4, 表三 T3-1/T3-2/T3-3/T3-5, 表四 T4-1, and the text checks T3-8/T4-2/T2-6/T2-7
// (text_checks.h). Results land in report.findings and .checks.
#pragma once

#include "extract/model/report.h"
#include "extract/validate/identity_check.h"

namespace nianbao {

void validate_report(Report& report);

void check_cells(Report& report, RuleRunner& rules);
void check_table2(const Report& report, RuleRunner& rules);
void check_table3(const Report& report, RuleRunner& rules);
void check_table4(RuleRunner& rules);

// The 表三 result rows whose sum is （七）总计 (T3-2), for the rows this report actually prints:
// the single 2019 （六） row, or the three 2021 sub-rows.
std::vector<std::string> table3_result_rows(const Report& report);

}  // namespace nianbao
