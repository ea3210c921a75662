// Conversion between MappedText (UTF-8 bytes with per-byte source offsets) and a sequence of
// MappedChar code points, using ICU's UTF-8 macros.
#include "common/text/mapped_text.h"

#include <unicode/utf8.h>

namespace nianbao {

std::vector<MappedChar> to_chars(const MappedText& text) {
  std::vector<MappedChar> chars;
  chars.reserve(text.utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.utf8.data());
  int32_t length = static_cast<int32_t>(text.utf8.size());
  int32_t index = 0;
  while (index < length) {
    int32_t start = index;
    UChar32 cp;
    U8_NEXT(bytes, index, length, cp);
    if (cp < 0) cp = 0xFFFD;
    chars.push_back({static_cast<char32_t>(cp), text.source_offsets[start]});
  }
  return chars;
}

MappedText from_chars(const std::vector<MappedChar>& chars) {
  MappedText text;
  text.utf8.reserve(chars.size() * 3);
  text.source_offsets.reserve(chars.size() * 3);
  for (const MappedChar& c : chars) {
    uint8_t buffer[4];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(buffer, length, 4, static_cast<UChar32>(c.cp), error);
    if (error) continue;
    for (int32_t i = 0; i < length; ++i) {
      text.utf8.push_back(static_cast<char>(buffer[i]));
      text.source_offsets.push_back(c.source);
    }
  }
  return text;
}

}  // namespace nianbao
