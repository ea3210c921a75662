// Several copies of one report (an HTML page and its PDF attachment, two URLs, a mirror): one
// primary per agency, year and scope, the others point at it; cells that disagree become X3.
#pragma once

#include <cstdint>

#include "store/session.h"

namespace nianbao::store {

// Recomputes reports.copy_of and the X3 findings (findings.origin = 'cross_report') for every
// report linked to `agency_id`. Runs inside the caller's transaction.
void refresh_report_copies(Session& db, int64_t agency_id);

}  // namespace nianbao::store
