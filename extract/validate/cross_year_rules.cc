// T2-2, T2-5 and T3-6 (spec §10.2, §10.3): a report against the previous year's report of the
// same agency and scope. Cells count with their stated value, else their derived value.
#include "extract/validate/cross_year_rules.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>

#include "extract/model/key_catalog.h"
#include "extract/validate/identity_check.h"

namespace nianbao {
namespace {

constexpr double kTolerance = 1e-6;

// A cell's number for a cross-year rule and whether it came from `derived` (not printed).
struct YearValue {
  double value = 0;
  bool derived = false;
};

std::optional<YearValue> value_of(const Report& report, const std::string& key) {
  auto found = report.cells.find(key);
  if (found == report.cells.end()) return std::nullopt;
  if (found->second.value) return YearValue{found->second.value->value, false};
  if (found->second.derived) return YearValue{found->second.derived->value, true};
  return std::nullopt;
}

std::string show(const YearValue& value) {
  std::string text = RuleRunner::format_number(value.value);
  return value.derived ? text + " (derived, not printed)" : text;
}

Number as_number(double value) { return Number{value, std::fabs(value - std::round(value)) < kTolerance}; }

bool both_in(const Report& previous, const Report& current, std::initializer_list<Format> formats) {
  auto in = [&](Format format) { return std::find(formats.begin(), formats.end(), format) != formats.end(); };
  return in(previous.format) && in(current.format);
}

// One pair of reports under check: looks up cells on either side, tallies and records failures.
class CrossYearRun {
 public:
  CrossYearRun(const Report& previous, const Report& current)
      : previous_(previous),
        current_(current),
        previous_year_(std::to_string(*previous.report_year)),
        current_year_(std::to_string(*current.report_year)) {}

  // T2-2 for one 表二 (一) row.
  void in_force_balance(const std::string& row) {
    std::string prefix = "t2." + row + ".";
    auto in_force = value_of(current_, prefix + "in_force");
    auto issued = value_of(current_, prefix + "issued");
    auto repealed = value_of(current_, prefix + "repealed");
    auto previous_in_force = value_of(previous_, prefix + "in_force");
    if (!in_force || !issued || !repealed || !previous_in_force) return tally("T2-2", std::nullopt);
    double implied = previous_in_force->value + issued->value - repealed->value;
    std::string message = "表二 " + row + ": in force in " + current_year_ + " is " + show(*in_force) + ", but " +
                          previous_year_ + "'s in force " + show(*previous_in_force) + " + issued in " + current_year_ +
                          " " + show(*issued) + " − repealed in " + current_year_ + " " + show(*repealed) + " = " +
                          RuleRunner::format_number(implied);
    compare("T2-2", {prefix + "in_force", prefix + "issued", prefix + "repealed"}, implied, in_force->value, message);
  }

  // T2-5 for one 表二 (五)(六)(八) row.
  void item_count_carry(const std::string& row) {
    std::string prefix = "t2." + row + ".";
    auto items = value_of(current_, prefix + "prev_items");
    auto previous_items = value_of(previous_, prefix + "prev_items");
    auto previous_delta = value_of(previous_, prefix + "delta_items");
    if (!items || !previous_items || !previous_delta) return tally("T2-5", std::nullopt);
    double implied = previous_items->value + previous_delta->value;
    std::string message = "表二 " + row + ": last year's items in " + current_year_ + " is " + show(*items) + ", but " +
                          previous_year_ + "'s last year's items " + show(*previous_items) + " + its change " +
                          show(*previous_delta) + " = " + RuleRunner::format_number(implied);
    compare("T2-5", {prefix + "prev_items", prefix + "delta_items"}, implied, items->value, message);
  }

  // T3-6 for one applicant column.
  void application_carry(const std::string& column) {
    std::string carried_over = "t3.carried_over." + column;
    std::string carry_forward = "t3.carry_forward." + column;
    auto received = value_of(current_, carried_over);
    auto forwarded = value_of(previous_, carry_forward);
    if (!received || !forwarded) return tally("T3-6", std::nullopt);
    std::string message = "表三 column " + column + ": carried over from the previous year in " + current_year_ +
                          " is " + show(*received) + ", but " + previous_year_ + " carried forward " + show(*forwarded);
    compare("T3-6", {carried_over, carry_forward}, forwarded->value, received->value, message);
  }

  CrossYearChecks take() { return std::move(result_); }

 private:
  void tally(const std::string& rule, std::optional<bool> passed) {
    RuleTally& counts = result_.checks[rule];
    if (!passed) {
      ++counts.not_assessable;
    } else if (*passed) {
      ++counts.passed;
    } else {
      ++counts.failed;
    }
  }

  void compare(const std::string& rule, std::vector<std::string> cells, double expected, double actual,
               const std::string& message) {
    bool holds = std::fabs(expected - actual) < kTolerance;
    tally(rule, holds);
    if (holds) return;
    result_.findings.push_back(
        Finding{rule, Severity::warning, message, std::move(cells), as_number(expected), as_number(actual)});
  }

  const Report& previous_;
  const Report& current_;
  std::string previous_year_;
  std::string current_year_;
  CrossYearChecks result_;
};

}  // namespace

CrossYearChecks check_cross_year(const Report& previous, const Report& current) {
  if (!previous.report_year || !current.report_year) return {};
  if (*current.report_year != *previous.report_year + 1 || current.scope != previous.scope) return {};
  CrossYearRun run(previous, current);
  if (both_in(previous, current, {Format::f2021})) {
    for (const char* row : {"regulation", "normative_doc"}) run.in_force_balance(row);
  }
  if (both_in(previous, current, {Format::f2019})) {
    for (const char* row : {"license", "other_service", "penalty", "coercion", "fee"}) run.item_count_carry(row);
  }
  if (both_in(previous, current, {Format::f2019, Format::f2021})) {
    for (const std::string& column : table3_columns()) run.application_carry(column);
  }
  return run.take();
}

}  // namespace nianbao
