// The registry side of the audit: the bodies of `agencies` that had to report for a year (valid
// in it, inside the region asked for), and the name keys (names, aliases) that point at agencies.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/session.h"

namespace nianbao::store {

struct RegisteredBody {
  int64_t id = 0;
  std::string name, region_code, level;
};

// Bodies valid in `report_year` — since (YYYY, YYYY-MM or YYYY-MM-DD) not after the year and
// until not before it: a body that existed for part of the year reports for it — whose
// region_code starts with `region_prefix` (empty: all), ordered by region_code, level, name, id.
std::vector<RegisteredBody> bodies_valid_in(Session& db, int report_year, const std::string& region_prefix);

// Every agency (valid or not) by name key, from agencies.name_key and agency_aliases.name_key;
// a key may point at several agencies (then a region code narrows it, see bodies_named).
struct AgencyKeyIndex {
  std::map<std::string, std::vector<std::pair<int64_t, std::string>>> by_key;  // key → (id, region_code)
};
AgencyKeyIndex load_agency_keys(Session& db);

// The agencies a name (a crawl seed's agency) stands for: those whose name or alias has its key;
// several are narrowed, like match_agency_name, to those of `region_code` or inside its prefix.
std::vector<int64_t> bodies_named(const AgencyKeyIndex& index, const std::string& name, const std::string& region_code);

}  // namespace nianbao::store
