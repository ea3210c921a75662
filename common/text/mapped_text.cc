// Conversion between MappedText (UTF-8 bytes with per-byte source offsets) and a sequence of
// MappedChar code points, using ICU's UTF-8 macros.
#include "common/text/mapped_text.h"

#include <unicode/utf8.h>

#include <algorithm>

namespace nianbao {

std::vector<MappedChar> to_chars(const MappedText& text) { return to_chars(text, 0, text.utf8.size()); }

std::vector<MappedChar> to_chars(const MappedText& text, size_t begin, size_t end) {
  std::vector<MappedChar> chars;
  end = std::min(end, text.utf8.size());
  if (begin >= end) return chars;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.utf8.data() + begin);

  int32_t length = static_cast<int32_t>(end - begin);
  int32_t index = 0;
  while (index < length) {
    int32_t start = index;
    UChar32 cp;
    U8_NEXT(bytes, index, length, cp);
    if (cp < 0) cp = 0xFFFD;
    size_t at = begin + static_cast<size_t>(start);
    chars.push_back({static_cast<char32_t>(cp), text.identity ? static_cast<uint32_t>(at) : text.source_offsets[at]});
  }
  return chars;
}

MappedText from_chars(const std::vector<MappedChar>& chars) {
  MappedText text;
  append_chars(chars, text);
  return text;
}

void append_chars(const std::vector<MappedChar>& chars, MappedText& text) {
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
}

}  // namespace nianbao
