// Appending one Unicode code point to a std::string as UTF-8 (1 to 4 bytes), the encoder shared by
// the store's JSON text decoder and the audit's narrative normalizer.
#pragma once

#include <string>

namespace nianbao {

// Appends `code` to `out` in UTF-8. No validation: a surrogate or a value above U+10FFFF is
// encoded by the same bit layout (callers pass decoded code points).
void append_utf8(std::string& out, char32_t code);

}  // namespace nianbao
