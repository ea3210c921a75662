// Fills Cell::derived for blank cells of 表三 and 表四: first a trial where blank parts are 0 and
// blank totals are the sum of their parts; if every identity (T3-1, T3-2, T3-3, T4-1) then holds,
// the trial is kept; otherwise only totals whose parts are all printed are derived.
#include "extract/validate/derived_values.h"

#include <cmath>
#include <map>
#include <optional>

#include "extract/model/key_catalog.h"
#include "extract/validate/validator.h"

namespace nianbao {
namespace {

using Values = std::map<std::string, double>;

bool is_blank(const Cell& cell) { return !cell.value && cell.has_flag("blank"); }

std::vector<std::string> present_t3_rows(const Report& report) {
  std::vector<std::string> rows = {"new_received", "carried_over"};
  for (const std::string& row : table3_result_rows(report)) rows.push_back(row);
  rows.push_back("result.total");
  rows.push_back("carry_forward");
  return rows;
}

// Parts of each total: 表三 rows (six columns → total) and 表四 groups.
std::vector<std::pair<std::string, std::vector<std::string>>> total_definitions(const Report& report) {
  std::vector<std::pair<std::string, std::vector<std::string>>> totals;
  const auto& columns = table3_columns();
  for (const std::string& row : present_t3_rows(report)) {
    std::vector<std::string> parts;
    for (size_t i = 0; i + 1 < columns.size(); ++i) parts.push_back("t3." + row + "." + columns[i]);
    totals.push_back({"t3." + row + ".total", parts});
  }
  for (const std::string& group : table4_groups()) {
    std::string prefix = "t4." + group + ".";
    totals.push_back({prefix + "total", {prefix + "upheld", prefix + "corrected", prefix + "other", prefix + "pending"}});
  }
  return totals;
}

// Every cell the identities touch, with blanks as 0 where `impute` says so; nullopt when a needed
// cell is absent or not a number.
std::optional<Values> trial_values(const Report& report, bool impute_zeros) {
  Values values;
  for (const auto& [key, cell] : report.cells) {
    if (key.rfind("t3.", 0) != 0 && key.rfind("t4.", 0) != 0) continue;
    if (cell.value) {
      values[key] = cell.value->value;
    } else if (impute_zeros && is_blank(cell)) {
      values[key] = 0;
    }
  }
  for (const auto& [total, parts] : total_definitions(report)) {
    auto cell = report.cells.find(total);
    if (cell == report.cells.end() || cell->second.value || !is_blank(cell->second)) continue;
    double sum = 0;
    bool complete = true;
    for (const std::string& part : parts) {
      auto found = values.find(part);
      if (found == values.end()) complete = false; else sum += found->second;
    }
    if (complete) values[total] = sum; else values.erase(total);
  }
  return values;
}

bool equal(double a, double b) { return std::fabs(a - b) < 1e-6; }

std::optional<double> get(const Values& values, const std::string& key) {
  auto found = values.find(key);
  if (found == values.end()) return std::nullopt;
  return found->second;
}

bool identities_hold(const Report& report, const Values& values) {
  for (const auto& [total, parts] : total_definitions(report)) {
    auto printed = get(values, total);
    if (!printed) return false;
    double sum = 0;
    for (const std::string& part : parts) {
      auto value = get(values, part);
      if (!value) return false;
      sum += *value;
    }
    if (!equal(*printed, sum)) return false;
  }
  for (const std::string& column : table3_columns()) {
    auto key = [&](const std::string& row) { return get(values, "t3." + row + "." + column); };
    auto received = key("new_received"), carried = key("carried_over"), total = key("result.total"),
         forward = key("carry_forward");
    if (!received || !carried || !total || !forward || !equal(*received + *carried, *total + *forward)) return false;
    double results = 0;
    for (const std::string& row : table3_result_rows(report)) {
      auto value = key(row);
      if (!value) return false;
      results += *value;
    }
    if (!equal(results, *total)) return false;
  }
  return true;
}

bool is_total_key(const std::string& key) { return key.ends_with(".total"); }

void apply(Report& report, const Values& values, bool zeros_allowed) {
  for (auto& [key, cell] : report.cells) {
    if (cell.value || !is_blank(cell)) continue;
    auto value = get(values, key);
    if (!value) continue;
    bool total = is_total_key(key);
    if (!total && !zeros_allowed) continue;
    cell.derived = Number{*value, equal(*value, std::round(*value))};
    cell.add_flag(total ? "derived_total" : "imputed_zero");
  }
}

}  // namespace

void derive_missing_values(Report& report) {
  if (report.format != Format::f2019 && report.format != Format::f2021) return;
  bool any_blank = false, any_number = false;
  for (const auto& [key, cell] : report.cells) {
    if (key.rfind("t3.", 0) != 0 && key.rfind("t4.", 0) != 0) continue;
    any_blank |= is_blank(cell);
    any_number |= cell.value.has_value();
  }
  // Nothing to infer from: no blanks, or no printed number at all (an empty template).
  if (!any_blank || !any_number) return;
  auto with_zeros = trial_values(report, true);
  if (with_zeros && identities_hold(report, *with_zeros)) {
    apply(report, *with_zeros, true);
    return;
  }
  if (auto totals_only = trial_values(report, false)) apply(report, *totals_only, false);
}

}  // namespace nianbao
