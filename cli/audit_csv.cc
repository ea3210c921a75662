// flags.csv: the audit's flags as rows, through the CsvWriter that export uses (BOM, quoting).
#include "cli/audit_csv.h"

#include "cli/csv_writer.h"

namespace nianbao::cli {

const std::vector<std::string>& audit_csv_columns() {
  static const std::vector<std::string> kColumns = {"agency_id", "agency",  "region_code", "level",
                                                    "report_year", "flag", "evidence",   "source_url"};
  return kColumns;
}

std::vector<std::string> audit_csv_fields(const store::AuditFlag& flag) {
  return {std::to_string(flag.agency_id), flag.agency, flag.region_code, flag.level,
          std::to_string(flag.report_year), store::to_string(flag.flag), flag.evidence, flag.source_url};
}

void write_audit_flags_csv(std::ostream& out, const std::vector<store::AuditFlag>& flags) {
  CsvWriter csv(out);
  csv.write_row(audit_csv_columns());
  for (const store::AuditFlag& flag : flags) csv.write_row(audit_csv_fields(flag));
}

}  // namespace nianbao::cli
