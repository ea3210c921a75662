// Counting the audit per region and level, and drawing those counts as a terminal table (the
// timeliness of bodies first, then the flags that are not about timeliness).
#include "cli/audit_tally.h"

#include <utility>

#include "cli/text_table.h"

namespace nianbao::cli {
namespace {

using GroupKey = std::pair<std::string, std::string>;  // (region_code, level)

AuditTallyRow empty_row(const std::string& region_code, const std::string& level) {
  AuditTallyRow row;
  row.region_code = region_code;
  row.level = level;
  for (store::Timeliness state : all_timeliness_states()) row.by_timeliness[state] = 0;
  for (store::AuditFlagKind kind : store::all_audit_flag_kinds()) row.flags_by_kind[kind] = 0;
  return row;
}

AuditTallyRow& row_of(std::map<GroupKey, AuditTallyRow>& rows, const std::string& region_code,
                      const std::string& level) {
  auto [found, inserted] = rows.try_emplace({region_code, level});
  if (inserted) found->second = empty_row(region_code, level);
  return found->second;
}

// Flags whose count the timeliness columns already show (one per late / missing / not checked body).
bool is_timeliness_flag(store::AuditFlagKind kind) {
  return kind == store::AuditFlagKind::late || kind == store::AuditFlagKind::missing ||
         kind == store::AuditFlagKind::not_checked;
}

// The first column joins region and level, so it stays left-aligned; the counts align right.
std::vector<std::string> table_cells(const AuditTallyRow& row, const std::string& label) {
  std::vector<std::string> cells = {label, std::to_string(row.bodies)};
  for (store::Timeliness state : all_timeliness_states()) cells.push_back(std::to_string(row.by_timeliness.at(state)));
  for (store::AuditFlagKind kind : store::all_audit_flag_kinds()) {
    if (!is_timeliness_flag(kind)) cells.push_back(std::to_string(row.flags_by_kind.at(kind)));
  }
  return cells;
}

std::vector<std::string> header_cells() {
  std::vector<std::string> cells = {"region level", "bodies"};
  for (store::Timeliness state : all_timeliness_states()) cells.push_back(store::to_string(state));
  for (store::AuditFlagKind kind : store::all_audit_flag_kinds()) {
    if (!is_timeliness_flag(kind)) cells.push_back(store::to_string(kind));
  }
  return cells;
}

}  // namespace

const std::vector<store::Timeliness>& all_timeliness_states() {
  static const std::vector<store::Timeliness> kStates = {store::Timeliness::on_time, store::Timeliness::late,
                                                         store::Timeliness::missing, store::Timeliness::not_checked};
  return kStates;
}

AuditTally tally_audit(const store::AuditResult& audit) {
  std::map<GroupKey, AuditTallyRow> rows;
  AuditTally tally;
  tally.total = empty_row("", "");
  for (const store::AuditedBody& body : audit.bodies) {
    AuditTallyRow& row = row_of(rows, body.region_code, body.level);
    ++row.bodies;
    ++row.by_timeliness[body.timeliness];
    ++tally.total.bodies;
    ++tally.total.by_timeliness[body.timeliness];
  }
  for (const store::AuditFlag& flag : audit.flags) {
    ++row_of(rows, flag.region_code, flag.level).flags_by_kind[flag.flag];
    ++tally.total.flags_by_kind[flag.flag];
  }
  for (auto& [key, row] : rows) tally.groups.push_back(std::move(row));
  return tally;
}

std::string render_audit_tally(const AuditTally& tally) {
  TextTable table;
  table.add_row(header_cells());
  for (const AuditTallyRow& row : tally.groups) {
    std::string label = (row.region_code.empty() ? "—" : row.region_code) + " " + (row.level.empty() ? "—" : row.level);
    table.add_row(table_cells(row, label));
  }
  table.add_row(table_cells(tally.total, "total"));
  return table.render();
}

}  // namespace nianbao::cli
