// 表二 rules (spec §10.2): T2-1 (2021) documents issued this year are still in force or repealed;
// T2-3 (2019) newly published ≤ published in total; T2-4 (2019) last year's items + change ≥ 0.
#include "extract/validate/validator.h"

namespace nianbao {

void check_table2(const Report& report, RuleRunner& rules) {
  for (const char* row : {"regulation", "normative_doc"}) {
    std::string prefix = std::string("t2.") + row + ".";
    if (report.format == Format::f2021) {
      rules.check_at_most("T2-1", Severity::warning, {prefix + "issued"}, {prefix + "in_force", prefix + "repealed"},
                          std::string("表二 ") + row + ": issued this year exceeds in force + repealed");
    } else {
      rules.check_at_most("T2-3", Severity::warning, {prefix + "new_published"}, {prefix + "total_published"},
                          std::string("表二 ") + row + ": newly published exceeds published in total");
    }
  }
  if (report.format != Format::f2019) return;
  for (const char* row : {"license", "other_service", "penalty", "coercion", "fee"}) {
    std::string prefix = std::string("t2.") + row + ".";
    auto previous = rules.stated(prefix + "prev_items");
    auto delta = rules.stated(prefix + "delta_items");
    if (!previous || !delta) {
      rules.tally("T2-4", std::nullopt);
      continue;
    }
    bool ok = *previous + *delta >= 0;
    rules.tally("T2-4", ok);
    if (!ok) {
      rules.fail("T2-4", Severity::error,
                 std::string("表二 ") + row + ": last year's items plus this year's change is negative",
                 {prefix + "prev_items", prefix + "delta_items"}, 0.0, *previous + *delta);
    }
  }
}

}  // namespace nianbao
