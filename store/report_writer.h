// Writes one extracted report (metadata, cells, findings, rule tallies) under a stored document.
// Runs inside the caller's transaction; failures name the report and the cell or rule involved.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "extract/model/report.h"

#include "store/session.h"

namespace nianbao::store {

// The crawl seed (or `ingest --agency`) a report was reached from: agency, region code, level.
struct SeedColumns {
  std::string agency, region_code, level;
};

// `ordinal` is the report's position among the document's reports. Returns the report id.
int64_t write_report(Session& db, int64_t document_id, int ordinal, const Report& report, const SeedColumns& seed);

// Appends `findings` after the report's last finding, with findings.origin = `origin` ('extract'
// for the extractor's, 'cross_report' for those spanning reports: copies, cross-year rules).
void append_findings(Session& db, int64_t report_id, const std::vector<Finding>& findings, const std::string& origin);

// One `checks` row per rule: how often it passed, failed, or could not be assessed.
void write_checks(Session& db, int64_t report_id, const std::map<std::string, RuleTally>& checks);

// Replaces the metadata, cells, extractor findings and checks of stored report `report_id` by
// `report` (re-extraction); the row, its id, seed columns, agency link and corrections stay.
void rewrite_report(Session& db, int64_t report_id, const Report& report);

}  // namespace nianbao::store
