// Splitting the statistics table's value runs into the report-year value and the cumulative one
// when a dump fused them (`4251516` = 425 | 1516): every split is a candidate, and only splits
// that the table itself allows survive — year ≤ cumulative, a 其中 row within its parent, the
// figure the prose states. A value is taken only when every surviving split agrees on it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "extract/pre2019/pre_table.h"

namespace nianbao {

struct ValueSplit {
  int64_t year = 0;
  int64_t cumulative = 0;  // -1 when the table has no cumulative column
  size_t year_offset = 0;  // byte offset of the year value's first digit in the text
  std::string year_digits;
};

// The candidate splits of one row: one for a row that prints its values apart, all admissible
// splits of a fused run, none for a row whose values cannot be told apart (one of two printed).
std::vector<ValueSplit> candidate_splits(const PreTableRow& row, const PreTable& table);

struct ResolvedRow {
  std::optional<ValueSplit> split;    // the year value, when every surviving candidate agrees
  std::vector<ValueSplit> remaining;  // the surviving candidates (for a message when ambiguous)
};

// Narrows the rows' candidates (keyed by pre.* key, first printed row per key) with the prose
// figures (`stated`) and the 其中 constraints until nothing changes.
std::map<std::string, ResolvedRow> resolve_splits(const PreTable& table, const std::map<std::string, int64_t>& stated);

}  // namespace nianbao
