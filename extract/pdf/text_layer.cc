// Unmapped text: UTF-8 is decoded leniently (a broken sequence counts as unmapped); spaces, tabs
// and newlines are neither mapped nor unmapped.
#include "extract/pdf/text_layer.h"

#include <cstdint>
#include <string>

namespace nianbao::pdf {
namespace {

// Decodes the code point at `at` and advances; U+FFFD for a broken sequence.
uint32_t next_code_point(std::string_view text, size_t& at) {
  auto byte = static_cast<unsigned char>(text[at++]);
  if (byte < 0x80) return byte;
  int extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : -1;
  if (extra < 0 || at + static_cast<size_t>(extra) > text.size()) return 0xFFFD;
  uint32_t code = byte & (0x3F >> extra);
  for (int i = 0; i < extra; ++i) {
    auto continuation = static_cast<unsigned char>(text[at++]);
    if ((continuation & 0xC0) != 0x80) return 0xFFFD;
    code = (code << 6) | (continuation & 0x3F);
  }
  return code;
}

bool unmapped(uint32_t code) {
  bool control = code < 0x20 || (code >= 0x7F && code < 0xA0);
  bool private_use = (code >= 0xE000 && code <= 0xF8FF) || code >= 0xF0000;
  return control || private_use || code == 0xFFFD;
}

bool is_cjk(uint32_t code) { return (code >= 0x3000 && code <= 0x9FFF) || (code >= 0xFF00 && code <= 0xFFEF); }

}  // namespace

bool is_unmapped_text(std::string_view text) {
  size_t counted = 0, bad = 0, cjk = 0;
  for (size_t at = 0; at < text.size();) {
    uint32_t code = next_code_point(text, at);
    if (code == ' ' || code == '\t' || code == '\n' || code == '\r') continue;
    ++counted;
    bad += unmapped(code);
    cjk += is_cjk(code);
  }
  if (counted == 0) return false;
  bool mostly_unmapped = bad * 10 >= counted * 3;
  bool unmapped_without_chinese = bad * 100 >= counted * 3 && cjk * 10 < counted;  // glyph ids of a subset
  return mostly_unmapped || unmapped_without_chinese;
}

bool page_needs_ocr(const PageWords& page) {
  std::string text;
  for (const PageWord& word : page.words) text += word.text;
  return is_unmapped_text(text);
}

}  // namespace nianbao::pdf
