// From the readings a flattened row has left to grid cells: the one reading, or the cells every
// surviving reading agrees on; the others null, flagged, and named by a finding with the candidates.
#pragma once

#include <string>
#include <vector>

#include "extract/model/grid.h"
#include "extract/model/report.h"
#include "extract/recover/split_search.h"
#include "common/text/mapped_text.h"

namespace nianbao {

// A row as the split search left it: its readings, the indexes that survived the table's
// identities, the tokens it printed, and the canonical key of each of its columns.
struct SettledRow {
  std::vector<RowReading> readings;
  std::vector<size_t> surviving;
  std::vector<RunToken> tokens;
  std::vector<std::string> keys;
  bool truncated = false;  // the search stopped at its limit: nothing is emitted
};

// One grid cell per column (origin row/col left for the caller). Appends a finding (rule `rule`)
// naming the cells left null when the row is not settled.
std::vector<GridCell> resolved_cells(const SettledRow& row, const MappedText& text, const std::string& rule,
                                     std::vector<Finding>& findings);

}  // namespace nianbao
