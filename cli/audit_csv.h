// flags.csv of `nianbao audit`: one row per flag with exactly the columns agency_id, agency,
// region_code, level, report_year, flag, evidence, source_url (UTF-8 with BOM, CRLF, RFC 4180).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "store/audit.h"

namespace nianbao::cli {

// The header row, in order.
const std::vector<std::string>& audit_csv_columns();

// The fields of one flag, in the order of audit_csv_columns().
std::vector<std::string> audit_csv_fields(const store::AuditFlag& flag);

// The BOM, the header, then one row per flag in the order given.
void write_audit_flags_csv(std::ostream& out, const std::vector<store::AuditFlag>& flags);

}  // namespace nianbao::cli
