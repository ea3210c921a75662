// 表三 (收到和处理政府信息公开申请情况): rows found by their labels (the most specific label cell
// of a row wins; a level-2 group carries over to the rows below it), seven applicant columns.
#include <algorithm>
#include <optional>

#include "extract/model/key_catalog.h"
#include "extract/recognize/label_match.h"
#include "extract/recognize/recognition.h"

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
  for (size_t i = 0; i < columns.size(); ++i) {
    std::string key = key_prefix + "." + columns[i];
    if (i < row.values.size()) {
      out.put(key, row.values[i]);
    } else {
      RowCell missing;
      missing.at = row.labels.empty() ? CellLocation{} : row.labels.back().at;
      out.put(key, missing);
      out.cells[key].add_flag("missing_cell");
    }
  }
  for (size_t i = columns.size(); i < row.values.size(); ++i) {
    if (!compact(row.values[i].text).empty()) {
      out.warn("V4", "表三 row " + key_prefix + " has more than 7 values; '" + row.values[i].text + "' at " +
                         describe(row.values[i].at) + " is not mapped");
    }
  }
  if (row.values.size() < columns.size()) {
    out.warn("V4", "表三 row " + key_prefix + " has " + std::to_string(row.values.size()) +
                       " value cells, 7 expected; the missing ones are blank");
  }
}

}  // namespace

void recognize_table3(const LogicalTable& table, Format format, Recognition& out) {
  std::string group;
  for (const Grid* grid : table.parts) {
    for (size_t r = 0; r < grid->row_count(); ++r) {
      LogicalRow row = read_logical_row(*grid, r);
      if (row.labels.empty() || is_header_row(row)) continue;
      RowMatch match = match_row(row, group);
      group = match.group;
      if (!match.key) {
        if (row.has_number()) {
          std::string label = row.label_text();
          put_values(row, "extra.t3." + extra_key_part(label), out);
          out.warn("V4", "表三 row '" + label + "' is not a row of the standard table; kept as extra.t3.*");
        }
        continue;
      }
      if (!key_in_format(*match.key, format)) {
        // A 2021 report with the single 2019 （六）其他处理 row (or the reverse) keeps what it prints.
        if (*match.key != "result.other" && match.key->rfind("result.other.", 0) != 0) {
          out.warn("V4", "表三 row " + *match.key + " does not belong to the " + std::string(to_string(format)) +
                             " format");
        }
      }
      put_values(row, "t3." + *match.key, out);
    }
  }
}

}  // namespace nianbao
