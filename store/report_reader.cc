// Loads reports from the store (SQLite or PostgreSQL) into the extractor's records, restoring exactly
// what was written: NULL ↔ absent numbers, the integral flags, -1 for unknown locations, JSON lists.
#include "store/report_reader.h"

#include "store/json_text.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

std::optional<Number> read_number(const Statement& row, int value_column, int integral_column) {
  if (row.is_null(value_column)) return std::nullopt;
  return Number{row.column_double(value_column), row.column_int(integral_column) != 0};
}

int read_position(const Statement& row, int column) {
  return row.is_null(column) ? -1 : row.column_int(column);
}

ReportSummary read_summary_row(const Statement& row) {
  ReportSummary summary;
  summary.report_id = row.column_int64(0);
  summary.agency = row.column_text(1);
  if (!row.is_null(2)) summary.report_year = row.column_int(2);
  summary.format = format_from_string(row.column_text(3)).value_or(Format::unknown);
  summary.scope = scope_from_string(row.column_text(4)).value_or(Scope::unknown);
  summary.source = row.column_text(5);
  summary.sha256 = row.column_text(6);
  summary.errors = row.column_int(7);
  summary.warnings = row.column_int(8);
  summary.infos = row.column_int(9);
  return summary;
}

// Columns 7..15 of the cells query: src_table … bbox_bottom.
CellLocation read_location(const Statement& row) {
  CellLocation at;
  at.table = read_position(row, 7);
  at.row = read_position(row, 8);
  at.col = read_position(row, 9);
  at.byte_offset = row.is_null(10) ? -1 : row.column_int64(10);
  at.page = read_position(row, 11);
  if (!row.is_null(12)) {
    at.box = BoundingBox{row.column_double(12), row.column_double(13), row.column_double(14), row.column_double(15)};
  }
  return at;
}

void read_metadata(Session& db, int64_t report_id, Report& report) {
  Statement row(db, "SELECT title, agency, report_year, format, scope, published, text, COALESCE(published_source, '') "
                "FROM reports WHERE id = ?1",
                "reading report " + std::to_string(report_id));
  row.bind(1, report_id);
  if (!row.step()) {
    throw StoreError(database_file(db) + ": reading report " + std::to_string(report_id) + ": no such report");
  }
  report.title = row.column_text(0);
  report.agency = row.column_text(1);
  if (!row.is_null(2)) report.report_year = row.column_int(2);
  report.format = format_from_string(row.column_text(3)).value_or(Format::unknown);
  report.scope = scope_from_string(row.column_text(4)).value_or(Scope::unknown);
  if (!row.is_null(5)) report.published = row.column_text(5);
  report.text = row.column_text(6);
  report.published_source = row.column_text(7);
}

void read_cells(Session& db, int64_t report_id, Report& report) {
  Statement row(db,
                "SELECT key, value, integral, raw, flags, derived, derived_integral, src_table, src_row, "
                "src_col, src_byte_offset, src_page, bbox_left, bbox_top, bbox_right, bbox_bottom "
                "FROM cells WHERE report_id = ?1",
                "reading the cells of report " + std::to_string(report_id));
  JsonArrayReader json(db);
  row.bind(1, report_id);
  while (row.step()) {
    Cell cell;
    cell.value = read_number(row, 1, 2);
    cell.raw = row.column_text(3);
    cell.flags = json.read(row.column_text(4));
    cell.derived = read_number(row, 5, 6);
    cell.at = read_location(row);
    report.cells.emplace(row.column_text(0), std::move(cell));
  }
}

void read_findings(Session& db, int64_t report_id, Report& report) {
  Statement row(db,
                "SELECT rule, severity, message, cells, expected, expected_integral, actual, actual_integral "
                "FROM findings WHERE report_id = ?1 ORDER BY ordinal",
                "reading the findings of report " + std::to_string(report_id));
  JsonArrayReader json(db);
  row.bind(1, report_id);
  while (row.step()) {
    Finding finding;
    finding.rule = row.column_text(0);
    std::string severity = row.column_text(1);
    finding.severity = severity == "info" ? Severity::info : severity == "warning" ? Severity::warning : Severity::error;
    finding.message = row.column_text(2);
    finding.cells = json.read(row.column_text(3));
    finding.expected = read_number(row, 4, 5);
    finding.actual = read_number(row, 6, 7);
    report.findings.push_back(std::move(finding));
  }
}

void read_checks(Session& db, int64_t report_id, Report& report) {
  Statement row(db, "SELECT rule, passed, failed, not_assessable FROM checks WHERE report_id = ?1",
                "reading the rule tallies of report " + std::to_string(report_id));
  row.bind(1, report_id);
  while (row.step()) {
    report.checks[row.column_text(0)] = RuleTally{row.column_int(1), row.column_int(2), row.column_int(3)};
  }
}

// SQL true when `needle` occurs in `haystack` (SQLite's instr, PostgreSQL's strpos; NULL stays NULL).
std::string contains_sql(Session& db, const std::string& haystack, const std::string& needle) {
  const char* function = db.dialect() == Dialect::postgresql ? "strpos" : "instr";
  return std::string(function) + "(" + haystack + ", " + needle + ") > 0";
}

}  // namespace

std::vector<ReportSummary> read_summaries(Session& db, const ReportFilter& filter) {
  // The filter is spelled without the SELECT's alias (PostgreSQL's WHERE cannot see it) and with
  // typed parameters (PostgreSQL cannot infer the type of a NULL compared only with NULL); a report
  // without a year comes first on both backends (PostgreSQL would sort NULL last).
  Statement row(db,
                "SELECT report_id, COALESCE(agency, printed_agency) AS name, report_year, format, scope, source, "
                "sha256, errors, warnings, infos FROM report_overview "
                "WHERE (CAST(?1 AS TEXT) IS NULL OR " +
                    contains_sql(db, "COALESCE(agency, printed_agency)", "?1") + " OR " +
                    contains_sql(db, "printed_agency", "?1") +
                    ") AND (CAST(?2 AS BIGINT) IS NULL OR report_year = ?2) "
                    "ORDER BY name, report_year IS NOT NULL, report_year, report_id",
                "listing reports");
  std::optional<int64_t> year;
  if (filter.year) year = *filter.year;
  row.bind(1, filter.agency).bind(2, year);
  std::vector<ReportSummary> summaries;
  while (row.step()) summaries.push_back(read_summary_row(row));
  return summaries;
}

Report read_report(Session& db, int64_t report_id) {
  Report report;
  read_metadata(db, report_id, report);
  read_cells(db, report_id, report);
  read_findings(db, report_id, report);
  read_checks(db, report_id, report);
  return report;
}

}  // namespace nianbao::store
