// Cross-year findings for one agency: every primary report whose previous year has a primary
// report of the same scope is checked against it (T2-2, T2-5, T3-6); results go on the later one.
#include "store/cross_year_findings.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "extract/validate/cross_year_rules.h"
#include "store/report_reader.h"
#include "store/report_writer.h"
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

void clear_previous(Session& db, int64_t agency_id) {
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
std::vector<PrimaryReport> read_primaries(Session& db, int64_t agency_id) {
  Statement row(db,
                "SELECT id, report_year, scope FROM reports WHERE agency_id = ?1 AND copy_of IS NULL "
                "AND report_year IS NOT NULL AND format IN ('pre2019', 'f2019', 'f2021') ORDER BY report_year, id",
                agency_action("reading the primary reports", agency_id));
  row.bind(1, agency_id);
  std::vector<PrimaryReport> primaries;
  while (row.step()) primaries.push_back({row.column_int64(0), row.column_int(1), row.column_text(2)});
  return primaries;
}

// Reads each report once, however many year pairs it takes part in.
class ReportCache {
 public:
  explicit ReportCache(Session& db) : db_(db) {}
  const Report& get(int64_t report_id) {
    auto found = reports_.find(report_id);
    if (found == reports_.end()) found = reports_.emplace(report_id, read_report(db_, report_id)).first;
    return found->second;
  }

 private:
  Session& db_;
  std::map<int64_t, Report> reports_;
};

}  // namespace

void refresh_cross_year_findings(Session& db, int64_t agency_id) {
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
    append_findings(db, primary.report_id, result.findings, "cross_report");
    write_checks(db, primary.report_id, result.checks);
  }
}

}  // namespace nianbao::store
