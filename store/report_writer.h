// Writes one extracted report (metadata, cells, findings, rule tallies) under a stored document.
// Runs inside the caller's transaction; failures name the report and the cell or rule involved.
#pragma once

#include <cstdint>

#include "extract/model/report.h"

struct sqlite3;

namespace nianbao::store {

// `ordinal` is the report's position among the document's reports. Returns the report id.
int64_t write_report(sqlite3* db, int64_t document_id, int ordinal, const Report& report);

}  // namespace nianbao::store
