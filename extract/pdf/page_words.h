// Opening a PDF with poppler-cpp and listing each page's words with their boxes. The only file
// that talks to poppler; everything after it works on plain PageWords.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/pdf/layout_types.h"

namespace nianbao::pdf {

struct PdfPages {
  bool opened = false;
  std::string error;  // why the document could not be opened (when !opened)
  std::vector<PageWords> pages;
};

PdfPages read_page_words(std::string_view bytes);

}  // namespace nianbao::pdf
