// Page text assembly. Source offsets point into the assembled text itself, so provenance in PDF
// prose is "this position of the extracted text"; table cells carry page and box instead.
#include "extract/pdf/page_text.h"

#include <algorithm>

#include "extract/pdf/page_regions.h"

namespace nianbao::pdf {
namespace {

void append(MappedText& text, const std::string& piece) {
  for (char c : piece) {
    text.source_offsets.push_back(static_cast<uint32_t>(text.utf8.size()));
    text.utf8.push_back(c);
  }
}

}  // namespace

void append_page_text(const std::vector<Line>& lines, MappedText& text) {
  double left = 1e9, right = -1e9;
  for (const Line& line : lines) {
    for (const Fragment& fragment : line.fragments) {
      left = std::min(left, fragment.box.left);
      right = std::max(right, fragment.box.right);
    }
  }
  for (const Line& line : lines) {
    if (classify_line(line, left, right) == LineKind::page_number) continue;
    for (size_t i = 0; i < line.fragments.size(); ++i) append(text, (i ? " " : "") + line.fragments[i].text);
    append(text, "\n");
  }
}

}  // namespace nianbao::pdf
