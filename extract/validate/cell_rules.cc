// Cell-level rules (spec §10.1): V1 counts are whole numbers ≥ 0, V3 money is ≥ 0 and in the
// expected unit, V4 a cell is a number, an explicit zero, a placeholder or blank — text is flagged.
#include <cmath>

#include "extract/validate/finding_rules.h"
#include "extract/validate/validator.h"

namespace nianbao {
namespace {

bool is_signed_cell(const std::string& key) { return key.ends_with(".delta_items"); }

bool is_money_cell(const std::string& key) {
  return key == "t2.fee.amount_wan" || key == "t2.procurement.amount";
}

}  // namespace

void check_cells(Report& report, RuleRunner& rules) {
  for (const auto& [key, cell] : report.cells) {
    if (key.rfind("extra.", 0) == 0) continue;
    if (cell.has_flag("text")) {
      rules.tally(kTextInNumberCellRule, false);
      rules.fail(kTextInNumberCellRule, Severity::warning, key + " holds text, not a number: '" + cell.raw + "'", {key},
                 std::nullopt, std::nullopt);
    } else {
      rules.tally(kTextInNumberCellRule, true);
    }
    if (is_signed_cell(key)) {
      rules.check_cell("V1", Severity::error, key, [](double v) { return v == std::floor(v); },
                       "a signed count must be a whole number");
    } else if (is_money_cell(key)) {
      rules.check_cell("V3", Severity::error, key, [](double v) { return v >= 0; }, "money cannot be negative");
      if (key == "t2.fee.amount_wan" && cell.has_flag("unit:元")) {
        rules.fail("V3", Severity::warning, key + " is printed in 元 under a 万元 header: '" + cell.raw + "'",
                   {key}, std::nullopt, std::nullopt);
      }
    } else {
      rules.check_cell("V1", Severity::error, key, [](double v) { return v >= 0 && v == std::floor(v); },
                       "a count must be a whole number ≥ 0");
    }
  }
}

}  // namespace nianbao
