// The agencies registry: import of agency rows (names, regions, parents, aliases, predecessors),
// name matching with region disambiguation, relinking of reports, and the listings the CLI prints.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/session.h"

namespace nianbao::store {

// One agency as imported (a row of an agencies CSV). Empty strings mean "not given".
struct AgencyRow {
  std::string origin;  // where the row came from, for errors: "agencies.csv:7"
  std::string name;
  std::string region_code;  // digits (administrative division code) or empty
  std::string level;
  std::string parent;  // the name of another agency (in the file or already registered)
  std::string since, until;  // YYYY, YYYY-MM or YYYY-MM-DD
  std::vector<std::string> aliases;
  std::vector<std::string> predecessors;  // names of agencies this one replaced
};

struct AgencyImportCounts {
  int added = 0;            // new agencies
  int updated = 0;          // existing agencies given a new level, parent, date, key, alias or predecessor
  int unchanged = 0;        // existing agencies the rows left as they were
  int aliases_added = 0;    // new (agency, alias key) pairs
  int successions_added = 0;
};

// Imports `rows` inside the caller's transaction. An agency is identified by (name, region_code):
// a new pair inserts it, a known pair updates it. An empty level, parent, since or until keeps the
// stored value; aliases and predecessors are only ever added. Parents and predecessors are
// resolved after every row is stored (so a row may name an agency defined further down) by name
// key, like match_agency_name; several candidates are narrowed to those whose region code equals
// the row's or contains it (their region_prefix starts the row's code); exactly one must remain.
// A predecessor link's effective date is the successor's since. Throws StoreError "<origin>: <what is wrong>" for the first bad
// row (empty or punctuation-only name, a non-digit region code, a malformed or inverted date, the
// same (name, region_code) twice, a new name whose agency_name_key another agency of the same region
// code already has — in the file or registered — (上海市政府 beside 上海市人民政府: one must be an
// alias), an unknown or ambiguous parent or predecessor, a parent cycle).
AgencyImportCounts import_agencies(Session& db, const std::vector<AgencyRow>& rows);

// The id of the agency `name` in `region_code`, registering it when missing (the crawl's seeds).
// Looks for the exact (name, region_code) first, then for the one agency of that region code
// whose name or alias has the same agency_name_key; inserts only when neither exists (StoreError
// when several do). A known agency with an empty level gets `level`. Runs inside the caller's
// transaction.
int64_t ensure_agency(Session& db, std::string_view name, std::string_view region_code, std::string_view level);

// The region prefix of a code: trailing "00" pairs removed while more than two digits remain
// (350100 → 3501, 350000 → 35, 350128 → 350128, 000000 → 00).
std::string region_prefix(std::string_view region_code);

// The result of matching one name against the registry.
struct AgencyNameMatch {
  std::string kind;  // "exact" (by agency name), "alias", "unmatched" or "ambiguous"
  int64_t agency_id = 0;  // set for exact and alias
  std::vector<int64_t> candidates;  // every agency considered (ambiguous: the ones left standing)
};

// Candidates: agencies whose name_key equals agency_name_key(name) (exact) plus agencies with an
// alias of that key (alias); one agency counts once (exact wins). With more than one candidate and
// a non-empty `region_code`, only those whose region code equals it or starts with its
// region_prefix are kept (when that keeps none, the match stays ambiguous among all). Exactly one
// → exact/alias; none → unmatched; several → ambiguous. Never picks one of several.
AgencyNameMatch match_agency_name(Session& db, std::string_view name, std::string_view region_code);

// Re-runs link_report_agency for every report; returns the ids of the agencies whose set of
// reports changed (a report arrived or left), ascending. Runs inside the caller's transaction.
std::vector<int64_t> relink_reports(Session& db);

struct AgencyLinkCounts {
  int linked = 0;     // reports with an agency_id
  int unmatched = 0;  // reports (format not 'not_a_report') still unmatched
  int ambiguous = 0;  // reports (format not 'not_a_report') still ambiguous
};
AgencyLinkCounts agency_link_counts(Session& db);

struct AgencyRef {
  int64_t id = 0;
  std::string name;
  std::string region_code;
};

// One printed name the registry does not resolve, with the reports that carry it.
struct UnmatchedName {
  std::string printed_name;  // reports.agency; empty when the document names no agency
  std::string seed_agency;   // the crawl seed's agency looked up instead (printed name empty)
  std::string match;         // "unmatched" or "ambiguous"
  std::vector<AgencyRef> candidates;  // ambiguous: the agencies it could be
  std::vector<int64_t> report_ids;
  std::vector<int> years;            // distinct report years, ascending
  std::vector<std::string> sources;  // documents.origin of the reports, distinct
};

// Reports whose agency_match is 'unmatched' or 'ambiguous' and whose format is not
// 'not_a_report', grouped by printed name (and seed agency), ordered by name.
std::vector<UnmatchedName> unmatched_names(Session& db);

// One row of `nianbao agencies list`.
struct AgencyListing {
  int64_t id = 0;
  std::string name;
  std::string region_code;
  std::string level;
  std::string parent;  // the parent's name, empty when none
  std::optional<std::string> since, until;
  std::vector<std::string> aliases;
  int reports = 0;  // reports linked to the agency
};
std::vector<AgencyListing> list_agencies(Session& db);

}  // namespace nianbao::store
