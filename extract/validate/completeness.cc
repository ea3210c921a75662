// Counts, per standard table, the catalogue keys a report lacks. The single 2019-style （六）其他处理
// row in a 2021 report (洪泽区) stands for the three 2021 sub-rows and is not a gap.
#include "extract/validate/completeness.h"

#include <map>

#include "extract/model/key_catalog.h"

namespace nianbao {
namespace {

bool has_single_other_row(const Report& report) {
  return report.cells.count("t3.result.other.total") > 0 || report.cells.count("t3.result.other.natural_person") > 0;
}

bool is_expected(const Report& report, const std::string& key) {
  if (report.format == Format::f2021 && key.rfind("t3.result.other.", 0) == 0 && has_single_other_row(report)) {
    return false;
  }
  return true;
}

const char* table_name(const std::string& key) {
  if (key.rfind("t2.", 0) == 0) return "表二";
  if (key.rfind("t3.", 0) == 0) return "表三";
  return "表四";
}

}  // namespace

void check_completeness(Report& report) {
  if (report.format != Format::f2019 && report.format != Format::f2021) return;
  std::map<std::string, std::pair<int, int>> missing_of_total;  // table → (missing, expected)
  for (const std::string& key : all_keys(report.format)) {
    if (!is_expected(report, key)) continue;
    auto& counts = missing_of_total[table_name(key)];
    ++counts.second;
    auto cell = report.cells.find(key);
    bool missing = cell == report.cells.end() || cell->second.has_flag("missing_cell");
    if (missing) ++counts.first;
  }
  for (const auto& [table, counts] : missing_of_total) {
    auto [missing, expected] = counts;
    if (missing == 0) continue;
    std::string message = missing == expected
                              ? table + " was not found in the document"
                              : table + ": " + std::to_string(missing) + " of its " + std::to_string(expected) +
                                    " cells were not printed (the table stops early or has gaps)";
    report.findings.push_back({"V4", Severity::warning, message, {}, std::nullopt, std::nullopt});
    report.checks["V4"].failed += 1;
  }
}

}  // namespace nianbao
