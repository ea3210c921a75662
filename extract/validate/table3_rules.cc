// 表三 rules (spec §10.3) per applicant column and per row: T3-1 一+二 = 三+四 (the printed
// 勾稽 note), T3-2 result rows add up to （七）总计, T3-3 the six columns add up to 总计, T3-5 bounds.
#include "extract/validate/validator.h"

#include "extract/model/key_catalog.h"

namespace nianbao {

std::vector<std::string> table3_result_rows(const Report& report) {
  std::vector<std::string> rows;
  for (const Table3Row& row : table3_rows(Format::f2021)) {
    if (row.row.rfind("result.", 0) != 0 || row.row == "result.total") continue;
    rows.push_back(row.row);
  }
  // The single 2019 （六）其他处理 row replaces the three 2021 sub-rows where it is what is printed.
  bool single_other = report.format == Format::f2019 || report.cells.count("t3.result.other.total") > 0 ||
                      report.cells.count("t3.result.other.natural_person") > 0;
  if (single_other) {
    std::erase_if(rows, [](const std::string& row) { return row.rfind("result.other.", 0) == 0; });
    rows.push_back("result.other");
  }
  return rows;
}

void check_table3(const Report& report, RuleRunner& rules) {
  const auto& columns = table3_columns();
  std::vector<std::string> result_rows = table3_result_rows(report);
  for (const std::string& column : columns) {
    auto key = [&](const std::string& row) { return "t3." + row + "." + column; };
    rules.check_balance("T3-1", Severity::error, {key("new_received"), key("carried_over")},
                        {key("result.total"), key("carry_forward")},
                        "表三 column " + column + ": 一 + 二 ≠ 三 + 四");
    std::vector<std::string> parts;
    for (const std::string& row : result_rows) parts.push_back(key(row));
    rules.check_sum("T3-2", Severity::error, key("result.total"), parts,
                    "表三 column " + column + ": （七）总计 ≠ the sum of the result rows");
    rules.check_at_most("T3-5", Severity::error, {key("carry_forward")}, {key("new_received"), key("carried_over")},
                        "表三 column " + column + ": carried forward exceeds what was there to handle");
    for (const std::string& row : result_rows) {
      rules.check_at_most("T3-5", Severity::error, {key(row)}, {key("result.total")},
                          "表三 column " + column + ": a result row exceeds （七）总计");
    }
  }
  std::vector<std::string> all_rows = {"new_received", "carried_over"};
  all_rows.insert(all_rows.end(), result_rows.begin(), result_rows.end());
  all_rows.push_back("result.total");
  all_rows.push_back("carry_forward");
  for (const std::string& row : all_rows) {
    std::vector<std::string> parts;
    for (size_t i = 0; i + 1 < columns.size(); ++i) parts.push_back("t3." + row + "." + columns[i]);
    rules.check_sum("T3-3", Severity::error, "t3." + row + ".total", parts,
                    "表三 row " + row + ": 总计 ≠ the sum of the six applicant columns");
  }
}

}  // namespace nianbao
