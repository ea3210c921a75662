// Which standard table a grid is (表二, 表三, 表四 or none), and fragments of one logical table
// stitched back together (tables split by Word or by page breaks, header and body apart).
#pragma once

#include <vector>

#include "extract/model/grid.h"

namespace nianbao {

enum class TableKind { none, t2, t3, t4 };

struct LogicalTable {
  TableKind kind = TableKind::none;
  std::vector<const Grid*> parts;  // in document order
};

TableKind classify_grid(const Grid& grid);

// One LogicalTable per standard table found; grids that are no standard table and do not continue
// one are left out.
std::vector<LogicalTable> stitch_tables(const std::vector<Grid>& grids);

}  // namespace nianbao
