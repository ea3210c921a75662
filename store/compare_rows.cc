// `nianbao compare`'s query: resolves each --agency, picks one primary report per agency and year,
// reads cells, current corrections and the findings naming them, and sums the 2021 其他处理 rows.
#include "store/compare_rows.h"


#include <algorithm>
#include <charconv>
#include <set>

#include "extract/model/key_catalog.h"
#include "store/glob_match.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

// The part of a key before its last dot: the table row (t3.result.denied.state_secret).
std::string row_of(const std::string& key) { return key.substr(0, key.rfind('.')); }
std::string column_of(const std::string& key) { return key.substr(key.rfind('.') + 1); }

// Adds the items of `other` missing from `merged`, each right after the last shared item before it.
void merge_in_order(std::vector<std::string>& merged, const std::vector<std::string>& other) {
  size_t cursor = 0;
  for (const std::string& item : other) {
    auto found = std::find(merged.begin(), merged.end(), item);
    if (found != merged.end()) {
      cursor = static_cast<size_t>(found - merged.begin()) + 1;
    } else {
      merged.insert(merged.begin() + static_cast<std::ptrdiff_t>(cursor), item);
      ++cursor;
    }
  }
}

std::vector<std::string> rows_in(const std::vector<std::string>& keys) {
  std::vector<std::string> rows;
  for (const std::string& key : keys) {
    if (rows.empty() || rows.back() != row_of(key)) rows.push_back(row_of(key));
  }
  return rows;
}

std::vector<std::string> columns_of_row(const std::vector<std::string>& keys, const std::string& row) {
  std::vector<std::string> columns;
  for (const std::string& key : keys) {
    if (row_of(key) == row) columns.push_back(column_of(key));
  }
  return columns;
}

bool matches_any(const std::vector<std::string>& patterns, const std::string& key) {
  for (const std::string& pattern : patterns) {
    if (glob_matches(pattern, key)) return true;
  }
  return false;
}

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string agency_list(const std::vector<std::pair<int64_t, std::string>>& agencies) {
  std::string text;
  for (const auto& [id, name] : agencies) text += (text.empty() ? "" : ", ") + std::to_string(id) + " " + name;
  return text;
}

ComparedAgency resolve_agency(Session& db, const std::string& query) {
  std::string action = "resolving --agency '" + query + "'";
  int64_t id = 0;
  if (all_digits(query) && std::from_chars(query.data(), query.data() + query.size(), id).ec == std::errc()) {
    Statement by_id(db, "SELECT id, name FROM agencies WHERE id = ?1", action);
    by_id.bind(1, id);
    if (by_id.step()) return {query, by_id.column_text(1), by_id.column_int64(0)};
  }
  Statement by_name(db,
                    "SELECT id, name FROM agencies WHERE name = ?1 "
                    "UNION SELECT a.id, a.name FROM agency_aliases al JOIN agencies a ON a.id = al.agency_id "
                    "WHERE al.alias = ?1 ORDER BY 1",
                    action);
  by_name.bind(1, query);
  std::vector<std::pair<int64_t, std::string>> named;
  while (by_name.step()) named.emplace_back(by_name.column_int64(0), by_name.column_text(1));
  if (named.size() > 1) {
    throw AgencyNotFound(database_file(db) + ": --agency '" + query + "' names several agencies (" +
                         agency_list(named) + "); give the id instead");
  }
  if (named.size() == 1) return {query, named.front().second, named.front().first};
  Statement printed(db, "SELECT count(*) FROM reports WHERE agency = ?1", action);
  printed.bind(1, query);
  printed.step();
  if (printed.column_int64(0) > 0) return {query, query, std::nullopt};
  throw AgencyNotFound(database_file(db) + ": --agency '" + query +
                       "' matches no agency id, agency name (agencies.name), alias (agency_aliases.alias) "
                       "or printed report agency (reports.agency)");
}

Severity severity_from(const std::string& text) {
  return text == "info" ? Severity::info : text == "warning" ? Severity::warning : Severity::error;
}

// The primary reports of one agency within the years, by year then id.
std::vector<ComparedReport> candidate_reports(Session& db, const CompareRequest& request, size_t agency_index,
                                              const ComparedAgency& agency) {
  Statement statement(
      db,
      "SELECT r.id, r.report_year, r.format, r.scope, r.agency, r.title, d.origin, d.sha256 "
      "FROM reports r JOIN documents d ON d.id = r.document_id "
      "WHERE r.copy_of IS NULL AND r.report_year IS NOT NULL AND r.format <> 'not_a_report' "
      "AND (CASE WHEN CAST(?1 AS BIGINT) IS NULL THEN r.agency = ?2 "
      "          ELSE r.agency_id = ?1 OR (r.agency_id IS NULL AND r.agency IN (?2, ?3)) END) "
      "AND (CAST(?4 AS BIGINT) IS NULL OR r.report_year >= ?4) "
      "AND (CAST(?5 AS BIGINT) IS NULL OR r.report_year <= ?5) "
      "ORDER BY r.report_year, r.id",
      "reading the reports of agency '" + agency.query + "'");
  statement.bind(1, agency.agency_id).bind(2, agency.query).bind(3, agency.name);
  statement.bind(4, request.first_year).bind(5, request.last_year);
  std::vector<ComparedReport> reports;
  while (statement.step()) {
    ComparedReport report;
    report.agency_index = agency_index;
    report.report_id = statement.column_int64(0);
    report.year = statement.column_int(1);
    report.format = format_from_string(statement.column_text(2)).value_or(Format::unknown);
    report.scope = scope_from_string(statement.column_text(3)).value_or(Scope::unknown);
    report.printed_agency = statement.column_text(4);
    report.title = statement.column_text(5);
    report.source = statement.column_text(6);
    report.sha256 = statement.column_text(7);
    reports.push_back(std::move(report));
  }
  return reports;
}

using CellMap = std::map<std::string, ComparedCell>;

void read_stored_cells(Session& db, int64_t report_id, CellMap& cells) {
  Statement statement(db, "SELECT key, value, derived FROM cells WHERE report_id = ?1",
                      "reading the cells of report " + std::to_string(report_id));
  statement.bind(1, report_id);
  while (statement.step()) {
    ComparedCell& cell = cells[statement.column_text(0)];
    cell.printed = statement.column_optional_double(1);
    cell.derived = statement.column_optional_double(2);
  }
}

void read_corrections(Session& db, int64_t report_id, CellMap& cells) {
  Statement statement(db, "SELECT key, value, reason FROM current_corrections WHERE report_id = ?1",
                      "reading the corrections of report " + std::to_string(report_id));
  statement.bind(1, report_id);
  while (statement.step()) {
    ComparedCell& cell = cells[statement.column_text(0)];
    cell.is_corrected = true;
    cell.corrected = statement.column_optional_double(1);
    cell.correction_reason = statement.column_text(2);
  }
}

// Each finding once per cell key it names (string items of findings.cells), in finding order.
const char* findings_by_cell_sql(Dialect dialect) {
  return dialect == Dialect::postgresql
             ? "SELECT f.rule, f.severity, f.message, j.value #>> '{}' FROM findings f "
               "CROSS JOIN LATERAL jsonb_array_elements(f.cells) WITH ORDINALITY AS j(value, n) "
               "WHERE f.report_id = ?1 AND jsonb_typeof(j.value) = 'string' ORDER BY f.ordinal, j.n"
             : "SELECT f.rule, f.severity, f.message, j.value FROM findings f, json_each(f.cells) j "
               "WHERE f.report_id = ?1 AND j.type = 'text' ORDER BY f.ordinal, j.key";
}

void read_findings(Session& db, int64_t report_id, CellMap& cells) {
  Statement statement(db, findings_by_cell_sql(db.dialect()),
                      "reading the findings of report " + std::to_string(report_id));
  statement.bind(1, report_id);
  while (statement.step()) {
    ComparedCell& cell = cells[statement.column_text(3)];
    cell.findings.push_back({statement.column_text(0), severity_from(statement.column_text(1)),
                             statement.column_text(2)});
  }
}

void settle_value(ComparedCell& cell) {
  if (cell.is_corrected) {
    cell.value = cell.corrected;
  } else if (cell.printed) {
    cell.value = cell.printed;
  } else if (cell.derived) {
    cell.value = cell.derived;
    cell.is_derived = true;
  }
}

// Whether the report holds anything for this cell (a finding alone does not make a cell).
bool present(const ComparedCell& cell) { return cell.value || cell.is_corrected || cell.printed || cell.derived; }

// Spec §7: for a 2021-format report, t3.result.other.<col> = no_correction + fee_unpaid + misc,
// unless the report printed the single 2019 row itself.
void sum_other_rows(CellMap& cells) {
  for (const std::string& column : table3_columns()) {
    std::string key = "t3.result.other." + column;
    auto stored = cells.find(key);
    if (stored != cells.end() && present(stored->second)) continue;
    ComparedCell sum;
    double total = 0;
    bool complete = true;
    for (const char* part : {"no_correction", "fee_unpaid", "misc"}) {
      auto found = cells.find("t3.result.other." + std::string(part) + "." + column);
      if (found == cells.end() || !found->second.value) {
        complete = false;
        break;
      }
      total += *found->second.value;
      sum.is_corrected |= found->second.is_corrected;
      sum.findings.insert(sum.findings.end(), found->second.findings.begin(), found->second.findings.end());
    }
    if (!complete) continue;
    if (stored != cells.end()) {
      sum.findings.insert(sum.findings.begin(), stored->second.findings.begin(), stored->second.findings.end());
    }
    sum.value = total;
    sum.derived = total;
    sum.is_derived = true;
    sum.summed = true;
    cells[key] = std::move(sum);
  }
}

CellMap read_report_cells(Session& db, const ComparedReport& report) {
  CellMap cells;
  read_stored_cells(db, report.report_id, cells);
  read_corrections(db, report.report_id, cells);
  read_findings(db, report.report_id, cells);
  for (auto& [key, cell] : cells) settle_value(cell);
  if (report.format == Format::f2021) sum_other_rows(cells);
  return cells;
}

CellMap chosen_cells(CellMap cells, const std::vector<std::string>& patterns) {
  std::erase_if(cells, [&](const auto& entry) { return !present(entry.second) || !matches_any(patterns, entry.first); });
  return cells;
}

// Catalog keys first in official order, then any other key, sorted.
std::vector<std::string> ordered_keys(const std::set<std::string>& keys) {
  std::vector<std::string> ordered;
  for (const std::string& key : catalog_key_order()) {
    if (keys.count(key)) ordered.push_back(key);
  }
  std::set<std::string> catalog(catalog_key_order().begin(), catalog_key_order().end());
  for (const std::string& key : keys) {
    if (!catalog.count(key)) ordered.push_back(key);
  }
  return ordered;
}

}  // namespace

const std::vector<std::string>& headline_keys() {
  static const std::vector<std::string> keys = {
      "t3.new_received.total",   "t3.carried_over.total", "t3.result.granted.total",
      "t3.result.partial.total", "t3.result.total.total", "t3.carry_forward.total",
      "t4.review.total",         "t4.suit_direct.total",  "t4.suit_after_review.total",
  };
  return keys;
}

const std::vector<std::string>& catalog_key_order() {
  static const std::vector<std::string> order = [] {
    std::vector<std::string> keys2021 = all_keys(Format::f2021);
    std::vector<std::string> keys2019 = all_keys(Format::f2019);
    std::vector<std::string> rows = rows_in(keys2021);
    merge_in_order(rows, rows_in(keys2019));
    std::vector<std::string> keys;
    for (const std::string& row : rows) {
      std::vector<std::string> columns = columns_of_row(keys2021, row);
      merge_in_order(columns, columns_of_row(keys2019, row));
      for (const std::string& column : columns) keys.push_back(row + "." + column);
    }
    return keys;
  }();
  return order;
}

const ComparedCell* CompareResult::cell(size_t report_index, const std::string& key) const {
  auto found = cells.find({report_index, key});
  return found == cells.end() ? nullptr : &found->second;
}

CompareResult read_compare_rows(Session& db, const CompareRequest& request) {
  const std::vector<std::string>& patterns = request.key_patterns.empty() ? headline_keys() : request.key_patterns;
  CompareResult result;
  for (const std::string& query : request.agencies) result.agencies.push_back(resolve_agency(db, query));
  std::set<std::string> keys;
  for (size_t a = 0; a < result.agencies.size(); ++a) {
    std::set<int> years_taken;
    for (ComparedReport& report : candidate_reports(db, request, a, result.agencies[a])) {
      CellMap cells = chosen_cells(read_report_cells(db, report), patterns);
      if (cells.empty()) {
        result.omitted.push_back({a, report.report_id, report.year, "none of the chosen keys"});
        continue;
      }
      if (!years_taken.insert(report.year).second) {
        result.omitted.push_back({a, report.report_id, report.year,
                                  std::string("another primary report of this agency and year is shown (this one: ") +
                                      to_string(report.scope) + ")"});
        continue;
      }
      size_t index = result.reports.size();
      for (auto& [key, cell] : cells) {
        keys.insert(key);
        result.cells.emplace(std::make_pair(index, key), std::move(cell));
      }
      result.reports.push_back(std::move(report));
    }
  }
  result.keys = ordered_keys(keys);
  return result;
}

}  // namespace nianbao::store
