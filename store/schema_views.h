// The SQL of the read-only views researchers query without this program (sqlite3, Datasette,
// pandas): cells and reports with their agency and corrections, the comparable panel, indicators.
#pragma once

namespace nianbao::store {

extern const char* const kDatasetViewsSql;  // migration 5: drops and recreates every view it names

}  // namespace nianbao::store
