// The audit's summary as counts per region and level (bodies by timeliness, flags by kind) and
// a total, for the terminal table of `nianbao audit` and its --json "summary".
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/audit.h"

namespace nianbao::cli {

struct AuditTallyRow {
  std::string region_code;  // "" in the total row
  std::string level;        // "" in the total row
  int bodies = 0;
  std::map<store::Timeliness, int> by_timeliness;    // every Timeliness present, zero when none
  std::map<store::AuditFlagKind, int> flags_by_kind;  // every kind present, zero when none
};

struct AuditTally {
  std::vector<AuditTallyRow> groups;  // ordered by region_code, then level
  AuditTallyRow total;
};

// Bodies counted by their timeliness, flags by their kind, grouped by (region_code, level).
AuditTally tally_audit(const store::AuditResult& audit);

// The timeliness states in the order of the table's columns.
const std::vector<store::Timeliness>& all_timeliness_states();

// The terminal table: a header, one line per group, a total line.
std::string render_audit_tally(const AuditTally& tally);

}  // namespace nianbao::cli
