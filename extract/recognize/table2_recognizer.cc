// 表二 (主动公开政府信息情况): stacked blocks of a 第二十条 caption, a 信息内容 header naming the
// columns, and data rows. Values are mapped to the columns the nearest header names.
#include <algorithm>
#include <optional>

#include "extract/model/key_catalog.h"
#include "extract/recognize/label_match.h"
#include "extract/recognize/recognition.h"
#include "extract/validate/finding_rules.h"

namespace nianbao {
namespace {

const Table2Row* catalog_row(Format format, const std::string& row_key) {
  for (const Table2Row& row : table2_rows(format)) {
    if (row.row == row_key) return &row;
  }
  return nullptr;
}

// Column keys a 信息内容 header row names, in order (unnamed trailing cells dropped).
std::vector<std::optional<std::string>> header_columns(const LogicalRow& row) {
  std::vector<std::optional<std::string>> columns;
  bool past_caption = false;
  for (const RowCell& cell : row.labels) {
    std::string label = compact(cell.text);
    if (!past_caption) {
      past_caption = label.find("信息内容") != std::string::npos;
      continue;
    }
    columns.push_back(match_table2_column(label));
  }
  while (!columns.empty() && !columns.back()) columns.pop_back();
  return columns;
}

void put_row_values(const LogicalRow& row, const std::string& row_key, const std::vector<std::string>& columns,
                    Recognition& out) {
  size_t used = 0;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i < row.values.size()) {
      out.put("t2." + row_key + "." + columns[i], row.values[i]);
      used = i + 1;
    } else {
      RowCell missing;
      missing.padded = true;
      missing.at = row.labels.empty() ? CellLocation{} : row.labels.back().at;
      out.put("t2." + row_key + "." + columns[i], missing);
    }
  }
  for (size_t i = used; i < row.values.size(); ++i) {
    if (!compact(row.values[i].text).empty()) {
      out.warn(kRowValueCountRule, "表二 row " + row_key + " has an unexpected extra value '" + row.values[i].text +
                                       "' at " + describe(row.values[i].at));
    }
  }
}

// Columns for a row: those its block's header names when they are all known, fit the row's
// catalogue entry and cover its printed values; else the catalogue's own order.
std::vector<std::string> columns_for(const Table2Row* catalog, const std::vector<std::optional<std::string>>& header,
                                     size_t printed_values) {
  std::vector<std::string> named;
  for (const auto& column : header) {
    if (!column) return catalog ? catalog->columns : std::vector<std::string>{};
    named.push_back(*column);
  }
  if (!catalog) return named;
  if (named.empty() || named.size() < printed_values) return catalog->columns;
  for (const std::string& column : named) {
    if (std::find(catalog->columns.begin(), catalog->columns.end(), column) == catalog->columns.end()) {
      return catalog->columns;
    }
  }
  return named;
}

size_t printed_value_count(const LogicalRow& row) {
  size_t count = 0;
  for (size_t i = 0; i < row.values.size(); ++i) {
    if (!compact(row.values[i].text).empty()) count = i + 1;
  }
  return count;
}

}  // namespace

void recognize_table2(const LogicalTable& table, Format format, Recognition& out) {
  std::vector<std::optional<std::string>> header;
  for (const Grid* grid : table.parts) {
    for (size_t r = 0; r < grid->row_count(); ++r) {
      LogicalRow row = read_logical_row(*grid, r);
      std::string label = row.label_text();
      if (label.empty()) continue;
      if (label.find("信息内容") != std::string::npos) {
        header = header_columns(row);
        continue;
      }
      if (label.find("第二十条") != std::string::npos && !row.has_number()) {
        header.clear();
        continue;
      }
      std::optional<std::string> row_key = match_table2_row(label);
      if (!row_key) {
        if (row.has_number()) {
          std::vector<std::string> columns = columns_for(nullptr, header, 0);
          for (size_t i = 0; i < row.values.size() && i < std::max<size_t>(columns.size(), 1); ++i) {
            std::string column = i < columns.size() ? columns[i] : std::to_string(i + 1);
            out.put("extra.t2." + extra_key_part(label) + "." + column, row.values[i]);
          }
          out.warn(kRowNotStandardRule,
                   "表二 row '" + label + "' is not a row of the standard table; kept as extra.t2.*");
        }
        continue;
      }
      const Table2Row* catalog = catalog_row(format, *row_key);
      if (!catalog) {
        out.warn(kRowNotStandardRule, "表二 row '" + label + "' does not belong to the " + to_string(format) +
                                          " format; kept as extra.t2.*");
        for (size_t i = 0; i < row.values.size(); ++i) {
          if (!compact(row.values[i].text).empty()) {
            out.put("extra.t2." + *row_key + "." + std::to_string(i + 1), row.values[i]);
          }
        }
        continue;
      }
      put_row_values(row, *row_key, columns_for(catalog, header, printed_value_count(row)), out);
    }
  }
}

}  // namespace nianbao
