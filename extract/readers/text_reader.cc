// The text reader: the decoded text is normalized (NFKC, simplified, pinyin removed, spaces
// folded); its pipe-delimited regions and separator-less 表二 runs become grids in document order,
// each with the text printed just before it as its caption.
#include "extract/readers/text_reader.h"

#include <algorithm>

#include "extract/table/loose_row_reader.h"
#include "extract/table/pipe_table_reader.h"
#include "extract/text/normalize.h"

namespace nianbao {
namespace {

constexpr size_t kCaptionBytes = 240;

std::string caption_between(const std::string& text, size_t from, size_t to) {
  if (to <= from) return "";
  size_t begin = to - std::min(to - from, kCaptionBytes);
  while (begin < to && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) ++begin;  // UTF-8 boundary
  return text.substr(begin, to - begin);
}

}  // namespace

ReadDocument read_text_document(const DecodedText& decoded) {
  ReadDocument document;
  document.charset = decoded.charset;
  document.text = normalize_text(decoded.text);
  std::vector<PositionedGrid> found = read_pipe_tables(document.text);
  std::vector<PositionedGrid> loose = read_loose_rows(document.text);
  found.insert(found.end(), std::make_move_iterator(loose.begin()), std::make_move_iterator(loose.end()));
  std::stable_sort(found.begin(), found.end(),
                   [](const PositionedGrid& a, const PositionedGrid& b) { return a.begin < b.begin; });
  size_t previous_end = 0;
  for (PositionedGrid& positioned : found) {
    positioned.grid.index = static_cast<int>(document.grids.size());
    positioned.grid.caption = caption_between(document.text.utf8, previous_end, positioned.begin);
    previous_end = positioned.end;
    document.grids.push_back(std::move(positioned.grid));
  }
  return document;
}

}  // namespace nianbao
