// DOCX attachments (libzip + libxml2): word/document.xml paragraphs in order and w:tbl grids with
// w:gridSpan and w:vMerge expanded.
#pragma once

#include <string_view>

#include "extract/readers/read_document.h"

namespace nianbao {

ReaderResult read_docx_document(std::string_view bytes);

}  // namespace nianbao
