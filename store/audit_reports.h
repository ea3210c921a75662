// The reports the audit judges, read in bulk: every report of the audited year and the year
// before that is linked to an agency and is a report (not a landing page, notice or
// interpretation), with its document, its cells, its arithmetic errors and missing tables.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/session.h"

namespace nianbao::store {

// What the copy check needs of a report's cells: how many, whether any is non-zero, and a hash
// of every (key, value) pair in key order — equal digests mean equal tables.
struct CellDigest {
  size_t count = 0;
  bool any_nonzero = false;
  uint64_t hash = 14695981039346656037ULL;
  bool operator==(const CellDigest&) const = default;
};

struct AuditReport {
  int64_t id = 0, agency_id = 0, document_id = 0;
  int year = 0;
  std::string format, scope;
  std::optional<int64_t> copy_of;
  std::string sha256, media_type, document_origin;
  std::optional<std::string> published, published_source;                    // reports.*
  std::optional<std::string> document_published, document_published_source;  // documents.*
  std::vector<std::string> origins;  // document_origins.origin (paths or URLs), oldest first
  std::string first_seen_at;         // min(document_origins.first_seen_at)
  // Read from reports.text at load time (the text itself is not kept: 10,000 of them are large).
  std::vector<std::string> missing_sections;  // official headings the text lacks
  std::vector<uint64_t> sketch;               // MinHash sketch of its narrative's shingles
  size_t narrative_shingles = 0;              // how many shingle positions the narrative has
  CellDigest cells;
};

// One finding of a report as the audit quotes it.
struct AuditFinding {
  std::string rule, message;
  std::string first_cell;  // the first key of findings.cells ("" when none)
  int cell_count = 0;      // how many keys findings.cells lists
  std::optional<double> expected, actual;
};

using ReportCells = std::map<std::string, std::optional<double>>;  // key → value (nullopt: not a number)

struct AuditReports {
  std::vector<AuditReport> reports;                            // by agency, year, id
  std::map<int64_t, std::vector<AuditFinding>> errors;         // severity error, origin extract
  std::map<int64_t, std::vector<AuditFinding>> missing_tables; // a standard table (or all) not printed
};

// Reads the reports of `first_year`..`last_year` (see the file comment) in a few queries.
AuditReports load_audit_reports(Session& db, int first_year, int last_year);

// One report's cells and text, read when a pair of reports needs a closer look (an edit's
// differing cells, the exact similarity of a likely copy).
ReportCells load_report_cells(Session& db, int64_t report_id);
std::string load_report_text(Session& db, int64_t report_id);

// The body's 表三 一 (t3.new_received.total) per year up to `last_year`, oldest first: one value per
// year, from its primary report (copy_of IS NULL; the oldest when several).
std::map<int64_t, std::vector<std::pair<int, std::optional<double>>>> load_requests_by_year(Session& db, int last_year);

}  // namespace nianbao::store
