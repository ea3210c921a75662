// Linking and refreshing in the order the rules need: copies first (they choose the primary copy),
// then the cross-year rules, which read primary copies only.
#include "store/agency_refresh.h"

#include "store/agency_linker.h"
#include "store/agency_registry.h"
#include "store/cross_year_findings.h"
#include "store/report_copies.h"
#include "store/statement.h"

namespace nianbao::store {

std::optional<int64_t> report_agency(Session& db, int64_t report_id) {
  Statement statement(db, "SELECT agency_id FROM reports WHERE id = ?1",
                      "reading the agency of report " + std::to_string(report_id));
  statement.bind(1, report_id);
  if (!statement.step()) return std::nullopt;
  return statement.column_optional_int64(0);
}

std::set<int64_t> link_reports(Session& db, const std::vector<int64_t>& report_ids) {
  std::set<int64_t> agencies;
  for (int64_t report_id : report_ids) {
    if (std::optional<int64_t> before = report_agency(db, report_id)) agencies.insert(*before);
    if (int64_t after = link_report_agency(db, report_id); after != 0) agencies.insert(after);
  }
  return agencies;
}

void refresh_agencies(Session& db, const std::set<int64_t>& agency_ids) {
  for (int64_t agency_id : agency_ids) {
    refresh_report_copies(db, agency_id);
    refresh_cross_year_findings(db, agency_id);
  }
}

std::vector<int64_t> relink_all_reports(Session& db) {
  std::vector<int64_t> changed = relink_reports(db);
  refresh_agencies(db, std::set<int64_t>(changed.begin(), changed.end()));
  return changed;
}

}  // namespace nianbao::store
