// The text reader: the decoded text is normalized (NFKC, simplified, pinyin removed, spaces
// folded); its pipe-delimited regions, separator-less 表二 runs and tables flattened onto one line
// become grids in document order, each with the text printed just before it as its caption. The
// labelled opening lines of an archive dump (标题:, 发布时间:) give the title and publication date.
#include "extract/readers/text_reader.h"

#include <algorithm>

#include "extract/recognize/metadata.h"
#include "extract/table/flat_table_reader.h"
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

void append(std::vector<PositionedGrid>& found, std::vector<PositionedGrid>&& more) {
  found.insert(found.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

// The grids of `grids` that share no text with a flattened table (a pipe region that is a whole
// flattened page with a footer "使用帮助 | 联系我们" is that page, not a table).
std::vector<PositionedGrid> outside(std::vector<PositionedGrid> grids, const std::vector<PositionedGrid>& flat) {
  std::erase_if(grids, [&](const PositionedGrid& grid) {
    return std::any_of(flat.begin(), flat.end(),
                       [&](const PositionedGrid& table) { return grid.begin < table.end && table.begin < grid.end; });
  });
  return grids;
}

void read_labelled_lines(ReadDocument& document) {
  LabelledHeader header = read_labelled_header(document.text.utf8);
  document.title = header.title;
  if (header.published) {
    document.published = header.published;
    document.published_source = kPublishedFromPrinted;
  }
}

}  // namespace

ReadDocument read_text_document(const DecodedText& decoded) {
  ReadDocument document;
  document.charset = decoded.charset;
  document.text = normalize_text(decoded.text);
  read_labelled_lines(document);
  FlatTables flat = read_flat_tables(document.text);
  std::vector<PositionedGrid> found = outside(read_pipe_tables(document.text), flat.grids);
  append(found, outside(read_loose_rows(document.text), flat.grids));
  append(found, std::move(flat.grids));
  document.findings = std::move(flat.findings);
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
