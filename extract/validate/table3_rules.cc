// 表三 rules (spec §10.3) per applicant column and per row: T3-1 一+二 = 三+四 (the printed
// 勾稽 note), T3-2 result rows add up to （七）总计, T3-3 the six columns add up to 总计, T3-5 bounds.
#include "extract/validate/validator.h"

#include "extract/model/key_catalog.h"

namespace nianbao {

namespace {

// The single 2019 （六）其他处理 row replaces the three 2021 sub-rows where it is what is printed.
bool prints_single_other_row(const Report& report) {
  return report.format == Format::f2019 || report.cells.count("t3.result.other.total") > 0 ||
         report.cells.count("t3.result.other.natural_person") > 0;
}

std::vector<std::string> result_rows(bool single_other) {
  std::vector<std::string> rows;
  for (const Table3Row& row : table3_rows(Format::f2021)) {
    if (row.row.rfind("result.", 0) != 0 || row.row == "result.total") continue;
    rows.push_back(row.row);
  }
  if (single_other) {
    std::erase_if(rows, [](const std::string& row) { return row.rfind("result.other.", 0) == 0; });
    rows.push_back("result.other");
  }
  return rows;
}

// Every key list and message check_table3 passes to the rules, built once per set of result rows
// (the rules run for every report; the keys and messages are the same for all of them).
struct ColumnChecks {
  std::vector<std::string> received, handled;  // T3-1: 一 + 二 against 三 + 四
  std::string balance_what;
  std::string total;                           // T3-2: （七）总计 and the result rows
  std::vector<std::string> result_parts;
  std::string sum_what;
  std::vector<std::string> carry_forward;      // T3-5: carried forward at most 一 + 二
  std::string carry_what;
  std::vector<std::vector<std::string>> each_result_row;  // T3-5: each result row at most 总计
  std::vector<std::string> result_total;
  std::string row_what;
};

struct RowChecks {  // T3-3: a row's 总计 and its six applicant columns
  std::string total;
  std::vector<std::string> parts;
  std::string what;
};

struct Table3Checks {
  std::vector<ColumnChecks> columns;
  std::vector<RowChecks> rows;
};

Table3Checks build_table3_checks(bool single_other) {
  const auto& columns = table3_columns();
  std::vector<std::string> rows_of_results = result_rows(single_other);
  Table3Checks checks;
  for (const std::string& column : columns) {
    auto key = [&](const std::string& row) { return "t3." + row + "." + column; };
    ColumnChecks checked;
    checked.received = {key("new_received"), key("carried_over")};
    checked.handled = {key("result.total"), key("carry_forward")};
    checked.balance_what = "表三 column " + column + ": 一 + 二 ≠ 三 + 四";
    checked.total = key("result.total");
    for (const std::string& row : rows_of_results) checked.result_parts.push_back(key(row));
    checked.sum_what = "表三 column " + column + ": （七）总计 ≠ the sum of the result rows";
    checked.carry_forward = {key("carry_forward")};
    checked.carry_what = "表三 column " + column + ": carried forward exceeds what was there to handle";
    for (const std::string& row : rows_of_results) checked.each_result_row.push_back({key(row)});
    checked.result_total = {key("result.total")};
    checked.row_what = "表三 column " + column + ": a result row exceeds （七）总计";
    checks.columns.push_back(std::move(checked));
  }
  std::vector<std::string> all_rows = {"new_received", "carried_over"};
  all_rows.insert(all_rows.end(), rows_of_results.begin(), rows_of_results.end());
  all_rows.push_back("result.total");
  all_rows.push_back("carry_forward");
  for (const std::string& row : all_rows) {
    RowChecks checked;
    checked.total = "t3." + row + ".total";
    for (size_t i = 0; i + 1 < columns.size(); ++i) checked.parts.push_back("t3." + row + "." + columns[i]);
    checked.what = "表三 row " + row + ": 总计 ≠ the sum of the six applicant columns";
    checks.rows.push_back(std::move(checked));
  }
  return checks;
}

const Table3Checks& table3_checks(bool single_other) {
  static const Table3Checks with_single_other = build_table3_checks(true);
  static const Table3Checks with_sub_rows = build_table3_checks(false);
  return single_other ? with_single_other : with_sub_rows;
}

}  // namespace

std::vector<std::string> table3_result_rows(const Report& report) {
  return result_rows(prints_single_other_row(report));
}

void check_table3(const Report& report, RuleRunner& rules) {
  const Table3Checks& checks = table3_checks(prints_single_other_row(report));
  for (const ColumnChecks& column : checks.columns) {
    rules.check_balance("T3-1", Severity::error, column.received, column.handled, column.balance_what);
    rules.check_sum("T3-2", Severity::error, column.total, column.result_parts, column.sum_what);
    rules.check_at_most("T3-5", Severity::error, column.carry_forward, column.received, column.carry_what);
    for (const std::vector<std::string>& row : column.each_result_row) {
      rules.check_at_most("T3-5", Severity::error, row, column.result_total, column.row_what);
    }
  }
  for (const RowChecks& row : checks.rows) rules.check_sum("T3-3", Severity::error, row.total, row.parts, row.what);
}

}  // namespace nianbao
