// The export queries: the selected reports numbered once in a temporary table (primary copies of
// real reports, agency, years; a numbered subquery on PostgreSQL), then one query per row set
// joining it, with the key GLOB filter (a regular expression on PostgreSQL).
#include "store/export_rows.h"


#include <algorithm>
#include <unordered_map>

#include "store/glob_match.h"
#include "store/json_text.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

// SQLite: the selected reports in export order in a temporary table; `position` is the rowid, so
// scanning it is ordered. PostgreSQL refuses CREATE TEMP TABLE in a read-only session, so there the
// same list is a subquery numbered by row_number() (kSelectedReportList) in every query.
const char* const kCreateOrderTable =
    "CREATE TEMP TABLE IF NOT EXISTS export_reports "
    "(position INTEGER PRIMARY KEY, report_id INTEGER NOT NULL UNIQUE)";

// The parameters of the selection: ?1 the wanted agencies as a JSON array (NULL: all), ?2 and ?3
// the year range (NULL: open). Key patterns follow from ?4, then any parameter of the query.
constexpr int kFirstKeyParameter = 4;

// The selection's condition over reports r LEFT JOIN agencies a; `wanted_agencies` lists ?1.
std::string selection_condition(const char* wanted_agencies) {
  return std::string(" WHERE r.copy_of IS NULL AND r.format <> 'not_a_report'") +
         " AND (CAST(?1 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM " + wanted_agencies +
         "  WHERE wanted.value IN (CAST(r.agency_id AS TEXT), a.name, r.agency)"
         "  OR EXISTS (SELECT 1 FROM agency_aliases alias"
         "             WHERE alias.agency_id = r.agency_id AND alias.alias = wanted.value)))"
         " AND (CAST(?2 AS BIGINT) IS NULL OR r.report_year >= ?2)"
         " AND (CAST(?3 AS BIGINT) IS NULL OR r.report_year <= ?3)";
}

// Export order: agency, year (none first), report id.
const char* const kExportOrder = "COALESCE(a.name, r.agency), r.report_year IS NOT NULL, r.report_year, r.id";

std::string fill_order_table_sql() {
  return std::string("INSERT INTO temp.export_reports (report_id) SELECT r.id") +
         " FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id" + selection_condition("json_each(?1) wanted") +
         " ORDER BY " + kExportOrder;
}

// The selected reports as `o` (report_id, position) on the session's backend.
std::string selected_report_list(Dialect dialect) {
  if (dialect == Dialect::sqlite) return "temp.export_reports o";
  return std::string("(SELECT r.id AS report_id, row_number() OVER (ORDER BY ") + kExportOrder +
         ") AS position FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id" +
         selection_condition("jsonb_array_elements_text(CAST(?1 AS jsonb)) AS wanted(value)") + ") o";
}

// Columns 0..10 of every report-shaped query (read by read_report_columns).
const char* const kReportColumns =
    "r.id, r.agency_id, COALESCE(a.name, r.agency), COALESCE(NULLIF(a.region_code, ''), r.seed_region_code), "
    "COALESCE(NULLIF(a.level, ''), r.seed_level), r.report_year, r.format, r.scope, d.origin, d.sha256, r.published";
constexpr int kReportColumnCount = 11;

// The selected reports with their rows, scanned in export order.
std::string selected_reports(Dialect dialect) {
  return " FROM " + selected_report_list(dialect) +
         " JOIN reports r ON r.id = o.report_id JOIN documents d ON d.id = r.document_id"
         " LEFT JOIN agencies a ON a.id = r.agency_id";
}

// "(c.key GLOB ?4 OR c.key GLOB ?5 …)" with the patterns numbered from `first_parameter`
// (PostgreSQL: `~` and the pattern as a regular expression), or "1 = 1" when every key is wanted.
std::string key_filter(const ExportSelection& selection, Dialect dialect, int first_parameter) {
  if (selection.key_globs.empty()) return "1 = 1";
  std::string sql = "(";
  for (size_t i = 0; i < selection.key_globs.size(); ++i) {
    if (i > 0) sql += " OR ";
    sql += std::string("c.key ") + (dialect == Dialect::sqlite ? "GLOB" : "~") + " ?" +
           std::to_string(first_parameter + static_cast<int>(i));
  }
  return sql + ")";
}

void bind_key_globs(Statement& statement, const ExportSelection& selection, Dialect dialect, int first_parameter) {
  for (size_t i = 0; i < selection.key_globs.size(); ++i) {
    const std::string& pattern = selection.key_globs[i];
    int index = first_parameter + static_cast<int>(i);
    if (dialect == Dialect::sqlite) {
      statement.bind(index, pattern);
    } else {
      statement.bind(index, glob_to_regex(pattern));
    }
  }
}

// ?1..?3 of the selection (see selection_condition).
void bind_selection(Statement& statement, const ExportSelection& selection) {
  statement.bind(1, selection.agencies.empty() ? std::nullopt : std::optional(to_json_array(selection.agencies)));
  statement.bind(2, selection.first_year).bind(3, selection.last_year);
}

std::optional<std::string> optional_text(const Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return row.column_text(column);
}

void read_report_columns(const Statement& row, ExportReport& report) {
  report.report_id = row.column_int64(0);
  report.agency_id = row.column_optional_int64(1);
  report.agency = row.column_text(2);
  report.region_code = row.column_text(3);
  report.level = row.column_text(4);
  report.report_year = row.column_optional_int64(5);
  report.format = row.column_text(6);
  report.scope = row.column_text(7);
  report.source_url = row.column_text(8);
  report.sha256 = row.column_text(9);
  report.published = optional_text(row, 10);
}

// Most cells carry no flag: the empty list skips decoding.
std::vector<std::string> read_json_list(JsonArrayReader& json, const std::string& list) {
  if (list == "[]") return {};
  return json.read(list);
}

// Replaces the first-seen key numbering of `wide` by the sorted order of the keys.
void sort_wide_keys(WideExport& wide) {
  std::vector<size_t> order(wide.keys.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) { return wide.keys[x] < wide.keys[y]; });
  std::vector<size_t> sorted_index(order.size());
  std::vector<std::string> sorted_keys(order.size());
  for (size_t position = 0; position < order.size(); ++position) {
    sorted_index[order[position]] = position;
    sorted_keys[position] = std::move(wide.keys[order[position]]);
  }
  wide.keys = std::move(sorted_keys);
  for (WideExport::Row& row : wide.rows) {
    for (auto& entry : row.values) entry.first = sorted_index[entry.first];
    std::sort(row.values.begin(), row.values.end());
  }
}

// From a report id to its wide row, through an array over the range of the selected ids (ids are
// rowids, close to dense): the cell scan looks a report up for every cell.
class ReportRowIndex {
 public:
  explicit ReportRowIndex(std::vector<WideExport::Row>& rows) : rows_(rows) {
    if (rows.empty()) return;
    auto [low, high] = std::minmax_element(rows.begin(), rows.end(), [](const auto& x, const auto& y) {
      return x.report.report_id < y.report.report_id;
    });
    first_id_ = low->report.report_id;
    slots_.assign(static_cast<size_t>(high->report.report_id - first_id_) + 1, kNone);
    for (size_t i = 0; i < rows.size(); ++i) slots_[static_cast<size_t>(rows[i].report.report_id - first_id_)] = i;
  }

  WideExport::Row* find(int64_t report_id) const {
    if (report_id < first_id_ || report_id - first_id_ >= static_cast<int64_t>(slots_.size())) return nullptr;
    size_t slot = slots_[static_cast<size_t>(report_id - first_id_)];
    return slot == kNone ? nullptr : &rows_[slot];
  }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<WideExport::Row>& rows_;
  int64_t first_id_ = 0;
  std::vector<size_t> slots_;
};

}  // namespace

std::vector<std::optional<double>> WideExport::dense(const Row& row) const {
  std::vector<std::optional<double>> cells(keys.size());
  for (const auto& [index, value] : row.values) cells[index] = value;
  return cells;
}

// SQLite: the selected reports are numbered once into the temporary table. PostgreSQL: counted
// here, numbered again by each query inside the same snapshot.
ExportReader::ExportReader(Session& db, ExportSelection selection) : db_(db), selection_(std::move(selection)) {
  if (!db_.in_transaction()) {
    db_.begin_read("the export's read transaction");
    owns_transaction_ = true;
  }
  try {
    if (db_.dialect() == Dialect::sqlite) {
      execute(db_, kCreateOrderTable, "creating the export's report list");
      execute(db_, "DELETE FROM temp.export_reports", "clearing the export's report list");
      Statement fill(db_, fill_order_table_sql(), "selecting the reports to export");
      bind_selection(fill, selection_);
      fill.run();
      report_count_ = fill.changes();
    } else {
      Statement count(db_, "SELECT count(*) FROM " + selected_report_list(db_.dialect()),
                       "selecting the reports to export");
      bind_selection(count, selection_);
      count.step();
      report_count_ = count.column_int64(0);
    }
  } catch (...) {
    if (owns_transaction_) db_.execute_quietly("ROLLBACK");
    throw;
  }
}

// Only reads happened in the main database: ending the transaction either way loses nothing.
ExportReader::~ExportReader() {
  if (owns_transaction_) db_.execute_quietly("ROLLBACK");
}

// Binds a query over the selected reports: the selection where the backend repeats it (PostgreSQL),
// the key patterns from kFirstKeyParameter.
void ExportReader::bind_selected(Statement& statement, bool with_keys) const {
  if (db_.dialect() != Dialect::sqlite) bind_selection(statement, selection_);
  if (with_keys) bind_key_globs(statement, selection_, db_.dialect(), kFirstKeyParameter);
}

void ExportReader::visit_cells(const std::function<void(const ExportReport&, const ExportCell&)>& visit) const {
  const int c = kReportColumnCount;
  std::string sql = std::string("SELECT ") + kReportColumns +
                    ", c.key, c.value, c.derived, cc.id, cc.value, c.flags, c.src_table, c.src_row, c.src_col, "
                    "c.src_page" +
                    selected_reports(db_.dialect()) +
                    " JOIN cells c ON c.report_id = r.id"
                    " LEFT JOIN current_corrections cc ON cc.report_id = c.report_id AND cc.key = c.key"
                    " WHERE " + key_filter(selection_, db_.dialect(), kFirstKeyParameter) +
                    " ORDER BY o.position, c.key";
  Statement row(db_, sql, "reading the cells to export");
  bind_selected(row, true);
  JsonArrayReader json(db_);
  ExportReport report;
  ExportCell cell;
  while (row.step()) {
    if (row.column_int64(0) != report.report_id) read_report_columns(row, report);
    cell.key = row.column_text(c);
    cell.value = row.column_optional_double(c + 1);
    cell.derived = row.column_optional_double(c + 2);
    cell.corrected = !row.is_null(c + 3);
    cell.corrected_value = row.column_optional_double(c + 4);
    cell.flags = read_json_list(json, row.column_text(c + 5));
    cell.src_table = row.column_optional_int64(c + 6);
    cell.src_row = row.column_optional_int64(c + 7);
    cell.src_col = row.column_optional_int64(c + 8);
    cell.src_page = row.column_optional_int64(c + 9);
    visit(report, cell);
  }
}

std::vector<std::pair<std::string, int64_t>> ExportReader::count_keys() const {
  std::string sql = "SELECT c.key, count(*) FROM " + selected_report_list(db_.dialect()) +
                    " JOIN cells c ON c.report_id = o.report_id"
                    " WHERE " + key_filter(selection_, db_.dialect(), kFirstKeyParameter) +
                    " GROUP BY c.key ORDER BY c.key";
  Statement row(db_, sql, "counting the cells to export by key");
  bind_selected(row, true);
  std::vector<std::pair<std::string, int64_t>> counts;
  while (row.step()) counts.emplace_back(row.column_text(0), row.column_int64(1));
  return counts;
}

// Two queries: the reports in export order, then one scan of the cells table, each cell placed
// in its report's row (a scan in table order is several times faster than index-ordered access).
WideExport ExportReader::read_wide(bool with_derived) const {
  WideExport wide;
  Statement report_row(db_, std::string("SELECT ") + kReportColumns + selected_reports(db_.dialect()) +
                                " ORDER BY o.position",
                       "reading the reports to export (wide)");
  bind_selected(report_row, false);
  while (report_row.step()) {
    wide.rows.emplace_back();
    read_report_columns(report_row, wide.rows.back().report);
  }
  ReportRowIndex row_of_report(wide.rows);
  // This scan does not join the selection: its patterns start at ?1, then ?N says "with derived".
  const int with_derived_parameter = static_cast<int>(selection_.key_globs.size()) + 1;
  std::string sql = "SELECT c.report_id, c.key, CASE WHEN cc.id IS NOT NULL THEN cc.value"
                    " WHEN c.value IS NOT NULL THEN c.value WHEN ?" +
                    std::to_string(with_derived_parameter) +
                    " = 1 THEN c.derived END FROM cells c"
                    " LEFT JOIN current_corrections cc ON cc.report_id = c.report_id AND cc.key = c.key"
                    " WHERE " + key_filter(selection_, db_.dialect(), 1);
  Statement cell_row(db_, sql, "reading the cells to export (wide)");
  bind_key_globs(cell_row, selection_, db_.dialect(), 1);
  cell_row.bind(with_derived_parameter, with_derived ? 1 : 0);
  std::unordered_map<std::string, size_t> key_index;
  while (cell_row.step()) {
    WideExport::Row* row = row_of_report.find(cell_row.column_int64(0));
    if (!row) continue;  // a report not selected
    auto [entry, inserted] = key_index.try_emplace(cell_row.column_text(1), wide.keys.size());
    if (inserted) wide.keys.push_back(entry->first);
    if (!cell_row.is_null(2)) row->values.emplace_back(entry->second, cell_row.column_double(2));
  }
  sort_wide_keys(wide);
  return wide;
}

std::vector<ExportFinding> ExportReader::read_findings() const {
  Statement row(db_,
                "SELECT r.id, COALESCE(a.name, r.agency), r.report_year, f.rule, f.severity, f.message, f.cells, "
                "f.expected, f.actual, f.origin FROM " + selected_report_list(db_.dialect()) +
                    " JOIN reports r ON r.id = o.report_id "
                    "LEFT JOIN agencies a ON a.id = r.agency_id JOIN findings f ON f.report_id = r.id "
                    "ORDER BY o.position, f.ordinal",
                "reading the findings to export");
  bind_selected(row, false);
  JsonArrayReader json(db_);
  std::vector<ExportFinding> findings;
  while (row.step()) {
    ExportFinding finding;
    finding.report_id = row.column_int64(0);
    finding.agency = row.column_text(1);
    finding.report_year = row.column_optional_int64(2);
    finding.rule = row.column_text(3);
    finding.severity = row.column_text(4);
    finding.message = row.column_text(5);
    finding.cells = read_json_list(json, row.column_text(6));
    finding.expected = row.column_optional_double(7);
    finding.actual = row.column_optional_double(8);
    finding.origin = row.column_text(9);
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<ExportSource> ExportReader::read_sources() const {
  Statement row(db_,
                "SELECT r.id, COALESCE(a.name, r.agency), r.report_year, d.origin, d.sha256, d.media_type, "
                "r.extractor_version" + selected_reports(db_.dialect()) + " ORDER BY o.position",
                "reading the sources to export");
  bind_selected(row, false);
  std::vector<ExportSource> sources;
  while (row.step()) {
    ExportSource source;
    source.report_id = row.column_int64(0);
    source.agency = row.column_text(1);
    source.report_year = row.column_optional_int64(2);
    source.source_url = row.column_text(3);
    source.sha256 = row.column_text(4);
    source.media_type = row.column_text(5);
    source.extractor_version = row.column_text(6);
    sources.push_back(std::move(source));
  }
  return sources;
}

}  // namespace nianbao::store
