// HTML report pages (Gumbo): charset from BOM, HTTP hint and <meta>, main text in reading order,
// every <table> as a grid with rowspan/colspan expanded.
#pragma once

#include <string_view>

#include "extract/readers/read_document.h"

namespace nianbao {

ReaderResult read_html_document(std::string_view bytes, std::string_view charset_hint);

}  // namespace nianbao
