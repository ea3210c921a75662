// The pre-2019 statistics of a report (spec §9.3, keys of §9.5) as canonical `pre.*` cells: the
// statistics table's report-year column where the table prints the row, else the prose.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/text/mapped_text.h"
#include "extract/model/report.h"

namespace nianbao {

// Cells keyed by pre.* key. Provenance: byte_offset of the number's first byte in the original
// document (of the negation phrase for an explicit "none"); table/row/col stay -1 (text, no grid).
// Flags: "split_recovered" (a fused run split by the table's constraints), "prose" (read from a
// sentence), "negation" (an explicit none read as 0), "unit_converted" (万元 stored in 元).
// Findings: one warning (rule kPreSplitRule) per table row whose fused run leaves several
// report-year values, listing them; that row's cell stays absent.
struct PreStatistics {
  std::map<std::string, Cell> cells;
  std::vector<Finding> findings;
};

inline constexpr const char* kPreSplitRule = "PRE-SPLIT";

PreStatistics read_pre_statistics(const MappedText& text);

}  // namespace nianbao
