// One w:tbl → one Grid: w:gridBefore skipped columns, w:gridSpan expanded into spanned copies,
// w:vMerge continuation cells turned into spanned copies of the cell that restarts the merge.
#pragma once

#include <cstddef>

#include "extract/model/grid.h"

// libxml2's node type, declared here so that users of the limits need no libxml2 headers.
struct _xmlNode;
typedef struct _xmlNode xmlNode;

namespace nianbao::docx {

// Bounds that keep a hostile document small: spans and widths beyond them are clamped.
inline constexpr int kMaxGridSpan = 64;
inline constexpr size_t kMaxColumns = 256;
inline constexpr size_t kMaxRows = 4096;

// `table` is a w:tbl element. Cell text is normalized. Grid::index is left 0.
Grid read_word_table(const xmlNode* table);

}  // namespace nianbao::docx
