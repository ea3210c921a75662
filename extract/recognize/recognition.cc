// Recognition bookkeeping: turning a source cell into a canonical Cell (value parsed, flags set,
// location kept) and reporting duplicates instead of silently overwriting — once per key.
#include "extract/recognize/recognition.h"

#include <algorithm>

#include "extract/table/cell_value.h"
#include "extract/validate/finding_rules.h"

namespace nianbao {

std::string describe(const CellLocation& at) {
  std::string text = "table " + std::to_string(at.table) + ", row " + std::to_string(at.row) + ", column " +
                     std::to_string(at.col);
  if (at.page > 0) text += ", page " + std::to_string(at.page);
  return text;
}

void Recognition::put(const std::string& key, const RowCell& source) {
  auto place = cells.lower_bound(key);  // the key's cell, or where it goes (one search, not two)
  if (place != cells.end() && place->first == key) {
    if (source.padded) return;  // a padded cell printed nothing: nothing was printed twice
    // A row that printed nothing for this key (a header row taken for it) gives way to one that did.
    if (!place->second.has_flag("missing_cell")) {
      note_repeat(key, place->second.at, source.at);
      return;
    }
    place = cells.erase(place);
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
  cells.emplace_hint(place, key, std::move(cell));
}

namespace {

constexpr size_t kPlacesShown = 4;

std::string times(size_t count) {
  if (count == 2) return "twice";
  if (count == 3) return "three times";
  return std::to_string(count) + " times";
}

std::string repeat_message(const std::string& key, const std::vector<CellLocation>& places) {
  std::string where;
  for (size_t i = 0; i < places.size() && i < kPlacesShown; ++i) {
    where += (i == 0 ? "" : i + 1 == places.size() ? " and " : "; ") + describe(places[i]);
  }
  if (places.size() > kPlacesShown) where += "; and " + std::to_string(places.size() - kPlacesShown) + " more";
  return key + " printed " + times(places.size()) + " (" + where + "); the first is kept";
}

}  // namespace

void Recognition::note_repeat(const std::string& key, const CellLocation& first, const CellLocation& again) {
  auto known = repeats_.find(key);
  if (known == repeats_.end()) {
    Repeat repeat{findings.size(), {first, again}};
    findings.push_back({kPrintedTwiceRule, Severity::warning, repeat_message(key, repeat.places), {key},
                        std::nullopt, std::nullopt});
    repeats_.emplace(key, std::move(repeat));
    return;
  }
  known->second.places.push_back(again);
  findings[known->second.finding].message = repeat_message(key, known->second.places);
}

void Recognition::warn(const std::string& rule, const std::string& message, std::vector<std::string> keys) {
  bool said = std::any_of(findings.begin(), findings.end(),
                          [&](const Finding& f) { return f.rule == rule && f.message == message; });
  if (said) return;
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
