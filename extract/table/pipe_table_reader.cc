// Splits pipe-delimited lines into cells and groups consecutive such lines into tables. A row whose
// value cells fall short of the table's usual count, followed by a line of values only, is one row
// broken over two lines (mirror-site dumps do this) and is joined back.
#include "extract/table/pipe_table_reader.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "extract/table/cell_value.h"

namespace nianbao {
namespace {

struct TextCell {
  std::string text;
  size_t start = 0;  // byte index in the normalized text
};

using TextRow = std::vector<TextCell>;

struct Line {
  size_t start = 0;
  std::string_view content;
};

std::vector<Line> split_lines(const std::string& text) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back({start, std::string_view(text).substr(start, end - start)});
    start = end + 1;
  }
  return lines;
}

bool is_markdown_rule(std::string_view line) {
  return line.find('-') != std::string_view::npos &&
         line.find_first_not_of("|-: ") == std::string_view::npos;
}

TextRow split_cells(const Line& line) {
  TextRow row;
  size_t cell_start = 0;
  for (size_t i = 0; i <= line.content.size(); ++i) {
    if (i < line.content.size() && line.content[i] != '|') continue;
    std::string_view raw = line.content.substr(cell_start, i - cell_start);
    size_t lead = raw.find_first_not_of(' ');
    size_t trail = raw.find_last_not_of(' ');
    TextCell cell;
    cell.start = line.start + cell_start + (lead == std::string_view::npos ? 0 : lead);
    if (lead != std::string_view::npos) cell.text = std::string(raw.substr(lead, trail - lead + 1));
    row.push_back(cell);
    cell_start = i + 1;
  }
  // Markdown rows open and close with a pipe: the empty cells outside them are not cells of the table.
  std::string_view content = line.content;
  while (!content.empty() && content.back() == ' ') content.remove_suffix(1);
  bool markdown = !content.empty() && content.front() == '|';
  if (markdown && !row.empty()) row.erase(row.begin());
  if (markdown && content.size() > 1 && content.back() == '|' && !row.empty() && row.back().text.empty()) row.pop_back();
  return row;
}

// Cells after the row's labels: everything from the first value-looking cell on, trailing blanks
// dropped (they come from the trailing pipes of merged cells).
size_t value_count(const TextRow& row) {
  size_t last = row.size();
  while (last > 0 && row[last - 1].text.empty()) --last;
  size_t first = 0;
  while (first < last && !is_value_cell(row[first].text)) ++first;
  return last - first;
}

bool has_label(const TextRow& row) {
  return std::any_of(row.begin(), row.end(), [](const TextCell& c) { return !is_value_cell(c.text); });
}

bool has_value(const TextRow& row) {
  return std::any_of(row.begin(), row.end(), [](const TextCell& c) { return !c.text.empty() && is_value_cell(c.text); });
}

// The number of value cells most labelled rows of this table carry.
size_t usual_value_count(const std::vector<TextRow>& rows) {
  std::map<size_t, int> histogram;
  for (const TextRow& row : rows) {
    if (has_label(row) && has_value(row)) ++histogram[value_count(row)];
  }
  size_t best = 0;
  int best_count = 0;
  for (auto [count, times] : histogram) {
    if (times > best_count) best = count, best_count = times;
  }
  return best;
}

void drop_trailing_blanks(TextRow& row) {
  while (!row.empty() && row.back().text.empty()) row.pop_back();
}

// A row that is only its label (one text cell, nothing else): its values went to the next line.
bool is_lone_label(const TextRow& row) {
  int filled = 0;
  for (const TextCell& cell : row) filled += cell.text.empty() ? 0 : 1;
  return filled == 1 && has_label(row);
}

std::vector<TextRow> join_broken_rows(std::vector<TextRow> rows) {
  size_t usual = usual_value_count(rows);
  std::vector<TextRow> joined;
  for (TextRow& row : rows) {
    bool previous_open = !joined.empty() && has_label(joined.back()) &&
                         (has_value(joined.back()) || is_lone_label(joined.back()));
    if (usual > 0 && previous_open && !has_label(row)) {
      TextRow& previous = joined.back();
      size_t have = value_count(previous);
      TextRow tail = row;
      drop_trailing_blanks(tail);
      if (have < usual && have + tail.size() <= usual) {
        drop_trailing_blanks(previous);
        previous.insert(previous.end(), tail.begin(), tail.end());
        continue;
      }
    }
    joined.push_back(std::move(row));
  }
  return joined;
}

Grid to_grid(const std::vector<TextRow>& rows, const MappedText& text, int index) {
  Grid grid;
  grid.index = index;
  size_t width = 0;
  for (const TextRow& row : rows) width = std::max(width, row.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    std::vector<GridCell> cells;
    for (size_t c = 0; c < width; ++c) {
      GridCell cell;
      cell.origin.row = static_cast<int>(r);
      cell.origin.col = static_cast<int>(c);
      if (c < rows[r].size()) {
        cell.text = rows[r][c].text;
        cell.origin.byte_offset = text.source_offset(rows[r][c].start);
      } else {
        cell.padded = true;
      }
      cells.push_back(std::move(cell));
    }
    grid.rows.push_back(std::move(cells));
  }
  return grid;
}

}  // namespace

std::vector<PositionedGrid> read_pipe_tables(const MappedText& text) {
  std::vector<PositionedGrid> grids;
  std::vector<TextRow> region;
  size_t region_begin = 0, region_end = 0;
  auto close_region = [&] {
    if (!region.empty() && (region.size() >= 2 || region.front().size() >= 3)) {
      grids.push_back({to_grid(join_broken_rows(std::move(region)), text, 0), region_begin, region_end});
    }
    region.clear();
  };
  for (const Line& line : split_lines(text.utf8)) {
    if (line.content.find('|') == std::string_view::npos) {
      close_region();
      continue;
    }
    if (region.empty()) region_begin = line.start;
    region_end = line.start + line.content.size();
    if (is_markdown_rule(line.content)) continue;
    region.push_back(split_cells(line));
  }
  close_region();
  return grids;
}

}  // namespace nianbao
