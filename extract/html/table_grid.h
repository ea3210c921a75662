// One HTML <table> → a rectangular Grid following the HTML table model: rowspan/colspan expanded
// (copies marked spanned, pointing at their origin cell), cell text normalized, &nbsp; cells blank.
#pragma once

#include <gumbo.h>

#include "extract/model/grid.h"
#include "common/text/mapped_text.h"

namespace nianbao {

// `decoded` maps offsets of the UTF-8 buffer Gumbo parsed back to the original bytes.
Grid build_table_grid(const GumboNode* table, const MappedText& decoded, int index);

// The <tr> elements of `table` itself (through thead/tbody/tfoot), not of nested tables.
std::vector<const GumboNode*> table_rows(const GumboNode* table);

}  // namespace nianbao
