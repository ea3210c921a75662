// The charset of an HTML page: BOM, then the HTTP header's hint, then each <meta charset> /
// http-equiv label in page order — each verified by a strict decode — then detection.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/text/decode.h"

namespace nianbao {

// Charset labels declared in the page's <meta> tags, in order (duplicates kept).
std::vector<std::string> meta_charset_labels(std::string_view bytes);

DecodedText decode_html(std::string_view bytes, std::string_view http_charset);

}  // namespace nianbao
