// Opening a PDF with poppler-cpp and listing each page's words with their boxes. The only file
// that talks to poppler; everything after it works on plain PageWords.
#pragma once

#include <functional>
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

// Which pages are worth rendering for their ruling lines (rendering costs far more than reading
// the words): called with each page's words; pages it refuses get no rulings.
using WantsRulings = std::function<bool(const PageWords&)>;

PdfPages read_page_words(std::string_view bytes, const WantsRulings& wants_rulings = nullptr);

}  // namespace nianbao::pdf
