// Whether a page's text layer can be trusted: text drawn with fonts that have no ToUnicode map
// comes out of poppler as control characters, private-use code points or U+FFFD — such a page
// needs OCR; its "text" is never read as labels or values.
#pragma once

#include <string_view>

#include "extract/pdf/layout_types.h"

namespace nianbao::pdf {

// True when at least 30% of the code points of `text` are controls, private-use or U+FFFD, or
// at least 3% are while under 10% are Chinese (a subset font's glyph ids read as characters).
bool is_unmapped_text(std::string_view text);

// True when the page has words and their text, taken together, is unmapped.
bool page_needs_ocr(const PageWords& page);

}  // namespace nianbao::pdf
