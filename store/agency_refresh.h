// What follows a change to the reports of an agency: link new reports to their agencies, then bring
// that agency's copies (X3) and cross-year findings (T2-2, T2-5, T3-6) up to date.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <vector>

#include "store/session.h"

namespace nianbao::store {

// The agency a report is linked to now (nullopt: unlinked or no such report).
std::optional<int64_t> report_agency(Session& db, int64_t report_id);

// Links each report (agency_linker) and returns the agencies involved, including the agencies the
// reports were linked to before (their copies and series changed too).
std::set<int64_t> link_reports(Session& db, const std::vector<int64_t>& report_ids);

// refresh_report_copies then refresh_cross_year_findings for each agency. Inside the caller's
// transaction.
void refresh_agencies(Session& db, const std::set<int64_t>& agency_ids);

// After the registry changed (an import, new crawl seeds): links every report again and refreshes
// the agencies whose reports changed. Returns those agencies. Inside the caller's transaction.
std::vector<int64_t> relink_all_reports(Session& db);

}  // namespace nianbao::store
