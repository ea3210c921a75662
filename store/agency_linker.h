// Links stored reports to the agencies registry: the printed name (or, when the document names
// none, the crawl seed's agency) matched exactly or by alias after agency_names normalization.
#pragma once

#include <cstdint>

#include "store/session.h"

namespace nianbao::store {

// Sets reports.agency_id and reports.agency_match ('exact', 'alias', 'seed', 'unmatched',
// 'ambiguous') for one report from its columns agency, seed_agency, seed_region_code. Returns the
// agency id, or 0 when the report stays unlinked. Runs inside the caller's transaction.
int64_t link_report_agency(Session& db, int64_t report_id);

}  // namespace nianbao::store
