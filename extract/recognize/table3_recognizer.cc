// 表三 (收到和处理政府信息公开申请情况): rows found by their labels (the most specific label cell
// of a row wins; a level-2 group carries over to the rows below it), seven applicant columns.
#include <algorithm>
#include <optional>

#include "extract/model/key_catalog.h"
#include "extract/recognize/label_match.h"
#include "extract/recognize/recognition.h"
#include "extract/validate/finding_rules.h"

namespace nianbao {
namespace {

bool is_header_row(const LogicalRow& row) {
  int column_labels = 0;
  for (const RowCell& cell : row.labels) {
    std::string label = compact(cell.text);
    if (label.find("申请人情况") != std::string::npos || label.find("勾稽") != std::string::npos) return true;
    if (match_table3_column(label)) ++column_labels;
  }
  return column_labels >= 2 || (column_labels == 1 && !row.has_number() && row.labels.size() == 1);
}

struct RowMatch {
  std::optional<std::string> key;
  std::string group;  // the level-2 group this row opens or sits in
};

RowMatch match_row(const LogicalRow& row, const std::string& current_group) {
  RowMatch match;
  match.group = current_group;
  for (const RowCell& cell : row.labels) {
    std::string label = compact(cell.text);
    if (label.find("三、") == 0 || label.find("本年度办理结果") != std::string::npos) match.group.clear();
    if (auto group = match_table3_group(label)) match.group = *group;
  }
  for (auto cell = row.labels.rbegin(); cell != row.labels.rend(); ++cell) {
    if (auto key = match_table3_row(compact(cell->text), match.group)) {
      match.key = key;
      break;
    }
  }
  return match;
}

bool key_in_format(const std::string& row_key, Format format) {
  const auto& rows = table3_rows(format);
  return std::any_of(rows.begin(), rows.end(), [&](const Table3Row& row) { return row.row == row_key; });
}

void put_values(const LogicalRow& row, const std::string& key_prefix, Recognition& out) {
  const auto& columns = table3_columns();
  std::vector<std::string> unprinted;
  for (size_t i = 0; i < columns.size(); ++i) {
    std::string key = key_prefix + "." + columns[i];
    if (i < row.values.size()) {
      out.put(key, row.values[i]);
      if (row.values[i].padded) unprinted.push_back(key);
    } else {
      RowCell missing;
      missing.padded = true;
      missing.at = row.labels.empty() ? CellLocation{} : row.labels.back().at;
      out.put(key, missing);
      unprinted.push_back(key);
    }
  }
  for (size_t i = columns.size(); i < row.values.size(); ++i) {
    if (!compact(row.values[i].text).empty()) {
      out.warn(kRowValueCountRule, "表三 row " + key_prefix + " has more than 7 values; '" + row.values[i].text +
                                       "' at " + describe(row.values[i].at) + " is not mapped");
    }
  }
  size_t printed = 0;
  for (const RowCell& value : row.values) printed += value.padded ? 0 : 1;
  // A label with no value at all (a header taken for the row): S2 names its cells if no later
  // row prints them.
  if (printed > 0 && printed < columns.size()) {
    out.warn(kRowValueCountRule,
             "表三 row " + key_prefix + " prints " + std::to_string(printed) +
                 " value cells, 7 expected; the missing ones are flagged missing_cell",
             unprinted);
  }
}

// The row that follows `last_key` in the printed order and has not been read yet: where a
// Markdown or PDF dump printed a row's label apart from its numbers, the numbers still come in
// the printed order.
std::optional<std::string> next_row_in_order(Format format, const std::optional<std::string>& last_key,
                                             const Recognition& out) {
  const auto& rows = table3_rows(format);
  size_t start = 0;
  if (last_key) {
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].row == *last_key) start = i + 1;
    }
  }
  for (size_t i = start; i < rows.size(); ++i) {
    if (!out.cells.count("t3." + rows[i].row + ".total") && !out.cells.count("t3." + rows[i].row + ".natural_person")) {
      return rows[i].row;
    }
  }
  return std::nullopt;
}

std::string group_of_key(const std::string& key) {
  for (const char* group : {"denied", "unable", "not_processed", "other"}) {
    if (key.rfind(std::string("result.") + group, 0) == 0) return group;
  }
  return "";
}

// Reads `row` as the row that follows `last_key` in the printed order, flagged row_by_order with
// an info finding saying why; false when no row is left to take its values.
bool put_by_order(const LogicalRow& row, Format format, std::optional<std::string>& last_key, const std::string& why,
                  Recognition& out) {
  auto key = next_row_in_order(format, last_key, out);
  if (!key) return false;
  put_values(row, "t3." + *key, out);
  for (const auto& column : table3_columns()) out.cells["t3." + *key + "." + column].add_flag("row_by_order");
  out.findings.push_back({kRowValueCountRule, Severity::info,
                          "表三 values at " + describe(row.values.front().at) + " " + why + "; read as row " + *key +
                              " by their printed order",
                          {"t3." + *key + ".total"}, std::nullopt, std::nullopt});
  last_key = key;
  return true;
}

// In a 2021 report already printing the sub-rows of （六）其他处理, a row labelled with the group's
// own name is a sub-row whose label was set apart (a label centred across the three rows of a PDF
// table without lines sits on the middle row's baseline), not the single 2019 row.
bool is_group_label_among_sub_rows(const std::string& key, Format format, const std::optional<std::string>& last_key) {
  return format == Format::f2021 && key == "result.other" && last_key && last_key->rfind("result.other.", 0) == 0;
}

}  // namespace

void recognize_table3(const LogicalTable& table, Format format, Recognition& out) {
  std::string group;
  std::optional<std::string> last_key;
  for (const Grid* grid : table.parts) {
    for (size_t r = 0; r < grid->row_count(); ++r) {
      LogicalRow row = read_logical_row(*grid, r);
      if (row.labels.empty()) {
        if (!row.has_number() || !last_key) continue;
        if (put_by_order(row, format, last_key, "have no label", out)) group = group_of_key(*last_key);
        continue;
      }
      if (is_header_row(row)) continue;
      RowMatch match = match_row(row, group);
      group = match.group;
      if (!match.key) {
        if (row.has_number()) {
          std::string label = row.label_text();
          put_values(row, "extra.t3." + extra_key_part(label), out);
          out.warn(kRowNotStandardRule,
                   "表三 row '" + label + "' is not a row of the standard table; kept as extra.t3.*");
        }
        continue;
      }
      if (row.has_number() && is_group_label_among_sub_rows(*match.key, format, last_key)) {
        put_by_order(row, format, last_key, "are labelled only （六）其他处理 among its sub-rows", out);
        continue;
      }
      if (!key_in_format(*match.key, format)) {
        // A 2021 report with the single 2019 （六）其他处理 row (or the reverse) keeps what it prints.
        if (*match.key != "result.other" && match.key->rfind("result.other.", 0) != 0) {
          out.warn(kRowNotStandardRule,
                   "表三 row " + *match.key + " does not belong to the " + to_string(format) + " format");
        }
      }
      put_values(row, "t3." + *match.key, out);
      last_key = match.key;
      if (group.empty() || match.key->rfind("result." + group, 0) != 0) {
        std::string key_group = group_of_key(*match.key);
        if (!key_group.empty()) group = key_group;
      }
    }
  }
}

}  // namespace nianbao
