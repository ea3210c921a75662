// Counts, per standard table, the catalogue keys a report lacks: S1 a whole table, S2 some of its
// cells. The single 2019-style （六）其他处理 row in a 2021 report (洪泽区) is not a gap.
#include "extract/validate/completeness.h"

#include <algorithm>
#include <map>

#include "extract/model/key_catalog.h"
#include "extract/validate/finding_rules.h"

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

// A table none of whose cells was read, but which a finding of the recognizers already names
// (表四 printing 17 values for 15 cells): it was found, and that finding says why it is unread.
bool already_reported(const Report& report, const std::string& table) {
  return std::any_of(report.findings.begin(), report.findings.end(), [&](const Finding& finding) {
    return std::any_of(finding.cells.begin(), finding.cells.end(),
                       [&](const std::string& key) { return table_name(key) == table; });
  });
}

// The catalogue's keys of a 2019 or 2021 report, built once (this runs for every report).
const std::vector<std::string>& standard_keys(Format format) {
  static const std::vector<std::string> keys_2019 = all_keys(Format::f2019);
  static const std::vector<std::string> keys_2021 = all_keys(Format::f2021);
  return format == Format::f2019 ? keys_2019 : keys_2021;
}

struct TableGaps {
  std::vector<std::string> missing;
  int expected = 0;
};

}  // namespace

void check_completeness(Report& report) {
  if (report.format != Format::f2019 && report.format != Format::f2021) return;
  std::map<std::string, TableGaps> gaps_of_table;
  for (const std::string& key : standard_keys(report.format)) {
    if (!is_expected(report, key)) continue;
    TableGaps& gaps = gaps_of_table[table_name(key)];
    ++gaps.expected;
    auto cell = report.cells.find(key);
    bool missing = cell == report.cells.end() || cell->second.has_flag("missing_cell");
    if (missing) gaps.missing.push_back(key);
  }
  for (auto& [table, gaps] : gaps_of_table) {
    int missing = static_cast<int>(gaps.missing.size());
    if (missing == 0) continue;
    if (missing == gaps.expected) {
      if (already_reported(report, table)) continue;
      report.findings.push_back({kTableMissingRule, Severity::warning, table + " was not found in the document", {},
                                 std::nullopt, std::nullopt});
      report.checks[kTableMissingRule].failed += 1;
      continue;
    }
    std::string message = table + ": " + std::to_string(missing) + " of its " + std::to_string(gaps.expected) +
                          " cells were not printed (the table stops early or has gaps)";
    report.findings.push_back({kTableIncompleteRule, Severity::warning, message, std::move(gaps.missing),
                               std::nullopt, std::nullopt});
    report.checks[kTableIncompleteRule].failed += 1;
  }
}

}  // namespace nianbao
