// Width-aware text tables. The wide ranges are the common CJK blocks and full-width forms; that
// covers every label in the official tables without pulling in a Unicode width library.
#include "cli/text_table.h"

#include <algorithm>
#include <cstdint>

namespace nianbao::cli {
namespace {

bool is_wide(uint32_t code) {
  return (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0x303E) ||
         (code >= 0x3041 && code <= 0x33FF) || (code >= 0x3400 && code <= 0x4DBF) ||
         (code >= 0x4E00 && code <= 0x9FFF) || (code >= 0xA000 && code <= 0xA4CF) ||
         (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
         (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
         (code >= 0xFFE0 && code <= 0xFFE6) || (code >= 0x20000 && code <= 0x3FFFD);
}

// Decodes the code point starting at text[i] and advances i; an invalid byte counts as one.
uint32_t next_code_point(std::string_view text, size_t& i) {
  auto lead = static_cast<unsigned char>(text[i]);
  int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + static_cast<size_t>(length) > text.size()) {
    ++i;
    return lead;
  }
  uint32_t code = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  i += static_cast<size_t>(length);
  return code;
}

void pad(std::string& out, int count) { out.append(static_cast<size_t>(std::max(count, 0)), ' '); }

}  // namespace

int display_width(std::string_view text) {
  int width = 0;
  for (size_t i = 0; i < text.size();) width += is_wide(next_code_point(text, i)) ? 2 : 1;
  return width;
}

std::string TextTable::render() const {
  std::vector<int> widths;
  for (const auto& row : rows_) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  std::string out;
  for (const auto& row : rows_) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      int gap = widths[c] - display_width(row[c]);
      if (c > 0) line += "  ";
      bool right = c > 0 && others_ == Align::right;
      if (right) pad(line, gap);
      line += row[c];
      if (!right) pad(line, gap);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace nianbao::cli
