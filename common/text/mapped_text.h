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
  // True when byte i of utf8 is byte i of the original (valid UTF-8 read as is): source_offsets is
  // then left empty, sparing 4 bytes of map per byte of text.
  bool identity = false;

  // Offset in the original document of the byte at `index` in utf8 (-1 when out of range).
  int64_t source_offset(size_t index) const {
    if (identity) return index < utf8.size() ? static_cast<int64_t>(index) : -1;
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

// The code points of text.utf8[begin, end) (a range on character boundaries) with their offsets:
// lets a stage work on one piece of a long text at a time instead of a copy of all of it.
std::vector<MappedChar> to_chars(const MappedText& text, size_t begin, size_t end);
// Appends `chars` to `text` (every byte of a character maps to the character's source offset).
void append_chars(const std::vector<MappedChar>& chars, MappedText& text);

}  // namespace nianbao
