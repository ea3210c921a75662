// Cross-year findings for one agency: every primary report whose previous year has a primary
// report of the same scope is checked against it (T2-2, T2-5, T3-6); results go on the later one.
#include "store/cross_year_findings.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "extract/validate/cross_year_rules.h"
#include "store/json_text.h"
#include "store/report_reader.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

// The rules this file owns; their findings carry origin 'cross_report'.
const char* const kRuleList = "('T2-2', 'T2-5', 'T3-6')";

struct PrimaryReport {
  int64_t report_id = 0;
  int year = 0;
  std::string scope;
};

std::string agency_action(const std::string& what, int64_t agency_id) {
  return what + " of agency " + std::to_string(agency_id);
}

void clear_previous(sqlite3* db, int64_t agency_id) {
  Statement findings(db,
                     std::string("DELETE FROM findings WHERE origin = 'cross_report' AND rule IN ") + kRuleList +
                         " AND report_id IN (SELECT id FROM reports WHERE agency_id = ?1)",
                     agency_action("deleting the cross-year findings", agency_id));
  findings.bind(1, agency_id).run();
  Statement checks(db,
                   std::string("DELETE FROM checks WHERE rule IN ") + kRuleList +
                       " AND report_id IN (SELECT id FROM reports WHERE agency_id = ?1)",
                   agency_action("deleting the cross-year tallies", agency_id));
  checks.bind(1, agency_id).run();
}

// The agency's primary reports with a year, in year order (then storage order).
std::vector<PrimaryReport> read_primaries(sqlite3* db, int64_t agency_id) {
  Statement row(db,
                "SELECT id, report_year, scope FROM reports WHERE agency_id = ?1 AND copy_of IS NULL "
                "AND report_year IS NOT NULL AND format IN ('pre2019', 'f2019', 'f2021') ORDER BY report_year, id",
                agency_action("reading the primary reports", agency_id));
  row.bind(1, agency_id);
  std::vector<PrimaryReport> primaries;
  while (row.step()) primaries.push_back({row.column_int64(0), row.column_int(1), row.column_text(2)});
  return primaries;
}

std::optional<double> number_value(const std::optional<Number>& number) {
  if (!number) return std::nullopt;
  return number->value;
}

std::optional<int64_t> number_integral(const std::optional<Number>& number) {
  if (!number) return std::nullopt;
  return number->integral ? 1 : 0;
}

int next_finding_ordinal(sqlite3* db, int64_t report_id) {
  Statement row(db, "SELECT COALESCE(max(ordinal) + 1, 0) FROM findings WHERE report_id = ?1",
                "reading the last finding ordinal of report " + std::to_string(report_id));
  row.bind(1, report_id);
  row.step();
  return row.column_int(0);
}

void append_findings(sqlite3* db, int64_t report_id, const std::vector<Finding>& findings) {
  Statement insert(db,
                   "INSERT INTO findings (report_id, ordinal, rule, severity, message, cells, expected, "
                   "expected_integral, actual, actual_integral, origin) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'cross_report')",
                   "storing a cross-year finding on report " + std::to_string(report_id));
  int ordinal = next_finding_ordinal(db, report_id);
  for (const Finding& finding : findings) {
    insert.bind(1, report_id)
        .bind(2, ordinal++)
        .bind(3, finding.rule)
        .bind(4, to_string(finding.severity))
        .bind(5, finding.message)
        .bind(6, to_json_array(finding.cells))
        .bind(7, number_value(finding.expected))
        .bind(8, number_integral(finding.expected))
        .bind(9, number_value(finding.actual))
        .bind(10, number_integral(finding.actual))
        .run();
  }
}

void store_tallies(sqlite3* db, int64_t report_id, const std::map<std::string, RuleTally>& checks) {
  Statement insert(db,
                   "INSERT INTO checks (report_id, rule, passed, failed, not_assessable) VALUES (?1, ?2, ?3, ?4, ?5)",
                   "storing a cross-year tally of report " + std::to_string(report_id));
  for (const auto& [rule, tally] : checks) {
    insert.bind(1, report_id).bind(2, rule).bind(3, tally.passed).bind(4, tally.failed).bind(5, tally.not_assessable);
    insert.run();
  }
}

// Reads each report once, however many year pairs it takes part in.
class ReportCache {
 public:
  explicit ReportCache(sqlite3* db) : db_(db) {}
  const Report& get(int64_t report_id) {
    auto found = reports_.find(report_id);
    if (found == reports_.end()) found = reports_.emplace(report_id, read_report(db_, report_id)).first;
    return found->second;
  }

 private:
  sqlite3* db_;
  std::map<int64_t, Report> reports_;
};

}  // namespace

void refresh_cross_year_findings(sqlite3* db, int64_t agency_id) {
  clear_previous(db, agency_id);
  std::vector<PrimaryReport> primaries = read_primaries(db, agency_id);
  // The previous-year partner of a report: the first primary of that year and scope.
  std::map<std::pair<int, std::string>, int64_t> first_of_year;
  for (const PrimaryReport& primary : primaries) {
    first_of_year.emplace(std::pair{primary.year, primary.scope}, primary.report_id);
  }
  ReportCache cache(db);
  for (const PrimaryReport& primary : primaries) {
    auto previous = first_of_year.find({primary.year - 1, primary.scope});
    if (previous == first_of_year.end()) continue;
    CrossYearChecks result = check_cross_year(cache.get(previous->second), cache.get(primary.report_id));
    append_findings(db, primary.report_id, result.findings);
    store_tallies(db, primary.report_id, result.checks);
  }
}

}  // namespace nianbao::store
