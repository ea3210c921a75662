// Plain text and Markdown documents (mirror-site dumps, text copies): decode, normalize, and find
// the pipe-delimited tables.
#pragma once

#include <string_view>

#include "extract/readers/read_document.h"
#include "common/text/decode.h"

namespace nianbao {

ReadDocument read_text_document(const DecodedText& decoded);

}  // namespace nianbao
