// Recognition bookkeeping: turning a source cell into a canonical Cell (value parsed, flags set,
// location kept) and reporting duplicates instead of silently overwriting.
#include "extract/recognize/recognition.h"

#include "extract/table/cell_value.h"

namespace nianbao {

std::string describe(const CellLocation& at) {
  std::string text = "table " + std::to_string(at.table) + ", row " + std::to_string(at.row) + ", column " +
                     std::to_string(at.col);
  if (at.page > 0) text += ", page " + std::to_string(at.page);
  return text;
}

void Recognition::put(const std::string& key, const RowCell& source) {
  auto existing = cells.find(key);
  if (existing != cells.end()) {
    warn("V4", key + " printed twice (" + describe(existing->second.at) + " and " + describe(source.at) +
                   "); the first is kept", {key});
    return;
  }
  Cell cell;
  cell.raw = source.text;
  cell.at = source.at;
  CellValue parsed = parse_cell_value(source.text);
  cell.flags = parsed.flags;
  switch (parsed.kind) {
    case CellKind::number: cell.value = parsed.number; break;
    case CellKind::null_token: cell.add_flag("null_token"); break;
    case CellKind::blank: cell.add_flag(source.padded ? "missing_cell" : "blank"); break;
    case CellKind::text: cell.add_flag("text"); break;
  }
  if (!parsed.unit.empty()) cell.add_flag("unit:" + parsed.unit);
  for (const std::string& flag : source.flags) cell.add_flag(flag);
  cells.emplace(key, std::move(cell));
}

void Recognition::warn(const std::string& rule, const std::string& message, std::vector<std::string> keys) {
  findings.push_back({rule, Severity::warning, message, std::move(keys), std::nullopt, std::nullopt});
}

std::string extra_key_part(const std::string& label) {
  std::string part;
  for (char c : label) {
    if (c == '.' || c == ' ' || c == '|') continue;
    part.push_back(c);
  }
  return part.empty() ? "unlabelled" : part;
}

}  // namespace nianbao
