// The SQL that loads the audited reports (audit_reports.h): reports with their document and origins,
// a digest of their cells, their narrative's sketch and sections, their error and table findings.
#include "store/audit_reports.h"

#include "store/audit_format.h"
#include "store/audit_similarity.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

// The reports the audit counts: linked, of a real format, and in a document that is a report
// ('unknown' for rows older than document roles).
const char* const kAuditedReports =
    "SELECT r.id FROM reports r JOIN documents d ON d.id = r.document_id "
    "WHERE r.agency_id IS NOT NULL AND r.report_year BETWEEN ?1 AND ?2 AND r.format <> 'not_a_report' "
    "AND d.role IN ('unknown', 'report')";

std::optional<std::string> optional_text(const Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return row.column_text(column);
}

std::string years(int first_year, int last_year) {
  return std::to_string(first_year) + "-" + std::to_string(last_year);
}

void read_reports(Session& db, int first_year, int last_year, AuditReports& loaded) {
  Statement query(db,
                  std::string("SELECT r.id, r.agency_id, r.document_id, r.report_year, r.format, r.scope, r.copy_of, "
                              "d.sha256, d.media_type, d.origin, r.text, r.published, r.published_source, "
                              "d.published, d.published_source FROM reports r JOIN documents d ON d.id = r.document_id "
                              "WHERE r.id IN (") +
                      kAuditedReports + ") ORDER BY r.agency_id, r.report_year, r.id",
                  "reading the reports of " + years(first_year, last_year) + " for the audit");
  query.bind(1, first_year).bind(2, last_year);
  while (query.step()) {
    AuditReport report;
    report.id = query.column_int64(0);
    report.agency_id = query.column_int64(1);
    report.document_id = query.column_int64(2);
    report.year = query.column_int(3);
    report.format = query.column_text(4);
    report.scope = query.column_text(5);
    report.copy_of = query.column_optional_int64(6);
    report.sha256 = query.column_text(7);
    report.media_type = query.column_text(8);
    report.document_origin = query.column_text(9);
    std::string narrative = narrative_text(query.column_text(10));
    report.missing_sections = missing_sections_in_narrative(narrative);
    NarrativeSketch sketch = sketch_narrative(narrative);
    report.narrative_shingles = sketch.shingle_positions;
    report.sketch = std::move(sketch.sketch);
    report.published = optional_text(query, 11);
    report.published_source = optional_text(query, 12);
    report.document_published = optional_text(query, 13);
    report.document_published_source = optional_text(query, 14);
    loaded.reports.push_back(std::move(report));
  }
}

void read_origins(Session& db, int first_year, int last_year, AuditReports& loaded) {
  std::map<int64_t, std::pair<std::vector<std::string>, std::string>> by_document;
  Statement query(db,
                  std::string("SELECT document_id, origin, first_seen_at FROM document_origins WHERE document_id IN "
                              "(SELECT r.document_id FROM reports r WHERE r.id IN (") +
                      kAuditedReports + ")) ORDER BY document_id, first_seen_at, origin",
                  "reading document_origins of the reports of " + years(first_year, last_year) + " for the audit");
  query.bind(1, first_year).bind(2, last_year);
  while (query.step()) {
    auto& [origins, first_seen] = by_document[query.column_int64(0)];
    origins.push_back(query.column_text(1));
    if (first_seen.empty()) first_seen = query.column_text(2);
  }
  for (AuditReport& report : loaded.reports) {
    auto found = by_document.find(report.document_id);
    if (found == by_document.end()) continue;
    report.origins = found->second.first;
    report.first_seen_at = found->second.second;
  }
}

void add_to_hash(uint64_t& hash, const void* data, size_t size) {
  const unsigned char* bytes = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < size; ++i) {
    hash ^= bytes[i];
    hash *= 1099511628211ULL;
  }
}

void read_cells(Session& db, int first_year, int last_year, AuditReports& loaded) {
  std::map<int64_t, CellDigest> digests;
  Statement query(db,
                  std::string("SELECT c.report_id, c.key, c.value FROM cells c WHERE c.report_id IN (") +
                      kAuditedReports + ") ORDER BY c.report_id, c.key",
                  "reading the cells of the reports of " + years(first_year, last_year) + " for the audit");
  query.bind(1, first_year).bind(2, last_year);
  CellDigest* digest = nullptr;
  int64_t current = -1;
  while (query.step()) {
    if (query.column_int64(0) != current) {
      current = query.column_int64(0);
      digest = &digests[current];
    }
    std::string key = query.column_text(1);
    std::optional<double> value = query.column_optional_double(2);
    ++digest->count;
    if (value && *value != 0) digest->any_nonzero = true;
    add_to_hash(digest->hash, key.data(), key.size() + 1);  // with its terminating NUL as separator
    unsigned char present = value ? 1 : 0;
    add_to_hash(digest->hash, &present, 1);
    if (value) add_to_hash(digest->hash, &*value, sizeof(double));
  }
  for (AuditReport& report : loaded.reports) {
    if (auto found = digests.find(report.id); found != digests.end()) report.cells = found->second;
  }
}

// A finding's first cell key and its number of cells: findings.cells is a JSON array (jsonb on
// PostgreSQL).
std::string first_cell_and_cell_count(Dialect dialect) {
  return dialect == Dialect::postgresql ? "COALESCE(f.cells->>0, ''), jsonb_array_length(f.cells)"
                                        : "COALESCE(json_extract(f.cells, '$[0]'), ''), json_array_length(f.cells)";
}

// Arithmetic errors (severity error, origin extract) and the findings that say standard tables are
// absent: one whole table (extract/validate/completeness.cc: rule S1, "表X was not found in the
// document"), or all of them (extract/report_builder.cc: tables_unread, a 2019+ report printing none
// of their headers). A "no standard table could be read" is the reader's failure on a report that
// does print the tables' vocabulary (the 平潭 page.txt copies): not counted against the body.
// Reports stored by earlier extractor versions said "was not found" under rule V4; they still count.
void read_findings(Session& db, int first_year, int last_year, AuditReports& loaded) {
  Statement query(db,
                  "SELECT f.report_id, f.rule, f.severity, f.message, " + first_cell_and_cell_count(db.dialect()) +
                      ", f.expected, f.actual "
                      "FROM findings f WHERE f.origin = 'extract' AND f.report_id IN (" +
                      kAuditedReports + ") AND (f.severity = 'error' OR f.rule = 'tables_unread' OR "
                                        "(f.rule IN ('S1', 'V4') AND f.message LIKE '%was not found in the document%')) "
                                        "ORDER BY f.report_id, f.ordinal",
                  "reading the findings of the reports of " + years(first_year, last_year) + " for the audit");
  query.bind(1, first_year).bind(2, last_year);
  while (query.step()) {
    AuditFinding finding{query.column_text(1), query.column_text(3), query.column_text(4), query.column_int(5),
                         query.column_optional_double(6), query.column_optional_double(7)};
    auto& target = query.column_text(2) == "error" ? loaded.errors : loaded.missing_tables;
    target[query.column_int64(0)].push_back(std::move(finding));
  }
}

}  // namespace

AuditReports load_audit_reports(Session& db, int first_year, int last_year) {
  AuditReports loaded;
  read_reports(db, first_year, last_year, loaded);
  read_origins(db, first_year, last_year, loaded);
  read_cells(db, first_year, last_year, loaded);
  read_findings(db, first_year, last_year, loaded);
  return loaded;
}

ReportCells load_report_cells(Session& db, int64_t report_id) {
  Statement query(db, "SELECT key, value FROM cells WHERE report_id = ?1",
                  "reading the cells of report " + std::to_string(report_id) + " for the audit");
  query.bind(1, report_id);
  ReportCells cells;
  while (query.step()) cells[query.column_text(0)] = query.column_optional_double(1);
  return cells;
}

std::string load_report_text(Session& db, int64_t report_id) {
  Statement query(db, "SELECT text FROM reports WHERE id = ?1",
                  "reading the text of report " + std::to_string(report_id) + " for the audit");
  query.bind(1, report_id);
  return query.step() ? query.column_text(0) : "";
}

std::map<int64_t, std::vector<std::pair<int, std::optional<double>>>> load_requests_by_year(Session& db, int last_year) {
  Statement query(db,
                  "SELECT r.agency_id, r.report_year, c.value FROM reports r JOIN documents d ON d.id = r.document_id "
                  "LEFT JOIN cells c ON c.report_id = r.id AND c.key = 't3.new_received.total' "
                  "WHERE r.agency_id IS NOT NULL AND r.copy_of IS NULL AND r.report_year <= ?1 "
                  "AND r.format <> 'not_a_report' AND d.role IN ('unknown', 'report') "
                  "ORDER BY r.agency_id, r.report_year, r.id",
                  "reading t3.new_received.total per body and year for the audit");
  query.bind(1, last_year);
  std::map<int64_t, std::vector<std::pair<int, std::optional<double>>>> by_body;
  while (query.step()) {
    auto& series = by_body[query.column_int64(0)];
    int year = query.column_int(1);
    if (!series.empty() && series.back().first == year) continue;  // the oldest report of the year
    series.emplace_back(year, query.column_optional_double(2));
  }
  return by_body;
}

}  // namespace nianbao::store
