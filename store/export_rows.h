// The rows `nianbao export` writes, each set read by one ordered query: one row per cell (long),
// one row per report with a column per key (wide), the findings and the source documents.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/session.h"
#include "store/statement.h"

namespace nianbao::store {

// Which reports and cells an export covers. Copies (reports.copy_of set) and documents that are
// not reports (format 'not_a_report') are never exported.
struct ExportSelection {
  // Each matches, exactly, the agency id, the registry's canonical name, one of its aliases or the
  // printed name; a report is kept when any matches. Empty: every agency.
  std::vector<std::string> agencies;
  std::optional<int> first_year;  // inclusive
  std::optional<int> last_year;   // inclusive
  // SQLite GLOB patterns over the canonical key (`t3.result.*`); a cell is kept when any matches.
  // Empty: every key. Findings and sources are selected by report only.
  std::vector<std::string> key_globs;
};

// What identifies a report in every export. `agency` is the registry's canonical name when the
// report is linked, else the printed name; region_code and level come from the registry, else
// from the crawl seed ("" when neither knows).
struct ExportReport {
  int64_t report_id = 0;
  std::optional<int64_t> agency_id;
  std::string agency;
  std::string region_code;
  std::string level;
  std::optional<int64_t> report_year;
  std::string format;
  std::string scope;
  std::string source_url;  // documents.origin
  std::string sha256;
  std::optional<std::string> published;
};

// One stored cell with the correction in force (view current_corrections).
struct ExportCell {
  std::string key;
  std::optional<double> value;    // as printed; nullopt for a blank
  std::optional<double> derived;  // inferred by nianbao (flags say how)
  bool corrected = false;         // a correction is in force; its value may be NULL
  std::optional<double> corrected_value;
  std::vector<std::string> flags;
  std::optional<int64_t> src_table, src_row, src_col, src_page;
};

// The wide table: one row per selected report, one column per key present in the selection.
struct WideExport {
  std::vector<std::string> keys;  // sorted
  struct Row {
    ExportReport report;
    std::vector<std::pair<size_t, double>> values;  // (index into keys, value), by index; absent = empty
  };
  std::vector<Row> rows;  // in export order

  // The row's values laid out by key index, nullopt where the cell is empty.
  std::vector<std::optional<double>> dense(const Row& row) const;
};

// One finding of a selected report.
struct ExportFinding {
  int64_t report_id = 0;
  std::string agency;
  std::optional<int64_t> report_year;
  std::string rule;
  std::string severity;
  std::string message;
  std::vector<std::string> cells;
  std::optional<double> expected;
  std::optional<double> actual;
  std::string origin;  // 'extract' or 'cross_report'
};

// The document behind one selected report.
struct ExportSource {
  int64_t report_id = 0;
  std::string agency;
  std::optional<int64_t> report_year;
  std::string source_url;
  std::string sha256;
  std::string media_type;
  std::string extractor_version;
};

// One consistent read for an export (one at a time per connection). The constructor opens a read
// transaction (every query sees the same snapshot, whatever a crawl writes meanwhile) and numbers the selected reports in export
// order — agency, year, report id — in a temporary table the queries join (SQLite), so no query sorts
// cells and none runs per report; PostgreSQL, whose read-only sessions refuse a temporary table,
// numbers them in a subquery of each query. The destructor ends the transaction.
class ExportReader {
 public:
  ExportReader(Session& db, ExportSelection selection);
  ~ExportReader();
  ExportReader(const ExportReader&) = delete;
  ExportReader& operator=(const ExportReader&) = delete;

  int64_t report_count() const { return report_count_; }

  // Calls `visit` once per selected cell, in export order then by key. The report passed is
  // reused: it changes only when the report does.
  void visit_cells(const std::function<void(const ExportReport&, const ExportCell&)>& visit) const;

  // The number of selected cells per key, sorted by key (sizes a workbook before it is written).
  std::vector<std::pair<std::string, int64_t>> count_keys() const;

  // A wide cell holds the correction in force when there is one (even a NULL one), else the
  // printed value, else — only with `with_derived` — the derived value, else nothing. A report
  // without any selected cell is still a row.
  WideExport read_wide(bool with_derived) const;

  // In export order, then by finding order within the report.
  std::vector<ExportFinding> read_findings() const;
  std::vector<ExportSource> read_sources() const;

 private:
  void bind_selected(Statement& statement, bool with_keys) const;

  Session& db_;
  ExportSelection selection_;
  int64_t report_count_ = 0;
  bool owns_transaction_ = false;  // false inside a transaction the caller opened
};

}  // namespace nianbao::store
