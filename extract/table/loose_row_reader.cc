// Recognizes the three line shapes of a separator-less 表二 block with ICU regular expressions and
// splits them into cells: a caption is one cell, a header splits on spaces, a row is label + numbers.
#include "extract/table/loose_row_reader.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>

namespace nianbao {
namespace {

enum class LineShape { other, caption, header, row };

struct LooseLine {
  LineShape shape = LineShape::other;
  std::vector<std::pair<std::string, size_t>> cells;  // text, byte index in the normalized text
};

const icu::RegexPattern& row_pattern() {
  static const std::unique_ptr<icu::RegexPattern> pattern = [] {
    UErrorCode status = U_ZERO_ERROR;
    // A label of Han text (no sentence punctuation, no digits), then one or more numbers.
    std::unique_ptr<icu::RegexPattern> compiled(icu::RegexPattern::compile(
        icu::UnicodeString::fromUTF8("^(\\p{Han}[^\\d|,;:。，；：]{0,30}?)((?:\\s+[+\\-]?\\d[\\d,]*(?:\\.\\d+)?(?:万元|元)?)+)\\s*$"), 0,
        status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU: loose row pattern does not compile");
    return compiled;
  }();
  return *pattern;
}

std::vector<std::pair<std::string, size_t>> split_on_spaces(std::string_view text, size_t start) {
  std::vector<std::pair<std::string, size_t>> cells;
  size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && text[at] == ' ') ++at;
    size_t end = text.find(' ', at);
    if (end == std::string_view::npos) end = text.size();
    if (end > at) cells.push_back({std::string(text.substr(at, end - at)), start + at});
    at = end;
  }
  return cells;
}

LooseLine classify_line(std::string_view line, size_t start) {
  LooseLine loose;
  if (line.find('|') != std::string_view::npos || line.empty()) return loose;
  if (line.rfind("第二十条", 0) == 0 && line.size() < 40) {
    loose.shape = LineShape::caption;
    loose.cells.push_back({std::string(line), start});
    return loose;
  }
  if (line.rfind("信息内容", 0) == 0 && line.size() < 160) {
    loose.shape = LineShape::header;
    const size_t label = std::string_view("信息内容").size();
    loose.cells.push_back({"信息内容", start});
    for (auto& cell : split_on_spaces(line.substr(label), start + label)) loose.cells.push_back(cell);
    return loose;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(std::string(line));
  std::unique_ptr<icu::RegexMatcher> matcher(row_pattern().matcher(unicode, status));
  if (U_FAILURE(status) || !matcher->matches(status)) return loose;
  std::string label;
  matcher->group(1, status).toUTF8String(label);
  loose.shape = LineShape::row;
  loose.cells.push_back({label, start});
  for (auto& cell : split_on_spaces(line.substr(label.size()), start + label.size())) loose.cells.push_back(cell);
  return loose;
}

PositionedGrid to_grid(const std::vector<LooseLine>& lines, const MappedText& text, size_t begin, size_t end) {
  PositionedGrid positioned;
  positioned.begin = begin;
  positioned.end = end;
  size_t width = 0;
  for (const LooseLine& line : lines) width = std::max(width, line.cells.size());
  for (size_t r = 0; r < lines.size(); ++r) {
    std::vector<GridCell> row;
    for (size_t c = 0; c < width; ++c) {
      GridCell cell;
      cell.origin.row = static_cast<int>(r);
      cell.origin.col = static_cast<int>(c);
      if (c < lines[r].cells.size()) {
        cell.text = lines[r].cells[c].first;
        cell.origin.byte_offset = text.source_offset(lines[r].cells[c].second);
      }
      row.push_back(std::move(cell));
    }
    positioned.grid.rows.push_back(std::move(row));
  }
  return positioned;
}

}  // namespace

std::vector<PositionedGrid> read_loose_rows(const MappedText& text) {
  std::vector<PositionedGrid> grids;
  std::vector<LooseLine> run;
  size_t run_begin = 0, run_end = 0;
  auto close_run = [&] {
    bool has_header = false, has_row = false;
    for (const LooseLine& line : run) {
      has_header |= line.shape == LineShape::header;
      has_row |= line.shape == LineShape::row;
    }
    if (has_header && has_row) grids.push_back(to_grid(run, text, run_begin, run_end));
    run.clear();
  };
  size_t start = 0;
  const std::string& all = text.utf8;
  while (start <= all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    LooseLine line = classify_line(std::string_view(all).substr(start, end - start), start);
    if (line.shape == LineShape::other) {
      close_run();
    } else {
      if (run.empty()) run_begin = start;
      run_end = end;
      run.push_back(std::move(line));
    }
    start = end + 1;
  }
  close_run();
  return grids;
}

}  // namespace nianbao
