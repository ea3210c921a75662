// PDF attachments (poppler-cpp): text with positions per page, table grids rebuilt from the layout;
// a PDF without a text layer is needs_ocr.
#pragma once

#include <string_view>

#include "extract/readers/read_document.h"

namespace nianbao {

ReaderResult read_pdf_document(std::string_view bytes);

}  // namespace nianbao
