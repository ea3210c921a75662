// Candidate splits and their narrowing. Constraints are applied only when they leave at least one
// candidate, so a table that is inconsistent as printed keeps its printed values.
#include "extract/pre2019/fused_split.h"

#include <algorithm>

namespace nianbao {
namespace {

constexpr size_t kMaxDigits = 18;

bool integral_digits(const std::string& digits) {
  return !digits.empty() && digits.size() <= kMaxDigits &&
         std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool well_formed(const std::string& digits) { return digits == "0" || digits.front() != '0'; }

std::vector<ValueSplit> fused_candidates(const PreToken& token, bool year_first) {
  std::vector<ValueSplit> splits;
  if (!integral_digits(token.digits)) return splits;
  for (size_t cut = 1; cut < token.digits.size(); ++cut) {
    std::string first = token.digits.substr(0, cut), second = token.digits.substr(cut);
    if (!well_formed(first) || !well_formed(second)) continue;
    const std::string& year = year_first ? first : second;
    const std::string& cumulative = year_first ? second : first;
    int64_t year_value = std::stoll(year), cumulative_value = std::stoll(cumulative);
    if (year_value > cumulative_value) continue;
    splits.push_back({year_value, cumulative_value, token.offset + (year_first ? 0 : cut), year});
  }
  return splits;
}

bool within(const ValueSplit& part, const ValueSplit& whole) {
  if (part.year > whole.year) return false;
  return part.cumulative < 0 || whole.cumulative < 0 || part.cumulative <= whole.cumulative;
}

// Keeps the candidates `admissible` accepts, unless none would remain. True when some were dropped.
template <typename Admissible>
bool narrow(std::vector<ValueSplit>& candidates, Admissible admissible) {
  std::vector<ValueSplit> kept;
  for (const ValueSplit& split : candidates) {
    if (admissible(split)) kept.push_back(split);
  }
  if (kept.empty() || kept.size() == candidates.size()) return false;
  candidates = std::move(kept);
  return true;
}

struct RowCandidates {
  std::string parent;
  std::vector<ValueSplit> splits;
};

bool narrow_by_parent(std::map<std::string, RowCandidates>& rows) {
  bool changed = false;
  for (auto& [key, row] : rows) {
    auto parent = rows.find(row.parent);
    if (row.parent.empty() || parent == rows.end() || parent->second.splits.empty()) continue;
    const std::vector<ValueSplit>& wholes = parent->second.splits;
    changed |= narrow(row.splits, [&](const ValueSplit& part) {
      return std::any_of(wholes.begin(), wholes.end(), [&](const ValueSplit& whole) { return within(part, whole); });
    });
  }
  return changed;
}

bool narrow_by_children(std::map<std::string, RowCandidates>& rows) {
  bool changed = false;
  for (auto& [key, row] : rows) {
    for (const auto& [child_key, child] : rows) {
      if (child.parent != key || child.splits.empty()) continue;
      changed |= narrow(row.splits, [&](const ValueSplit& whole) {
        return std::any_of(child.splits.begin(), child.splits.end(),
                           [&](const ValueSplit& part) { return within(part, whole); });
      });
    }
  }
  return changed;
}

}  // namespace

std::vector<ValueSplit> candidate_splits(const PreTableRow& row, const PreTable& table) {
  const std::vector<PreToken>& tokens = row.tokens;
  auto whole = [](const PreToken& token, int64_t cumulative) {
    return ValueSplit{std::stoll(token.digits), cumulative, token.offset, token.digits};
  };
  auto usable = [](const PreToken& token) { return integral_digits(token.digits); };  // money with decimals: not read
  if (table.value_columns == 1 && tokens.size() == 1 && usable(tokens[0])) return {whole(tokens[0], -1)};
  if (table.value_columns == 2 && tokens.size() == 2 && usable(tokens[0]) && usable(tokens[1])) {
    const PreToken& year = table.year_first ? tokens[0] : tokens[1];
    const PreToken& cumulative = table.year_first ? tokens[1] : tokens[0];
    return {whole(year, whole(cumulative, -1).year)};
  }
  if (table.value_columns == 2 && tokens.size() == 1 && table.fused) return fused_candidates(tokens[0], table.year_first);
  return {};
}

std::map<std::string, ResolvedRow> resolve_splits(const PreTable& table, const std::map<std::string, int64_t>& stated) {
  std::map<std::string, RowCandidates> rows;
  for (const PreTableRow& row : table.rows) {
    if (row.label->key.empty() || rows.count(std::string(row.label->key))) continue;
    RowCandidates candidates{std::string(row.label->parent), candidate_splits(row, table)};
    auto figure = stated.find(std::string(row.label->key));
    if (figure != stated.end()) {
      narrow(candidates.splits, [&](const ValueSplit& split) { return split.year == figure->second; });
    }
    rows.emplace(std::string(row.label->key), std::move(candidates));
  }
  while (narrow_by_parent(rows) | narrow_by_children(rows)) {
  }
  std::map<std::string, ResolvedRow> resolved;
  for (auto& [key, row] : rows) {
    ResolvedRow result;
    result.remaining = row.splits;
    bool agree = !row.splits.empty() && std::all_of(row.splits.begin(), row.splits.end(), [&](const ValueSplit& split) {
      return split.year == row.splits.front().year;
    });
    if (agree) result.split = row.splits.front();
    resolved.emplace(key, std::move(result));
  }
  return resolved;
}

}  // namespace nianbao
