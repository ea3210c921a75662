// link_report_agency: the printed name through match_agency_name, or the crawl seed's agency when
// the report prints none; the result is written to reports.agency_id / agency_match.
#include "store/agency_linker.h"

#include <optional>
#include <string>

#include "store/agency_names.h"
#include "store/agency_registry.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

struct ReportNames {
  std::string printed;
  std::string seed_agency;
  std::string seed_region_code;
};

ReportNames read_report_names(Session& db, int64_t report_id) {
  Statement query(db, "SELECT agency, seed_agency, seed_region_code FROM reports WHERE id = ?1",
                  "reading the agency names of report " + std::to_string(report_id));
  query.bind(1, report_id);
  if (!query.step()) throw StoreError(database_file(db) + ": linking report " + std::to_string(report_id) + ": no such report");
  return {query.column_text(0), query.column_text(1), query.column_text(2)};
}

std::optional<int64_t> exact_agency(Session& db, const std::string& name, const std::string& region_code) {
  Statement query(db, "SELECT id FROM agencies WHERE name = ?1 AND region_code = ?2", "looking up the seed agency '" + name + "'");
  query.bind(1, name).bind(2, region_code);
  if (!query.step()) return std::nullopt;
  return query.column_int64(0);
}

// The report prints no agency: the seed's agency as registered by the crawl (exactly that name
// and region code), else matched by name like a printed one; 'seed' when it resolves.
AgencyNameMatch match_seed(Session& db, const ReportNames& names) {
  AgencyNameMatch match;
  match.kind = "unmatched";
  if (agency_name_key(names.seed_agency).empty()) return match;
  if (std::optional<int64_t> id = exact_agency(db, names.seed_agency, names.seed_region_code)) {
    match.kind = "seed";
    match.agency_id = *id;
    return match;
  }
  match = match_agency_name(db, names.seed_agency, names.seed_region_code);
  if (match.agency_id != 0) match.kind = "seed";
  return match;
}

void write_link(Session& db, int64_t report_id, const AgencyNameMatch& match) {
  Statement update(db, "UPDATE reports SET agency_id = ?2, agency_match = ?3 WHERE id = ?1",
                   "linking report " + std::to_string(report_id) + " to its agency");
  update.bind(1, report_id).bind(3, match.kind);
  if (match.agency_id != 0) update.bind(2, match.agency_id);
  else update.bind_null(2);
  update.run();
}

}  // namespace

int64_t link_report_agency(Session& db, int64_t report_id) {
  ReportNames names = read_report_names(db, report_id);
  AgencyNameMatch match = agency_name_key(names.printed).empty()
                              ? match_seed(db, names)
                              : match_agency_name(db, names.printed, names.seed_region_code);
  write_link(db, report_id, match);
  return match.agency_id;
}

}  // namespace nianbao::store
