// The agencies registry in SQL: upserting imported rows with their aliases, parents and
// predecessors; matching names by key; relinking reports; the list and unmatched listings.
#include "store/agency_registry.h"


#include <algorithm>
#include <map>
#include <set>

#include "store/agency_linker.h"
#include "store/agency_names.h"
#include "store/statement.h"

namespace nianbao::store {
namespace {

bool is_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_number_between(std::string_view digits, int low, int high) {
  if (!is_digits(digits) || digits.empty()) return false;
  int value = std::stoi(std::string(digits));
  return value >= low && value <= high;
}

// YYYY, YYYY-MM or YYYY-MM-DD (a lexical check: month 01-12, day 01-31).
bool is_date(std::string_view text) {
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return false;
  if (!is_digits(text.substr(0, 4))) return false;
  if (text.size() >= 7 && (text[4] != '-' || !is_number_between(text.substr(5, 2), 1, 12))) return false;
  if (text.size() == 10 && (text[7] != '-' || !is_number_between(text.substr(8, 2), 1, 31))) return false;
  return true;
}

std::optional<std::string> text_or_null(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

[[noreturn]] void reject(const AgencyRow& row, const std::string& what) { throw StoreError(row.origin + ": " + what); }

void validate_row(const AgencyRow& row) {
  if (row.name.empty()) reject(row, "the agency name is empty");
  if (agency_name_key(row.name).empty()) reject(row, "the agency name '" + row.name + "' has no letters (only spaces or punctuation)");
  if (!is_digits(row.region_code)) reject(row, "region_code '" + row.region_code + "' is not digits");
  if (!row.since.empty() && !is_date(row.since)) reject(row, "since '" + row.since + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
  if (!row.until.empty() && !is_date(row.until)) reject(row, "until '" + row.until + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
  if (!row.since.empty() && !row.until.empty() && row.until < row.since)
    reject(row, "until " + row.until + " is before since " + row.since);
  for (const std::string& alias : row.aliases) {
    if (agency_name_key(alias).empty()) reject(row, "the alias '" + alias + "' has no letters (only spaces or punctuation)");
  }
}

// Two rows of one region whose names have one key would be two agencies no name could tell apart.
void validate_rows(const std::vector<AgencyRow>& rows) {
  std::map<std::pair<std::string, std::string>, const AgencyRow*> seen;  // (name key, region_code) → row
  for (const AgencyRow& row : rows) {
    validate_row(row);
    auto [at, inserted] = seen.emplace(std::make_pair(agency_name_key(row.name), row.region_code), &row);
    if (inserted) continue;
    const AgencyRow& first = *at->second;
    if (first.name == row.name)
      reject(row, "agency '" + row.name + "' with region_code '" + row.region_code + "' is already defined at " + first.origin);
    reject(row, "agency '" + row.name + "' is the same name as '" + first.name + "' (" + first.origin +
                    ") in region_code '" + row.region_code + "': keep one row, make the other spelling an alias");
  }
}

struct StoredAgency {
  int64_t id = 0;
  std::string name_key;
  std::string level;
  std::optional<int64_t> parent_id;
  std::optional<std::string> since, until;
};

std::optional<StoredAgency> find_agency(Session& db, std::string_view name, std::string_view region_code) {
  Statement query(db, "SELECT id, name_key, level, parent_id, since, until FROM agencies WHERE name = ?1 AND region_code = ?2",
                  "looking up agency '" + std::string(name) + "' (" + std::string(region_code) + ")");
  query.bind(1, name).bind(2, region_code);
  if (!query.step()) return std::nullopt;
  StoredAgency agency;
  agency.id = query.column_int64(0);
  agency.name_key = query.column_text(1);
  agency.level = query.column_text(2);
  agency.parent_id = query.column_optional_int64(3);
  if (!query.is_null(4)) agency.since = query.column_text(4);
  if (!query.is_null(5)) agency.until = query.column_text(5);
  return agency;
}

// Another registered agency of the row's region whose name has the row's key: importing the row
// would make two agencies that no name tells apart.
void reject_same_key_in_region(Session& db, const AgencyRow& row) {
  Statement query(db, "SELECT id, name FROM agencies WHERE name_key = ?1 AND region_code = ?2 AND name <> ?3 ORDER BY id",
                  row.origin + ": looking for another spelling of '" + row.name + "'");
  query.bind(1, agency_name_key(row.name)).bind(2, row.region_code).bind(3, row.name);
  if (!query.step()) return;
  reject(row, "agency '" + row.name + "' is the same name as the registered agency '" + query.column_text(1) + "' (id " +
                  std::to_string(query.column_int64(0)) + ") in region_code '" + row.region_code +
                  "': use that name, or make this spelling an alias");
}

int64_t insert_agency(Session& db, std::string_view name, std::string_view region_code, std::string_view level,
                      const std::optional<std::string>& since, const std::optional<std::string>& until) {
  Statement insert(db,
                   "INSERT INTO agencies (name, name_key, region_code, level, since, until) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                   "RETURNING id",
                   "registering agency '" + std::string(name) + "' (" + std::string(region_code) + ")");
  insert.bind(1, name).bind(2, agency_name_key(name)).bind(3, region_code).bind(4, level).bind(5, since).bind(6, until);
  insert.step();
  int64_t id = insert.column_int64(0);
  insert.reset();
  return id;
}

// Applies the non-empty fields of `row` to a stored agency; true when something changed.
bool update_agency(Session& db, const StoredAgency& stored, const AgencyRow& row) {
  StoredAgency wanted = stored;
  wanted.name_key = agency_name_key(row.name);
  if (!row.level.empty()) wanted.level = row.level;
  if (!row.since.empty()) wanted.since = row.since;
  if (!row.until.empty()) wanted.until = row.until;
  if (wanted.name_key == stored.name_key && wanted.level == stored.level && wanted.since == stored.since &&
      wanted.until == stored.until)
    return false;
  Statement update(db, "UPDATE agencies SET name_key = ?2, level = ?3, since = ?4, until = ?5 WHERE id = ?1",
                   row.origin + ": updating agency '" + row.name + "'");
  update.bind(1, stored.id).bind(2, wanted.name_key).bind(3, wanted.level).bind(4, wanted.since).bind(5, wanted.until);
  update.run();
  return true;
}

// Adds the aliases of `row` to agency `id`; returns how many were new.
int add_aliases(Session& db, int64_t id, const AgencyRow& row) {
  std::string own_key = agency_name_key(row.name);
  Statement insert(db, "INSERT INTO agency_aliases (agency_id, alias, name_key) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                   row.origin + ": adding the aliases of '" + row.name + "'");
  int added = 0;
  for (const std::string& alias : row.aliases) {
    std::string key = agency_name_key(alias);
    if (key == own_key) continue;  // the name itself
    insert.bind(1, id).bind(2, alias).bind(3, key);
    insert.run();
    added += static_cast<int>(insert.changes());
  }
  return added;
}

struct KeyCandidate {
  int64_t id = 0;
  std::string region_code;
  bool by_alias = false;
};

// Agencies whose name (then alias) has `key`, each once, by id within each kind.
std::vector<KeyCandidate> key_candidates(Session& db, const std::string& key) {
  std::vector<KeyCandidate> candidates;
  Statement exact(db, "SELECT id, region_code FROM agencies WHERE name_key = ?1 ORDER BY id", "matching agency names");
  exact.bind(1, key);
  while (exact.step()) candidates.push_back({exact.column_int64(0), exact.column_text(1), false});
  Statement alias(db,
                  "SELECT DISTINCT a.id, a.region_code FROM agency_aliases al JOIN agencies a ON a.id = al.agency_id "
                  "WHERE al.name_key = ?1 ORDER BY a.id",
                  "matching agency aliases");
  alias.bind(1, key);
  while (alias.step()) {
    int64_t id = alias.column_int64(0);
    bool known = std::any_of(candidates.begin(), candidates.end(), [id](const KeyCandidate& c) { return c.id == id; });
    if (!known) candidates.push_back({id, alias.column_text(1), true});
  }
  return candidates;
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// An agency named as a parent or predecessor of `row`: one candidate by key, or one whose region
// code equals or contains the row's.
int64_t resolve_reference(Session& db, const AgencyRow& row, const std::string& name, const std::string& role) {
  std::vector<KeyCandidate> candidates = key_candidates(db, agency_name_key(name));
  if (candidates.empty()) reject(row, "unknown " + role + " '" + name + "' (not in this file nor in the registry)");
  if (candidates.size() > 1 && !row.region_code.empty()) {
    std::vector<KeyCandidate> related;
    for (const KeyCandidate& c : candidates) {
      if (c.region_code == row.region_code || (!c.region_code.empty() && starts_with(row.region_code, region_prefix(c.region_code))))
        related.push_back(c);
    }
    if (!related.empty()) candidates = related;
  }
  if (candidates.size() > 1) {
    std::string ids;
    for (const KeyCandidate& c : candidates) ids += (ids.empty() ? "" : ", ") + std::to_string(c.id) + " (" + c.region_code + ")";
    reject(row, "ambiguous " + role + " '" + name + "': agencies " + ids);
  }
  return candidates.front().id;
}

// Sets the parent of `id`; true when it changed.
bool link_parent(Session& db, int64_t id, const AgencyRow& row) {
  int64_t parent_id = resolve_reference(db, row, row.parent, "parent");
  if (parent_id == id) reject(row, "agency '" + row.name + "' cannot be its own parent");
  std::optional<StoredAgency> stored = find_agency(db, row.name, row.region_code);
  if (stored && stored->parent_id == parent_id) return false;
  Statement update(db, "UPDATE agencies SET parent_id = ?2 WHERE id = ?1", row.origin + ": setting the parent of '" + row.name + "'");
  update.bind(1, id).bind(2, parent_id);
  update.run();
  return true;
}

// Records the predecessors of `id` (effective: its since); returns how many links were new.
int link_predecessors(Session& db, int64_t id, const AgencyRow& row) {
  std::optional<StoredAgency> stored = find_agency(db, row.name, row.region_code);
  std::optional<std::string> effective = stored ? stored->since : std::nullopt;
  Statement insert(db,
                   "INSERT INTO agency_succession (predecessor_id, successor_id, effective) VALUES (?1, ?2, ?3) "
                   "ON CONFLICT (predecessor_id, successor_id) DO UPDATE SET effective = excluded.effective "
                   "WHERE excluded.effective IS NOT NULL AND agency_succession.effective IS DISTINCT FROM excluded.effective",
                   row.origin + ": recording the predecessors of '" + row.name + "'");
  Statement exists(db, "SELECT 1 FROM agency_succession WHERE predecessor_id = ?1 AND successor_id = ?2",
                   row.origin + ": reading the predecessors of '" + row.name + "'");
  int added = 0;
  for (const std::string& name : row.predecessors) {
    int64_t predecessor_id = resolve_reference(db, row, name, "predecessor");
    if (predecessor_id == id) reject(row, "agency '" + row.name + "' cannot be its own predecessor");
    exists.bind(1, predecessor_id).bind(2, id);
    bool known = exists.step();
    exists.reset();
    insert.bind(1, predecessor_id).bind(2, id).bind(3, effective);
    insert.run();
    if (!known) ++added;
  }
  return added;
}

void reject_parent_cycle(Session& db, int64_t id, const AgencyRow& row) {
  Statement parent_of(db, "SELECT parent_id FROM agencies WHERE id = ?1", row.origin + ": checking the parents of '" + row.name + "'");
  std::set<int64_t> seen = {id};
  for (int64_t at = id;;) {
    parent_of.bind(1, at);
    if (!parent_of.step()) return;
    std::optional<int64_t> parent = parent_of.column_optional_int64(0);
    parent_of.reset();
    if (!parent) return;
    int64_t parent_id = *parent;
    if (!seen.insert(parent_id).second) reject(row, "the parents of '" + row.name + "' form a cycle");
    at = parent_id;
  }
}

std::vector<int64_t> distinct_sorted(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

AgencyRef agency_ref(Session& db, int64_t id) {
  Statement query(db, "SELECT name, region_code FROM agencies WHERE id = ?1", "reading agency " + std::to_string(id));
  query.bind(1, id);
  if (!query.step()) return {id, "", ""};
  return {id, query.column_text(0), query.column_text(1)};
}

}  // namespace

std::string region_prefix(std::string_view region_code) {
  std::string prefix(region_code);
  while (prefix.size() > 2 && prefix.compare(prefix.size() - 2, 2, "00") == 0) prefix.resize(prefix.size() - 2);
  return prefix;
}

AgencyImportCounts import_agencies(Session& db, const std::vector<AgencyRow>& rows) {
  validate_rows(rows);
  AgencyImportCounts counts;
  std::vector<int64_t> ids(rows.size());
  std::vector<bool> existed(rows.size()), changed(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const AgencyRow& row = rows[i];
    std::optional<StoredAgency> stored = find_agency(db, row.name, row.region_code);
    existed[i] = stored.has_value();
    if (stored) {
      ids[i] = stored->id;
      changed[i] = update_agency(db, *stored, row);
    } else {
      reject_same_key_in_region(db, row);
      ids[i] = insert_agency(db, row.name, row.region_code, row.level, text_or_null(row.since), text_or_null(row.until));
    }
    int aliases_added = add_aliases(db, ids[i], row);
    counts.aliases_added += aliases_added;
    if (aliases_added > 0) changed[i] = true;
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].parent.empty() && link_parent(db, ids[i], rows[i])) changed[i] = true;
    int successions_added = link_predecessors(db, ids[i], rows[i]);
    counts.successions_added += successions_added;
    if (successions_added > 0) changed[i] = true;
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    reject_parent_cycle(db, ids[i], rows[i]);
    if (!existed[i]) ++counts.added;
    else if (changed[i]) ++counts.updated;
    else ++counts.unchanged;
  }
  return counts;
}

int64_t ensure_agency(Session& db, std::string_view name, std::string_view region_code, std::string_view level) {
  std::string key = agency_name_key(name);
  if (key.empty()) throw StoreError(database_file(db) + ": cannot register agency '" + std::string(name) + "': the name has no letters");
  int64_t id = 0;
  if (std::optional<StoredAgency> stored = find_agency(db, name, region_code)) {
    id = stored->id;
  } else {
    std::vector<int64_t> same_region;
    for (const KeyCandidate& c : key_candidates(db, key)) {
      if (c.region_code == region_code) same_region.push_back(c.id);
    }
    if (same_region.empty()) return insert_agency(db, name, region_code, level, std::nullopt, std::nullopt);
    if (same_region.size() > 1)
      throw StoreError(database_file(db) + ": agency '" + std::string(name) + "' (" + std::string(region_code) +
                       ") matches " + std::to_string(same_region.size()) + " registered agencies of that region by name or alias");
    id = same_region.front();
  }
  Statement fill_level(db, "UPDATE agencies SET level = ?2 WHERE id = ?1 AND level = '' AND ?2 <> ''",
                       "setting the level of agency '" + std::string(name) + "'");
  fill_level.bind(1, id).bind(2, level);
  fill_level.run();
  return id;
}

AgencyNameMatch match_agency_name(Session& db, std::string_view name, std::string_view region_code) {
  AgencyNameMatch match;
  std::string key = agency_name_key(name);
  std::vector<KeyCandidate> candidates = key.empty() ? std::vector<KeyCandidate>{} : key_candidates(db, key);
  if (candidates.size() > 1 && !region_code.empty()) {
    std::string prefix = region_prefix(region_code);
    std::vector<KeyCandidate> in_region;
    for (const KeyCandidate& c : candidates) {
      if (c.region_code == region_code || starts_with(c.region_code, prefix)) in_region.push_back(c);
    }
    if (!in_region.empty()) candidates = in_region;
  }
  for (const KeyCandidate& c : candidates) match.candidates.push_back(c.id);
  if (candidates.empty()) {
    match.kind = "unmatched";
  } else if (candidates.size() > 1) {
    match.kind = "ambiguous";
  } else {
    match.kind = candidates.front().by_alias ? "alias" : "exact";
    match.agency_id = candidates.front().id;
  }
  return match;
}

std::vector<int64_t> relink_reports(Session& db) {
  std::vector<std::pair<int64_t, int64_t>> before;  // (report id, agency id or 0)
  Statement reports(db, "SELECT id, COALESCE(agency_id, 0) FROM reports ORDER BY id", "reading the report links");
  while (reports.step()) before.emplace_back(reports.column_int64(0), reports.column_int64(1));
  std::vector<int64_t> changed;
  for (const auto& [report_id, old_agency] : before) {
    int64_t new_agency = link_report_agency(db, report_id);
    if (new_agency == old_agency) continue;
    if (old_agency != 0) changed.push_back(old_agency);
    if (new_agency != 0) changed.push_back(new_agency);
  }
  return distinct_sorted(changed);
}

AgencyLinkCounts agency_link_counts(Session& db) {
  Statement query(db,
                  "SELECT count(agency_id), "
                  "count(*) FILTER (WHERE agency_match = 'unmatched' AND format <> 'not_a_report'), "
                  "count(*) FILTER (WHERE agency_match = 'ambiguous' AND format <> 'not_a_report') FROM reports",
                  "counting the report links");
  query.step();
  return {query.column_int(0), query.column_int(1), query.column_int(2)};
}

std::vector<UnmatchedName> unmatched_names(Session& db) {
  Statement query(db,
                  "SELECT r.id, r.agency, r.seed_agency, r.seed_region_code, r.agency_match, r.report_year, d.origin "
                  "FROM reports r JOIN documents d ON d.id = r.document_id "
                  "WHERE r.agency_match IN ('unmatched', 'ambiguous') AND r.format <> 'not_a_report' "
                  "ORDER BY r.agency, r.seed_agency, r.agency_match, r.id",
                  "listing the unmatched agency names");
  std::vector<UnmatchedName> names;
  std::vector<std::vector<int64_t>> candidate_ids;
  while (query.step()) {
    std::string printed = query.column_text(1);
    bool printed_missing = agency_name_key(printed).empty();
    std::string seed = printed_missing ? query.column_text(2) : "";
    std::string match = query.column_text(4);
    if (names.empty() || names.back().printed_name != printed || names.back().seed_agency != seed || names.back().match != match) {
      names.push_back({printed, seed, match, {}, {}, {}, {}});
      candidate_ids.emplace_back();
    }
    UnmatchedName& name = names.back();
    name.report_ids.push_back(query.column_int64(0));
    if (!query.is_null(5)) name.years.push_back(query.column_int(5));
    std::string source = query.column_text(6);
    if (std::find(name.sources.begin(), name.sources.end(), source) == name.sources.end()) name.sources.push_back(source);
    if (match == "ambiguous") {
      AgencyNameMatch again = match_agency_name(db, printed_missing ? seed : printed, query.column_text(3));
      candidate_ids.back().insert(candidate_ids.back().end(), again.candidates.begin(), again.candidates.end());
    }
  }
  for (size_t i = 0; i < names.size(); ++i) {
    std::sort(names[i].years.begin(), names[i].years.end());
    names[i].years.erase(std::unique(names[i].years.begin(), names[i].years.end()), names[i].years.end());
    for (int64_t id : distinct_sorted(candidate_ids[i])) names[i].candidates.push_back(agency_ref(db, id));
  }
  return names;
}

std::vector<AgencyListing> list_agencies(Session& db) {
  std::map<int64_t, std::vector<std::string>> aliases;
  Statement alias_query(db, "SELECT agency_id, alias FROM agency_aliases ORDER BY agency_id, alias", "listing agency aliases");
  while (alias_query.step()) aliases[alias_query.column_int64(0)].push_back(alias_query.column_text(1));
  Statement query(db,
                  "SELECT a.id, a.name, a.region_code, a.level, COALESCE(p.name, ''), a.since, a.until, "
                  "(SELECT count(*) FROM reports r WHERE r.agency_id = a.id) "
                  "FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id ORDER BY a.region_code, a.name, a.id",
                  "listing agencies");
  std::vector<AgencyListing> listing;
  while (query.step()) {
    AgencyListing agency;
    agency.id = query.column_int64(0);
    agency.name = query.column_text(1);
    agency.region_code = query.column_text(2);
    agency.level = query.column_text(3);
    agency.parent = query.column_text(4);
    if (!query.is_null(5)) agency.since = query.column_text(5);
    if (!query.is_null(6)) agency.until = query.column_text(6);
    agency.reports = query.column_int(7);
    agency.aliases = aliases[agency.id];
    listing.push_back(std::move(agency));
  }
  return listing;
}

}  // namespace nianbao::store
