// The reader-independent half of extraction. Tables are found by their labels and stitched; a
// report whose format has no standard tables (pre-2019, a letter) keeps its text and metadata only.
#include "extract/report_builder.h"

#include "extract/recognize/format_detector.h"
#include "extract/recognize/metadata.h"
#include "extract/recognize/recognition.h"
#include "extract/validate/completeness.h"
#include "extract/validate/derived_values.h"
#include "extract/validate/validator.h"

namespace nianbao {
namespace {

std::string grid_text(const std::vector<Grid>& grids) {
  std::string text;
  for (const Grid& grid : grids) {
    for (const auto& row : grid.rows) {
      for (const auto& cell : row) {
        if (!cell.spanned) text += cell.text + "|";
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

}  // namespace

Report build_report(const ReadDocument& document) {
  Report report;
  ReportMetadata metadata = read_metadata(document.text.utf8, document.title);
  report.title = metadata.title;
  report.agency = metadata.agency;
  report.report_year = metadata.report_year;
  report.scope = metadata.scope;
  report.published = document.published;
  report.text = document.text.utf8;
  report.format = detect_format(document.text.utf8 + "\n" + grid_text(document.grids), metadata.title);
  if (report.format == Format::f2019 || report.format == Format::f2021) {
    recognize_tables(document.grids, report);
    if (report.cells.empty()) {
      report.findings.push_back({"V4", Severity::warning,
                                 "the document uses the " + std::string(to_string(report.format)) +
                                     " vocabulary but no standard table could be read from it",
                                 {}, std::nullopt, std::nullopt});
    } else {
      check_completeness(report);
    }
  }
  derive_missing_values(report);
  validate_report(report);
  return report;
}

}  // namespace nianbao
