// Text that remembers where each of its bytes came from in the original document, so that a cell
// found in normalized text can point back at its source bytes (spec: provenance).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nianbao {

struct MappedText {
  std::string utf8;                      // the text, UTF-8
  std::vector<uint32_t> source_offsets;  // one entry per byte of utf8: offset in the original bytes

  // Offset in the original document of the byte at `index` in utf8 (-1 when out of range).
  int64_t source_offset(size_t index) const {
    return index < source_offsets.size() ? static_cast<int64_t>(source_offsets[index]) : -1;
  }
};

// A code point with the offset of its first byte in the original document; the unit the
// normalization stages work on.
struct MappedChar {
  char32_t cp;
  uint32_t source;
};

std::vector<MappedChar> to_chars(const MappedText& text);
MappedText from_chars(const std::vector<MappedChar>& chars);

}  // namespace nianbao
