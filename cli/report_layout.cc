// The official layout of tables 二/三/四, built from the key catalog so the row and column order
// is the one printed in real reports. Cells the catalog does not know are listed after the tables.
#include "cli/report_layout.h"

#include <charconv>
#include <map>
#include <set>

#include "cli/text_table.h"
#include "extract/model/key_catalog.h"

namespace nianbao::cli {
namespace {

std::string format_number(const Number& number) {
  char buffer[64];
  double value = number.value;
  bool fits_integer = number.integral && value > -9e15 && value < 9e15;
  auto result = fits_integer ? std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(value))
                             : std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string format_location(const CellLocation& at) {
  if (at.table < 0) return "";
  std::string text = " @" + std::to_string(at.table) + "/" + std::to_string(at.row) + "/" + std::to_string(at.col);
  if (at.page >= 0) text += " p" + std::to_string(at.page);
  return text;
}

std::string format_value(const Cell& cell) {
  if (cell.value && cell.derived) return format_number(*cell.value) + " (" + format_number(*cell.derived) + ")";
  if (cell.value) return format_number(*cell.value);
  if (cell.derived) {
    std::string text = "(";
    text += format_number(*cell.derived);
    text += ')';
    return text;
  }
  return cell.raw.empty() ? "" : "—";
}

// Level-1/2 labels that are merged cells over the rows below them, keyed by their first row.
const std::map<std::string, std::pair<std::string, int>>& table3_group_headings() {
  static const std::map<std::string, std::pair<std::string, int>> headings = {
      {"result.granted", {"三、本年度办理结果", 1}},
      {"result.denied.state_secret", {"（三）不予公开", 2}},
      {"result.unable.not_held", {"（四）无法提供", 2}},
      {"result.not_processed.petition", {"（五）不予处理", 2}},
      {"result.other.no_correction", {"（六）其他处理", 2}},
  };
  return headings;
}

std::string indent(int level) { return std::string(static_cast<size_t>(2 * (level - 1)), ' '); }

void render_table2(const Report& report, const LayoutOptions& options, std::string& out) {
  out += "表二 主动公开政府信息情况\n";
  const auto& rows = table2_rows(report.format);
  for (size_t i = 0; i < rows.size();) {
    const std::string& block = rows[i].block;
    TextTable table;
    std::vector<std::string> header = {"信息内容"};
    header.insert(header.end(), rows[i].column_labels.begin(), rows[i].column_labels.end());
    table.add_row(header);
    for (; i < rows.size() && rows[i].block == block; ++i) {
      std::vector<std::string> line = {rows[i].label};
      for (const auto& column : rows[i].columns) {
        line.push_back(format_cell(report, "t2." + rows[i].row + "." + column, options));
      }
      table.add_row(line);
    }
    out += "\n" + block + "\n" + table.render();
  }
}

void render_table3(const Report& report, const LayoutOptions& options, std::string& out) {
  out += "\n表三 收到和处理政府信息公开申请情况\n";
  TextTable table;
  std::vector<std::string> header = {"申请人情况"};
  header.insert(header.end(), table3_column_labels().begin(), table3_column_labels().end());
  table.add_row(header);
  for (const Table3Row& row : table3_rows(report.format)) {
    auto heading = table3_group_headings().find(row.row);
    if (heading != table3_group_headings().end()) {
      table.add_row({indent(heading->second.second) + heading->second.first});
    }
    std::vector<std::string> line = {indent(row.level) + row.label};
    for (const auto& column : table3_columns()) {
      line.push_back(format_cell(report, "t3." + row.row + "." + column, options));
    }
    table.add_row(line);
  }
  out += table.render();
}

void render_table4(const Report& report, const LayoutOptions& options, std::string& out) {
  out += "\n表四 政府信息公开行政复议、行政诉讼情况\n";
  TextTable table;
  std::vector<std::string> header = {""};
  header.insert(header.end(), table4_outcome_labels().begin(), table4_outcome_labels().end());
  table.add_row(header);
  for (size_t g = 0; g < table4_groups().size(); ++g) {
    std::vector<std::string> line = {table4_group_labels()[g]};
    for (const auto& outcome : table4_outcomes()) {
      line.push_back(format_cell(report, "t4." + table4_groups()[g] + "." + outcome, options));
    }
    table.add_row(line);
  }
  out += table.render();
}

void render_other_cells(const Report& report, const LayoutOptions& options, std::string& out) {
  std::vector<std::string> catalog = all_keys(report.format);
  std::set<std::string> known(catalog.begin(), catalog.end());
  TextTable table(TextTable::Align::left);
  for (const auto& [key, cell] : report.cells) {
    if (!known.count(key)) table.add_row({key, format_cell(report, key, options), cell.raw});
  }
  if (table.empty()) return;
  out += "\n其他单元格 (not in the official tables)\n" + table.render();
}

void render_findings(const Report& report, std::string& out) {
  if (report.findings.empty()) return;
  out += "\n发现 findings\n";
  TextTable table(TextTable::Align::left);
  for (const Finding& finding : report.findings) {
    table.add_row({finding.rule, to_string(finding.severity), finding.message});
  }
  out += table.render();
}

std::string render_heading(const store::ReportSummary& summary, const Report& report) {
  std::string year = report.report_year ? std::to_string(*report.report_year) + "年" : "年份不明";
  std::string out = "== " + (report.agency.empty() ? std::string("(agency unknown)") : report.agency) + " · " + year +
                    " · " + to_string(report.format) + " · " + to_string(report.scope) + " ==\n";
  if (!report.title.empty()) out += "标题: " + report.title + "\n";
  if (report.published) out += "发布日期: " + *report.published + "\n";
  out += "来源: " + summary.source + "\nsha256: " + summary.sha256 + "\n";
  out += "findings: " + std::to_string(summary.errors) + " error, " + std::to_string(summary.warnings) +
         " warning, " + std::to_string(summary.infos) + " info\n";
  return out;
}

}  // namespace

std::string format_cell(const Report& report, const std::string& key, const LayoutOptions& options) {
  auto found = report.cells.find(key);
  if (found == report.cells.end()) return "";
  std::string text = format_value(found->second);
  if (options.with_source) text += format_location(found->second.at);
  return text;
}

std::string render_report(const store::ReportSummary& summary, const Report& report, const LayoutOptions& options) {
  std::string out = render_heading(summary, report);
  if (options.with_source) out += "(@table/row/col: where each value was read; tables numbered from 0)\n";
  if (report.format == Format::f2019 || report.format == Format::f2021) {
    out += "\n";
    render_table2(report, options, out);
    render_table3(report, options, out);
    render_table4(report, options, out);
  }
  render_other_cells(report, options, out);
  render_findings(report, out);
  return out;
}

}  // namespace nianbao::cli
