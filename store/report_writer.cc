// The report writer: one INSERT per report, then its cells, findings and checks through
// statements prepared once per report. Each StoreError is tagged with the report and cell/rule.
#include "store/report_writer.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "store/json_text.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

// CellLocation uses -1 for "not known"; the store uses NULL so SQL aggregates skip it.
std::optional<int64_t> known(int64_t position) {
  if (position == -1) return std::nullopt;
  return position;
}

// NaN is no number: NULL on both backends (SQLite binds NaN as NULL; PostgreSQL would keep 'NaN'),
// so a NaN beside its integral flag breaks the CHECK of cells and findings on both alike.
std::optional<double> number_value(const std::optional<Number>& number) {
  if (!number || std::isnan(number->value)) return std::nullopt;
  return number->value;
}

std::optional<int64_t> number_integral(const std::optional<Number>& number) {
  if (!number) return std::nullopt;
  return number->integral ? 1 : 0;
}

// reports.published_source: 'meta' or 'printed' where the date was read, NULL without a date.
std::optional<std::string> published_source(const Report& report) {
  if (!report.published || report.published_source.empty()) return std::nullopt;
  return report.published_source;
}

std::string describe(const Report& report, int ordinal) {
  std::string year = report.report_year ? std::to_string(*report.report_year) : "unknown year";
  return "report " + std::to_string(ordinal) + " (" + (report.agency.empty() ? "unknown agency" : report.agency) +
         ", " + year + ")";
}

// Binds the report's metadata columns (agency, report_year, format, scope, title, published,
// extractor_version, text, published_source) to parameters first … first + 8.
void bind_metadata(Statement& statement, int first, const Report& report) {
  std::optional<int64_t> year;
  if (report.report_year) year = *report.report_year;
  statement.bind(first, report.agency)
      .bind(first + 1, year)
      .bind(first + 2, to_string(report.format))
      .bind(first + 3, to_string(report.scope))
      .bind(first + 4, report.title)
      .bind(first + 5, report.published)
      .bind(first + 6, kExtractorVersion)
      .bind(first + 7, report.text)
      .bind(first + 8, published_source(report));
}

int64_t insert_report_row(Session& db, int64_t document_id, int ordinal, const Report& report,
                          const SeedColumns& seed) {
  Statement statement(db,
                      "INSERT INTO reports (document_id, ordinal, agency, report_year, format, scope, title, "
                      "published, extractor_version, text, published_source, seed_agency, seed_region_code, seed_level) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING id",
                      "storing the report's metadata");
  statement.bind(1, document_id).bind(2, ordinal);
  bind_metadata(statement, 3, report);
  statement.bind(12, seed.agency).bind(13, seed.region_code).bind(14, seed.level);
  statement.step();
  int64_t id = statement.column_int64(0);
  statement.reset();
  return id;
}

void update_report_row(Session& db, int64_t report_id, const Report& report) {
  Statement statement(db,
                      "UPDATE reports SET agency = ?2, report_year = ?3, format = ?4, scope = ?5, title = ?6, "
                      "published = ?7, extractor_version = ?8, text = ?9, published_source = ?10 WHERE id = ?1",
                      "updating the report's metadata");
  statement.bind(1, report_id);
  bind_metadata(statement, 2, report);
  statement.run();
}

// Removes what an extraction wrote under a report; findings of other origins are refreshed by
// their own writers (copies, cross-year), corrections are a person's and stay.
void delete_extracted_rows(Session& db, int64_t report_id) {
  for (const char* sql : {"DELETE FROM cells WHERE report_id = ?1",
                          "DELETE FROM findings WHERE report_id = ?1 AND origin = 'extract'",
                          "DELETE FROM checks WHERE report_id = ?1"}) {
    Statement statement(db, sql, "clearing report " + std::to_string(report_id) + " for re-extraction");
    statement.bind(1, report_id).run();
  }
}

// Rethrows a StoreError raised while storing `what`, with `what` in the message.
template <typename Action>
void naming(const std::string& what, Action action) {
  try {
    action();
  } catch (const StoreError& error) {
    throw StoreError(std::string(error.what()) + " [" + what + "]");
  }
}

// On PostgreSQL cells go in multi-row INSERTs of up to 64 rows (17 parameters each): one round trip
// per batch, where a statement per cell bounded ingest at about 6,000 cells/s. SQLite, in-process,
// keeps one row per statement: compiling the 64-row statement for every report cost it more (83,000
// against 230,000 cells/s in bench/store_bulk_bench).
constexpr size_t kCellColumns = 17;

size_t cells_per_insert(Session& db) { return db.dialect() == Dialect::postgresql ? 64 : 1; }

std::string cells_insert_sql(size_t rows) {
  std::string sql =
      "INSERT INTO cells (report_id, key, value, integral, raw, flags, derived, derived_integral, src_table, src_row, "
      "src_col, src_byte_offset, src_page, bbox_left, bbox_top, bbox_right, bbox_bottom) VALUES ";
  for (size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (size_t column = 0; column < kCellColumns; ++column)
      sql += (column == 0 ? "?" : ", ?") + std::to_string(row * kCellColumns + column + 1);
    sql += ")";
  }
  return sql;
}

// Binds one cell's row from parameter `first` on.
void bind_cell(Statement& statement, int first, int64_t report_id, const std::string& key, const Cell& cell) {
  const CellLocation& at = cell.at;
  statement.bind(first, report_id)
      .bind(first + 1, key)
      .bind(first + 2, number_value(cell.value))
      .bind(first + 3, number_integral(cell.value))
      .bind(first + 4, cell.raw)
      .bind(first + 5, to_json_array(cell.flags))
      .bind(first + 6, number_value(cell.derived))
      .bind(first + 7, number_integral(cell.derived))
      .bind(first + 8, known(at.table))
      .bind(first + 9, known(at.row))
      .bind(first + 10, known(at.col))
      .bind(first + 11, known(at.byte_offset))
      .bind(first + 12, known(at.page));
  if (at.box) {
    statement.bind(first + 13, at.box->left).bind(first + 14, at.box->top).bind(first + 15, at.box->right)
        .bind(first + 16, at.box->bottom);
  }
}

using CellEntry = std::pair<const std::string, Cell>;

// One cell per statement, each failure naming its key.
void insert_cells_one_by_one(Session& db, int64_t report_id, const std::vector<const CellEntry*>& cells) {
  Statement statement(db, cells_insert_sql(1), "storing a cell");
  for (const CellEntry* entry : cells) {
    naming("cell " + entry->first, [&] {
      bind_cell(statement, 1, report_id, entry->first, entry->second);
      statement.run();
    });
  }
}

// Multi-row batches, all under one savepoint: if one fails, the report's cells are stored again one
// by one, so the error names the cell that failed (or, should they all go in, nothing is lost).
void insert_cell_batches(Session& db, int64_t report_id, const std::vector<const CellEntry*>& cells, size_t per_insert) {
  bool savepoint = db.in_transaction();
  if (savepoint) execute(db, "SAVEPOINT cells_of_report", "storing cells");
  try {
    std::unique_ptr<Statement> full_batch;  // kept for the report: prepared on PostgreSQL from its second run
    for (size_t start = 0; start < cells.size(); start += per_insert) {
      size_t rows = std::min(per_insert, cells.size() - start);
      std::unique_ptr<Statement> last_batch;
      std::unique_ptr<Statement>& slot = rows == per_insert ? full_batch : last_batch;
      if (!slot) slot = std::make_unique<Statement>(db, cells_insert_sql(rows), "storing cells");
      for (size_t row = 0; row < rows; ++row) {
        const CellEntry& entry = *cells[start + row];
        bind_cell(*slot, static_cast<int>(row * kCellColumns + 1), report_id, entry.first, entry.second);
      }
      slot->run();
    }
  } catch (const StoreError&) {
    if (!savepoint) throw;
    execute(db, "ROLLBACK TO SAVEPOINT cells_of_report", "storing cells");
    insert_cells_one_by_one(db, report_id, cells);
  }
  if (savepoint) execute(db, "RELEASE SAVEPOINT cells_of_report", "storing cells");
}

void insert_cells(Session& db, int64_t report_id, const Report& report) {
  std::vector<const CellEntry*> cells;
  cells.reserve(report.cells.size());
  for (const CellEntry& entry : report.cells) cells.push_back(&entry);
  const size_t per_insert = cells_per_insert(db);
  if (per_insert == 1 || cells.empty()) {
    insert_cells_one_by_one(db, report_id, cells);
    return;
  }
  insert_cell_batches(db, report_id, cells, per_insert);
}

int next_finding_ordinal(Session& db, int64_t report_id) {
  Statement statement(db, "SELECT COALESCE(max(ordinal) + 1, 0) FROM findings WHERE report_id = ?1",
                      "numbering the findings of report " + std::to_string(report_id));
  statement.bind(1, report_id).step();
  return statement.column_int(0);
}

}  // namespace

void append_findings(Session& db, int64_t report_id, const std::vector<Finding>& findings, const std::string& origin) {
  Statement statement(db,
                      "INSERT INTO findings (report_id, ordinal, rule, severity, message, cells, expected, "
                      "expected_integral, actual, actual_integral, origin) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                      "storing a finding of report " + std::to_string(report_id));
  int ordinal = next_finding_ordinal(db, report_id);
  for (const Finding& finding : findings) {
    naming("finding " + std::to_string(ordinal) + " (" + finding.rule + ")", [&] {
      statement.bind(1, report_id)
          .bind(2, ordinal)
          .bind(3, finding.rule)
          .bind(4, to_string(finding.severity))
          .bind(5, finding.message)
          .bind(6, to_json_array(finding.cells))
          .bind(7, number_value(finding.expected))
          .bind(8, number_integral(finding.expected))
          .bind(9, number_value(finding.actual))
          .bind(10, number_integral(finding.actual))
          .bind(11, origin)
          .run();
    });
    ++ordinal;
  }
}

void write_checks(Session& db, int64_t report_id, const std::map<std::string, RuleTally>& checks) {
  Statement statement(db,
                      "INSERT INTO checks (report_id, rule, passed, failed, not_assessable) VALUES (?1, ?2, ?3, ?4, ?5)",
                      "storing a rule tally of report " + std::to_string(report_id));
  for (const auto& [rule, tally] : checks) {
    naming("check " + rule, [&] {
      statement.bind(1, report_id)
          .bind(2, rule)
          .bind(3, tally.passed)
          .bind(4, tally.failed)
          .bind(5, tally.not_assessable)
          .run();
    });
  }
}

int64_t write_report(Session& db, int64_t document_id, int ordinal, const Report& report, const SeedColumns& seed) {
  int64_t report_id = 0;
  naming(describe(report, ordinal), [&] {
    report_id = insert_report_row(db, document_id, ordinal, report, seed);
    insert_cells(db, report_id, report);
    append_findings(db, report_id, report.findings, "extract");
    write_checks(db, report_id, report.checks);
  });
  return report_id;
}

void rewrite_report(Session& db, int64_t report_id, const Report& report) {
  naming("re-extraction of report " + std::to_string(report_id), [&] {
    update_report_row(db, report_id, report);
    delete_extracted_rows(db, report_id);
    insert_cells(db, report_id, report);
    append_findings(db, report_id, report.findings, "extract");
    write_checks(db, report_id, report.checks);
  });
}

}  // namespace nianbao::store
