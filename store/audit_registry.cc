// The SQL of the audit's registry (audit_registry.h): bodies valid in a year inside a region, and
// every agency's name keys (name and aliases) for matching crawl seeds.
#include "store/audit_registry.h"

#include <algorithm>

#include "store/agency_names.h"
#include "store/agency_registry.h"
#include "store/statement.h"

namespace nianbao::store {

std::vector<RegisteredBody> bodies_valid_in(Session& db, int report_year, const std::string& region_prefix) {
  Statement query(db,
                  "SELECT id, name, region_code, level FROM agencies "
                  "WHERE (since IS NULL OR CAST(substr(since, 1, 4) AS INTEGER) <= ?1) "
                  "AND (until IS NULL OR CAST(substr(until, 1, 4) AS INTEGER) >= ?1) "
                  "AND substr(region_code, 1, length(CAST(?2 AS TEXT))) = ?2 "
                  "ORDER BY region_code, level, name, id",
                  "reading the agencies valid in " + std::to_string(report_year) + " for the audit");
  query.bind(1, report_year).bind(2, region_prefix);
  std::vector<RegisteredBody> bodies;
  while (query.step()) {
    RegisteredBody body;
    body.id = query.column_int64(0);
    body.name = query.column_text(1);
    body.region_code = query.column_text(2);
    body.level = query.column_text(3);
    bodies.push_back(std::move(body));
  }
  return bodies;
}

AgencyKeyIndex load_agency_keys(Session& db) {
  AgencyKeyIndex index;
  Statement query(db,
                  "SELECT name_key, id, region_code FROM agencies UNION "
                  "SELECT al.name_key, a.id, a.region_code FROM agency_aliases al JOIN agencies a ON a.id = al.agency_id",
                  "reading the agency name keys for the audit");
  while (query.step()) index.by_key[query.column_text(0)].emplace_back(query.column_int64(1), query.column_text(2));
  return index;
}

std::vector<int64_t> bodies_named(const AgencyKeyIndex& index, const std::string& name, const std::string& region_code) {
  std::string key = agency_name_key(name);
  auto found = index.by_key.find(key);
  if (key.empty() || found == index.by_key.end()) return {};
  std::vector<std::pair<int64_t, std::string>> candidates = found->second;
  if (candidates.size() > 1 && !region_code.empty()) {
    std::string prefix = region_prefix(region_code);
    std::vector<std::pair<int64_t, std::string>> in_region;
    for (const auto& candidate : candidates) {
      if (candidate.second == region_code || candidate.second.rfind(prefix, 0) == 0) in_region.push_back(candidate);
    }
    if (!in_region.empty()) candidates = in_region;
  }
  std::vector<int64_t> ids;
  for (const auto& candidate : candidates) ids.push_back(candidate.first);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace nianbao::store
