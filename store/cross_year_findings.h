// The cross-year rules of spec §10 (T2-2, T2-5, T3-6) for one agency: each pair of consecutive
// years of its primary reports is checked and the findings are written on the later report.
#pragma once

#include <cstdint>

#include "store/session.h"

namespace nianbao::store {

// Deletes and rewrites the T2-2/T2-5/T3-6 findings (findings.origin = 'cross_report') and their
// check tallies for every primary report (copy_of IS NULL) linked to `agency_id`. Runs inside the
// caller's transaction.
void refresh_cross_year_findings(Session& db, int64_t agency_id);

}  // namespace nianbao::store
