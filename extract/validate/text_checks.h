// Spec §10's text checks: T3-8 the application counts the prose quotes against 表三, T4-2 the
// 行政复议 / 行政诉讼 counts against 表四 (both W, each finding quoting its sentence), and the 表二
// plausibility checks T2-6 (规章 only from bodies with rule-making power) and T2-7 (fee magnitude).
#pragma once

#include "extract/model/report.h"
#include "extract/validate/identity_check.h"

namespace nianbao {

void check_text(const Report& report, RuleRunner& rules);

// T2-6 and T2-7 decide by the body's level as its name shows it.
bool may_make_regulations(const std::string& agency);
bool is_provincial_government(const std::string& agency);

}  // namespace nianbao
