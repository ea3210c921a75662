// Reads stored reports back: the summaries `nianbao reports` lists and the full records (cells,
// findings, rule tallies) `nianbao show` prints. The inverse of report_writer.
#pragma once

#include <cstdint>
#include <vector>

#include "store/database.h"

namespace nianbao::store {

// Ordered by agency, year, then storage order.
std::vector<ReportSummary> read_summaries(Session& db, const ReportFilter& filter);

// The full report with id `report_id` (its metadata, cells, findings and checks).
Report read_report(Session& db, int64_t report_id);

}  // namespace nianbao::store
