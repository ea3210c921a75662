// The compare table: cells padded by display width (TextTable), a spanning line of agency names
// measured the same way, and the legend (marks, 同比, column sources, corrections, findings).
#include "cli/compare_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "common/number_text.h"
#include "cli/text_table.h"
#include "extract/model/key_catalog.h"

namespace nianbao::cli {
namespace {

const char* const kNone = "—";

// One printed column: a year's values, or the 同比 change into that year.
struct Column {
  size_t agency_index = 0;
  size_t report_index = 0;
  bool change = false;
  std::string header;
};

std::vector<Column> columns_of(const store::CompareResult& result) {
  std::vector<Column> columns;
  for (size_t r = 0; r < result.reports.size(); ++r) {
    const store::ComparedReport& report = result.reports[r];
    columns.push_back({report.agency_index, r, false, std::to_string(report.year)});
    if (previous_year_column(result, r)) {
      columns.push_back({report.agency_index, r, true, std::to_string(report.year) + "同比"});
    }
  }
  return columns;
}

// The row label without its bracketed note or, for a numbered sub-row, what follows its first 、.
std::string short_row_label(const std::string& label) {
  size_t note = label.find("（", 1);
  std::string text = label.substr(0, note);
  if (!text.empty() && text[0] >= '0' && text[0] <= '9') text = text.substr(0, text.find("、"));
  return text;
}

std::string table3_group(const std::string& row) {
  static const std::map<std::string, std::string> groups = {{"result.denied.", "（三）不予公开 "},
                                                            {"result.unable.", "（四）无法提供 "},
                                                            {"result.not_processed.", "（五）不予处理 "},
                                                            {"result.other.", "（六）其他处理 "}};
  for (const auto& [prefix, heading] : groups) {
    if (row.rfind(prefix, 0) == 0) return heading;
  }
  return "";
}

std::map<std::string, std::string> build_labels() {
  std::map<std::string, std::string> labels;
  for (Format format : {Format::f2019, Format::f2021}) {
    for (const Table2Row& row : table2_rows(format)) {
      for (size_t c = 0; c < row.columns.size(); ++c) {
        labels["t2." + row.row + "." + row.columns[c]] = row.label + " " + row.column_labels[c];
      }
    }
    for (const Table3Row& row : table3_rows(format)) {
      for (size_t c = 0; c < table3_columns().size(); ++c) {
        labels["t3." + row.row + "." + table3_columns()[c]] =
            table3_group(row.row) + short_row_label(row.label) + " " + table3_column_labels()[c];
      }
    }
  }
  for (size_t g = 0; g < table4_groups().size(); ++g) {
    for (size_t o = 0; o < table4_outcomes().size(); ++o) {
      labels["t4." + table4_groups()[g] + "." + table4_outcomes()[o]] =
          table4_group_labels()[g] + " " + table4_outcome_labels()[o];
    }
  }
  return labels;
}

std::string signed_number(double value) {
  std::string text = number_text(value);
  if (value > 0) text.insert(text.begin(), '+');
  return text;
}

std::string percent_text(double percent) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, percent == 0 ? "%.1f%%" : "%+.1f%%", percent);
  return buffer;
}

std::string pad_right(const std::string& text, int width) {
  return text + std::string(static_cast<size_t>(std::max(width - display_width(text), 0)), ' ');
}

std::string first_cell(const std::string& key, const std::string& label, int key_width) {
  return label.empty() ? key : pad_right(key, key_width) + "  " + label;
}

std::vector<std::vector<std::string>> table_rows(const store::CompareResult& result, const std::vector<Column>& columns) {
  int key_width = display_width("key");
  for (const std::string& key : result.keys) key_width = std::max(key_width, display_width(key));
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {first_cell("key", "项目", key_width)};
  for (const Column& column : columns) header.push_back(column.header);
  rows.push_back(header);
  for (const std::string& key : result.keys) {
    std::vector<std::string> row = {first_cell(key, key_label(key), key_width)};
    for (const Column& column : columns) {
      row.push_back(column.change ? change_text(year_change(result, column.report_index, key))
                                  : compare_cell_text(result.cell(column.report_index, key)));
    }
    rows.push_back(row);
  }
  return rows;
}

// The display width TextTable gives each column: that of its widest cell.
std::vector<int> column_widths(const std::vector<std::vector<std::string>>& rows) {
  std::vector<int> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  return widths;
}

// Table columns [first, last] of each agency (table column 0 holds the keys).
std::vector<std::pair<size_t, size_t>> agency_spans(const std::vector<Column>& columns) {
  std::vector<std::pair<size_t, size_t>> spans;
  for (size_t c = 0; c < columns.size(); ++c) {
    if (c == 0 || columns[c].agency_index != columns[c - 1].agency_index) spans.push_back({c + 1, c + 1});
    spans.back().second = c + 1;
  }
  return spans;
}

int span_width(const std::vector<int>& widths, std::pair<size_t, size_t> span) {
  int width = 0;
  for (size_t c = span.first; c <= span.second; ++c) width += widths[c];
  return width + 2 * static_cast<int>(span.second - span.first);
}

// "平潭综合实验区 ----------" over each agency's columns; widens a column when a name does not fit.
std::string agency_line(const store::CompareResult& result, const std::vector<Column>& columns,
                        std::vector<std::vector<std::string>>& rows) {
  auto spans = agency_spans(columns);
  std::vector<int> widths = column_widths(rows);
  for (const auto& span : spans) {
    const std::string& name = result.agencies[columns[span.first - 1].agency_index].name;
    int missing = display_width(name) + 2 - span_width(widths, span);
    if (missing > 0) rows.front()[span.first].insert(0, static_cast<size_t>(missing), ' ');
  }
  widths = column_widths(rows);
  std::string line(static_cast<size_t>(widths[0]), ' ');
  for (const auto& span : spans) {
    const std::string& name = result.agencies[columns[span.first - 1].agency_index].name;
    int dashes = span_width(widths, span) - display_width(name) - 1;
    line += "  " + name + " " + std::string(static_cast<size_t>(dashes), '-');
  }
  return line + "\n";
}

std::string column_name(const store::CompareResult& result, size_t report_index) {
  const store::ComparedReport& report = result.reports[report_index];
  return result.agencies[report.agency_index].name + " " + std::to_string(report.year);
}

void legend_marks(const store::CompareResult& result, std::string& out) {
  out += "Marks: * corrected (the value in force is the correction)  ! a finding names this cell  "
         "(n) derived, not printed  — no value\n";
  out += "同比: change from the same agency's previous year, absolute (percent); — when either year has no value; "
         "percent — when the previous value is 0\n";
  bool summed = std::any_of(result.cells.begin(), result.cells.end(), [](const auto& entry) { return entry.second.summed; });
  if (summed) {
    out += "t3.result.other.* of a 2021-format report: no_correction + fee_unpaid + misc, the 2019 row's "
           "comparable (spec §7)\n";
  }
}

void legend_sources(const store::CompareResult& result, std::string& out) {
  out += "\nColumns:\n";
  TextTable table(TextTable::Align::left);
  for (size_t r = 0; r < result.reports.size(); ++r) {
    const store::ComparedReport& report = result.reports[r];
    const store::ComparedAgency& agency = result.agencies[report.agency_index];
    std::string registry = agency.agency_id ? "agency " + std::to_string(*agency.agency_id) : "unregistered";
    table.add_row({"  " + column_name(result, r), "report " + std::to_string(report.report_id), registry,
                   to_string(report.format), to_string(report.scope), report.source});
  }
  out += table.render();
}

// The stored cells column by column, each column's keys in table order.
std::vector<std::pair<std::pair<size_t, std::string>, store::ComparedCell>> cells_in_table_order(
    const store::CompareResult& result) {
  std::vector<std::pair<std::pair<size_t, std::string>, store::ComparedCell>> cells;
  for (size_t r = 0; r < result.reports.size(); ++r) {
    for (const std::string& key : result.keys) {
      if (const store::ComparedCell* cell = result.cell(r, key)) cells.push_back({{r, key}, *cell});
    }
  }
  return cells;
}

void legend_corrections(const store::CompareResult& result, std::string& out) {
  TextTable table(TextTable::Align::left);
  for (const auto& [where, cell] : cells_in_table_order(result)) {
    if (!cell.is_corrected) continue;
    std::string what = cell.summed ? "a sub-row is corrected"
                                   : "printed " + (cell.printed ? number_text(*cell.printed) : std::string(kNone)) +
                                         ", corrected " + (cell.corrected ? number_text(*cell.corrected) : "to blank") +
                                         (cell.correction_reason.empty() ? "" : ": " + cell.correction_reason);
    table.add_row({"  " + column_name(result, where.first), where.second, what});
  }
  if (!table.empty()) out += "\nCorrections (*):\n" + table.render();
}

void legend_findings(const store::CompareResult& result, std::string& out) {
  // One line per finding of a column, with the shown keys it names.
  std::map<std::tuple<size_t, std::string, std::string, std::string>, std::vector<std::string>> named;
  for (const auto& [where, cell] : cells_in_table_order(result)) {
    std::set<std::pair<std::string, std::string>> seen;
    for (const store::CellFinding& finding : cell.findings) {
      if (!seen.insert({finding.rule, finding.message}).second) continue;
      named[{where.first, finding.rule, to_string(finding.severity), finding.message}].push_back(where.second);
    }
  }
  if (named.empty()) return;
  TextTable table(TextTable::Align::left);
  for (const auto& [finding, keys] : named) {
    std::string key_list;
    for (const std::string& key : keys) key_list += (key_list.empty() ? "" : ", ") + key;
    table.add_row({"  " + column_name(result, std::get<0>(finding)), std::get<1>(finding), std::get<2>(finding),
                   std::get<3>(finding) + " [" + key_list + "]"});
  }
  out += "\nFindings (!):\n" + table.render();
}

void legend_omitted(const store::CompareResult& result, std::string& out) {
  std::string lines;
  for (size_t a = 0; a < result.agencies.size(); ++a) {
    bool shown = std::any_of(result.reports.begin(), result.reports.end(),
                             [a](const store::ComparedReport& report) { return report.agency_index == a; });
    if (!shown) lines += "  " + result.agencies[a].name + ": no primary report with the chosen keys in the years asked\n";
  }
  for (const store::OmittedReport& omitted : result.omitted) {
    lines += "  " + result.agencies[omitted.agency_index].name + " " + std::to_string(omitted.year) + " report " +
             std::to_string(omitted.report_id) + ": " + omitted.reason + "\n";
  }
  if (!lines.empty()) out += "\nNot shown:\n" + lines;
}

}  // namespace

std::optional<size_t> previous_year_column(const store::CompareResult& result, size_t report_index) {
  const store::ComparedReport& report = result.reports[report_index];
  for (size_t r = 0; r < result.reports.size(); ++r) {
    const store::ComparedReport& other = result.reports[r];
    if (other.agency_index == report.agency_index && other.year == report.year - 1) return r;
  }
  return std::nullopt;
}

YearChange year_change(const store::CompareResult& result, size_t report_index, const std::string& key) {
  YearChange change;
  std::optional<size_t> previous = previous_year_column(result, report_index);
  if (!previous) return change;
  change.has_previous_column = true;
  const store::ComparedCell* now = result.cell(report_index, key);
  const store::ComparedCell* before = result.cell(*previous, key);
  if (!now || !before || !now->value || !before->value) return change;
  // Rounded to a millionth: stored amounts carry at most six decimals (万元), so this only drops noise.
  change.absolute = std::round((*now->value - *before->value) * 1e6) / 1e6;
  if (*before->value != 0) change.percent = *change.absolute / *before->value * 100.0;
  return change;
}

std::string change_text(const YearChange& change) {
  if (!change.absolute) return kNone;
  return signed_number(*change.absolute) + " (" + (change.percent ? percent_text(*change.percent) : kNone) + ")";
}

std::string compare_cell_text(const store::ComparedCell* cell) {
  if (!cell) return kNone;
  std::string text = !cell->value ? kNone : cell->is_derived ? "(" + number_text(*cell->value) + ")" : number_text(*cell->value);
  if (cell->is_corrected) text += "*";
  if (!cell->findings.empty()) text += "!";
  return text;
}

std::string key_label(const std::string& key) {
  static const std::map<std::string, std::string> labels = build_labels();
  auto found = labels.find(key);
  return found == labels.end() ? "" : found->second;
}

std::string render_compare_table(const store::CompareResult& result) {
  std::vector<Column> columns = columns_of(result);
  std::vector<std::vector<std::string>> rows = table_rows(result, columns);
  std::string out = agency_line(result, columns, rows);
  TextTable table;
  for (auto& row : rows) table.add_row(std::move(row));
  out += table.render() + "\n";
  legend_marks(result, out);
  legend_sources(result, out);
  legend_corrections(result, out);
  legend_findings(result, out);
  legend_omitted(result, out);
  return out;
}

}  // namespace nianbao::cli
