// Corrections are appended, never updated: the history of who said what stays, and the latest
// correction of a cell is the one in force (view current_corrections).
#include "store/corrections.h"

#include <algorithm>

#include "extract/model/key_catalog.h"
#include "store/statement.h"
#include "store/transaction.h"

namespace nianbao::store {
namespace {

std::string report_format(Session& db, int64_t report_id) {
  Statement statement(db, "SELECT format FROM reports WHERE id = ?1", "looking up report " + std::to_string(report_id));
  statement.bind(1, report_id);
  if (!statement.step()) {
    throw StoreError(database_file(db) + ": correction refused: no report with id " + std::to_string(report_id));
  }
  return statement.column_text(0);
}

bool stored_cell(Session& db, int64_t report_id, const std::string& key) {
  Statement statement(db, "SELECT 1 FROM cells WHERE report_id = ?1 AND key = ?2", "looking up a cell");
  statement.bind(1, report_id).bind(2, key);
  return statement.step();
}

void check_key(Session& db, const CorrectionRequest& request) {
  std::string format = report_format(db, request.report_id);
  std::vector<std::string> keys = all_keys(format_from_string(format).value_or(Format::unknown));
  bool known = std::find(keys.begin(), keys.end(), request.key) != keys.end();
  if (!known && !stored_cell(db, request.report_id, request.key)) {
    throw StoreError(database_file(db) + ": correction refused: report " + std::to_string(request.report_id) +
                     " (format " + format + ") has no cell " + request.key);
  }
}

}  // namespace

int64_t add_correction(Session& db, const CorrectionRequest& request) {
  if (request.reason.empty()) throw StoreError(database_file(db) + ": correction refused: a reason is required");
  if (request.corrected_by.empty()) {
    throw StoreError(database_file(db) + ": correction refused: who corrects is required (--by or $USER)");
  }
  Transaction transaction(db, "correction of report " + std::to_string(request.report_id) + " " + request.key);
  check_key(db, request);
  Statement insert(db,
                   "INSERT INTO corrections (report_id, key, value, reason, corrected_by) VALUES (?1, ?2, ?3, ?4, ?5) "
                   "RETURNING id",
                   "recording the correction of report " + std::to_string(request.report_id) + " " + request.key);
  insert.bind(1, request.report_id)
      .bind(2, request.key)
      .bind(3, request.value)
      .bind(4, request.reason)
      .bind(5, request.corrected_by);
  insert.step();
  int64_t id = insert.column_int64(0);
  insert.reset();
  transaction.commit();
  return id;
}

std::vector<CorrectionRow> list_corrections(Session& db, std::optional<int64_t> report_id) {
  Statement row(db,
                "SELECT c.id, c.report_id, COALESCE(a.name, r.agency), r.report_year, c.key, cell.value, c.value, "
                "c.reason, c.corrected_by, c.corrected_at, d.origin, "
                "c.id = (SELECT max(c2.id) FROM corrections c2 WHERE c2.report_id = c.report_id AND c2.key = c.key) "
                "FROM corrections c JOIN reports r ON r.id = c.report_id JOIN documents d ON d.id = r.document_id "
                "LEFT JOIN agencies a ON a.id = r.agency_id "
                "LEFT JOIN cells cell ON cell.report_id = c.report_id AND cell.key = c.key "
                "WHERE CAST(?1 AS BIGINT) IS NULL OR c.report_id = ?1 ORDER BY c.id",
                "listing corrections");
  row.bind(1, report_id);
  std::vector<CorrectionRow> rows;
  while (row.step()) {
    CorrectionRow correction;
    correction.id = row.column_int64(0);
    correction.report_id = row.column_int64(1);
    correction.agency = row.column_text(2);
    if (!row.is_null(3)) correction.report_year = row.column_int(3);
    correction.key = row.column_text(4);
    correction.printed_value = row.column_optional_double(5);
    correction.value = row.column_optional_double(6);
    correction.reason = row.column_text(7);
    correction.corrected_by = row.column_text(8);
    correction.corrected_at = row.column_text(9);
    correction.source = row.column_text(10);
    correction.in_force = row.column_int(11) != 0;
    rows.push_back(std::move(correction));
  }
  return rows;
}

}  // namespace nianbao::store
