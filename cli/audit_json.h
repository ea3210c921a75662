// The --json form of `nianbao audit`: one document with the query, the summary counts, every
// audited body and every flag (the flags.csv fields under the same names, plus report and source).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "store/audit.h"

namespace nianbao::cli {

// The href of a flag's saved source relative to the output folder ("" when none was saved).
using StoredSourceHref = std::function<std::string(const store::AuditFlag&)>;

// {"query": {"report_year", "region"}, "summary": {...}, "bodies": [...], "flags": [...]}.
// Each flag carries agency_id, agency, region_code, level, report_year, flag, evidence,
// source_url (as in flags.csv), report_id, source_sha256 and stored_source (href or null).
nlohmann::ordered_json audit_json(const store::AuditResult& audit, const StoredSourceHref& stored_source_href = {});

}  // namespace nianbao::cli
