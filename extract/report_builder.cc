// The reader-independent half of extraction. Tables are found by their labels and stitched; a
// report whose format has no standard tables (pre-2019) keeps its text and metadata only, and a
// 2019+ report printing no table header takes its format from its year, with a finding. What the
// reader could not settle itself (flattened rows with several splits) joins the findings.
#include "extract/report_builder.h"

#include <string>

#include "extract/recognize/format_detector.h"
#include "extract/recognize/metadata.h"
#include "extract/recognize/recognition.h"
#include "extract/validate/completeness.h"
#include "extract/validate/derived_values.h"
#include "extract/validate/finding_rules.h"
#include "extract/validate/validator.h"

namespace nianbao {
namespace {

std::string grid_text(const std::vector<Grid>& grids) {
  std::string text;
  for (const Grid& grid : grids) {
    for (const auto& row : grid.rows) {
      for (const auto& cell : row) {
        if (cell.spanned) continue;
        text += cell.text;
        text += '|';
      }
      text += "\n";
    }
  }
  return text;
}

void recognize_tables(const std::vector<Grid>& grids, Report& report) {
  Recognition recognition;
  for (const LogicalTable& table : stitch_tables(grids)) {
    switch (table.kind) {
      case TableKind::t2: recognize_table2(table, report.format, recognition); break;
      case TableKind::t3: recognize_table3(table, report.format, recognition); break;
      case TableKind::t4: recognize_table4(table, recognition); break;
      case TableKind::none: break;
    }
  }
  report.cells = std::move(recognition.cells);
  report.findings = std::move(recognition.findings);
}

Finding tables_unread(const Report& report) {
  return {kTablesUnreadRule, Severity::warning,
          "the tables of this " + std::to_string(*report.report_year) +
              " report could not be read (it prints none of their headers); format " + to_string(report.format) +
              " is taken from its year",
          {}, std::nullopt, std::nullopt};
}

// A pre-2019 answer (or none) for a report of 2019 or later is a contradiction: the year decides.
bool format_comes_from_year(Report& report) {
  if (report.format != Format::pre2019 && report.format != Format::not_a_report) return false;
  if (!report.report_year) return false;
  std::optional<Format> by_year = format_of_year(*report.report_year);
  if (!by_year) return false;
  report.format = *by_year;
  return true;
}

}  // namespace

std::optional<Format> format_of_year(int year) {
  if (year >= 2021) return Format::f2021;
  if (year >= 2019) return Format::f2019;
  return std::nullopt;
}

Report build_report(const ReadDocument& document) { return build_report_with_evidence(document).report; }

BuiltReport build_report_with_evidence(const ReadDocument& document) {
  BuiltReport built;
  Report& report = built.report;
  ReportMetadata metadata = read_metadata(document.text.utf8, document.title);
  report.title = metadata.title;
  report.agency = metadata.agency;
  report.report_year = metadata.report_year;
  report.scope = metadata.scope;
  report.published = document.published;
  report.published_source = document.published_source;
  report.text = document.text.utf8;
  std::string format_text;  // the text, then the grids' cells: where the format's labels are looked for
  std::string cells_text = grid_text(document.grids);
  format_text.reserve(document.text.utf8.size() + 1 + cells_text.size());
  format_text.append(document.text.utf8).append("\n").append(cells_text);
  report.format = detect_format(format_text, metadata.title);
  built.printed_format = report.format;
  bool from_year = format_comes_from_year(report);
  if (report.format == Format::f2019 || report.format == Format::f2021) {
    recognize_tables(document.grids, report);
    if (report.cells.empty() && from_year) {
      report.findings.push_back(tables_unread(report));
    } else if (report.cells.empty()) {
      report.findings.push_back({kTableMissingRule, Severity::warning,
                                 "the document uses the " + std::string(to_string(report.format)) +
                                     " vocabulary but no standard table could be read from it",
                                 {}, std::nullopt, std::nullopt});
    } else {
      check_completeness(report);
    }
  }
  report.findings.insert(report.findings.end(), document.findings.begin(), document.findings.end());
  derive_missing_values(report);
  validate_report(report);
  return built;
}

}  // namespace nianbao
