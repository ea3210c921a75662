// Tables flattened onto one line — each label of the standard layout followed by its values, as
// archives and mirror sites strip HTML (`一、本年新收政府信息公开申请数量 0 0 0 …`), digits often run
// together (`规范性文件7777166`) — read by the labels of 表二/表三/表四 into ordinary grids.
#pragma once

#include <vector>

#include "extract/model/report.h"
#include "extract/table/pipe_table_reader.h"
#include "extract/validate/finding_rules.h"

namespace nianbao {

struct FlatTables {
  std::vector<PositionedGrid> grids;  // in document order; grid indexes are set by the caller
  std::vector<Finding> findings;      // cells left null: ambiguous splits or placements (rule kFlatRule)
};

// The rule id of a finding that names cells the reader could not place or split unambiguously
// (docs/finding-rules.md: S5, cells that could not be placed and stay null).
inline constexpr const char* kFlatRule = kRowValueCountRule;

// A line yields a table only where its labels carry values (a line with pipes only when 表三 is
// flattened in it: the rows of a real pipe table stand one per line).
// Cells cut from a run of digits are flagged "split_recovered"; cells of a row whose blanks
// vanished and that were placed by the identities, "placement_recovered"; cells left null,
// "split_ambiguous".
FlatTables read_flat_tables(const MappedText& text);

}  // namespace nianbao
