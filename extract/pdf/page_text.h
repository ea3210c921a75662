// The document text of a PDF: every page's lines top to bottom, fragments separated by a space,
// page numbers left out. Offsets are positions in this text (a PDF has no byte offsets for text).
#pragma once

#include <vector>

#include "extract/pdf/layout_types.h"
#include "common/text/mapped_text.h"

namespace nianbao::pdf {

// Appends one page's lines to `text` (not yet normalized; the reader normalizes the whole).
void append_page_text(const std::vector<Line>& lines, MappedText& text);

}  // namespace nianbao::pdf
